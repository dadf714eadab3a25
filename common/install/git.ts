/**
 * The git side of an install (no vscode import): what ovc_git will not see (uncommitted or unpushed
 * changes of the recipe folder), the branch position against its upstream, the pushed content of a
 * file (`git show <upstream>:<path>`), and Commit & Push of the recipe folder only. Everything goes
 * through the git CLI with an argument array (never a shell); the push is `git push` itself.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface GitRun {
  ok: boolean;
  stdout: string;
  stderr: string;
  code: number | null;
}

export function git(cwd: string, args: string[], timeoutMs = 30000): Promise<GitRun> {
  return new Promise((resolve) =>
    execFile(
      'git',
      args,
      { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } },
      (err, stdout, stderr) =>
        resolve({
          ok: !err,
          stdout: String(stdout),
          stderr: String(stderr),
          code: err
            ? typeof (err as { code?: unknown }).code === 'number'
              ? (err as { code: number }).code
              : null
            : 0,
        }),
    ),
  );
}

export interface GitState {
  /** Last commit touching the recipe folder (HEAD when none). */
  commit?: string;
  /** Paths (relative to the repository root) with uncommitted changes in the recipe folder, untracked ones included. */
  uncommitted: string[];
  /** Commits of the folder that are not on the upstream branch (undefined: no upstream). */
  unpushed?: number;
  /** The upstream branch, e.g. `origin/master` (undefined: none). */
  upstream?: string;
  /** Commits of the upstream that HEAD lacks (the branch is behind: a push would be refused). */
  behind?: number;
  /** Commits of HEAD that the upstream lacks (whole branch). */
  ahead?: number;
  /** Absolute repository root. */
  root: string;
}

/** Undefined when `folder` is not inside a git working tree. `fetch: true` refreshes the upstream first (to see "behind"). */
export async function gitState(folder: string, options: { fetch?: boolean } = {}): Promise<GitState | undefined> {
  if (options.fetch) await git(folder, ['fetch', '--quiet'], 60000);
  // One round of git processes, in parallel (each costs a process start; the upstream ones fail when there is none).
  const [top, status, last, head, up, folderAhead, counts] = await Promise.all([
    git(folder, ['rev-parse', '--show-toplevel']),
    git(folder, ['status', '--porcelain', '--untracked-files=all', '--', '.']),
    git(folder, ['log', '-1', '--format=%H', '--', '.']),
    git(folder, ['rev-parse', 'HEAD']),
    git(folder, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}']),
    git(folder, ['rev-list', '--count', '@{u}..HEAD', '--', '.']),
    git(folder, ['rev-list', '--left-right', '--count', '@{u}...HEAD']),
  ]);
  if (!top.ok) return undefined;
  const state: GitState = {
    root: top.stdout.trim(),
    commit: last.stdout.trim() || head.stdout.trim() || undefined,
    uncommitted: status.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3).replace(/^"|"$/g, '')),
  };
  if (up.ok && up.stdout.trim()) {
    state.upstream = up.stdout.trim();
    state.unpushed = Number(folderAhead.stdout.trim()) || 0;
    const [behind, ahead] = counts.stdout.trim().split(/\s+/).map(Number);
    state.behind = behind || 0;
    state.ahead = ahead || 0;
  }
  return state;
}

/** True when ovc_git would not install what the working copy shows. */
export function hasLocalChanges(s: GitState | undefined): boolean {
  return !!s && (s.uncommitted.length > 0 || (s.unpushed ?? 0) > 0);
}

/** The pushed content of `file` (`git show <upstream>:<path>`); undefined when the upstream lacks it. */
export async function pushedContent(file: string, upstream: string): Promise<string | undefined> {
  const dir = path.dirname(file);
  const rel = await git(dir, ['ls-files', '--full-name', '--error-unmatch', '--', path.basename(file)]);
  const top = await git(dir, ['rev-parse', '--show-prefix']);
  const relPath =
    rel.ok && rel.stdout.trim() ? rel.stdout.trim().split('\n')[0] : `${top.stdout.trim()}${path.basename(file)}`;
  const r = await git(dir, ['show', `${upstream}:${relPath}`]);
  return r.ok ? r.stdout : undefined;
}

export type CommitPushResult =
  | { ok: true; commit: string; pushed: boolean; files: string[] }
  | {
      ok: false;
      code:
        'not-a-repo' | 'no-upstream' | 'behind' | 'diverged' | 'nothing-to-commit' | 'commit-failed' | 'push-failed';
      message: string;
    };

/** What Commit & Push would do: the files of the folder that get committed, and why it would be refused. */
export async function commitPlan(
  folder: string,
  fetch = true,
): Promise<
  { state: GitState; files: string[]; refusal?: CommitPushResult & { ok: false } } | (CommitPushResult & { ok: false })
> {
  const state = await gitState(folder, { fetch });
  if (!state) return { ok: false, code: 'not-a-repo', message: `${folder} is not in a git working copy` };
  const refusal = refusalOf(state);
  return { state, files: state.uncommitted, ...(refusal ? { refusal } : {}) };
}

function refusalOf(s: GitState): (CommitPushResult & { ok: false }) | undefined {
  if (!s.upstream)
    return {
      ok: false,
      code: 'no-upstream',
      message: 'the branch has no upstream: push it once with `git push -u origin <branch>`',
    };
  if ((s.behind ?? 0) > 0 && (s.ahead ?? 0) > 0)
    return {
      ok: false,
      code: 'diverged',
      message: `the branch has diverged from ${s.upstream} (${s.ahead} local, ${s.behind} remote commit(s)): pull and merge or rebase first; nothing was committed or pushed`,
    };
  if ((s.behind ?? 0) > 0)
    return {
      ok: false,
      code: 'behind',
      message: `the branch is ${s.behind} commit(s) behind ${s.upstream}: pull first; nothing was committed or pushed`,
    };
  return undefined;
}

/**
 * Commits the recipe folder only (`git add -A -- <folder>`, `git commit -m MSG -- <folder>`) and pushes
 * with `git push`. Refuses, touching nothing, when the branch has no upstream, is behind or has diverged.
 */
export async function commitAndPush(
  folder: string,
  message: string,
  options: { fetch?: boolean } = {},
): Promise<CommitPushResult> {
  if (!message.trim()) return { ok: false, code: 'commit-failed', message: 'the commit message is empty' };
  const state = await gitState(folder, { fetch: options.fetch ?? true });
  if (!state) return { ok: false, code: 'not-a-repo', message: `${folder} is not in a git working copy` };
  const refusal = refusalOf(state);
  if (refusal) return refusal;
  const files = state.uncommitted;
  if (files.length) {
    const add = await git(folder, ['add', '-A', '--', '.']);
    if (!add.ok) return { ok: false, code: 'commit-failed', message: `git add failed: ${add.stderr.trim()}` };
    const c = await git(folder, ['commit', '-q', '-m', message, '--', '.']);
    if (!c.ok)
      return { ok: false, code: 'commit-failed', message: `git commit failed: ${(c.stderr || c.stdout).trim()}` };
  } else if (!(state.unpushed ?? 0) && !(state.ahead ?? 0)) {
    return {
      ok: false,
      code: 'nothing-to-commit',
      message: 'nothing to commit or push: origin already has the recipe',
    };
  }
  const push = await git(folder, ['push', '--quiet'], 120000);
  const head = (await git(folder, ['rev-parse', 'HEAD'])).stdout.trim();
  if (!push.ok)
    return {
      ok: false,
      code: 'push-failed',
      message: `committed ${head.slice(0, 8)} but git push failed: ${push.stderr.trim()}`,
    };
  return { ok: true, commit: head, pushed: true, files };
}
