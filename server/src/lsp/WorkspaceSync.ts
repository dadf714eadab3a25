import { Connection, Diagnostic, FileChangeType, WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sep } from 'node:path';
import { URI } from 'vscode-uri';
import { RecipeSettings } from '../../../common/settings';
import type { LanguageService } from '../service/LanguageService';
import { DiagnosticScheduler } from './DiagnosticScheduler';
import { startIndexProgress } from './indexProgress';

/**
 * Keeps the workspace index (every template folder of the workspace folders) in step with the disk
 * and the open editors, and publishes the workspace-wide diagnostics — never on the keystroke path:
 * recomputation is debounced and runs after the per-document validation.
 */
export class WorkspaceSync {
  private folders: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private generation = 0;
  private startTimer: NodeJS.Timeout | undefined;
  private indexedOnce = false;
  /** How long the first scan runs before it shows progress (initializationOptions.indexProgressDelay overrides it). */
  progressDelayMs = 500;
  /** The open documents: their text is newer than the disk, also after a rescan. */
  openDocuments: () => readonly TextDocument[] = () => [];

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly scheduler: DiagnosticScheduler,
    private readonly settings: () => RecipeSettings,
    private readonly delayMs = 400,
  ) {
    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const path = toPath(change.uri);
        if (!path) continue;
        if (change.type === FileChangeType.Deleted) this.service.workspace.removePath(path);
        else this.service.workspace.refreshPath(path);
      }
      this.republishSoon();
    });
  }

  setFolders(folders: WorkspaceFolder[]): void {
    this.folders = folders.map((f) => toPath(f.uri)).filter((p): p is string => !!p);
  }

  /**
   * Initial scan, a moment after `initialized`: the documents the editor opens at start-up are
   * validated first, the workspace-wide rules follow.
   */
  start(delayMs = 100): void {
    this.started = true;
    try {
      // A getter that throws when the client does not announce workspace folder changes.
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) {
          const p = toPath(r.uri);
          if (p) {
            this.service.workspace.removeFolder(p);
            this.folders = this.folders.filter((f) => f !== p);
          }
        }
        for (const a of e.added) {
          const p = toPath(a.uri);
          if (p) this.folders.push(p);
        }
        this.refresh();
      });
    } catch {
      /* the client does not announce folder changes */
    }
    this.startTimer = setTimeout(() => {
      this.startTimer = undefined;
      this.refresh();
    }, delayMs);
  }

  /**
   * Rescans every folder (start, folders or exclude globs changed) in time slices, so that documents
   * opened meanwhile are validated at once; a newer refresh supersedes a running one.
   */
  refresh(): void {
    if (!this.started) return;
    const generation = ++this.generation;
    // The first index of the workspace shows its progress when it takes a while.
    const endProgress = this.indexedOnce
      ? () => undefined
      : startIndexProgress(this.connection, () => this.service.workspace.size, this.progressDelayMs);
    void (async () => {
      const t0 = Date.now();
      try {
        for (const folder of this.folders) {
          if (generation !== this.generation) return;
          await this.service.workspace.scanFolderAsync(folder, this.settings().validation.exclude);
        }
      } finally {
        endProgress();
      }
      if (generation !== this.generation) return;
      this.indexedOnce = true;
      // the scan read the disk: an editor opened meanwhile (or restored with unsaved text) is newer
      for (const doc of this.openDocuments()) {
        const p = toPath(doc.uri);
        if (p) this.service.workspace.upsertFile(p, doc.getText());
      }
      this.connection.console.log(`indexed ${this.service.workspace.size} recipe file(s) in ${Date.now() - t0} ms`);
      this.publish();
      // The scan leaves much short-lived garbage behind: one full collection now (idle time) lets V8
      // hand those pages back. Only in a server process started with --expose-gc (the extension's "process"
      // runtime); a worker thread cannot take that flag, and its heap is small and bounded (serverHost.ts).
      setTimeout(() => (globalThis as { gc?: () => void }).gc?.(), 500);
    })();
  }

  /** An open document's text is newer than the disk: the index uses it for cross-recipe rules. */
  documentChanged(doc: TextDocument): void {
    const path = toPath(doc.uri);
    if (!path) return;
    this.service.workspace.upsertFile(path, doc.getText());
    this.republishSoon();
  }

  /**
   * The other open documents in the same recipe folder as `doc` (a query to the index): actions.py rules read the
   * sibling service.hrd (its last dest), so they are revalidated when it changes.
   */
  openSiblingsOf(doc: TextDocument): TextDocument[] {
    const path = toPath(doc.uri);
    if (!path || !this.service.workspace.recipeFolderOf(path)) return [];
    return this.openDocuments().filter((other) => {
      if (other.uri === doc.uri) return false;
      const p = toPath(other.uri);
      return !!p && this.service.workspace.inSameRecipeFolder(path, p);
    });
  }

  /** A document was closed: its unsaved text no longer counts; the disk state does (nothing when it is not on disk). */
  documentClosed(uri: string): void {
    const path = toPath(uri);
    if (!path) return;
    const inside = this.folders.some((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep));
    this.service.workspace.revertToDisk(path, inside);
    this.republishSoon();
  }

  /** Workspace-wide diagnostics again (rule settings changed), once the initial scan is done. */
  republish(): void {
    if (this.started && !this.startTimer) this.republishSoon();
  }

  private republishSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.publish(), this.delayMs);
  }

  private publish(): void {
    this.timer = undefined;
    const byUri = new Map<string, Diagnostic[]>();
    for (const [path, diagnostics] of this.service.workspaceDiagnostics())
      byUri.set(URI.file(path).toString(), diagnostics);
    this.scheduler.setWorkspaceDiagnostics(byUri);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.startTimer) clearTimeout(this.startTimer);
  }
}

export function toPath(uri: string): string | undefined {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : undefined;
  } catch {
    return undefined;
  }
}
