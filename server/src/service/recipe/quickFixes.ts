/** Quick fixes: CodeActions built from the fixes each diagnostic carries in `data.fixes`. */
import { CodeAction, CodeActionKind, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { diagnosticKey, indexByKey } from '../diagnosticKey';
import { pathToUri } from '../uriPath';
import type { DiagnosticData, FixData } from './diagnostic';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function fixesOf(d: Diagnostic): FixData[] {
  const data = d.data as DiagnosticData | undefined;
  return data && Array.isArray(data.fixes) ? data.fixes : [];
}

export function fixToAction(uri: string, d: Diagnostic, fix: FixData): CodeAction {
  let edit: WorkspaceEdit;
  if (fix.rename) {
    edit = { documentChanges: [{ kind: 'rename', oldUri: pathToUri(fix.rename.from), newUri: pathToUri(fix.rename.to), options: { overwrite: false, ignoreIfExists: true } }] };
  } else {
    edit = { changes: { [uri]: (fix.edits ?? []).map((e) => ({ range: e.range, newText: e.newText })) } };
  }
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit, isPreferred: fix.preferred || undefined };
}

/**
 * Code actions for the diagnostics the client sent back. When a client drops `data`, the fix is looked up in
 * `current` (this document's diagnostics now) by code and range.
 */
export function quickFixes(uri: string, range: Range, sent: Diagnostic[], current: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const pool = sent.length ? sent : current.filter((d) => overlaps(d.range, range));
  let byKey: Map<string, Diagnostic> | undefined;
  for (const d of pool) {
    if (d.source !== undefined && d.source !== 'ays') continue;
    let fixes = fixesOf(d);
    if (!fixes.length) {
      byKey ??= indexByKey(current, (c) => diagnosticKey(c.code, c.range));
      const match = byKey.get(diagnosticKey(d.code, d.range));
      if (match) fixes = fixesOf(match);
    }
    for (const f of fixes) {
      const key = `${diagnosticKey(d.code, d.range)}|${f.title}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(fixToAction(uri, d, f));
    }
  }
  return out;
}
