/**
 * The facade of the pure language service: the LSP layer (server/src/lsp/) and the CLI call only this.
 * It dispatches by file kind (`.hrd` here; `actions.py` → the python/ engine, see FILE KIND DISPATCH) and keeps a
 * parsed-document cache keyed by uri + version, so unchanged text is never parsed twice.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SignatureHelp, TextEdit,
} from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, RecipeSettings } from '../../../common/settings';
import type { HrdDocument } from './hrd/HrdModel';
import { parseHrd } from './hrd/parseHrd';
import { parseHrdMemo } from './hrd/parseMemo';
import { hrdCompletion } from './recipe/completion';
import { applyRuleSettings } from './recipe/diagnostic';
import { formatHrdText } from './recipe/format';
import { hrdHover } from './recipe/hover';
import { hrdDefinition, hrdFolding, hrdReferences, hrdSymbols } from './recipe/navigation';
import { quickFixes } from './recipe/quickFixes';
import { validateHrd } from './recipe/validateHrd';
import { WorkspaceIndex } from './recipe/WorkspaceIndex';
import { pathToUri, uriToPath } from './uriPath';

export type FileKind = 'hrd' | 'actions' | 'other';

export function fileKindOf(filePath: string): FileKind {
  if (/\.hrd$/i.test(filePath)) return 'hrd';
  if (/(^|[\\/])actions\.py$/.test(filePath)) return 'actions';
  return 'other';
}

interface CacheEntry { version: number; text: string; hrd: HrdDocument; diagnostics?: Diagnostic[] }

export class RecipeLanguageService {
  readonly index: WorkspaceIndex;
  private settings: RecipeSettings;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(settings: RecipeSettings = DEFAULT_SETTINGS, index: WorkspaceIndex = new WorkspaceIndex()) {
    this.settings = settings;
    this.index = index;
  }

  updateSettings(settings: RecipeSettings): void { this.settings = settings; }

  get currentSettings(): RecipeSettings { return this.settings; }

  /** Drops the cached parse of a closed document. */
  forget(uri: string): void { this.cache.delete(uri); }

  /** The parsed HRD model of an open document (cached by uri + version + text). */
  parse(doc: TextDocument): HrdDocument {
    const text = doc.getText();
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.text === text) return hit.hrd;
    const entry: CacheEntry = { version: doc.version, text, hrd: parseHrdMemo(text) };
    this.cache.set(doc.uri, entry);
    return entry.hrd;
  }

  /** Parses text that is not an open document (no cache). */
  parseText(text: string): HrdDocument { return parseHrd(text); }

  private kind(doc: TextDocument): FileKind { return fileKindOf(uriToPath(doc.uri)); }

  // ---- diagnostics -------------------------------------------------------------------------------------------

  /** Per-document diagnostics (hrd-* and recipe-*; never the workspace-wide ones). */
  validate(doc: TextDocument, settings: RecipeSettings = this.settings): Diagnostic[] {
    switch (this.kind(doc)) {
      case 'hrd': {
        const hrd = this.parse(doc);
        const entry = this.cache.get(doc.uri)!;
        if (!entry.diagnostics) entry.diagnostics = validateHrd(hrd, doc.uri, uriToPath(doc.uri));
        return applyRuleSettings(entry.diagnostics, settings.rules);
      }
      // FILE KIND DISPATCH — 'actions': the python/ engine (actions.py) plugs in here.
      case 'actions':
      default:
        return [];
    }
  }

  /** Validates a file read from disk (the CLI): same engine, no cache. `parsed` avoids a second parse. */
  validateFile(filePath: string, text: string, settings: RecipeSettings = this.settings, parsed?: HrdDocument): Diagnostic[] {
    switch (fileKindOf(filePath)) {
      case 'hrd':
        return applyRuleSettings(validateHrd(parsed ?? parseHrd(text), pathToUri(filePath), filePath), settings.rules);
      // FILE KIND DISPATCH — 'actions': the python/ engine (actions.py) plugs in here.
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

  complete(doc: TextDocument, position: Position, _settings: RecipeSettings = this.settings): CompletionItem[] {
    if (this.kind(doc) !== 'hrd') return [];
    return hrdCompletion(this.parse(doc), position, { urls: this.index.urls() });
  }

  hover(doc: TextDocument, position: Position, _settings: RecipeSettings = this.settings): Hover | null {
    if (this.kind(doc) !== 'hrd') return null;
    const hrd = this.parse(doc);
    return hrdHover(hrd, hrd.index.offsetAt(position));
  }

  /** Signature help exists for actions.py only (registerImage); none in .hrd files. */
  signatureHelp(_doc: TextDocument, _position: Position, _settings: RecipeSettings = this.settings): SignatureHelp | null {
    return null;
  }

  documentSymbols(doc: TextDocument): DocumentSymbol[] {
    return this.kind(doc) === 'hrd' ? hrdSymbols(this.parse(doc)) : [];
  }

  foldingRanges(doc: TextDocument): FoldingRange[] {
    return this.kind(doc) === 'hrd' ? hrdFolding(this.parse(doc)) : [];
  }

  definition(doc: TextDocument, position: Position, _settings: RecipeSettings = this.settings): Location[] | null {
    if (this.kind(doc) !== 'hrd') return null;
    const hrd = this.parse(doc);
    return hrdDefinition(hrd, doc.uri, hrd.index.offsetAt(position));
  }

  references(doc: TextDocument, position: Position, includeDeclaration = true): Location[] {
    if (this.kind(doc) !== 'hrd') return [];
    const hrd = this.parse(doc);
    return hrdReferences(hrd, doc.uri, hrd.index.offsetAt(position), includeDeclaration);
  }

  /** Canonical layout (§1.4); no edits when already canonical or when the parse lost data (see the diagnostics). */
  format(doc: TextDocument): TextEdit[] {
    if (this.kind(doc) !== 'hrd') return [];
    const hrd = this.parse(doc);
    const text = formatHrdText(hrd);
    if (text === undefined || text === hrd.text) return [];
    return [{ range: hrd.index.range(0, hrd.text.length), newText: text }];
  }

  codeActions(doc: TextDocument, range: Range, diagnostics: Diagnostic[], settings: RecipeSettings = this.settings): CodeAction[] {
    const p = uriToPath(doc.uri);
    const current = [...this.validate(doc, settings), ...(this.index.workspaceDiagnostics().get(p) ?? [])];
    return quickFixes(doc.uri, range, diagnostics, current);
  }
}
