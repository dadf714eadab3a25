/**
 * The one path from diagnostics to quick fixes, for every file kind: each rule puts its fixes in `data.fixes`
 * (rule.ts `Fix`), and a code action is built from them. When a client drops `data`, the fix is looked up in
 * `current` (the file's diagnostics now) by code and range.
 */
import { CodeAction, CodeActionKind, Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { diagnosticKey, indexByKey } from '../diagnosticKey';
import { pathToUri } from '../uriPath';
import type { DiagnosticData, Fix } from './rule';
import { SOURCE } from './ruleDiagnostics';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function fixesOf(d: Diagnostic): Fix[] {
  const data = d.data as DiagnosticData | undefined;
  return data && Array.isArray(data.fixes) ? data.fixes : [];
}

export function fixToAction(uri: string, d: Diagnostic, fix: Fix): CodeAction {
  let edit: WorkspaceEdit;
  if (fix.rename) {
    edit = {
      documentChanges: [
        {
          kind: 'rename',
          oldUri: pathToUri(fix.rename.from),
          newUri: pathToUri(fix.rename.to),
          options: { overwrite: false, ignoreIfExists: true },
        },
      ],
    };
  } else {
    edit = { changes: { [uri]: (fix.edits ?? []).map((e) => ({ range: e.range, newText: e.newText })) } };
  }
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit, isPreferred: fix.preferred };
}

/**
 * Code actions for the diagnostics the client sent back (`sent`; those of other sources are skipped), or, when it
 * sent none, for the diagnostics of `current` that overlap `range`.
 */
export function quickFixes(uri: string, range: Range, sent: Diagnostic[], current: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const pool = sent.length ? sent : current.filter((d) => overlaps(d.range, range));
  let byKey: Map<string, Diagnostic> | undefined;
  for (const d of pool) {
    if (d.source !== undefined && d.source !== SOURCE) continue;
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
