/**
 * Diagnostics looked up by code and exact range in O(1) (issue 10 item 6: code actions for a whole-document
 * selection were O(sent × current)).
 */
import type { Range } from 'vscode-languageserver-types';

export function diagnosticKey(code: unknown, r: Range): string {
  return `${String(code)}|${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The first item per key (a Map from diagnosticKey to item). */
export function indexByKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const m = new Map<string, T>();
  for (const t of items) {
    const k = key(t);
    if (!m.has(k)) m.set(k, t);
  }
  return m;
}
