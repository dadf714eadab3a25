/**
 * The environment repository of the sandbox: an editor-side working copy of examples/env-demo,
 * a bare "origin", and the ovc_git-side clone at `repoPath` (…/opt/code/github/gig-projects/<name>),
 * so `git push` (editor) and `git pull --ff-only` (ovc_git) really work. Git identity is set in
 * each repository's own config; the global git config is never touched.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface EnvRepo {
  /** Editor side: the folder VS Code opens. */
  workingCopy: string;
  /** The bare repository both sides use as origin. */
  originPath: string;
  /** The ovc_git-side clone (what `ays` runs in). */
  repoPath: string;
  /** AYS domain = basename of repoPath. */
  domain: string;
}

export const GIT_IDENTITY = { name: 'AYS Sandbox', email: 'sandbox@ays.invalid' };

/** Finds the repository root (the folder with examples/ and test/) from out/test/sandbox or test/sandbox. */
export function repoRoot(): string {
  let d = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'examples', 'env-demo')) && existsSync(join(d, 'test', 'sandbox', 'ays'))) return d;
    d = dirname(d);
  }
  throw new Error(`cannot find the repository root from ${__dirname}`);
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: GIT_IDENTITY.name,
      GIT_AUTHOR_EMAIL: GIT_IDENTITY.email,
      GIT_COMMITTER_NAME: GIT_IDENTITY.name,
      GIT_COMMITTER_EMAIL: GIT_IDENTITY.email,
    },
  });
}

function identity(repo: string): void {
  git(repo, 'config', 'user.name', GIT_IDENTITY.name);
  git(repo, 'config', 'user.email', GIT_IDENTITY.email);
}

export function createEnvRepo(
  sandboxDir: string,
  name = 'env-demo',
  source = join(repoRoot(), 'examples', 'env-demo'),
): EnvRepo {
  const workingCopy = join(sandboxDir, 'workspace', name);
  const originPath = join(sandboxDir, 'origin', `${name}.git`);
  const repoPath = join(sandboxDir, 'ovc_git', 'opt', 'code', 'github', 'gig-projects', name);
  mkdirSync(workingCopy, { recursive: true });
  cpSync(resolve(source), workingCopy, { recursive: true });
  git(workingCopy, '-c', 'init.defaultBranch=master', 'init', '-q');
  identity(workingCopy);
  // the sandbox writes .vscode/settings.json into the working copy: keep it out of `git status`
  appendFileSync(join(workingCopy, '.git', 'info', 'exclude'), '.vscode/\n');
  git(workingCopy, 'add', '-A');
  git(workingCopy, 'commit', '-q', '-m', `${name}: initial import`);
  mkdirSync(dirname(originPath), { recursive: true });
  git(sandboxDir, '-c', 'init.defaultBranch=master', 'init', '-q', '--bare', originPath);
  git(workingCopy, 'remote', 'add', 'origin', originPath);
  git(workingCopy, 'push', '-q', '-u', 'origin', 'master');
  mkdirSync(dirname(repoPath), { recursive: true });
  git(dirname(repoPath), 'clone', '-q', originPath, repoPath);
  identity(repoPath);
  return { workingCopy, originPath, repoPath, domain: name };
}

/** Editor side: commit everything in the working copy and push it (test helper). */
export function commitAndPush(workingCopy: string, message: string): void {
  git(workingCopy, 'add', '-A');
  git(workingCopy, 'commit', '-q', '-m', message);
  git(workingCopy, 'push', '-q', 'origin', 'HEAD');
}
