/** Hover: .hrd key documentation; actions.py registerImage and ActionsBase methods. */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { hrdHover } from '../recipe/hover';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';

type HoverAt = (r: FeatureRequest, position: Position) => Hover | null;

const byKind: KindTable<HoverAt> = {
  hrd(r, position) {
    const hrd = r.state.documents.parse(r.doc);
    return hrdHover(hrd, hrd.index.offsetAt(position));
  },
  actions(r, position) {
    const ctx = actionsContextFor(r);
    return ctx ? r.state.actions.hover(r.doc, position, ctx) : null;
  },
};

export function hover(r: FeatureRequest, position: Position): Hover | null {
  if (tooLarge(r)) return null;
  return byKind[r.kind]?.(r, position) ?? null;
}
