/**
 * Language server entry. Runs in a worker thread of the extension host (the messages over the port in
 * `workerData.lspPort`, see client/src/serverHost.ts), as a process over node IPC (the extension's
 * `aysRecipes.server.runtime: "process"`), or over stdio (`node dist/server.js --stdio`, for other editors):
 * vscode-languageserver picks the process transport from argv. Over stdio the bytes go through guardFraming
 * first: broken framing ends the process (exit 1) instead of leaving it silent.
 */
import type { MessagePort } from 'node:worker_threads';
import { createConnection, PortMessageReader, PortMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { guardFraming } from './lsp/frameGuard';
import { startServer } from './lsp/startServer';

/** The port of a worker started by the extension. (A process never loads node:worker_threads: 4 ms less.) */
function workerPort(): MessagePort | undefined {
  if (process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in a worker (see above)
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  return threads.isMainThread ? undefined : (threads.workerData as { lspPort?: MessagePort } | undefined)?.lspPort;
}

const port = workerPort();
if (port) {
  // The client's end closed (its host stopped it without the exit notification): the worker ends too.
  port.once('close', () => process.exit(0));
  startServer(createConnection(ProposedFeatures.all, new PortMessageReader(port), new PortMessageWriter(port)));
} else if (process.argv.includes('--stdio')) {
  const input = guardFraming(process.stdin, (reason) => {
    process.stderr.write(
      `ays language server: broken LSP framing on stdin (${reason}); exiting so that the client restarts the server\n`,
    );
    process.exit(1);
  });
  startServer(createConnection(ProposedFeatures.all, input, process.stdout));
} else {
  startServer(createConnection(ProposedFeatures.all));
}
