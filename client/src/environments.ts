import * as vscode from 'vscode';
import {
  EnvironmentsResult,
  ResolvedEnvironment,
  validateEnvironments,
} from '../../common/environments/loadEnvironments';
import { setting } from './settings';

/** `aysRecipes.environments`, validated by the same code as the CLI's `--config FILE`. */
export function readEnvironments(scope?: vscode.Uri): EnvironmentsResult {
  return validateEnvironments(setting('environments', scope), {
    baseDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
  });
}

/** Asks for an environment when there are several; undefined when none or cancelled. */
export async function pickEnvironment(placeHolder = 'Environment'): Promise<ResolvedEnvironment | undefined> {
  const { environments, errors } = readEnvironments();
  if (!environments.length) {
    const action = await vscode.window.showWarningMessage(
      errors.length
        ? `No valid environment: ${errors.map((e) => e.message).join('; ')}`
        : 'No OpenvCloud environment is configured.',
      'Add Environment',
      'Open Settings',
    );
    if (action === 'Add Environment') await vscode.commands.executeCommand('aysRecipes.addEnvironment');
    if (action === 'Open Settings')
      await vscode.commands.executeCommand('workbench.action.openSettings', 'aysRecipes.environments');
    return undefined;
  }
  if (environments.length === 1) return environments[0];
  const picked = await vscode.window.showQuickPick(
    environments.map((e) => ({
      label: e.name,
      description: `${e.ovcGit.user}@${e.ovcGit.host}:${e.ovcGit.port}`,
      detail: e.repoPath,
      env: e,
    })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.env;
}
