/**
 * An in-memory LSP harness: `startServer(connection)` on one end of two PassThrough streams, a
 * vscode-jsonrpc client on the other. No process, no socket: the LSP wiring of server/src/lsp/ runs
 * exactly as over stdio, in the test's own process. The client answers `workspace/configuration`
 * from `settings` (per scope URI if it is a function) and records every publishDiagnostics.
 */
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  createConnection,
  ProposedFeatures,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { startServer } from '../../../server/src/lsp/startServer';
import { PublishedDiagnostics } from './PublishedDiagnostics';

export interface HarnessOptions {
  /** Workspace folder URIs (file://…); the first is also the rootUri. */
  folders?: string[];
  initializationOptions?: Record<string, unknown>;
  /** Client capabilities; `workspace.configuration: true` makes the server pull settings. */
  capabilities?: ClientCapabilities;
  /** The `aysRecipes` section the client returns for `workspace/configuration`. */
  settings?: unknown | ((scopeUri: string | undefined) => unknown);
}

export interface LspHarness {
  client: MessageConnection;
  initializeResult: InitializeResult;
  /** Last diagnostics published per URI. */
  published: Map<string, Diagnostic[]>;
  /** Every `workspace/configuration` item the server asked for. */
  configurationRequests: Array<{ scopeUri?: string; section?: string }>;
  /** Log messages the server wrote with connection.console (`window/logMessage`). */
  logs: string[];
  open(uri: string, languageId: string, text: string, version?: number): Promise<void>;
  /** Replaces the whole text (a full-document change event). */
  change(uri: string, text: string, version: number): Promise<void>;
  close(uri: string): Promise<void>;
  request<R>(method: string, params?: unknown): Promise<R>;
  notify(method: string, params?: unknown): Promise<void>;
  /** Resolves with the next diagnostics for `uri` that satisfy `ok` (the last published ones count too). */
  diagnostics(uri: string, ok?: (d: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]>;
  /** Resolves when a publish for `uri` arrives after this call (empty or not). */
  nextPublish(uri: string, ms?: number): Promise<Diagnostic[]>;
  /** shutdown, then both ends disposed (no `exit`: vscode-languageserver would end the process). */
  dispose(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<LspHarness> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server: Connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(server);

  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published = new PublishedDiagnostics();
  const configurationRequests: LspHarness['configurationRequests'] = [];
  const logs: string[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    published.publish(p.uri, p.diagnostics);
  });
  client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('client/unregisterCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) =>
    p.items.map((item) => {
      configurationRequests.push(item);
      return typeof options.settings === 'function' ? options.settings(item.scopeUri) : (options.settings ?? null);
    }),
  );
  client.listen();

  const folders = options.folders ?? [];
  const initializeResult = await client.sendRequest<InitializeResult>('initialize', {
    // null: no parent-process watchdog (it would call process.exit when the pid disappears)
    processId: null,
    rootUri: folders[0] ?? null,
    workspaceFolders: folders.map((uri, i) => ({ uri, name: `folder${i}` })),
    capabilities: options.capabilities ?? {},
    initializationOptions: { diagnosticDelay: 0, ...options.initializationOptions },
  });
  await client.sendNotification('initialized', {});

  return {
    client,
    initializeResult,
    published: published.byUri,
    configurationRequests,
    logs,
    open: (uri, languageId, text, version = 1) =>
      client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } }),
    change: (uri, text, version) =>
      client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }),
    close: (uri) => client.sendNotification('textDocument/didClose', { textDocument: { uri } }),
    request: <R>(method: string, params?: unknown) => client.sendRequest<R>(method, params),
    notify: (method, params) => client.sendNotification(method, params),
    diagnostics: (uri, ok = () => true, ms = 8000) => published.waitFor(uri, ok, ms),
    nextPublish: (uri, ms = 8000) => published.waitFor(uri, () => true, ms, false),
    async dispose() {
      try {
        await client.sendRequest('shutdown');
      } catch {
        /* already closed */
      }
      client.dispose();
      server.dispose();
      toServer.destroy();
      toClient.destroy();
    },
  };
}

/** The position just after the first `needle` in `text`. */
export function positionAfter(text: string, needle: string): Position {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const lines = text.slice(0, i + needle.length).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}
