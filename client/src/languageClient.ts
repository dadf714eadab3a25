import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import * as vscode from 'vscode';
import {
  IPCMessageReader,
  IPCMessageWriter,
  LanguageClient,
  LanguageClientOptions,
  MessageTransports,
  Middleware,
  PortMessageReader,
  PortMessageWriter,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { CONFIG_SECTION, LANGUAGE_ID, SERVER_NAME } from '../../common/constants';
import { isDebugMode, startServer, StartedServer } from './serverHost';
import { languageServerSettings } from './settings';

/** The language client and the server it talks to now (a new one after each restart). */
export interface ClientAndServer {
  readonly client: LanguageClient;
  server(): StartedServer | undefined;
}

/** The server's output lines go to the output channel, as the library does for the servers it starts. */
function pipeLines(input: Readable | null, log: (line: string) => void): void {
  if (input) readline.createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 }).on('line', log);
}

/**
 * Creates the language client for HRD files and recipe `actions.py` files. The server itself
 * decides whether an `actions.py` belongs to a template folder (a sibling `service.hrd`).
 * The first start takes `prestarted` (the server activation started, see serverHost.ts) unless it has
 * already ended; every later start (restart, recovery from a crash) starts a fresh server.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  middleware?: Middleware,
  prestarted?: StartedServer,
): ClientAndServer {
  let next = prestarted;
  let current: StartedServer | undefined;
  const serverOptions: ServerOptions = async () => {
    let server = next;
    next = undefined;
    if (server?.ended) {
      output.warn(`${server.ended} before the language client started; starting it again`);
      server = undefined;
    }
    server ??= startServer(context.extensionPath);
    current = server;
    pipeLines(server.stdout, (l) => output.info(l));
    pipeLines(server.stderr, (l) => output.error(l));
    return transports(server);
  };
  /** The messages over node IPC (a process) or the worker's port, and the end of the server told to the client. */
  function transports(server: StartedServer): MessageTransports {
    if (server.runsIn === 'worker') {
      const worker = server.worker;
      worker.on('error', (e) => client.error(`Server failed: ${e.stack ?? e.message}`, undefined, false));
      worker.on('exit', (code) => {
        if (code === 0) client.info('Server exited successfully', undefined, false);
        else client.error(`Server exited with code ${code}.`, undefined, false);
      });
      return { reader: new PortMessageReader(server.port), writer: new PortMessageWriter(server.port) };
    }
    const child = server.process;
    child.on('exit', (code, signal) => {
      if (code === 0) client.info('Server process exited successfully', undefined, false);
      else if (code !== null) client.error(`Server process exited with code ${code}.`, undefined, false);
      if (signal !== null) client.error(`Server process exited with signal ${signal}.`, undefined, false);
    });
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
  }
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
  // As the library does for its own processes: a server still running 2 s after the client stopped is ended.
  client.onDidChangeState((e) => {
    if (e.newState !== State.Stopped || !current) return;
    const stopped = current;
    current = undefined;
    setTimeout(() => {
      if (!stopped.exited()) stopped.kill();
    }, 2000);
  });
  return { client, server: () => current };
}
