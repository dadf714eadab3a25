/**
 * The facade of the pure language service: the LSP layer (server/src/lsp/) and the CLI call only this.
 * It dispatches by file kind (`.hrd` here; `actions.py` → the python/ engine, see FILE KIND DISPATCH) and keeps a
 * parsed-document cache keyed by uri + version, so unchanged text is never parsed twice.
 *
 * actions.py: only the `actions.py` of a template folder (a `service.hrd` beside it, in the index or on disk; not
 * an AYS instance folder) is analysed; any other Python file gets nothing (left to the Python extension). The
 * tree-sitter parser loads asynchronously on first use: `validate` then returns a Promise (awaited by the LSP
 * wiring), later calls are synchronous; the CLI awaits `actionsReady()` once and uses `validateFile`.
 * `actions-display-name` is a workspace rule of the index (see recipe/displayNameRule.ts), not per document.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SignatureHelp, TextEdit,
} from 'vscode-languageserver-types';
import type { RecipeInfo } from '../../../common/protocol';
import { DEFAULT_SETTINGS, RecipeSettings } from '../../../common/settings';
import { ActionsLanguageService } from './python/ActionsLanguageService';
import type { ActionsContext } from './python/actionsTypes';
import { analyzeActionsFileSync, loadActionsAnalysis } from './python/analyzeActions';
import type { HrdDocument } from './hrd/HrdModel';
import { parseHrd } from './hrd/parseHrd';
import { parseHrdMemo } from './hrd/parseMemo';
import { hrdCompletion } from './recipe/completion';
import { bomDiagnostics, hasBom } from './recipe/bomRule';
import { stopsAysInstall } from './recipe/aysReadRules';
import { pushAll } from './arrays';
import { applyRuleSettings } from './rules/ruleDiagnostics';
import { formatHrdText } from './recipe/format';
import { hrdHover } from './recipe/hover';
import { hrdDefinition, hrdFolding, hrdReferences, hrdSymbols } from './recipe/navigation';
import { quickFixes } from './rules/codeActions';
import { readRecipeFile } from './recipe/readRecipeFile';
import { boundedHrd, capFindings, contentProblem, oversizeDiagnostic } from './recipe/limits';
import { isInstanceFolderName } from './recipe/recipeFiles';
import { validateHrd } from './recipe/validateHrd';
import { WorkspaceIndex, type RecipeSummary } from './recipe/WorkspaceIndex';
import { pathToUri, uriToPath } from './uriPath';

export type FileKind = 'hrd' | 'actions' | 'other';

/** validateHrd with at most MAX_FINDINGS_PER_FILE findings plus one summary (see recipe/limits.ts). */
function validateHrdCapped(hrd: HrdDocument, uri: string, filePath: string): Diagnostic[] {
  if (hasBom(hrd.text)) {
    // The findings assume the BOM removed (what the author meant), except whether AYS stops at load: that is
    // judged on the file as AYS reads it, BOM included in the first key (it can break or make a `$(…)` cycle).
    const loadErrors = validateHrd(hrd, uri, filePath).filter(stopsAysInstall);
    const rest = bomDiagnostics(hrd.text, uri, (text) => validateHrdCapped(parseHrd(text), uri, filePath).filter((d) => !stopsAysInstall(d)));
    return pushAll(rest, loadErrors);
  }
  const { doc, more } = boundedHrd(hrd);
  return capFindings(validateHrd(doc, uri, filePath), more);
}

export function fileKindOf(filePath: string): FileKind {
  if (/\.hrd$/i.test(filePath)) return 'hrd';
  if (/(^|[\\/])actions\.py$/.test(filePath)) return 'actions';
  return 'other';
}

interface CacheEntry { version: number; text: string; hrd: HrdDocument; diagnostics?: Diagnostic[]; tooLarge?: string }

const EMPTY_HRD = parseHrd('');

export type { RecipeInfo };

export class RecipeLanguageService {
  readonly index: WorkspaceIndex;
  private settings: RecipeSettings;
  private readonly cache = new Map<string, CacheEntry>();
  private actionsEngine?: ActionsLanguageService;

  constructor(settings: RecipeSettings = DEFAULT_SETTINGS, index: WorkspaceIndex = new WorkspaceIndex()) {
    this.settings = settings;
    this.index = index;
  }

  updateSettings(settings: RecipeSettings): void { this.settings = settings; }

  get currentSettings(): RecipeSettings { return this.settings; }

  /** Drops the cached parse of a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.actionsEngine?.forget(uri);
  }

  /** The actions.py engine, created on first use (it starts loading the tree-sitter parser). */
  get actions(): ActionsLanguageService {
    this.actionsEngine ??= new ActionsLanguageService();
    return this.actionsEngine;
  }

  /** Resolves when the actions.py analysis (tree-sitter + warm-up) is loaded; `validateFile` needs it for actions.py. */
  actionsReady(): Promise<void> {
    return loadActionsAnalysis().then(() => undefined);
  }

  /**
   * The analysis context of an actions.py, or undefined when it is not analysed (no service.hrd beside it, or an
   * AYS instance folder). The sibling service.hrd comes from the index (unsaved editor text included), else the disk.
   */
  actionsContext(filePath: string, settings: RecipeSettings = this.settings): ActionsContext | undefined {
    const dir = path.dirname(path.resolve(filePath));
    const folderName = path.basename(dir);
    if (isInstanceFolderName(folderName)) return undefined;
    const svc = path.join(dir, 'service.hrd');
    let summary: RecipeSummary | undefined;
    if (this.index.hasFile(svc)) {
      summary = this.index.summaryOf(dir);
      if (!summary) { this.index.upsertFile(svc); summary = this.index.summaryOf(dir); }
    } else {
      if (!fs.existsSync(svc)) return undefined;
      const r = readRecipeFile(svc);
      if ('text' in r) summary = WorkspaceIndex.summarize(parseHrd(r.text));
    }
    const ctx: ActionsContext = { settings, folderName };
    if (summary?.dest) {
      ctx.siblingServiceHrd = { lastExportDest: summary.dest };
      if (summary.destRange) ctx.siblingServiceHrd.destRange = { uri: pathToUri(svc), range: summary.destRange };
    }
    return ctx;
  }

  private docActionsContext(doc: TextDocument, settings: RecipeSettings): ActionsContext | undefined {
    return doc.uri.startsWith('file:') ? this.actionsContext(uriToPath(doc.uri), settings) : undefined;
  }

  /** The parsed HRD model of an open document (cached by uri + version + text). */
  parse(doc: TextDocument): HrdDocument {
    return this.entry(doc).hrd;
  }

  /** The cache entry of an open .hrd document; over the size limits it holds an empty model and the reason. */
  private entry(doc: TextDocument): CacheEntry {
    const text = doc.getText();
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit;
    const tooLarge = contentProblem(uriToPath(doc.uri), text);
    const entry: CacheEntry = tooLarge ? { version: doc.version, text, hrd: EMPTY_HRD, tooLarge } : { version: doc.version, text, hrd: parseHrdMemo(text) };
    this.cache.set(doc.uri, entry);
    return entry;
  }

  /** Why an open document is over the size limits (undefined: it is checked). */
  tooLarge(doc: TextDocument): string | undefined {
    const kind = this.kind(doc);
    if (kind === 'hrd') return this.entry(doc).tooLarge;
    return kind === 'actions' ? contentProblem(uriToPath(doc.uri), doc.getText()) : undefined;
  }

  /** Parses text that is not an open document (no cache). */
  parseText(text: string): HrdDocument { return parseHrd(text); }

  private kind(doc: TextDocument): FileKind { return fileKindOf(uriToPath(doc.uri)); }

  // ---- diagnostics -------------------------------------------------------------------------------------------

  /**
   * Per-document diagnostics (hrd-*, recipe-*, actions-*; never the workspace-wide ones). A Promise only for an
   * actions.py while the tree-sitter parser is still loading (the first one); otherwise synchronous.
   */
  validate(doc: TextDocument, settings: RecipeSettings = this.settings): Diagnostic[] | Promise<Diagnostic[]> {
    switch (this.kind(doc)) {
      case 'hrd':
        return this.validateHrdDoc(doc, settings);
      // FILE KIND DISPATCH — 'actions': the python/ engine.
      case 'actions': {
        const ctx = this.docActionsContext(doc, settings);
        if (!ctx) return [];
        const tooLarge = this.tooLarge(doc);
        if (tooLarge) return [oversizeDiagnostic('actions.py', tooLarge)];
        const engine = this.actions;
        if (engine.isReady) return capFindings(engine.validate(doc, ctx));
        // the context is taken again once loaded: the index may have moved on meanwhile
        return engine.ready().then(() => {
          const now = this.docActionsContext(doc, settings);
          return now ? capFindings(engine.validate(doc, now)) : [];
        });
      }
      default:
        return [];
    }
  }

  private validateHrdDoc(doc: TextDocument, settings: RecipeSettings): Diagnostic[] {
    const entry = this.entry(doc);
    if (!entry.diagnostics) {
      const p = uriToPath(doc.uri);
      entry.diagnostics = entry.tooLarge ? [oversizeDiagnostic(path.basename(p), entry.tooLarge)] : validateHrdCapped(entry.hrd, doc.uri, p);
    }
    return applyRuleSettings(entry.diagnostics, settings.rules);
  }

  /**
   * Validates a file read from disk (the CLI): same engine, no cache. `parsed` avoids a second parse. For actions.py,
   * await `actionsReady()` first (before that it returns []); the sibling service.hrd is read from the index, so
   * scan the folders first.
   */
  validateFile(filePath: string, text: string, settings: RecipeSettings = this.settings, parsed?: HrdDocument): Diagnostic[] {
    switch (fileKindOf(filePath)) {
      case 'hrd':
        return applyRuleSettings(validateHrdCapped(parsed ?? parseHrd(text), pathToUri(filePath), filePath), settings.rules);
      // FILE KIND DISPATCH — 'actions': the python/ engine.
      case 'actions': {
        const ctx = this.actionsContext(filePath, settings);
        return ctx ? capFindings(analyzeActionsFileSync(text, ctx) ?? []) : [];
      }
      default:
        return [];
    }
  }

  /** Workspace-wide diagnostics by absolute path (from the index; call off the keystroke path). */
  workspaceDiagnostics(settings: RecipeSettings = this.settings): Map<string, Diagnostic[]> {
    const all = this.index.workspaceDiagnostics();
    if (!Object.keys(settings.rules).length) return all;
    const out = new Map<string, Diagnostic[]>();
    for (const [p, d] of all) {
      const kept = applyRuleSettings(d, settings.rules);
      if (kept.length) out.set(p, kept);
    }
    return out;
  }

  // ---- editing features --------------------------------------------------------------------------------------

  complete(doc: TextDocument, position: Position, settings: RecipeSettings = this.settings): CompletionItem[] {
    if (this.tooLarge(doc)) return [];
    const kind = this.kind(doc);
    if (kind === 'actions') {
      const ctx = this.docActionsContext(doc, settings);
      return ctx ? this.actions.complete(doc, position, ctx) : [];
    }
    if (kind !== 'hrd') return [];
    return hrdCompletion(this.parse(doc), position, { urls: this.index.urls() });
  }

  hover(doc: TextDocument, position: Position, settings: RecipeSettings = this.settings): Hover | null {
    if (this.tooLarge(doc)) return null;
    const kind = this.kind(doc);
    if (kind === 'actions') {
      const ctx = this.docActionsContext(doc, settings);
      return ctx ? this.actions.hover(doc, position, ctx) : null;
    }
    if (kind !== 'hrd') return null;
    const hrd = this.parse(doc);
    return hrdHover(hrd, hrd.index.offsetAt(position));
  }

  /** Signature help exists for actions.py only (registerImage of the active profile); none in .hrd files. */
  signatureHelp(doc: TextDocument, position: Position, settings: RecipeSettings = this.settings): SignatureHelp | null {
    if (this.tooLarge(doc)) return null;
    if (this.kind(doc) !== 'actions') return null;
    const ctx = this.docActionsContext(doc, settings);
    return ctx ? this.actions.signatureHelp(doc, position, ctx) : null;
  }

  /** .hrd: keys and blocks; a template folder's actions.py: its classes, methods and registerImage calls (once the parser is loaded: see `actionsReady`). */
  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    if (this.tooLarge(doc)) return [];
    const kind = this.kind(doc);
    if (kind === 'actions') return this.docActionsContext(doc, this.settings) ? this.actions.documentSymbols(doc) : [];
    return kind === 'hrd' ? hrdSymbols(this.parse(doc)) : [];
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    if (this.tooLarge(doc)) return [];
    const kind = this.kind(doc);
    if (kind === 'actions') return this.docActionsContext(doc, this.settings) ? this.actions.foldingRanges(doc) : [];
    return kind === 'hrd' ? hrdFolding(this.parse(doc)) : [];
  }

  /** `$(key)` in .hrd; in actions.py, from a registerImage call to the `dest` of the sibling service.hrd. */
  definition(doc: TextDocument, position: Position, settings: RecipeSettings = this.settings): Location[] | null {
    if (this.tooLarge(doc)) return null;
    const kind = this.kind(doc);
    if (kind === 'actions') {
      const ctx = this.docActionsContext(doc, settings);
      const locs = ctx ? this.actions.definition(doc, position, ctx) : [];
      return locs.length ? locs : null;
    }
    if (kind !== 'hrd') return null;
    const hrd = this.parse(doc);
    return hrdDefinition(hrd, doc.uri, hrd.index.offsetAt(position));
  }

  references(doc: TextDocument, position: Position, includeDeclaration = true): Location[] {
    if (this.tooLarge(doc)) return [];
    if (this.kind(doc) !== 'hrd') return [];
    const hrd = this.parse(doc);
    return hrdReferences(hrd, doc.uri, hrd.index.offsetAt(position), includeDeclaration);
  }

  /** Canonical layout (§1.4); no edits when already canonical or when the parse lost data (see the diagnostics). */
  format(doc: TextDocument): TextEdit[] {
    if (this.tooLarge(doc)) return []; // never replace a document with the empty model's text
    if (this.kind(doc) !== 'hrd') return [];
    const hrd = this.parse(doc);
    const text = formatHrdText(hrd);
    if (text === undefined || text === hrd.text) return [];
    return [{ range: hrd.index.range(0, hrd.text.length), newText: text }];
  }

  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], settings: RecipeSettings = this.settings): CodeAction[] {
    const kind = this.kind(doc);
    if (kind === 'actions') {
      const ctx = this.tooLarge(doc) ? undefined : this.docActionsContext(doc, settings);
      return ctx ? this.actions.codeActions(doc, range, diagnostics, ctx) : [];
    }
    const p = uriToPath(doc.uri);
    const own = kind === 'hrd' ? this.validateHrdDoc(doc, settings) : [];
    const current = [...own, ...(this.index.workspaceDiagnostics().get(p) ?? [])];
    return quickFixes(doc.uri, range, diagnostics, current);
  }

  // ---- recipes -----------------------------------------------------------------------------------------------

  /** Every template folder of the index, sorted by path: name, display name, export URL, template name, dest. */
  recipes(): RecipeInfo[] {
    return this.index.templateFolders().sort().map((folder) => {
      const r: RecipeInfo = { folder, name: path.basename(folder) };
      const names = this.index.displayNamesOf(folder);
      if (names.length) r.displayName = names[0].name;
      const s = this.index.summaryOf(folder);
      if (s?.lastUrl && s.lastSource) r.exportUrl = `${s.lastUrl}/${s.lastSource.replace(/^\/+/, '')}`;
      if (s?.templateName) r.templateName = s.templateName;
      if (s?.dest) r.dest = s.dest;
      return r;
    });
  }
}
