import { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

type Validate = (doc: TextDocument) => Diagnostic[] | Promise<Diagnostic[]>;
type Publish = (uri: string, diagnostics: Diagnostic[], version?: number) => void;

/**
 * Per-document validation, debounced and cancellable: a newer change drops a pending or running
 * validation of the older version. Document diagnostics are merged with the workspace-wide ones
 * (computed off the keystroke path by the index) before publishing.
 */
export class DiagnosticScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly latest = new Map<string, number>();
  private readonly docDiagnostics = new Map<string, Diagnostic[]>();
  private workspaceDiagnostics = new Map<string, Diagnostic[]>();

  constructor(
    private readonly validate: Validate,
    private readonly publish: Publish,
    private delayMs: () => number,
    private readonly onError: (uri: string, e: unknown) => void,
  ) {}

  /** Schedules validation of `doc`; `immediate` skips the debounce (open, save, settings change). */
  schedule(doc: TextDocument, immediate = false): void {
    const pending = this.timers.get(doc.uri);
    // didOpen is followed by a content event of the same version: keep the immediate run already queued.
    if (!immediate && pending && this.latest.get(doc.uri) === doc.version) return;
    this.latest.set(doc.uri, doc.version);
    if (pending) clearTimeout(pending);
    const delay = immediate ? 0 : this.delayMs();
    this.timers.set(
      doc.uri,
      setTimeout(() => void this.run(doc), delay),
    );
  }

  private async run(doc: TextDocument): Promise<void> {
    this.timers.delete(doc.uri);
    if (this.latest.get(doc.uri) !== doc.version) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await this.validate(doc);
    } catch (e) {
      this.onError(doc.uri, e);
      diagnostics = [];
    }
    if (this.latest.get(doc.uri) !== doc.version) return; // a newer version is on its way
    this.docDiagnostics.set(doc.uri, diagnostics);
    this.flush(doc.uri, doc.version);
  }

  /** Replaces every workspace-wide diagnostic and republishes the files whose set changed. */
  setWorkspaceDiagnostics(next: Map<string, Diagnostic[]>): void {
    const touched = new Set([...this.workspaceDiagnostics.keys(), ...next.keys()]);
    const prev = this.workspaceDiagnostics;
    this.workspaceDiagnostics = next;
    for (const uri of touched) {
      if (JSON.stringify(prev.get(uri) ?? []) !== JSON.stringify(next.get(uri) ?? [])) this.flush(uri);
    }
  }

  /** Forgets a closed document: only its workspace-wide diagnostics stay visible. */
  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.latest.delete(uri);
    this.docDiagnostics.delete(uri);
    this.flush(uri);
  }

  private flush(uri: string, version?: number): void {
    const own = this.docDiagnostics.get(uri) ?? [];
    let wide = this.workspaceDiagnostics.get(uri) ?? [];
    // an open file over the size limits is reported by both (file-unreadable, same text): once is enough
    if (own.length && wide.length) {
      const same = new Set(own.map((d) => `${d.code}|${d.message}`));
      wide = wide.filter((d) => !same.has(`${d.code}|${d.message}`));
    }
    this.publish(uri, [...own, ...wide], version);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
