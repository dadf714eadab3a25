/** Formatting: the canonical .hrd layout (§1.4); no edits when already canonical or when the parse lost data. */
import type { TextEdit } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { formatHrdText } from '../recipe/format';
import { tooLarge, type FeatureRequest } from './context';

type Format = (r: FeatureRequest) => TextEdit[];

const byKind: KindTable<Format> = {
  hrd(r) {
    const hrd = r.state.documents.parse(r.doc);
    const text = formatHrdText(hrd);
    if (text === undefined || text === hrd.text) return [];
    return [{ range: hrd.index.range(0, hrd.text.length), newText: text }];
  },
};

export function format(r: FeatureRequest): TextEdit[] {
  if (tooLarge(r)) return []; // never replace a document with the empty model's text
  return byKind[r.kind]?.(r) ?? [];
}
