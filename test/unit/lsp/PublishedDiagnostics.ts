import type { Diagnostic } from 'vscode-languageserver-types';

/** The diagnostics a test client received, by URI, and waits for the ones a test expects. */
export class PublishedDiagnostics {
  /** Last diagnostics published per URI. */
  readonly byUri = new Map<string, Diagnostic[]>();
  private readonly listeners = new Set<(uri: string) => void>();

  /** Records a textDocument/publishDiagnostics. */
  publish(uri: string, diagnostics: Diagnostic[]): void {
    this.byUri.set(uri, diagnostics);
    for (const l of [...this.listeners]) l(uri);
  }

  /**
   * Resolves with the diagnostics of `uri` that satisfy `ok`: the last published ones when `includeCurrent`, else the
   * next publish; rejects after `ms` with what was published last.
   */
  waitFor(uri: string, ok: (d: Diagnostic[]) => boolean, ms: number, includeCurrent = true): Promise<Diagnostic[]> {
    return new Promise<Diagnostic[]>((resolve, reject) => {
      const current = this.byUri.get(uri);
      if (includeCurrent && current && ok(current)) {
        resolve(current);
        return;
      }
      const listener = (u: string) => {
        const d = this.byUri.get(u);
        if (u !== uri || !d || !ok(d)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(d);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const last = JSON.stringify(this.byUri.get(uri) ?? null).slice(0, 500);
        reject(new Error(`no matching diagnostics for ${uri} within ${ms} ms; last: ${last}`));
      }, ms);
      this.listeners.add(listener);
    });
  }
}
