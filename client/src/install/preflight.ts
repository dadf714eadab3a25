import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => execFile('git', args, { cwd, timeout: 10000 }, (err, stdout) => resolve(err ? undefined : stdout)));
}

export interface GitState {
  /** Last commit touching the recipe folder (HEAD when none). */
  commit?: string;
  uncommitted: string[];
  /** Commits of the folder that are not on the upstream branch (undefined: no upstream). */
  unpushed?: number;
}

/** What the ovc_git side will not see: uncommitted or unpushed changes of the recipe folder. */
export async function gitState(folder: string): Promise<GitState | undefined> {
  const inside = await git(folder, ['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() !== 'true') return undefined;
  const status = await git(folder, ['status', '--porcelain', '--', '.']);
  const commit = (await git(folder, ['log', '-1', '--format=%H', '--', '.']))?.trim() || (await git(folder, ['rev-parse', 'HEAD']))?.trim();
  const ahead = await git(folder, ['rev-list', '--count', '@{u}..HEAD', '--', '.']);
  return {
    commit: commit || undefined,
    uncommitted: (status ?? '').split('\n').filter(Boolean).map((l) => l.slice(3)),
    unpushed: ahead === undefined ? undefined : Number(ahead.trim()),
  };
}

/**
 * Pre-flight: errors of the recipe block the run unless overridden; uncommitted or unpushed changes
 * are shown with a choice (ovc_git pulls from origin, so they would not be installed).
 * Returns false when the user stops.
 */
export async function preflight(folder: string, image: string, git: GitState | undefined): Promise<boolean> {
  const errors = ['service.hrd', 'actions.py', 'instance.hrd']
    .flatMap((f) => vscode.languages.getDiagnostics(vscode.Uri.file(path.join(folder, f))).map((d) => ({ f, d })))
    .filter(({ d }) => d.severity === vscode.DiagnosticSeverity.Error && d.source === 'ays');
  if (errors.length) {
    const list = errors.slice(0, 5).map(({ f, d }) => `${f}:${d.range.start.line + 1}: ${d.message.split('\n')[0]}`).join('\n');
    const choice = await vscode.window.showErrorMessage(`${image} has ${errors.length} error${errors.length === 1 ? '' : 's'} that AYS would trip on.`,
      { modal: true, detail: `${list}${errors.length > 5 ? `\n… and ${errors.length - 5} more` : ''}` }, 'Install Anyway', 'Show Problems');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== 'Install Anyway') return false;
  }
  if (git && (git.uncommitted.length || (git.unpushed ?? 0) > 0)) {
    const what = [
      git.uncommitted.length ? `${git.uncommitted.length} uncommitted change${git.uncommitted.length === 1 ? '' : 's'} (${git.uncommitted.slice(0, 3).join(', ')})` : '',
      git.unpushed ? `${git.unpushed} unpushed commit${git.unpushed === 1 ? '' : 's'}` : '',
    ].filter(Boolean).join(' and ');
    const choice = await vscode.window.showWarningMessage(`${image} has ${what}.`,
      { modal: true, detail: 'ovc_git pulls the recipe from origin: what is not pushed is not installed. Commit and push first, or install what origin has.' },
      'Install What Is Pushed');
    if (choice !== 'Install What Is Pushed') return false;
  }
  return true;
}
