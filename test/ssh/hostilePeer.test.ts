/**
 * Hostile SSH peers on loopback (issue 10 item 11): a TCP peer that accepts and stays silent, and one that
 * sends garbage. The engine and the CLI each report a clear error and the process does not die: every
 * ssh2 emitter has a persistent 'error' handler. The engine runs in a child process, so an unhandled
 * 'error' event shows as a dead child instead of taking the test runner down.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testRecipe } from './helpers';

const root = resolve(__dirname, '..', '..', '..');

type Mode = 'silent' | 'garbage' | 'banner-then-close' | 'banner-then-garbage';

/** A loopback TCP server that plays a broken SSH server. */
async function hostilePeer(mode: Mode): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const srv: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    s.on('data', () => undefined);
    if (mode === 'silent') return;
    if (mode === 'banner-then-close') {
      s.write('SSH-2.0-OpenSSH_9.2\r\n');
      setTimeout(() => s.destroy(), 200);
      return;
    }
    if (mode === 'banner-then-garbage') s.write('SSH-2.0-OpenSSH_9.2\r\n');
    // Packets with nonsense lengths and payloads, then random bytes, then a hard close.
    let n = 0;
    const t = setInterval(() => {
      if (s.destroyed) return;
      s.write(
        n++ < 3
          ? Buffer.from('00000010' + '0a14' + 'ff'.repeat(14), 'hex')
          : Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + n) & 0xff)),
      );
      if (n > 20) s.destroy();
    }, 20);
    timers.add(t);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise((r) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

function runNode(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (b) => {
      stdout += b;
    });
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(t);
      res({ code, stdout, stderr });
    });
  });
}

/** Opens a connection with the engine, then stays alive 1.5 s longer (late 'error' events would kill it). */
const ENGINE_SCRIPT = `
const { SshConnection } = require(${JSON.stringify(join(root, 'out/common/ssh/SshConnection.js'))});
const port = Number(process.argv[1]);
const target = { alias: '127.0.0.1', hostName: '127.0.0.1', port, user: 'root', identityFiles: [], identityFilesConfigured: false, identitiesOnly: true };
SshConnection.open({ target, hostKeys: { knownHostsFiles: [] }, env: {}, connectTimeoutMs: 1000 }).then((r) => {
  console.log(JSON.stringify(r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message }));
  setTimeout(() => console.log('alive'), 1500);
});
`;

describe('hostile SSH peers: a clear error, never a crash', () => {
  const peers: Array<{ close(): Promise<void> }> = [];
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ays-hostile-'));
  });
  after(async () => {
    for (const p of peers) await p.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const mode of ['silent', 'garbage', 'banner-then-close', 'banner-then-garbage'] as Mode[]) {
    it(`engine: a peer that is ${mode}`, async () => {
      const peer = await hostilePeer(mode);
      peers.push(peer);
      const r = await runNode(['-e', ENGINE_SCRIPT, String(peer.port)]);
      assert.doesNotMatch(r.stderr, /Unhandled 'error' event/, r.stderr);
      assert.equal(r.code, 0, `the process died: ${r.stderr}`);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.at(-1), 'alive', r.stdout);
      const res = JSON.parse(lines[0]) as { ok: boolean; code: string; message: string };
      assert.equal(res.ok, false);
      assert.match(res.message, new RegExp(`127\\.0\\.0\\.1:${peer.port}`));
      if (mode === 'silent') {
        assert.equal(res.code, 'timeout');
        assert.match(res.message, /no SSH handshake .* within 1000 ms/);
      }
    });
  }

  for (const mode of ['silent', 'garbage'] as Mode[]) {
    it(`CLI install: a peer that is ${mode} gives exit 1 and a one-line reason`, async () => {
      const peer = await hostilePeer(mode);
      peers.push(peer);
      const home = join(dir, `home-${mode}`);
      const config = join(dir, `env-${mode}.json`);
      writeFileSync(
        config,
        JSON.stringify([
          {
            name: 'hostile',
            repoPath: '/opt/code/env',
            domain: 'env',
            nodes: ['n1'],
            ovcGit: { host: '127.0.0.1', port: peer.port, user: 'root' },
          },
        ]),
      );
      // ConnectTimeout through ~/.ssh/config, so the silent peer fails in 1 s.
      const sshDir = join(home, '.ssh');
      mkdirSync(sshDir, { recursive: true });
      writeFileSync(join(sshDir, 'config'), 'Host 127.0.0.1\n  ConnectTimeout 1\n');
      const r = await runNode(
        [
          join(root, 'dist/cli.js'),
          'install',
          'image_x',
          '--env',
          'hostile',
          '--node',
          'n1',
          '--recipe',
          testRecipe(home),
          '--config',
          config,
        ],
        { HOME: home },
      );
      assert.doesNotMatch(r.stderr, /Unhandled 'error' event|internal error/, r.stderr);
      assert.equal(r.code, 1, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
      assert.match(r.stdout + r.stderr, new RegExp(`FAILED: .*127\\.0\\.0\\.1:${peer.port}`));
    });
  }
});
