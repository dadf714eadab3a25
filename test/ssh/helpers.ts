/** Shared helpers of the real-sshd tests (test/sandbox/sshd.ts harness). */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshdHandle, startSshd } from '../sandbox/sshd';
import { resolveSshTarget, ResolvedSshTarget } from '../../common/ssh/sshConfig';
import { ConnectOptions, SshConnection } from '../../common/ssh/SshConnection';

/** A private sshd; stop() also removes its folder (host and client private keys). */
export async function sshd(): Promise<SshdHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'ays-ssh-test-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const h = await startSshd({ dir }).catch((e) => {
    remove();
    throw e;
  });
  const stop = h.stop.bind(h);
  return Object.assign(h, {
    stop: async () => {
      await stop();
      remove();
    },
  });
}

export function target(h: SshdHandle, identityFile: string | null = h.clientKeyPath): ResolvedSshTarget {
  const r = resolveSshTarget(
    { host: '127.0.0.1', port: h.port, user: 'root', ...(identityFile ? { identityFile } : {}) },
    { configPath: null, home: join(h.dir, 'home') },
  );
  if ('code' in r) throw new Error(r.message);
  return r;
}

/** Connect options with the harness's known_hosts and no agent (env without SSH_AUTH_SOCK). */
export function options(h: SshdHandle, extra: Partial<ConnectOptions> = {}): ConnectOptions {
  return { target: target(h), hostKeys: { knownHostsFiles: [h.knownHostsPath] }, env: {}, ...extra };
}

export async function open(h: SshdHandle, extra: Partial<ConnectOptions> = {}): Promise<SshConnection> {
  const r = await SshConnection.open(options(h, extra));
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.connection;
}

export { waitFor } from '../sandbox/testHelpers';

/** PIDs whose command line contains `pattern` (pgrep -f), excluding pgrep itself. */
export function pgrep(pattern: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A unique `sleep` argument (GNU sleep takes fractions), so pgrep only finds this test's process. */
export function uniqueSleep(seconds: number): string {
  return `${seconds}.${process.pid}${Math.floor(Math.random() * 1e6)}`;
}

/**
 * A clean recipe folder `<dir>/servicetemplates/<name>` (a copy of the demo's ubuntu recipe): `ays-recipes install`
 * validates the recipe it installs before it connects, so the CLI tests of host keys and peers give one (--recipe).
 */
export function testRecipe(dir: string, name = 'image_x'): string {
  const from = join(__dirname, '..', '..', '..', 'examples', 'env-demo', 'servicetemplates', 'image_ubuntu-2204');
  const to = join(dir, 'servicetemplates', name);
  mkdirSync(to, { recursive: true });
  for (const f of ['service.hrd', 'actions.py', 'instance.hrd']) copyFileSync(join(from, f), join(to, f));
  return to;
}
