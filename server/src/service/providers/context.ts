/**
 * What a feature provider gets: the document, its kind, the settings of the request and the service's state
 * (file system, workspace index, parse cache, actions.py engine). Each provider (one file per feature) holds a
 * per-file-kind table (KindTable) instead of an if/else per method.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RecipeSettings } from '../../../../common/settings';
import { actionsContextOf } from '../actionsContext';
import type { DocumentCache } from '../DocumentCache';
import type { FileKind } from '../fileKind';
import type { FileSystem } from '../FileSystem';
import type { ActionsLanguageService } from '../python/ActionsLanguageService';
import type { ActionsContext } from '../python/actionsTypes';
import type { WorkspaceIndex } from '../recipe/WorkspaceIndex';
import { uriToPath } from '../uriPath';

export interface ServiceState {
  readonly fs: FileSystem;
  readonly index: WorkspaceIndex;
  readonly documents: DocumentCache;
  /** The actions.py engine, created on first use (it starts loading the tree-sitter parser). */
  readonly actions: ActionsLanguageService;
}

export interface FeatureRequest {
  readonly doc: TextDocument;
  readonly kind: FileKind;
  readonly settings: RecipeSettings;
  readonly state: ServiceState;
}

/** The analysis context of the request's actions.py (undefined: not a template folder's actions.py, or not a file). */
export function actionsContextFor(r: FeatureRequest): ActionsContext | undefined {
  return r.doc.uri.startsWith('file:')
    ? actionsContextOf(r.state.index, r.state.fs, uriToPath(r.doc.uri), r.settings)
    : undefined;
}

/** Why the document is over the size limits (undefined: it is checked). */
export function tooLarge(r: FeatureRequest): string | undefined {
  return r.state.documents.tooLarge(r.doc, r.kind);
}
