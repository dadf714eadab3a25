/**
 * Outline and folding: .hrd keys and blocks; a template folder's actions.py: its classes, methods and
 * registerImage calls (once the parser is loaded: see LanguageService.actionsReady).
 */
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import type { KindTable } from '../fileKind';
import { hrdFolding, hrdSymbols } from '../recipe/navigation';
import { actionsContextFor, tooLarge, type FeatureRequest } from './context';

interface Outline {
  symbols(r: FeatureRequest): DocumentSymbol[];
  folding(r: FeatureRequest): FoldingRange[];
}

const byKind: KindTable<Outline> = {
  hrd: {
    symbols: (r) => hrdSymbols(r.state.documents.parse(r.doc)),
    folding: (r) => hrdFolding(r.state.documents.parse(r.doc)),
  },
  actions: {
    symbols: (r) => (actionsContextFor(r) ? r.state.actions.documentSymbols(r.doc) : []),
    folding: (r) => (actionsContextFor(r) ? r.state.actions.foldingRanges(r.doc) : []),
  },
};

export function documentSymbols(r: FeatureRequest): DocumentSymbol[] {
  if (tooLarge(r)) return [];
  return byKind[r.kind]?.symbols(r) ?? [];
}

export function foldingRanges(r: FeatureRequest): FoldingRange[] {
  if (tooLarge(r)) return [];
  return byKind[r.kind]?.folding(r) ?? [];
}
