import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { OUTPUT_CHANNEL_NAME } from '../../common/constants';
import { createLanguageClient } from './languageClient';

/** What the extension exposes to other extensions and to its own end-to-end tests. */
export interface AysRecipesApi {
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  /** Resolves once the language client is running (or rejects with the start error). */
  readonly ready: Promise<void>;
  isRunning(): boolean;
}

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): AysRecipesApi {
  const started = Date.now();
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  const lc = client;

  const ready = lc.start().then(
    () => output.info(`language server running (${Date.now() - started} ms after activation)`),
    (e: unknown) => {
      output.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    },
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('aysRecipes.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aysRecipes.restartServer', async () => {
      output.info('restarting the language server');
      await lc.restart();
    }),
  );

  return { client: lc, output, ready, isRunning: () => lc.state === State.Running };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
