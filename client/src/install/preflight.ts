import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setting } from '../settings';
import type { ResolvedEnvironment } from '../../../common/environments/loadEnvironments';
import { InstallKind } from '../../../common/install/commands';
import { commitPlan, GitState, pushedContent } from '../../../common/install/git';
import type { PlannedStep } from '../../../common/install/InstallRunner';
import type { LocalChangesDecision, RecipeFinding, SessionDecisions } from '../../../common/install/InstallSession';

export const KIND_TITLE: Record<InstallKind, string> = {
  install: 'Install',
  reinstall: 'Reinstall',
  'clean-reinstall': 'Clean reinstall',
};
const DONT_ASK_KEY = 'aysRecipes.confirm.skipFor';

/** The display name of a recipe (the `name = '…'` of actions.py), else the folder name. */
export function displayNameOf(folder: string): string {
  try {
    const m = /^\s*name\s*=\s*['"]([^'"]+)['"]/m.exec(fs.readFileSync(path.join(folder, 'actions.py'), 'utf8'));
    if (m) return m[1];
  } catch {
    /* no actions.py */
  }
  return path.basename(folder);
}

/**
 * Commit & Push… from the pre-flight: lists the files that will be committed (the recipe folder only),
 * refuses a branch that is behind or has diverged, and asks for the message (prefilled).
 */
export async function askCommitAndPush(folder: string, git: GitState): Promise<LocalChangesDecision> {
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking the branch against origin…' },
    () => commitPlan(folder),
  );
  if ('code' in plan) {
    void vscode.window.showErrorMessage(`Commit & Push: ${plan.message}`);
    return { action: 'stop' };
  }
  if (plan.refusal) {
    void vscode.window.showErrorMessage(`Commit & Push refused: ${plan.refusal.message}`);
    return { action: 'stop' };
  }
  const isNew = !git.upstream || (await pushedContent(path.join(folder, 'service.hrd'), git.upstream)) === undefined;
  const message = await vscode.window.showInputBox({
    title: `Commit & Push ${path.basename(folder)}: ${plan.files.length} file(s)`,
    ignoreFocusOut: true,
    prompt: `Commits ${plan.files.join(', ') || 'nothing new'} (this folder only) and pushes to ${plan.state.upstream}`,
    value: `${isNew ? 'Add' : 'Update'} image ${displayNameOf(folder)}`,
    validateInput: (v) => (v.trim() ? undefined : 'A commit message is needed'),
  });
  return message ? { action: 'commit', message } : { action: 'stop' };
}

/** The dialogs of an install session in the extension. `dontAsk` answers the confirmation for opted-out environments. */
export function dialogDecisions(
  context: vscode.ExtensionContext,
  folder: string,
  kind: InstallKind,
  env: ResolvedEnvironment,
  nodes: string[],
  o: { skipConfirm?: boolean; title?: string; extraDetail?: string } = {},
): SessionDecisions {
  const image = path.basename(folder);
  return {
    async localChanges(git) {
      if (o.skipConfirm) return { action: 'pushed' };
      const what = [
        git.uncommitted.length
          ? `${git.uncommitted.length} uncommitted change${git.uncommitted.length === 1 ? '' : 's'} (${git.uncommitted
              .slice(0, 3)
              .map((f) => path.basename(f))
              .join(', ')})`
          : '',
        git.unpushed ? `${git.unpushed} unpushed commit${git.unpushed === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const choice = await vscode.window.showWarningMessage(
        `${image} has ${what}.`,
        {
          modal: true,
          detail:
            'ovc_git pulls the recipe from origin: what is not pushed is not installed. Commit & Push the recipe folder first, or install what origin has (it is validated first).',
        },
        'Commit & Push…',
        'Install What Is Pushed',
      );
      if (choice === 'Commit & Push…') return askCommitAndPush(folder, git);
      return choice === 'Install What Is Pushed' ? { action: 'pushed' } : { action: 'stop' };
    },
    async errors(errors: RecipeFinding[], source) {
      if (o.skipConfirm) return true;
      const list = errors
        .slice(0, 5)
        .map((e) => `${path.basename(e.file)}:${e.line}: ${e.message.split('\n')[0]}`)
        .join('\n');
      const which = source === 'pushed' ? ' in the pushed version (what ovc_git installs)' : '';
      const choice = await vscode.window.showErrorMessage(
        `${image} has ${errors.length} error${errors.length === 1 ? '' : 's'}${which} that AYS would trip on.`,
        { modal: true, detail: `${list}${errors.length > 5 ? `\n… and ${errors.length - 5} more` : ''}` },
        'Install Anyway',
        'Show Problems',
      );
      if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      return choice === 'Install Anyway';
    },
    async confirm(plan: PlannedStep[]) {
      if (o.skipConfirm) return true;
      const always = setting('install.alwaysConfirm');
      const skipped = context.globalState.get<string[]>(DONT_ASK_KEY, []);
      if (always && skipped.length) await context.globalState.update(DONT_ASK_KEY, []);
      else if (skipped.includes(env.name)) return true;
      const dontAsk = `Run, Don't Ask Again for ${env.name}`;
      const go = await vscode.window.showInformationMessage(
        o.title ?? `${KIND_TITLE[kind]} ${image} on ${nodes.join(', ')} (${env.name})?`,
        {
          modal: true,
          detail: `Recipe: ${folder}\nEnvironment: ${env.name} (${env.ovcGit.user}@${env.ovcGit.host}:${env.ovcGit.port})\nNodes: ${nodes.join(', ')}\nKind: ${kind}${o.extraDetail ? `\n${o.extraDetail}` : ''}\n\nRuns on ovc_git:\n${plan.map((s) => s.command).join('\n\n')}`,
        },
        'Run',
        ...(always ? [] : [dontAsk]),
      );
      if (go === dontAsk) await context.globalState.update(DONT_ASK_KEY, [...new Set([...skipped, env.name])]);
      return go === 'Run' || go === dontAsk;
    },
  };
}
