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
  /** Epoch milliseconds of the activation milestones, for the activation benchmark. */
  readonly timings: { bundleLoaded: number; activateStart: number; activateEnd: number; serverRunning?: number };
}

/** Set when the bundle is evaluated: activation time is measured from here (bench/activation). */
const bundleLoadedAt = Date.now();
let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): AysRecipesApi {
  const started = Date.now();
  const timings: AysRecipesApi['timings'] = { bundleLoaded: bundleLoadedAt, activateStart: started, activateEnd: 0 };
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(output);
  client = createLanguageClient(context, output);
  const lc = client;

  const ready = lc.start().then(
    () => {
      timings.serverRunning = Date.now();
      output.info(`language server running (${timings.serverRunning - started} ms after activation)`);
    },
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

  timings.activateEnd = Date.now();
  return { client: lc, output, ready, isRunning: () => lc.state === State.Running, timings };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
