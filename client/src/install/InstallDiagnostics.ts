import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { anchorFailures, RecipeFile } from '../../../common/install/failureAnchors';
import type { RecipeText } from '../../../common/install/InstallSession';
import { InstallFailure } from '../../../common/install/parseOutput';

/**
 * Puts the known install failures (KeyError: 'source', No image export defined, FTP 550, template
 * lookup errors, Fabric "Fatal error", tracebacks of actions.py…) on the recipe files with a plain
 * explanation, anchored in the content that ran (common/install/failureAnchors). They are dropped
 * when their file changes (edited, saved or changed on disk) and when the next run succeeds.
 */
export class InstallDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ays-install');
  private readonly subscriptions: vscode.Disposable[] = [];
  /** File → the disk text the diagnostics were computed against. */
  private readonly shownFor = new Map<string, string>();

  constructor() {
    const drop = (uri: vscode.Uri) => {
      if (this.collection.has(uri)) {
        this.collection.delete(uri);
        this.shownFor.delete(uri.fsPath);
      }
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/{service.hrd,actions.py}');
    this.subscriptions.push(
      watcher,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) drop(e.document.uri);
      }),
      watcher.onDidChange((u) => {
        if (this.shownFor.has(u.fsPath) && readText(u.fsPath) !== this.shownFor.get(u.fsPath)) drop(u);
      }),
      watcher.onDidDelete(drop),
    );
  }

  clear(folder: string): void {
    for (const f of ['service.hrd', 'actions.py']) {
      this.collection.delete(vscode.Uri.file(path.join(folder, f)));
      this.shownFor.delete(path.join(folder, f));
    }
  }

  /** Replaces the install diagnostics of a recipe folder with those of `failures` on `node`; `ran` is the content that was installed. */
  set(folder: string, node: string, failures: InstallFailure[], ran: RecipeText[] = [], pushed = false): void {
    const text = (f: RecipeFile, from: 'ran' | 'current') => {
      const p = path.join(folder, f);
      return from === 'ran' ? ran.find((r) => r.path === p)?.text : readText(p);
    };
    const files: RecipeFile[] = ['service.hrd', 'actions.py'];
    const ranTexts = Object.fromEntries(files.map((f) => [f, text(f, 'ran')]));
    const current = Object.fromEntries(files.map((f) => [f, text(f, 'current')]));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const a of anchorFailures(failures, ranTexts, current)) {
      const full = path.join(folder, a.file);
      const lineText = (current[a.file] ?? '').split(/\r?\n/)[a.line] ?? '';
      const f = a.failure;
      const where = pushed ? ' (in the pushed version that ran)' : '';
      const d = new vscode.Diagnostic(
        new vscode.Range(a.line, 0, a.line, lineText.length),
        `ays install on ${node} failed${where}: ${f.message}${a.note ? ` (${a.note})` : ''}${f.evidence ? `\nAYS said: ${f.evidence.trim()}` : ''}`,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'ays install';
      d.code = f.kind;
      const list = byFile.get(full) ?? [];
      list.push(d);
      byFile.set(full, list);
    }
    this.clear(folder);
    for (const [file, list] of byFile) {
      this.collection.set(vscode.Uri.file(file), list);
      this.shownFor.set(file, current[path.basename(file) as RecipeFile] ?? '');
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

function readText(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}
