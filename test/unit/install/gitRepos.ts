/** Throw-away git repositories for unit tests: a bare origin, a working copy, and a second clone to push from. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
}

export interface Repos {
  dir: string;
  origin: string;
  work: string;
  other: string;
  folder: string;
  cleanup(): void;
}

/** origin (bare) ← work (with servicetemplates/image_a), and `other`, a second clone. */
export function makeRepos(files: Record<string, string> = {}): Repos {
  const dir = mkdtempSync(join(tmpdir(), 'ays-git-'));
  const origin = join(dir, 'origin.git');
  const work = join(dir, 'work');
  const other = join(dir, 'other');
  sh(dir, '-c', 'init.defaultBranch=master', 'init', '-q', '--bare', origin);
  sh(dir, 'clone', '-q', origin, work);
  for (const repo of [work]) {
    sh(repo, 'config', 'user.name', 't');
    sh(repo, 'config', 'user.email', 't@example.com');
  }
  const folder = join(work, 'servicetemplates', 'image_a');
  mkdirSync(folder, { recursive: true });
  for (const [f, text] of Object.entries({
    'service.hrd': "platform.supported             = 'generic'\n",
    'actions.py': '',
    'instance.hrd': '',
    ...files,
  }))
    writeFileSync(join(folder, f), text);
  sh(work, 'add', '-A');
  sh(work, 'commit', '-q', '-m', 'first');
  sh(work, 'push', '-q', '-u', 'origin', 'HEAD:master');
  sh(dir, 'clone', '-q', origin, other);
  sh(other, 'config', 'user.name', 't');
  sh(other, 'config', 'user.email', 't@example.com');
  return { dir, origin, work, other, folder, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
