import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGE_ID, SERVER_NAME } from '../../common/constants';
import { languageServerSettings } from './settings';

/**
 * Creates the language client for HRD files and recipe `actions.py` files. The server itself
 * decides whether an `actions.py` belongs to a template folder (a sibling `service.hrd`).
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  middleware?: Middleware,
): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // A small young generation, and one full collection after the initial scan (see WorkspaceSync), keep the
  // server's memory low with 10,000 recipes indexed: the scan makes much short-lived garbage.
  const execArgv = ['--max-semi-space-size=2', '--expose-gc'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6029'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
      { language: 'python', scheme: 'file', pattern: '**/actions.py' },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      configurationSection: CONFIG_SECTION,
      // Cross-recipe rules (dest collisions, duplicate templates, backup and missing files) follow the disk.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.hrd'),
        vscode.workspace.createFileSystemWatcher('**/servicetemplates/**'),
      ],
    },
    initializationOptions: { settings: languageServerSettings() },
    middleware,
  };
  return new LanguageClient('aysRecipes', SERVER_NAME, serverOptions, clientOptions);
}
