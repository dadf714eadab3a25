// Robustness of the portal and SSH clients against hostile loopback peers (issue 10 items 11, 12, 16, 17).
// Needs dist/ and out/: `node scripts/build.mjs && node bench/robustness-net.mjs`. Prints a markdown table.
// Every case runs the real CLI bundle (dist/cli.js) as a child process and times it to a clear error:
//   (1) slow-loris portal: login answers, the image list sends its headers then 1 byte every 5 s (never ends);
//   (2) login then hang: login answers, every other request gets no answer at all;
//   (3) oversized answer: a 100 MB JSON list (the cap is 32 MB);
//   (4) SSH peer that accepts and stays silent / sends garbage (install; ConnectTimeout 5 via ~/.ssh/config).
// Fixed: no randomness. Only 127.0.0.1 is contacted; every server and temp folder is removed at the end.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const AUTH = '/restmachine/cloudapi/users/authenticate';
const dir = mkdtempSync(join(tmpdir(), 'ays-bench-net-'));
const closers = [];

function listen(server) {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server.address().port)));
}

async function portal(mode) {
  const sockets = new Set();
  const timers = new Set();
  const srv = http.createServer((req, res) => {
    if (req.url.startsWith(AUTH)) {
      res.end('"session-1"');
      return;
    }
    if (mode === 'hang') return;
    if (mode === 'slow-loris') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const t = setInterval(() => res.write(' '), 5000);
      timers.add(t);
      res.on('close', () => clearInterval(t));
      return;
    }
    // 100 MB: a JSON list of padded strings, streamed without Content-Length.
    res.writeHead(200, { 'content-type': 'application/json' });
    const item = JSON.stringify('x'.repeat(1022)) + ',';
    const chunk = Buffer.from(item.repeat(64));
    let sent = 0;
    const pump = () => {
      while (sent < 100 * 1024 * 1024 && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      if (!res.destroyed) res.end('""]');
    };
    res.write('[');
    pump();
  });
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(srv);
  closers.push(
    () =>
      new Promise((r) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  );
  return `http://127.0.0.1:${port}`;
}

async function sshPeer(mode) {
  const sockets = new Set();
  const srv = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    if (mode === 'garbage') {
      let n = 0;
      const t = setInterval(() => {
        if (s.destroyed || ++n > 20) {
          clearInterval(t);
          s.destroy();
          return;
        }
        s.write(Buffer.from('00000010' + '0a14' + 'ff'.repeat(14), 'hex'));
      }, 20);
    }
  });
  const port = await listen(srv);
  closers.push(
    () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  );
  return port;
}

function cli(args, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: join(dir, 'home'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    c.stderr.on('data', (b) => {
      err += b;
    });
    c.stdout.on('data', (b) => {
      err += b;
    });
    const kill = setTimeout(() => c.kill('SIGKILL'), 180_000);
    c.on('close', (code) => {
      clearTimeout(kill);
      resolve({
        code,
        ms: performance.now() - t0,
        text:
          err
            .trim()
            .split('\n')
            .filter((l) => /ays-recipes:|FAILED/.test(l))
            .pop() ?? err.trim().split('\n').pop(),
      });
    });
  });
}

const rows = [];
try {
  mkdirSync(join(dir, 'home', '.ssh'), { recursive: true });
  writeFileSync(join(dir, 'home', '.ssh', 'config'), 'Host 127.0.0.1\n  ConnectTimeout 5\n');
  for (const [mode, extra] of [
    ['slow-loris', []],
    ['slow-loris', ['--timeout', '10']],
    ['hang', []],
    ['huge', []],
  ]) {
    const url = await portal(mode);
    const config = join(dir, `${mode}.json`);
    writeFileSync(
      config,
      JSON.stringify([
        {
          name: 'bench',
          repoPath: '/opt/code/env',
          nodes: ['n1'],
          ovcGit: { host: '127.0.0.1' },
          portal: { url, auth: 'authkey', username: 'admin' },
        },
      ]),
    );
    const r = await cli(['images', '--env', 'bench', '--config', config, ...extra], { AYS_PORTAL_PASSWORD: 'pw' });
    rows.push([`portal ${mode}${extra.length ? ` ${extra.join(' ')}` : ''}`, r]);
  }
  for (const mode of ['silent', 'garbage']) {
    const port = await sshPeer(mode);
    const config = join(dir, `ssh-${mode}.json`);
    writeFileSync(
      config,
      JSON.stringify([
        { name: 'bench', repoPath: '/opt/code/env', nodes: ['n1'], ovcGit: { host: '127.0.0.1', port } },
      ]),
    );
    const r = await cli(['install', 'image_x', '--env', 'bench', '--node', 'n1', '--config', config], {});
    rows.push([`SSH peer ${mode} (install)`, r]);
  }
} finally {
  for (const c of closers) await c();
  rmSync(dir, { recursive: true, force: true });
}
console.log('| case | exit | time to the error | message |');
console.log('|---|---|---|---|');
for (const [name, r] of rows)
  console.log(
    `| ${name} | ${r.code} | ${(r.ms / 1000).toFixed(1)} s | ${r.text
      .replace(/\|/g, '\\|')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .slice(0, 200)} |`,
  );
