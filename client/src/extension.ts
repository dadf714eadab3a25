import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { CONFIG_SECTION, OUTPUT_CHANNEL_NAME } from '../../common/constants';
import { HistoryStore } from '../../common/install/HistoryStore';
import type { RecipeFinding, RecipeText } from '../../common/install/InstallSession';
import { RecipeRef } from '../../common/portal';
import { addEnvironment } from './commands/addEnvironment';
import { registerImageCommands } from './commands/imageCommands';
import { registerDeployCommands } from './commands/deployCommands';
import { registerInstallCommands } from './commands/installCommands';
import { DeployController } from './deploy/DeployController';
import { InstallController } from './install/InstallController';
import { InstallDiagnostics } from './install/InstallDiagnostics';
import { RegistrationWatcher } from './install/RegistrationWatcher';
import { createLanguageClient } from './languageClient';
import { PortalSessions } from './portal/PortalSessions';
import { ImagesTreeProvider } from './tree/ImagesTreeProvider';
import { RefreshManager } from './tree/RefreshManager';
import { TreeNode } from './tree/treeNodes';

/** What the extension exposes to other extensions and to its own end-to-end tests. */
export interface AysRecipesApi {
  readonly client: LanguageClient;
  readonly output: vscode.LogOutputChannel;
  /** Resolves once the language client is running (or rejects with the start error). */
  readonly ready: Promise<void>;
  isRunning(): boolean;
  readonly images: ImagesTreeProvider;
  readonly imagesView: vscode.TreeView<TreeNode>;
  readonly history: HistoryStore;
  readonly installs: InstallController;
  readonly deploys: DeployController;
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

  // Language server.
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
  const recipes = async (): Promise<(RecipeRef & { templateName?: string })[]> => {
    await ready;
    return lc.sendRequest<(RecipeRef & { templateName?: string })[]>('aysRecipes/recipes').catch(() => []);
  };

  // Run history (per workspace) and the "AYS Images" view.
  const storage = context.storageUri ?? context.globalStorageUri;
  const history = new HistoryStore(path.join(storage.fsPath, 'install-history.json'));
  const sessions = new PortalSessions(context.secrets, output);
  const images = new ImagesTreeProvider(sessions, history, recipes, output);
  const imagesView = vscode.window.createTreeView('aysRecipes.images', { treeDataProvider: images, showCollapseAll: true });
  const refresher = new RefreshManager(imagesView, () => images.refresh(),
    () => vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>('images.refreshSeconds', 60));
  context.subscriptions.push(sessions, images, imagesView, refresher);
  registerImageCommands(context, images, sessions, () => refresher.request());

  // Install / Reinstall / Clean Reinstall over SSH.
  const installDiagnostics = new InstallDiagnostics();
  const registration = new RegistrationWatcher(sessions, images, imagesView);
  const validateTexts = async (files: RecipeText[]) => { await ready; return lc.sendRequest<RecipeFinding[]>('aysRecipes/validateTexts', files); };
  const installs = new InstallController(context, output, history, installDiagnostics, registration, path.join(storage.fsPath, 'logs'), validateTexts);
  context.subscriptions.push(installDiagnostics, registration, installs, installs.onDidFinish(() => images.redraw()));
  registerInstallCommands(context, installs, (n) => (n.kind === 'image' ? n.row.recipe?.folder : undefined));
  const deploys = registerDeployCommands({ context, installs, sessions, images, history, output });

  context.subscriptions.push(
    vscode.commands.registerCommand('aysRecipes.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('aysRecipes.restartServer', async () => {
      output.info('restarting the language server');
      await lc.restart();
    }),
    vscode.commands.registerCommand('aysRecipes.addEnvironment', addEnvironment),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.environments`)) { images.refresh(); }
      if (e.affectsConfiguration(`${CONFIG_SECTION}.images.refreshSeconds`)) refresher.schedule();
    }),
  );

  timings.activateEnd = Date.now();
  return { client: lc, output, ready, isRunning: () => lc.state === State.Running, images, imagesView, history, installs, deploys, timings };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
