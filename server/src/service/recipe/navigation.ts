/** Outline, folding, go to definition and find references (`$(key)`) for .hrd files. */
import { DocumentSymbol, FoldingRange, FoldingRangeKind, Location, SymbolKind } from 'vscode-languageserver-types';
import type { HrdDocument, HrdItem } from '../hrd/HrdModel';

function itemSymbol(doc: HrdDocument, item: HrdItem): DocumentSymbol {
  const ix = doc.index;
  const range = ix.range(ix.lineStart(item.line), ix.lineEnd(item.endLine));
  const sel =
    item.keySpan.end > item.keySpan.start
      ? ix.range(item.keySpan.start, item.keySpan.end)
      : ix.range(item.keySpan.start, item.keySpan.start);
  const kind = item.type === 'dict' ? SymbolKind.Object : item.type === 'list' ? SymbolKind.Array : SymbolKind.String;
  const detail =
    item.status !== 'kept' ? `${item.type} (${item.status})` : item.type === 'string' ? String(item.value) : item.type;
  const children =
    item.type === 'dict'
      ? item.entries
          .filter((e) => e.keySpan)
          .map((e) => ({
            name: e.key || "''",
            kind: SymbolKind.Property,
            detail: e.value,
            range: ix.range(e.span.start, e.span.end),
            selectionRange: ix.range(e.keySpan!.start, e.keySpan!.end),
          }))
      : undefined;
  return { name: item.key || "'' (empty key)", detail, kind, range, selectionRange: sel, children };
}

export function hrdSymbols(doc: HrdDocument): DocumentSymbol[] {
  return doc.items.map((it) => itemSymbol(doc, it));
}

export function hrdFolding(doc: HrdDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const it of doc.items) if (it.endLine > it.line) out.push({ startLine: it.line, endLine: it.endLine });
  let start = -1;
  for (let l = 0; l <= doc.lineKinds.length; l++) {
    if (doc.lineKinds[l] === 'comment') {
      if (start < 0) start = l;
      continue;
    }
    if (start >= 0 && l - 1 > start) out.push({ startLine: start, endLine: l - 1, kind: FoldingRangeKind.Comment });
    start = -1;
  }
  return out;
}

/** The key name under `offset`: a `$(name)` reference or a key. */
function nameAt(doc: HrdDocument, offset: number): string | undefined {
  for (const r of doc.references) if (offset >= r.span.start && offset <= r.span.end) return r.name;
  for (const it of doc.items)
    if (offset >= it.keySpan.start && offset <= it.keySpan.end && it.keySpan.end > it.keySpan.start) return it.key;
  return undefined;
}

export function hrdDefinition(doc: HrdDocument, uri: string, offset: number): Location[] | null {
  const ref = doc.references.find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!ref) return null;
  const it = doc.keys.get(ref.name);
  if (!it) return null;
  return [{ uri, range: doc.index.range(it.keySpan.start, it.keySpan.end) }];
}

export function hrdReferences(doc: HrdDocument, uri: string, offset: number, includeDeclaration = true): Location[] {
  const name = nameAt(doc, offset);
  if (name === undefined) return [];
  const out: Location[] = [];
  if (includeDeclaration) {
    for (const it of doc.items)
      if (it.key === name) out.push({ uri, range: doc.index.range(it.keySpan.start, it.keySpan.end) });
  }
  for (const r of doc.references)
    if (r.name === name) out.push({ uri, range: doc.index.range(r.span.start, r.span.end) });
  return out;
}
