import type { ChildProcess } from 'node:child_process';
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import {
  IPCMessageReader,
  IPCMessageWriter,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGE_ID, SERVER_NAME } from '../../common/constants';
import { forkServer, isDebugMode, ServerChild } from './serverProcess';
import { languageServerSettings } from './settings';

/** The language client and the server process it talks to now (a new one after each restart). */
export interface ClientAndServer {
  readonly client: LanguageClient;
  serverProcess(): ChildProcess | undefined;
}

/** The server's output lines go to the output channel, as the library does for the servers it starts. */
function pipeLines(input: Readable | null, log: (line: string) => void): void {
  if (input) readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', log);
}

/**
 * Creates the language client for HRD files and recipe `actions.py` files. The server itself
 * decides whether an `actions.py` belongs to a template folder (a sibling `service.hrd`).
 * The first start takes `preforked` (the server activation forked, see serverProcess.ts) unless it has
 * already ended; every later start (restart, recovery from a crash) forks a fresh server.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  middleware?: Middleware,
  preforked?: ServerChild,
): ClientAndServer {
  let next = preforked;
  let current: ChildProcess | undefined;
  const serverOptions: ServerOptions = async () => {
    let server = next;
    next = undefined;
    if (server?.ended) {
      output.warn(`${server.ended} before the language client started; starting it again`);
      server = undefined;
    }
    server ??= forkServer(context.extensionPath);
    const child = server.process;
    current = child;
    pipeLines(child.stdout, (l) => output.info(l));
    pipeLines(child.stderr, (l) => output.error(l));
    child.on('exit', (code, signal) => {
      if (code === 0) client.info('Server process exited successfully', undefined, false);
      else if (code !== null) client.error(`Server process exited with code ${code}.`, undefined, false);
      if (signal !== null) client.error(`Server process exited with signal ${signal}.`, undefined, false);
    });
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
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
  // In debug mode the library waits a second on restart, for the inspector port to be freed.
  const client = new LanguageClient('aysRecipes', SERVER_NAME, serverOptions, clientOptions, isDebugMode());
  // As the library does for its own processes: a server still alive 2 s after the client stopped is killed.
  client.onDidChangeState((e) => {
    if (e.newState !== State.Stopped || !current) return;
    const stopped = current;
    current = undefined;
    setTimeout(() => {
      if (stopped.exitCode === null && stopped.signalCode === null) stopped.kill('SIGKILL');
    }, 2000);
  });
  return { client, serverProcess: () => current };
}
