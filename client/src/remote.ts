/**
 * The heavy part of the extension (SSH, the portal client, the AYS Images tree, install runs, their
 * commands): a bundle of its own (dist/remote.js) that extension.ts requires on first use, never at
 * activation. Registers the real command handlers and returns what the API exposes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HistoryStore } from '../../common/install/HistoryStore';
import type { RecipeFinding, RecipeInfo, RecipeText } from '../../common/protocol';
import { addEnvironment } from './commands/addEnvironment';
import { registerDeployCommands } from './commands/deployCommands';
import { registerImageCommands } from './commands/imageCommands';
import { registerInstallCommands } from './commands/installCommands';
import type { DeployController } from './deploy/DeployController';
import type { RecipeStatusItem } from './deploy/RecipeStatusItem';
import { InstallController } from './install/InstallController';
import { InstallDiagnostics } from './install/InstallDiagnostics';
import { RegistrationWatcher } from './install/RegistrationWatcher';
import { PortalSessions } from './portal/PortalSessions';
import { ImagesTreeProvider } from './tree/ImagesTreeProvider';
import { RefreshManager } from './tree/RefreshManager';
import { affectsSetting, setting } from './settings';
import { TreeNode } from './tree/treeNodes';
import { MissingFileFix } from './recipes/missingFileFix';

export type Recipes = () => Promise<RecipeInfo[]>;
/** The language server's validation of recipe texts (the pushed content of a recipe). */
export type ValidateTexts = (files: RecipeText[]) => Promise<RecipeFinding[]>;

export interface RemoteParts {
  readonly images: ImagesTreeProvider;
  readonly history: HistoryStore;
  readonly installs: InstallController;
  readonly deploys: DeployController;
  readonly missingFileFix: MissingFileFix;
}

export function activateRemote(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  imagesView: vscode.TreeView<TreeNode>,
  recipes: Recipes,
  validateTexts: ValidateTexts,
  status: RecipeStatusItem,
): RemoteParts {
  // Run history (per workspace) and the "AYS Images" view.
  const storage = context.storageUri ?? context.globalStorageUri;
  const history = new HistoryStore(path.join(storage.fsPath, 'install-history.json'));
  const sessions = new PortalSessions(context.secrets, output);
  const images = new ImagesTreeProvider(sessions, history, recipes, output);
  const refresher = new RefreshManager(
    imagesView,
    () => images.refresh(),
    () => setting('images.refreshSeconds'),
  );
  context.subscriptions.push(sessions, images, refresher);
  registerImageCommands(context, images, sessions, () => refresher.request());

  // Install / Reinstall / Clean Reinstall over SSH.
  const installDiagnostics = new InstallDiagnostics();
  const registration = new RegistrationWatcher(sessions, images, imagesView);
  const installs = new InstallController(
    context,
    output,
    history,
    installDiagnostics,
    registration,
    path.join(storage.fsPath, 'logs'),
    validateTexts,
  );
  context.subscriptions.push(
    installDiagnostics,
    registration,
    installs,
    installs.onDidFinish(() => images.redraw()),
  );
  registerInstallCommands(context, installs, (n) => (n.kind === 'image' ? n.row.recipe?.folder : undefined));
  // New Image Recipe, New Version, Commit & Push, Deploy, Image Details.
  const deploys = registerDeployCommands({ context, installs, sessions, images, history, output, status });

  context.subscriptions.push(
    vscode.commands.registerCommand('aysRecipes.addEnvironment', addEnvironment),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e, 'environments')) {
        images.refresh();
      }
      if (affectsSetting(e, 'images.refreshSeconds')) refresher.schedule();
    }),
  );
  return { images, history, installs, deploys, missingFileFix: new MissingFileFix() };
}
