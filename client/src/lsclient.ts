/**
 * The language client: vscode-languageclient with its protocol and jsonrpc libraries is ~440 KB minified, more
 * than the rest of the activation. A bundle of its own (dist/lsclient.js) that extension.ts requires right after
 * activate() returns, so that activation evaluates only the thin dist/client.js. Starts the client with the
 * rule-docs middleware and wraps the requests the rest of the extension sends.
 */
import type * as vscode from 'vscode';
import { LanguageClient, RequestType, RequestType0, State } from 'vscode-languageclient/node';
import { RECIPES_REQUEST, RecipeFinding, RecipeInfo, RecipeText, VALIDATE_TEXTS_REQUEST } from '../../common/protocol';
import { ruleDocsMiddleware } from './docs/ruleDocs';
import { createLanguageClient } from './languageClient';
import type { StartedServer } from './serverHost';

/** Where a language server runs, and whether it has ended. */
export interface ServerInfo {
  readonly runsIn: 'worker' | 'process';
  /** The worker's thread id, or the process id. */
  readonly id: number;
  exited(): boolean;
  /** Ends it at once, as a crash would (the client then starts a new one). */
  end(): void;
}

export interface LanguageServer {
  readonly client: LanguageClient;
  /** Resolves once the client runs (or rejects with the start error). */
  readonly started: Promise<void>;
  isRunning(): boolean;
  /** Where the server the client talks to now runs: a worker thread (its thread id) or a process (its pid). */
  server(): ServerInfo | undefined;
  recipes(): Promise<RecipeInfo[]>;
  validateTexts(files: RecipeText[]): Promise<RecipeFinding[]>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const recipesRequest = new RequestType0<RecipeInfo[], void>(RECIPES_REQUEST);
const validateTextsRequest = new RequestType<RecipeText[], RecipeFinding[], void>(VALIDATE_TEXTS_REQUEST);

/** Starts the client; its first server is `prestarted` (already started by activation) when given. */
export function startLanguageServer(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  prestarted?: StartedServer,
): LanguageServer {
  const { client, server } = createLanguageClient(context, output, ruleDocsMiddleware, prestarted);
  const started = client.start();
  return {
    client,
    started,
    isRunning: () => client.state === State.Running,
    server: () => {
      const s = server();
      return s && { runsIn: s.runsIn, id: s.id, exited: () => s.exited(), end: () => s.kill() };
    },
    recipes: () => client.sendRequest(recipesRequest).catch(() => []),
    validateTexts: (files) => client.sendRequest(validateTextsRequest, files),
    restart: () => client.restart(),
    stop: () => client.stop(),
  };
}
