/** Completion: .hrd keys, values and URLs used elsewhere in the workspace; actions.py registerImage arguments. */
import type { CompletionItem, Position } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { hrdCompletion } from '../recipe/completion';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';

type Complete = (r: FeatureRequest, position: Position) => CompletionItem[];

const byKind: KindTable<Complete> = {
  hrd: (r, position) => hrdCompletion(r.state.documents.parse(r.doc), position, { urls: r.state.index.urls() }),
  actions(r, position) {
    const ctx = actionsContextFor(r);
    return ctx ? r.state.actions.complete(r.doc, position, ctx) : [];
  },
};

export function complete(r: FeatureRequest, position: Position): CompletionItem[] {
  if (tooLarge(r)) return [];
  return byKind[r.kind]?.(r, position) ?? [];
}
