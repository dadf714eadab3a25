/**
 * Language server entry. Runs over node IPC (started by the extension) or over stdio
 * (`node dist/server.js --stdio`): vscode-languageserver picks the transport from argv.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer';

startServer(createConnection(ProposedFeatures.all));
