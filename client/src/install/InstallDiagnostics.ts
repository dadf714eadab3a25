import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InstallFailure } from '../../../common/install/parseOutput';

/**
 * Puts the known install failures (KeyError: 'source', No image export defined, FTP 550, template
 * lookup errors, Fabric "Fatal error", tracebacks of actions.py…) on the recipe files with a plain
 * explanation. A successful run of the recipe clears them.
 */
export class InstallDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ays-install');

  clear(folder: string): void {
    for (const f of ['service.hrd', 'actions.py']) this.collection.delete(vscode.Uri.file(path.join(folder, f)));
  }

  /** Replaces the install diagnostics of a recipe folder with those of `failures` on `node`. */
  set(folder: string, node: string, failures: InstallFailure[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const seen = new Set<string>();
    for (const f of failures) {
      const file = f.file ?? (f.kind === 'traceback' && f.line ? 'actions.py' : 'service.hrd');
      const full = path.join(folder, file);
      const range = locate(full, f);
      const key = `${file}:${range.start.line}:${f.kind}:${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const d = new vscode.Diagnostic(range, `ays install on ${node} failed: ${f.message}${f.evidence ? `\nAYS said: ${f.evidence.trim()}` : ''}`,
        vscode.DiagnosticSeverity.Error);
      d.source = 'ays install';
      d.code = f.kind;
      const list = byFile.get(full) ?? [];
      list.push(d);
      byFile.set(full, list);
    }
    this.clear(folder);
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** The line a failure points at: the actions.py traceback line, the service.hrd key, else the first line. */
function locate(file: string, f: InstallFailure): vscode.Range {
  let lines: string[] = [];
  try { lines = fs.readFileSync(file, 'utf8').split(/\r?\n/); } catch { /* file missing: line 0 */ }
  const lineRange = (i: number) => new vscode.Range(i, 0, i, Math.max(0, (lines[i] ?? '').length));
  if (f.line && f.line > 0 && f.line <= lines.length) return lineRange(f.line - 1);
  const key = f.key ?? (f.kind === 'no-image-export' || f.kind === 'missing-export-key' ? 'web.export' : undefined);
  if (key) {
    const entry = new RegExp(`^\\s+${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
    const top = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const i = lines.findIndex((l) => entry.test(l));
    if (i >= 0) return lineRange(i);
    const j = lines.findIndex((l) => top.test(l));
    if (j >= 0) return lineRange(j);
    const k = lines.findIndex((l) => /^web\.export/.test(l));
    if (k >= 0) return lineRange(k);
  }
  return lineRange(0);
}
