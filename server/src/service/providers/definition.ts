/**
 * Go to definition and references: `$(key)` in .hrd; in actions.py, from a registerImage call to the `dest` of
 * the sibling service.hrd (no references there).
 */
import type { Location, Position } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { hrdDefinition, hrdReferences } from '../recipe/navigation';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';

type DefinitionAt = (r: FeatureRequest, position: Position) => Location[] | null;
type ReferencesAt = (r: FeatureRequest, position: Position, includeDeclaration: boolean) => Location[];

const definitionByKind: KindTable<DefinitionAt> = {
  hrd(r, position) {
    const hrd = r.state.documents.parse(r.doc);
    return hrdDefinition(hrd, r.doc.uri, hrd.index.offsetAt(position));
  },
  actions(r, position) {
    const ctx = actionsContextFor(r);
    const locs = ctx ? r.state.actions.definition(r.doc, position, ctx) : [];
    return locs.length ? locs : null;
  },
};

const referencesByKind: KindTable<ReferencesAt> = {
  hrd(r, position, includeDeclaration) {
    const hrd = r.state.documents.parse(r.doc);
    return hrdReferences(hrd, r.doc.uri, hrd.index.offsetAt(position), includeDeclaration);
  },
};

export function definition(r: FeatureRequest, position: Position): Location[] | null {
  if (tooLarge(r)) return null;
  return definitionByKind[r.kind]?.(r, position) ?? null;
}

export function references(r: FeatureRequest, position: Position, includeDeclaration: boolean): Location[] {
  if (tooLarge(r)) return [];
  return referencesByKind[r.kind]?.(r, position, includeDeclaration) ?? [];
}
