/**
 * The actions.py language service (pure: no LSP connection, no vscode). Wraps the tree-sitter parser
 * (loaded once, asynchronously) and a per-document model cache keyed by uri + version.
 *
 * Before the parser has loaded (`ready()` not yet resolved):
 * - `complete` and `signatureHelp` work fully (they are text-based);
 * - `diagnostics`, `hover`, `definition`, `codeActions` and `displayNames` return empty results.
 * The facade should therefore `await ready()` (or build the service with `await create()`) before
 * the first validation, so that no document is reported clean by mistake.
 */
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
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ActionsModel } from './actionsModel';
import type { ActionsContext } from './actionsTypes';
import { quickFixes } from '../rules/codeActions';
import { displayNamesOf, findingsOf, loadActionsAnalysis, modelOf } from './analyzeActions';
import { loadedPythonParser, pythonParserInfo, type PythonParserInfo } from './pythonParser';
import { actionsCompletion } from './actionsCompletion';
import { registerSignatureHelp } from './actionsSignatureHelp';
import { actionsHover, contains } from './actionsHover';
import { actionsFolding, actionsSymbols } from './actionsOutline';

const MAX_CACHED = 200;

export class ActionsLanguageService {
  private readonly cache = new Map<string, { version: number; model: ActionsModel }>();
  private readonly loading: Promise<void>;

  constructor() {
    this.loading = loadActionsAnalysis().then(() => undefined);
    this.loading.catch(() => undefined);
  }

  /** A service whose parser is loaded. Rejects if the .wasm files are missing. */
  static async create(): Promise<ActionsLanguageService> {
    const s = new ActionsLanguageService();
    await s.ready();
    return s;
  }

  /** Resolves when the parser is loaded (rejects if the .wasm files cannot be loaded). */
  ready(): Promise<void> {
    return this.loading;
  }

  get isReady(): boolean {
    return !!loadedPythonParser();
  }

  /** Parser load time and .wasm locations, once loaded. */
  get parserInfo(): PythonParserInfo | undefined {
    return pythonParserInfo();
  }

  /** Drops the cached model of a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private model(doc: TextDocument): ActionsModel | undefined {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.model;
    const model = modelOf(doc.getText());
    if (!model) return undefined;
    this.cache.delete(doc.uri);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(doc.uri, { version: doc.version, model });
    return model;
  }

  diagnostics(doc: TextDocument, ctx: ActionsContext): Diagnostic[] {
    const model = this.model(doc);
    return model ? findingsOf(model, doc.getText(), ctx) : [];
  }

  complete(doc: TextDocument, position: Position, ctx: ActionsContext): CompletionItem[] {
    return actionsCompletion(doc, doc.offsetAt(position), ctx);
  }

  signatureHelp(doc: TextDocument, position: Position, ctx: ActionsContext): SignatureHelp | null {
    return registerSignatureHelp(doc.getText(), doc.offsetAt(position), ctx.settings.profile);
  }

  hover(doc: TextDocument, position: Position, ctx: ActionsContext): Hover | null {
    const model = this.model(doc);
    return model ? actionsHover(model, position, ctx) : null;
  }

  /** From a `registerImage` call to the `dest` (sibling service.hrd) that it registers. */
  definition(doc: TextDocument, position: Position, ctx: ActionsContext): Location[] {
    const model = this.model(doc);
    const dest = ctx.siblingServiceHrd?.destRange;
    if (!model || !dest) return [];
    return model.registerCalls.some((c) => contains(c.range, position)) ? [{ uri: dest.uri, range: dest.range }] : [];
  }

  /**
   * Quick fixes for the given actions-* diagnostics (or, if none is given, for this service's diagnostics in `range`):
   * the one code-action path of every rule (rules/codeActions.ts), from `data.fixes`.
   */
  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], ctx: ActionsContext): CodeAction[] {
    const ours = diagnostics.filter((d) => typeof d.code === 'string' && d.code.startsWith('actions-'));
    return quickFixes(doc.uri, range, ours, this.diagnostics(doc, ctx));
  }

  /** Outline: classes, methods and the registerImage calls with their display names. */
  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    const model = this.model(doc);
    return model ? actionsSymbols(model) : [];
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    const model = this.model(doc);
    return model ? actionsFolding(model) : [];
  }

  /** Display names this document registers, for the other recipes' `otherDisplayNames`. */
  displayNames(doc: TextDocument): { name: string; uri: string; range: Range }[] {
    const model = this.model(doc);
    return model ? displayNamesOf(model).map((n) => ({ ...n, uri: doc.uri })) : [];
  }
}
