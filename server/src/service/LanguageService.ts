/**
 * The pure language service as the LSP layer (server/src/lsp/) and the CLI see it: an interface and its factory.
 * The features are one provider each (providers/), dispatching by file kind (fileKind.ts): `.hrd` → hrd/ and
 * recipe/, a template folder's `actions.py` → python/. The service reads the disk only through the injected
 * FileSystem (FileSystem.ts; server/src/node/nodeFileSystem.ts on disk, MemoryFileSystem.ts in memory).
 *
 * actions.py: the tree-sitter parser loads asynchronously on first use: `documentDiagnostics` then returns a Promise
 * (awaited by the LSP wiring), later calls are synchronous; the CLI awaits `actionsReady()` once and uses
 * `fileDiagnostics`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  SignatureHelp,
  TextEdit,
} from 'vscode-languageserver-types';
import type { RecipeInfo } from '../../../common/protocol';
import { DEFAULT_SETTINGS, type RecipeSettings } from '../../../common/settings';
import type { FileSystem } from './FileSystem';
import type { HrdDocument } from './hrd/HrdModel';
import type { ScanResult, ScanVisitor } from './recipe/WorkspaceIndex';
import { RecipeLanguageService } from './RecipeLanguageService';

/**
 * The workspace index (every recipe folder of the workspace folders, for the cross-file rules) as the LSP layer
 * and the CLI keep it in step with the disk and the open editors.
 */
export interface RecipeWorkspace {
  /** The number of indexed folders. */
  readonly size: number;
  /** Walks `root` (skipping .git, node_modules and `excludeGlobs`); `onFile` sees each recipe file's text (the CLI). */
  scanFolder(root: string, excludeGlobs?: readonly string[], onFile?: ScanVisitor): ScanResult;
  /** The same walk in time slices, yielding to the event loop (the language server). */
  scanFolderAsync(root: string, excludeGlobs?: readonly string[], sliceMs?: number): Promise<ScanResult>;
  /** A created or changed file; `text` (an open editor's) is newer than the disk. */
  upsertFile(filePath: string, text?: string, parsed?: HrdDocument): void;
  /** A file or folder changed on disk (file watcher): read it again. */
  refreshPath(p: string): void;
  /** A file or folder was deleted. */
  removePath(p: string): void;
  /** A workspace folder was removed. */
  removeFolder(root: string): void;
  /** An editor closed the file: back to its disk state (or forgotten when not on disk, or `onDisk` is false). */
  revertToDisk(filePath: string, onDisk?: boolean): void;
  /** The indexed recipe folder `filePath` is in, if any. */
  recipeFolderOf(filePath: string): string | undefined;
  /** Whether `other` is in the same recipe folder as `filePath` (their rules read each other). */
  inSameRecipeFolder(filePath: string, other: string): boolean;
  /** The workspace-wide diagnostics by absolute path, before the rule settings. */
  workspaceDiagnostics(): Map<string, Diagnostic[]>;
}

export interface LanguageService {
  readonly workspace: RecipeWorkspace;
  updateSettings(settings: RecipeSettings): void;
  /** Drops the cached parse of a closed document. */
  forget(uri: string): void;
  /** Resolves when the actions.py analysis (tree-sitter + warm-up) is loaded; `fileDiagnostics` needs it for actions.py. */
  actionsReady(): Promise<void>;
  /** Parses text that is not an open document (no cache). */
  parseText(text: string): HrdDocument;

  /** Per-document diagnostics; a Promise only for an actions.py while the parser is still loading. */
  documentDiagnostics(doc: TextDocument, settings?: RecipeSettings): Diagnostic[] | Promise<Diagnostic[]>;
  /**
   * Validates a file read from disk (the CLI): same engine, no cache. `parsed` avoids a second parse. For
   * actions.py, await `actionsReady()` first; the sibling service.hrd is read from the index, so scan first.
   */
  fileDiagnostics(filePath: string, text: string, settings?: RecipeSettings, parsed?: HrdDocument): Diagnostic[];
  /** Workspace-wide diagnostics by absolute path (from the index; call off the keystroke path). */
  workspaceDiagnostics(settings?: RecipeSettings): Map<string, Diagnostic[]>;

  complete(doc: TextDocument, position: Position, settings?: RecipeSettings): CompletionItem[];
  hover(doc: TextDocument, position: Position, settings?: RecipeSettings): Hover | null;
  signatureHelp(doc: TextDocument, position: Position, settings?: RecipeSettings): SignatureHelp | null;
  documentSymbols(doc: TextDocument): DocumentSymbol[];
  foldingRanges(doc: TextDocument): FoldingRange[];
  definition(doc: TextDocument, position: Position, settings?: RecipeSettings): Location[] | null;
  references(doc: TextDocument, position: Position, includeDeclaration?: boolean): Location[];
  format(doc: TextDocument): TextEdit[];
  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], settings?: RecipeSettings): CodeAction[];

  /** Every template folder of the index, sorted by path. */
  recipes(): RecipeInfo[];
}

export interface LanguageServiceOptions {
  settings?: RecipeSettings;
  /** Where the service reads files: server/src/node/nodeFileSystem.ts on disk, MemoryFileSystem in memory. */
  fs: FileSystem;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  return new RecipeLanguageService(options.settings ?? DEFAULT_SETTINGS, options.fs);
}
