/** Shared helpers of the sandbox tests: ays over SSH, polling, recipe edits in the working copy. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sandbox } from './index';
import { commitAndPush } from './envRepo';
import { ExecOptions, ExecResult, sshExec, SshTarget } from './sshExec';

export function target(sb: Sandbox): SshTarget {
  return {
    host: '127.0.0.1',
    port: sb.ssh.port,
    privateKeyPath: sb.ssh.clientKeyPath,
    fingerprint: sb.ssh.hostKeyFingerprint,
  };
}

/** The remote command of issue 6: pull on ovc_git, then `ays install` in servicetemplates, in a login shell (domain.md §8). */
export function installCommand(sb: Sandbox, image: string, node: string, extra = ''): string {
  return `bash -lc 'cd ${sb.repoPath} && git pull -q --ff-only && cd servicetemplates && ays install ${extra}-n ${image} --targettype node.ssh --targetname ${node}'`;
}

export function ays(sb: Sandbox, image: string, node: string, extra = '', o: ExecOptions = {}): Promise<ExecResult> {
  return sshExec(target(sb), installCommand(sb, image, node, extra), { timeoutMs: 30000, ...o });
}

export async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Edits a file of the working copy (editor side), commits and pushes it. */
export function editRecipe(sb: Sandbox, rel: string, edit: (s: string) => string, message = `edit ${rel}`): void {
  const p = join(sb.workingCopy, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, edit(existsSync(p) ? readFileSync(p, 'utf8') : ''));
  commitAndPush(sb.workingCopy, message);
}

export function instanceDir(sb: Sandbox, node: string, image: string): string {
  return join(sb.repoPath, 'services', `jumpscale__node.ssh__${node}`, `${sb.domain}__${image}__main`);
}
