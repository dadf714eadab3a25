import * as path from 'node:path';
import * as vscode from 'vscode';
import { HistoryStore } from '../../../common/install/HistoryStore';
import { commitAndPush, gitState, hasLocalChanges } from '../../../common/install/git';
import { DeployController, DeployPreset } from '../deploy/DeployController';
import { IMAGE_DETAILS_SCHEME, ImageDetailsProvider } from '../deploy/imageDetails';
import type { RecipeStatusItem } from '../deploy/RecipeStatusItem';
import { InstallController } from '../install/InstallController';
import { askCommitAndPush } from '../install/preflight';
import { PortalSessions } from '../portal/PortalSessions';
import { newImageRecipe, newVersionOfRecipe } from '../recipes/newRecipeWizard';
import { ImagesTreeProvider } from '../tree/ImagesTreeProvider';
import { TreeNode } from '../tree/treeNodes';
import { recipeFolder } from './installCommands';

export interface DeployWiring {
  context: vscode.ExtensionContext;
  installs: InstallController;
  sessions: PortalSessions;
  images: ImagesTreeProvider;
  history: HistoryStore;
  output: vscode.LogOutputChannel;
  /** Created at activation (client/src/extension.ts): the remote part only feeds it the running stages. */
  status: RecipeStatusItem;
}

/**
 * New Image Recipe, New Version, Commit & Push, Deploy and Image Details (dist/remote.js). The CodeLens,
 * the status item and the missing-file quick fix are registered at activation by extension.ts.
 */
export function registerDeployCommands(w: DeployWiring): DeployController {
  const deploy = new DeployController(w.context, w.installs, w.sessions, w.images, w.output);
  const details = new ImageDetailsProvider(w.sessions, w.history);
  const status = w.status;
  w.context.subscriptions.push(
    deploy,
    w.installs.onDidChangeStage((e) => status.setStage(e.image, e.stage)),
    deploy.onDidStep((e) => status.setStage(e.image, e.step)),
    vscode.workspace.registerTextDocumentContentProvider(IMAGE_DETAILS_SCHEME, details),
    vscode.commands.registerCommand('aysRecipes.newRecipe', (arg?: unknown) => newImageRecipe(w.sessions, arg)),
    vscode.commands.registerCommand('aysRecipes.newVersion', async (arg?: unknown) => {
      const folder = await recipeFolder(arg);
      return folder ? newVersionOfRecipe(w.sessions, folder) : undefined;
    }),
    vscode.commands.registerCommand('aysRecipes.commitAndPush', async (arg?: unknown) => {
      const folder = await recipeFolder(arg);
      if (!folder) return undefined;
      const g = await gitState(folder);
      if (!g) {
        void vscode.window.showErrorMessage(`${path.basename(folder)} is not in a git working copy.`);
        return undefined;
      }
      if (!hasLocalChanges(g)) {
        void vscode.window.showInformationMessage(
          `${path.basename(folder)}: origin already has it (nothing to commit or push).`,
        );
        return undefined;
      }
      const d = await askCommitAndPush(folder, g);
      if (d.action !== 'commit') return undefined;
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Commit & Push ${path.basename(folder)}…` },
        () => commitAndPush(folder, d.message),
      );
      if (!r.ok) {
        void vscode.window.showErrorMessage(`Commit & Push: ${r.message}`);
        return undefined;
      }
      void vscode.window.showInformationMessage(
        `Committed and pushed ${path.basename(folder)} (${r.commit.slice(0, 8)}): ${r.files.length} file(s).`,
      );
      return r;
    }),
    vscode.commands.registerCommand('aysRecipes.deploy', async (arg?: unknown, preset?: DeployPreset) => {
      const folder = await recipeFolder(arg);
      return folder ? deploy.deploy(folder, preset ?? {}) : undefined;
    }),
    vscode.commands.registerCommand('aysRecipes.images.details', (n?: TreeNode) => details.show(n)),
  );
  return deploy;
}
