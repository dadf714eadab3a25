/**
 * A private OpenSSH sshd on 127.0.0.1 for tests and the sandbox: its own host key, its own
 * authorized_keys and known_hosts, never the system sshd. See docs in test/README.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { alive } from './processes';

export const SSHD_BINARY = '/usr/sbin/sshd';

export interface SshdOptions {
  /** Folder for keys, config, logs (created). */
  dir: string;
  /** Port; a free one when omitted. */
  port?: number;
  /** Environment lines set for every session (`SetEnv`), e.g. PATH with the simulated `ays`. */
  setEnv?: Record<string, string>;
  /** Extra sshd_config lines. */
  extraConfig?: string[];
}

export interface SshdHandle {
  host: '127.0.0.1';
  port: number;
  dir: string;
  pid: number;
  /** `SHA256:…` of the host key, exactly as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  hostKeyPath: string;
  /** An ed25519 client key (no passphrase) that is authorized for root. */
  clientKeyPath: string;
  /** A known_hosts file with the `[127.0.0.1]:port` entry of the host key. */
  knownHostsPath: string;
  authorizedKeysPath: string;
  logPath: string;
  /** Replaces the host key with a new one and restarts sshd on the same port (a "rotated host key"). */
  rotateHostKey(): Promise<void>;
  stop(): Promise<void>;
}

export function sshdAvailable(): boolean {
  return existsSync(SSHD_BINARY);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** SHA256 fingerprint of an OpenSSH public key line or raw key blob, as OpenSSH prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

function publicKeyBlob(pubFile: string): Buffer {
  return Buffer.from(readFileSync(pubFile, 'utf8').trim().split(/\s+/)[1], 'base64');
}

export interface KeyFiles {
  hostKeyPath: string;
  clientKeyPath: string;
  authorizedKeysPath: string;
  knownHostsPath: string;
}

/** Host and client keys, authorized_keys and known_hosts in `dir` (kept when they exist), for either server. */
export function prepareKeyFiles(dir: string, port: number, keygen: (file: string, comment: string) => void): KeyFiles {
  const k = {
    hostKeyPath: join(dir, 'host_ed25519'),
    clientKeyPath: join(dir, 'client_ed25519'),
    authorizedKeysPath: join(dir, 'authorized_keys'),
    knownHostsPath: join(dir, 'known_hosts'),
  };
  keygen(k.hostKeyPath, 'ays-sandbox-host');
  keygen(k.clientKeyPath, 'ays-sandbox-client');
  if (!existsSync(k.authorizedKeysPath)) writeFileSync(k.authorizedKeysPath, readFileSync(k.clientKeyPath + '.pub'));
  chmodSync(k.authorizedKeysPath, 0o600);
  // known_hosts holds the first host key: a rotated key (rotateHostKey) is then a *changed* key.
  writeFileSync(
    k.knownHostsPath,
    `[127.0.0.1]:${port} ${readFileSync(k.hostKeyPath + '.pub', 'utf8')
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .join(' ')}\n`,
  );
  return k;
}

function keygen(file: string, comment: string): void {
  if (!existsSync(file)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startSshd(options: SshdOptions): Promise<SshdHandle> {
  if (!sshdAvailable()) throw new Error(`${SSHD_BINARY} not found: apt-get install -y openssh-server`);
  const dir = options.dir;
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const configPath = join(dir, 'sshd_config');
  const pidPath = join(dir, 'sshd.pid');
  const logPath = join(dir, 'sshd.log');
  const { hostKeyPath, clientKeyPath, authorizedKeysPath, knownHostsPath } = prepareKeyFiles(dir, port, keygen);

  const setEnv = Object.entries(options.setEnv ?? {}).map(([k, v]) => `${k}=${v}`);
  writeFileSync(
    configPath,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyPath}`,
      `PidFile ${pidPath}`,
      `AuthorizedKeysFile ${authorizedKeysPath}`,
      'StrictModes no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'UseDNS no',
      'PermitRootLogin prohibit-password',
      'AllowAgentForwarding yes',
      'AllowTcpForwarding yes',
      'X11Forwarding no',
      'PrintMotd no',
      'PrintLastLog no',
      'LogLevel VERBOSE',
      'PermitUserEnvironment no',
      'ClientAliveInterval 15',
      ...(setEnv.length ? [`SetEnv ${setEnv.map((e) => JSON.stringify(e)).join(' ')}`] : []),
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  let pid = 0;
  const launch = async () => {
    // -D keeps sshd in the foreground as our child, so it never outlives the test process by accident.
    const child = spawn(SSHD_BINARY, ['-D', '-f', configPath, '-E', logPath], { stdio: 'ignore', detached: false });
    pid = child.pid ?? 0;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(
          new Error(
            `sshd exited with ${code}: ${existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(-2000) : ''}`,
          ),
        ),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForPort(port, 5000), exited]);
  };
  const kill = async () => {
    if (!pid || !alive(pid)) return;
    process.kill(pid, 'SIGTERM');
    const end = Date.now() + 3000;
    while (alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  };
  await launch();

  const handle: SshdHandle = {
    host: '127.0.0.1',
    port,
    dir,
    get pid() {
      return pid;
    },
    get hostKeyFingerprint() {
      return fingerprintOf(publicKeyBlob(hostKeyPath + '.pub'));
    },
    hostKeyPath,
    clientKeyPath,
    knownHostsPath,
    authorizedKeysPath,
    logPath,
    async rotateHostKey() {
      await kill();
      for (const f of [hostKeyPath, hostKeyPath + '.pub']) if (existsSync(f)) execFileSync('rm', ['-f', f]);
      keygen(hostKeyPath, 'ays-sandbox-host-rotated');
      await launch();
    },
    async stop() {
      await kill();
    },
  };
  return handle;
}
