/**
 * The incremental index of every template folder in the workspace, for the rules that need more than one file
 * (recipe-dest-collision, recipe-duplicate-template, recipe-backup-file, recipe-missing-file, recipe-file-name,
 * file-unreadable, actions-display-name) and for completion (URLs used elsewhere). Kept small: per folder only the
 * file names, a summary of its service.hrd and the display names its actions.py registers (a regex scan, no
 * tree-sitter), never the parsed document, so 10,000 recipes fit easily in memory. It reads the disk only
 * through the injected FileSystem; the language service exposes it as the RecipeWorkspace API (LanguageService.ts).
 */
import * as path from 'node:path';
import type { FileSystem } from '../FileSystem';
import { pathToUri } from '../uriPath';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HrdDocument } from '../hrd/HrdModel';
import { parseHrd } from '../hrd/parseHrd';
import { parseHrdMemo } from '../hrd/parseMemo';
import { scanDisplayNames, type ScannedDisplayName } from '../python/scanDisplayNames';
import { isExcluded } from './glob';
import { contentProblem } from './limits';
import { readRecipeFile } from './readRecipeFile';
import { isInstanceFolderName } from './recipeFiles';
import { summarizeRecipe, type RecipeSummary } from './recipeSummary';
import { workspaceRuleDiagnostics } from './workspaceRules';

export type { RecipeSummary };

/** Per folder: file names, the service.hrd summary, the display names its actions.py registers (regex scan). */
export interface Folder {
  files: Set<string>;
  recipe?: RecipeSummary;
  names?: ScannedDisplayName[];
}

/** Files that make AYS (or the rules) care about a folder. */
const RECIPE_FILE = /^(service\.hrd|services\.hrd|instance\.hrd|actions\.py)$/;

export function fileUri(p: string): string {
  return pathToUri(p);
}

export interface ScanResult {
  folders: number;
  files: number;
  hrdFiles: string[];
}

export type ScanVisitor = (
  filePath: string,
  text: string | undefined,
  problem: string | undefined,
) => HrdDocument | void;

export class WorkspaceIndex {
  constructor(private readonly fs: FileSystem) {}

  private folders = new Map<string, Folder>();
  private problems = new Map<string, string>();
  private cached?: Map<string, Diagnostic[]>;
  private lastExclude: readonly string[] = [];

  private folder(dir: string, seed = true): Folder {
    let f = this.folders.get(dir);
    if (!f) {
      f = { files: new Set() };
      this.folders.set(dir, f);
      if (seed) {
        for (const e of this.fs.readDir(dir) ?? []) f.files.add(e.name); // none: not on disk (yet)
      }
    }
    return f;
  }

  /** Records a created or changed file. `text` is used for service.hrd and actions.py (read from disk when omitted). */
  upsertFile(filePath: string, text?: string, parsed?: HrdDocument): void {
    const p = path.resolve(filePath);
    const dir = path.dirname(p);
    const base = path.basename(p);
    if (!RECIPE_FILE.test(base) && !this.folders.has(dir)) return;
    const f = this.folder(dir);
    f.files.add(base);
    this.cached = undefined;
    const tooLarge = text !== undefined ? contentProblem(p, text) : undefined;
    if (tooLarge) {
      // an editor's text over the limits: reported like the same file on disk, never parsed
      this.problems.set(p, tooLarge);
      if (base === 'service.hrd') f.recipe = { urls: [] };
      if (base === 'actions.py') f.names = undefined;
      return;
    }
    if (base === 'actions.py') {
      const r = text !== undefined ? { text } : readRecipeFile(this.fs, p);
      f.names = undefined;
      // a missing file (an event raced with a delete, or a name only) is not a problem; an unreadable one is
      if ('problem' in r) {
        if (this.fs.exists(p)) this.problems.set(p, r.problem);
        else this.problems.delete(p);
        return;
      }
      this.problems.delete(p);
      f.names = scanDisplayNames(r.text);
      return;
    }
    if (base !== 'service.hrd') return;
    let t = text;
    if (t === undefined && !parsed) {
      const r = readRecipeFile(this.fs, p);
      if ('problem' in r) {
        this.problems.set(p, r.problem);
        f.recipe = { urls: [] };
        return;
      }
      t = r.text;
    }
    this.problems.delete(p);
    f.recipe = summarizeRecipe(parsed ?? (text !== undefined ? parseHrdMemo(t!) : parseHrd(t!)));
  }

  /** Records an unreadable / non-UTF-8 / too large recipe file. */
  setProblem(filePath: string, problem: string): void {
    const p = path.resolve(filePath);
    this.folder(path.dirname(p), false).files.add(path.basename(p));
    this.problems.set(p, problem);
    this.cached = undefined;
  }

  removeFile(filePath: string): void {
    const p = path.resolve(filePath);
    const f = this.folders.get(path.dirname(p));
    this.problems.delete(p);
    this.cached = undefined;
    if (!f) {
      // a deleted folder: drop everything below it
      const prefix = p + path.sep;
      for (const k of [...this.folders.keys()]) if (k === p || k.startsWith(prefix)) this.folders.delete(k);
      for (const k of [...this.problems.keys()]) if (k.startsWith(prefix)) this.problems.delete(k);
      return;
    }
    f.files.delete(path.basename(p));
    if (path.basename(p) === 'service.hrd') f.recipe = undefined;
    if (path.basename(p) === 'actions.py') f.names = undefined;
    if (f.files.size === 0) this.folders.delete(path.dirname(p));
  }

  /** Forgets everything under `root` (a removed workspace folder). */
  removeRoot(root: string): void {
    const r = path.resolve(root);
    for (const k of [...this.folders.keys()]) if (k === r || k.startsWith(r + path.sep)) this.folders.delete(k);
    for (const k of [...this.problems.keys()]) if (k.startsWith(r + path.sep)) this.problems.delete(k);
    this.cached = undefined;
  }

  /**
   * Walks `root` (skipping .git, node_modules and `excludeGlobs` relative to root) and indexes every folder that
   * holds recipe files. `onHrd` sees each .hrd file and actions.py of a template folder with its text (the CLI
   * validates there; returning the parsed service.hrd saves a second parse).
   */
  scanFolder(root: string, excludeGlobs: readonly string[] = [], onHrd?: ScanVisitor): ScanResult {
    const res: ScanResult = { folders: 0, files: 0, hrdFiles: [] };
    for (const _ of this.scanSteps(root, excludeGlobs, onHrd, res)) {
      /* one folder per step */
    }
    return res;
  }

  /**
   * The same walk in slices of about `sliceMs`, yielding to the event loop between them, so that a
   * language server answers requests (and validates opened documents) while a large workspace is indexed.
   */
  async scanFolderAsync(root: string, excludeGlobs: readonly string[] = [], sliceMs = 8): Promise<ScanResult> {
    const res: ScanResult = { folders: 0, files: 0, hrdFiles: [] };
    let sliceStart = Date.now();
    for (const _ of this.scanSteps(root, excludeGlobs, undefined, res)) {
      if (Date.now() - sliceStart >= sliceMs) {
        await new Promise((r) => setImmediate(r));
        sliceStart = Date.now();
      }
    }
    return res;
  }

  /** The walk of scanFolder, one directory per step (depth first, iterative). */
  private *scanSteps(
    root: string,
    excludeGlobs: readonly string[],
    onHrd: ScanVisitor | undefined,
    res: ScanResult,
  ): Generator<void> {
    this.lastExclude = excludeGlobs;
    const top = path.resolve(root);
    this.removeRoot(top);
    const stack: Array<[string, string]> = [[top, '']];
    while (stack.length) {
      const [dir, rel] = stack.pop()!;
      const subdirs = this.scanDirectory(dir, rel, excludeGlobs, onHrd, res);
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
      this.cached = undefined;
      yield;
    }
  }

  /** Indexes one directory; returns its subdirectories to walk. */
  private scanDirectory(
    dir: string,
    rel: string,
    excludeGlobs: readonly string[],
    onHrd: ScanVisitor | undefined,
    res: ScanResult,
  ): Array<[string, string]> {
    const entries = this.fs.readDir(dir);
    if (!entries) return [];
    const names: string[] = [];
    const subdirs: Array<[string, string]> = [];
    let recipeish = false;
    for (const e of entries) {
      const relChild = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name === '.git' || e.name === 'node_modules' || isExcluded(relChild, excludeGlobs, true)) continue;
        subdirs.push([path.join(dir, e.name), relChild]);
      } else if (e.isFile() || e.isSymbolicLink() || RECIPE_FILE.test(e.name)) {
        // a FIFO, socket or device under a recipe name is listed too: readRecipeFile reports it without reading
        if (excludeGlobs.length && isExcluded(relChild, excludeGlobs)) continue;
        names.push(e.name);
        if (RECIPE_FILE.test(e.name)) recipeish = true;
      }
    }
    if (recipeish) {
      res.folders++;
      const f: Folder = { files: new Set(names) };
      this.folders.set(dir, f);
      const template = !isInstanceFolderName(path.basename(dir));
      for (const n of names) {
        if (!n.endsWith('.hrd') && n !== 'actions.py') continue;
        const p = path.join(dir, n);
        res.files++;
        if (n !== 'service.hrd' && !(n === 'actions.py' && template) && !(onHrd && template)) continue;
        const r = readRecipeFile(this.fs, p);
        if ('problem' in r) {
          this.problems.set(p, r.problem);
          if (n === 'service.hrd') f.recipe = { urls: [] };
          if (template) res.hrdFiles.push(p);
          if (onHrd && template) onHrd(p, undefined, r.problem);
          continue;
        }
        this.problems.delete(p);
        const parsed = onHrd && template ? onHrd(p, r.text, undefined) : undefined;
        if (template) res.hrdFiles.push(p);
        if (n === 'service.hrd') f.recipe = summarizeRecipe(parsed || parseHrd(r.text));
        else if (n === 'actions.py') f.names = scanDisplayNames(r.text);
      }
    }
    return subdirs;
  }

  /** A file or folder changed on disk (file watcher): re-read it. */
  refreshPath(p: string): void {
    const st = this.fs.stat(p);
    if (!st) {
      this.removeFile(p);
      return;
    }
    if (st.isDirectory()) this.scanFolder(p, this.lastExclude);
    else this.upsertFile(p);
  }

  /**
   * An editor closed `filePath`: its unsaved text no longer counts. The file is read again from disk, or forgotten
   * (with its folder, when no recipe file of the folder is left) when it never existed there or `onDisk` is false
   * (a file outside the indexed folders).
   */
  revertToDisk(filePath: string, onDisk = true): void {
    const p = path.resolve(filePath);
    const st = onDisk ? this.fs.stat(p) : undefined;
    if (st && !st.isDirectory()) {
      this.upsertFile(p);
      return;
    }
    this.removeFile(p);
    const dir = path.dirname(p);
    const f = this.folders.get(dir);
    if (f && ![...f.files].some((n) => RECIPE_FILE.test(n))) this.folders.delete(dir);
  }

  /** A file or folder was deleted. */
  removePath(p: string): void {
    this.removeFile(p);
  }

  /** A workspace folder was removed. */
  removeFolder(root: string): void {
    this.removeRoot(root);
  }

  hasFile(filePath: string): boolean {
    const p = path.resolve(filePath);
    return this.folders.get(path.dirname(p))?.files.has(path.basename(p)) ?? false;
  }

  /**
   * The recipe folder `filePath` is in: its directory when the index holds that folder (it has recipe files),
   * else undefined.
   */
  recipeFolderOf(filePath: string): string | undefined {
    const dir = path.dirname(path.resolve(filePath));
    return this.folders.has(dir) ? dir : undefined;
  }

  /** Whether `other` is in the same recipe folder as `filePath` (files whose rules read each other). */
  inSameRecipeFolder(filePath: string, other: string): boolean {
    const dir = this.recipeFolderOf(filePath);
    return dir !== undefined && path.dirname(path.resolve(other)) === dir;
  }

  /** Whether `dir` is a template folder of the index (a service.hrd, not an AYS instance folder). */
  isTemplateFolder(dir: string): boolean {
    const d = path.resolve(dir);
    return !!this.folders.get(d)?.files.has('service.hrd') && !isInstanceFolderName(path.basename(d));
  }

  /** The service.hrd summary of a folder (undefined when the index has no service.hrd there). */
  summaryOf(dir: string): RecipeSummary | undefined {
    const f = this.folders.get(path.resolve(dir));
    return f?.files.has('service.hrd') ? f.recipe : undefined;
  }

  /** Display names registered by the folder's actions.py (regex scan, see scanDisplayNames). */
  displayNamesOf(dir: string): readonly ScannedDisplayName[] {
    return this.folders.get(path.resolve(dir))?.names ?? [];
  }

  /** Template folders (a service.hrd, not an AYS instance folder). */
  templateFolders(): string[] {
    const out: string[] = [];
    for (const [dir, f] of this.folders)
      if (f.files.has('service.hrd') && !isInstanceFolderName(path.basename(dir))) out.push(dir);
    return out;
  }

  /** Every web.export URL used in the workspace, most used first. */
  urls(): string[] {
    const count = new Map<string, number>();
    for (const f of this.folders.values()) for (const u of f.recipe?.urls ?? []) count.set(u, (count.get(u) ?? 0) + 1);
    return [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([u]) => u);
  }

  /** Template names (from dest) already used, with their folders: for collision checks and completion. */
  templateNames(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const [dir, f] of this.folders) {
      const t = f.recipe?.templateName;
      if (!t || isInstanceFolderName(path.basename(dir)) || !f.files.has('service.hrd')) continue;
      const arr = m.get(t);
      if (arr) arr.push(dir);
      else m.set(t, [dir]);
    }
    return m;
  }

  /** The workspace-wide diagnostics, by absolute file path (recomputed only after a change; see workspaceRules.ts). */
  workspaceDiagnostics(): Map<string, Diagnostic[]> {
    this.cached ??= workspaceRuleDiagnostics({
      problems: this.problems,
      folders: this.folders,
      templates: this.templateFolders(),
      templateNames: () => this.templateNames(),
    });
    return this.cached;
  }

  get size(): number {
    return this.folders.size;
  }
}
