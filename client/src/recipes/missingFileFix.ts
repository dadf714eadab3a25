import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lastDest } from '../../../common/install/InstallSession';
import { parseImageUrl, propose, renderActions, uniqueStem } from '../../../common/recipe/newRecipe';
import { setting } from '../settings';

/** "Create the missing file" for each recipe-missing-file diagnostic (actions.py scaffold, empty instance.hrd). */
export class MissingFileFix implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const folder = path.dirname(doc.uri.fsPath);
    const out: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics.filter(
      (x) => x.code === 'recipe-missing-file' || (typeof x.code === 'object' && x.code.value === 'recipe-missing-file'),
    )) {
      const file = /No (actions\.py|instance\.hrd)/.exec(d.message)?.[1];
      if (!file || fs.existsSync(path.join(folder, file))) continue;
      const a = new vscode.CodeAction(`Create the missing file ${file}`, vscode.CodeActionKind.QuickFix);
      a.diagnostics = [d];
      a.isPreferred = true;
      const edit = new vscode.WorkspaceEdit();
      const uri = vscode.Uri.file(path.join(folder, file));
      // Written with its content (not a dirty editor to save): the diagnostic goes when the file is there.
      const text = file === 'actions.py' ? actionsFor(doc.getText(), folder) : '';
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
      a.edit = edit;
      out.push(a);
    }
    return out;
  }
}

function actionsFor(serviceHrd: string, folder: string): string {
  const dest = lastDest(serviceHrd) ?? `/opt/jumpscale7/var/tmp/templates/${path.basename(folder)}.qcow2`;
  const base = dest.split('/').pop()!;
  const src = /\bsource\s*:\s*'?([^',\s]+)/.exec(serviceHrd)?.[1] ?? `/${base}`;
  const url = parseImageUrl(`http://h${src.startsWith('/') ? '' : '/'}${src}`);
  const pr = 'error' in url ? { displayName: path.basename(folder), type: 'Linux', size: 10 } : propose(url);
  const profile = setting('profile', vscode.Uri.file(folder));
  return renderActions(
    {
      url: { url: '', source: src, fileName: base },
      displayName: pr.displayName,
      type: pr.type,
      size: pr.size,
      folder: path.basename(folder),
      destStem: uniqueStem(base, new Set()),
      checkmd5: false,
      profile,
    },
    base,
  );
}
