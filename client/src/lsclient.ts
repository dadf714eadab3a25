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
import type { ServerChild } from './serverProcess';

export interface LanguageServer {
  readonly client: LanguageClient;
  /** Resolves once the client runs (or rejects with the start error). */
  readonly started: Promise<void>;
  isRunning(): boolean;
  /** The pid of the server process the client talks to now. */
  serverProcessId(): number | undefined;
  recipes(): Promise<RecipeInfo[]>;
  validateTexts(files: RecipeText[]): Promise<RecipeFinding[]>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const recipesRequest = new RequestType0<RecipeInfo[], void>(RECIPES_REQUEST);
const validateTextsRequest = new RequestType<RecipeText[], RecipeFinding[], void>(VALIDATE_TEXTS_REQUEST);

/** Starts the client; its first server is `preforked` (already started by activation) when given. */
export function startLanguageServer(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  preforked?: ServerChild,
): LanguageServer {
  const { client, serverProcess } = createLanguageClient(context, output, ruleDocsMiddleware, preforked);
  const started = client.start();
  return {
    client,
    started,
    isRunning: () => client.state === State.Running,
    serverProcessId: () => serverProcess()?.pid,
    recipes: () => client.sendRequest(recipesRequest).catch(() => []),
    validateTexts: (files) => client.sendRequest(validateTextsRequest, files),
    restart: () => client.restart(),
    stop: () => client.stop(),
  };
}
