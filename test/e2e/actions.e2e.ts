import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, openRecipe, restoreDocument, waitFor } from './util';

const code = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

describe('actions.py language server', () => {
  before(async () => {
    await (
      await activeApi()
    ).ready;
  });

  it('flags the legacy registerImage call under the current profile, and the quick fix rewrites it', async () => {
    const editor = await openRecipe('image_centos-7', 'actions.py');
    const uri = editor.document.uri;
    const original = fs.readFileSync(uri.fsPath, 'utf8');
    const diag = await waitFor('actions-register-legacy', () =>
      vscode.languages.getDiagnostics(uri).find((d) => code(d) === 'actions-register-legacy'),
    );
    assert.match(diag.message, /Linux/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
    );
    const fix =
      actions.find(
        (a) =>
          a.kind?.value === 'quickfix' && a.edit && a.diagnostics?.some((d) => code(d) === 'actions-register-legacy'),
      ) ?? actions.find((a) => a.kind?.value === 'quickfix' && a.edit && /current|imagename/i.test(a.title));
    assert.ok(fix, `a quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor(
      'actions-register-legacy to disappear',
      () => !vscode.languages.getDiagnostics(uri).some((d) => code(d) === 'actions-register-legacy'),
    );
    assert.match(editor.document.getText(), /registerImage\(serviceObj, name, 'Linux', 10\)/);
    await restoreDocument(editor.document, original);
  });

  it('offers registerImage argument values and signature help', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'actions.py');
    const text = editor.document.getText();
    const at = editor.document.positionAt(text.indexOf("'Linux'") + 1);
    const help = await waitFor('signature help', async () =>
      (
        await vscode.commands.executeCommand<vscode.SignatureHelp>(
          'vscode.executeSignatureHelpProvider',
          editor.document.uri,
          at,
        )
      )?.signatures.length
        ? true
        : undefined,
    );
    assert.ok(help);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      at,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.some((l) => /Windows/.test(l)),
      `Windows among ${labels.slice(0, 20).join(', ')}`,
    );
  });

  it('outlines actions.py: class Actions, its methods, each registerImage call with its display name', async () => {
    const editor = await openRecipe('image_ubuntu-2204', 'actions.py');
    const symbols = await waitFor('the actions.py outline', async () => {
      const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      );
      return s?.find((x) => x.name === 'Actions') ? s : undefined;
    });
    const cls = symbols.find((x) => x.name === 'Actions')!;
    assert.equal(cls.kind, vscode.SymbolKind.Class);
    const names = cls.children.flatMap((m) => [m.name, ...m.children.map((c) => `${m.name} > ${c.name}`)]);
    assert.ok(names.includes('configure'), names.join(', '));
    assert.ok(
      names.some((n) => /^configure > registerImage '.+'$/.test(n)),
      names.join(', '),
    );
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
      'vscode.executeFoldingRangeProvider',
      editor.document.uri,
    );
    assert.ok(
      folds.some((f) => f.start === cls.range.start.line),
      `the class folds: ${JSON.stringify(folds)}`,
    );
  });
});
