/**
 * The implementation of LanguageService (see LanguageService.ts, and use createLanguageService): the state
 * (file system, workspace index, parse cache, the actions.py engine created on first use) and one provider per
 * feature (providers/). No file-kind dispatch here: each provider has its per-kind table.
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
import type { RecipeSettings } from '../../../common/settings';
import { actionsContextOf } from './actionsContext';
import { DocumentCache } from './DocumentCache';
import { fileKindOf } from './fileKind';
import type { FileSystem } from './FileSystem';
import type { HrdDocument } from './hrd/HrdModel';
import { parseHrd } from './hrd/parseHrd';
import type { LanguageService, RecipeWorkspace } from './LanguageService';
import { codeActions } from './providers/codeActions';
import { complete } from './providers/completion';
import type { FeatureRequest, ServiceState } from './providers/context';
import { definition, references } from './providers/definition';
import { documentDiagnostics, fileDiagnostics, workspaceDiagnostics } from './providers/diagnostics';
import { format } from './providers/formatting';
import { hover } from './providers/hover';
import { recipesOf } from './providers/recipes';
import { signatureHelp } from './providers/signatureHelp';
import { documentSymbols, foldingRanges } from './providers/symbols';
import { ActionsLanguageService } from './python/ActionsLanguageService';
import type { ActionsContext } from './python/actionsTypes';
import { loadActionsAnalysis } from './python/analyzeActions';
import { WorkspaceIndex } from './recipe/WorkspaceIndex';
import { uriToPath } from './uriPath';

export class RecipeLanguageService implements LanguageService {
  private current: RecipeSettings;
  private readonly index: WorkspaceIndex;
  private readonly state: ServiceState;
  private actionsEngine?: ActionsLanguageService;

  constructor(settings: RecipeSettings, fs: FileSystem) {
    this.current = settings;
    this.index = new WorkspaceIndex(fs);
    const documents = new DocumentCache();
    const index = this.index;
    const lazyActions = () => (this.actionsEngine ??= new ActionsLanguageService());
    this.state = {
      fs,
      index,
      documents,
      get actions() {
        return lazyActions();
      },
    };
  }

  get workspace(): RecipeWorkspace {
    return this.index;
  }

  updateSettings(settings: RecipeSettings): void {
    this.current = settings;
  }

  forget(uri: string): void {
    this.state.documents.forget(uri);
    this.actionsEngine?.forget(uri);
  }

  actionsReady(): Promise<void> {
    return loadActionsAnalysis().then(() => undefined);
  }

  parseText(text: string): HrdDocument {
    return parseHrd(text);
  }

  /** The parsed HRD model of an open document (cached by uri + version + text). */
  parse(doc: TextDocument): HrdDocument {
    return this.state.documents.parse(doc);
  }

  /** The analysis context of an actions.py (see actionsContext.ts). */
  actionsContext(filePath: string, settings: RecipeSettings = this.current): ActionsContext | undefined {
    return actionsContextOf(this.index, this.state.fs, filePath, settings);
  }

  private request(doc: TextDocument, settings: RecipeSettings): FeatureRequest {
    return { doc, kind: fileKindOf(uriToPath(doc.uri)), settings, state: this.state };
  }

  documentDiagnostics(
    doc: TextDocument,
    settings: RecipeSettings = this.current,
  ): Diagnostic[] | Promise<Diagnostic[]> {
    return documentDiagnostics(this.request(doc, settings));
  }

  fileDiagnostics(
    filePath: string,
    text: string,
    settings: RecipeSettings = this.current,
    parsed?: HrdDocument,
  ): Diagnostic[] {
    return fileDiagnostics(this.state, fileKindOf(filePath), filePath, text, settings, parsed);
  }

  workspaceDiagnostics(settings: RecipeSettings = this.current): Map<string, Diagnostic[]> {
    return workspaceDiagnostics(this.index, settings);
  }

  complete(doc: TextDocument, position: Position, settings: RecipeSettings = this.current): CompletionItem[] {
    return complete(this.request(doc, settings), position);
  }

  hover(doc: TextDocument, position: Position, settings: RecipeSettings = this.current): Hover | null {
    return hover(this.request(doc, settings), position);
  }

  signatureHelp(doc: TextDocument, position: Position, settings: RecipeSettings = this.current): SignatureHelp | null {
    return signatureHelp(this.request(doc, settings), position);
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    return documentSymbols(this.request(doc, this.current));
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    return foldingRanges(this.request(doc, this.current));
  }

  definition(doc: TextDocument, position: Position, settings: RecipeSettings = this.current): Location[] | null {
    return definition(this.request(doc, settings), position);
  }

  references(doc: TextDocument, position: Position, includeDeclaration = true): Location[] {
    return references(this.request(doc, this.current), position, includeDeclaration);
  }

  format(doc: TextDocument): TextEdit[] {
    return format(this.request(doc, this.current));
  }

  codeActions(
    doc: TextDocument,
    range: Range,
    diagnostics: Diagnostic[],
    settings: RecipeSettings = this.current,
  ): CodeAction[] {
    return codeActions(this.request(doc, settings), range, diagnostics);
  }

  recipes(): RecipeInfo[] {
    return recipesOf(this.index);
  }
}
