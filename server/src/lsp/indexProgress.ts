import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/**
 * "12,345 recipes": digits grouped as `toLocaleString('en-US')` groups them, without Intl (its first use maps
 * ~5 MB of ICU data into the server for good).
 */
export function recipeCount(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} recipe${n === 1 ? '' : 's'}`;
}

/**
 * Shows "Indexing recipes…" with a count in the editor (server-initiated window/workDoneProgress) when
 * an index scan is still running after `delayMs`: a small workspace is indexed before anything shows.
 * Returns the function that ends it.
 */
export function startIndexProgress(
  connection: Connection,
  count: () => number,
  delayMs = 500,
  everyMs = 250,
): () => void {
  let reporter: WorkDoneProgressServerReporter | undefined;
  let ticker: NodeJS.Timeout | undefined;
  let over = false;
  const message = () => recipeCount(count());
  const timer = setTimeout(() => {
    void connection.window.createWorkDoneProgress().then(
      (r) => {
        if (over) {
          r.done();
          return;
        }
        reporter = r;
        r.begin('Indexing recipes…', undefined, message(), false);
        ticker = setInterval(() => r.report(message()), everyMs);
      },
      () => undefined,
    );
  }, delayMs);
  return () => {
    over = true;
    clearTimeout(timer);
    if (ticker) clearInterval(ticker);
    reporter?.done();
  };
}
