/**
 * Language server entry. Runs over node IPC (started by the extension) or over stdio
 * (`node dist/server.js --stdio`): vscode-languageserver picks the transport from argv. Over stdio the bytes go
 * through guardFraming first: broken framing ends the process (exit 1) instead of leaving it silent.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { guardFraming } from './lsp/frameGuard';
import { startServer } from './lsp/startServer';

if (process.argv.includes('--stdio')) {
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
