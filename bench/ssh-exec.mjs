// Benchmark: the install engine's SSH exec (ssh2) vs the OpenSSH client on the same private sshd,
// and the fan-out of 8 nodes at concurrency 4 vs one node. Uses out/ (run `node scripts/build.mjs` first).
//   node bench/ssh-exec.mjs [--runs N] [--sleep SECONDS]
// Prints a markdown table. Only connects to 127.0.0.1.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { startSshd } = require(join(root, 'out/test/sandbox/sshd.js'));
const { SshConnection } = require(join(root, 'out/common/ssh/SshConnection.js'));
const { ConnectionPool } = require(join(root, 'out/common/ssh/ConnectionPool.js'));
const { resolveSshTarget } = require(join(root, 'out/common/ssh/sshConfig.js'));
const { InstallRunner } = require(join(root, 'out/common/install/InstallRunner.js'));

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 20);
const SLEEP = arg('--sleep', 1);
const CMD = 'echo hello; uname -s';

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};
const median = (xs) => q(xs, 0.5);
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// --bare-home: sessions get HOME=<bench dir>, so the machine's ~/.bashrc (here: pyenv init, ~0.5 s of CPU
// per SSH session) does not run; it isolates the engine's own cost from the remote shell's start-up.
const bareHome = process.argv.includes('--bare-home');
const benchDir = mkdtempSync(join(tmpdir(), 'ays-bench-'));
const h = await startSshd({ dir: benchDir, ...(bareHome ? { setEnv: { HOME: benchDir } } : {}) });
try {
  const t = resolveSshTarget(
    { host: '127.0.0.1', port: h.port, user: 'root', identityFile: h.clientKeyPath },
    { configPath: null, home: join(h.dir, 'home') },
  );
  const opts = { target: t, hostKeys: { knownHostsFiles: [h.knownHostsPath] }, env: {} };
  const sshArgs = [
    '-i',
    h.clientKeyPath,
    '-p',
    String(h.port),
    '-o',
    `UserKnownHostsFile=${h.knownHostsPath}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-F',
    '/dev/null',
    'root@127.0.0.1',
    CMD,
  ];
  const env = { ...process.env };
  delete env.SSH_AUTH_SOCK;

  // Warm-up both.
  execFileSync('ssh', sshArgs, { env });
  {
    const r = await SshConnection.open(opts);
    await r.connection.exec(CMD);
    await r.connection.close();
  }

  const engineFresh = [],
    opensshFresh = [],
    enginePooled = [];
  for (let i = 0; i < RUNS; i++) {
    // Interleave so load changes hit both sides alike.
    let t0 = performance.now();
    const r = await SshConnection.open(opts);
    if (!r.ok) throw new Error(r.error.message);
    const res = await r.connection.exec(CMD);
    if (res.exitCode !== 0) throw new Error('engine exec failed');
    await r.connection.close();
    engineFresh.push(performance.now() - t0);

    t0 = performance.now();
    const s = spawnSync('ssh', sshArgs, { env, encoding: 'utf8' });
    if (s.status !== 0) throw new Error(`ssh failed: ${s.stderr}`);
    opensshFresh.push(performance.now() - t0);
  }
  const pool = new ConnectionPool({ idleTimeoutMs: 0 });
  await pool.exec('bench', opts, 'true');
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await pool.exec('bench', opts, CMD);
    if (res.exitCode !== 0) throw new Error('pooled exec failed');
    enginePooled.push(performance.now() - t0);
  }

  // Fan-out: the runner over the pooled connection, each "node" runs `sleep SLEEP`.
  const exec = (cmd, o) => pool.exec('bench', opts, cmd.endsWith('git pull --ff-only') ? 'true' : `sleep ${SLEEP}`, o);
  const req = { environment: 'bench', repoPath: '/tmp', domain: 'tmp', image: 'image_bench', kind: 'install' };
  let t0 = performance.now();
  const one = await new InstallRunner(exec).run({ ...req, nodes: ['n1'] });
  const oneMs = performance.now() - t0;
  t0 = performance.now();
  const eight = await new InstallRunner(exec).run({
    ...req,
    nodes: ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'],
    concurrency: 4,
  });
  const eightMs = performance.now() - t0;
  if (!one.ok || !eight.ok) throw new Error('fan-out run failed');
  await pool.closeAll();

  const ratio = median(engineFresh) / median(opensshFresh);
  const load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim();
  console.log(`\n### SSH exec: \`${CMD}\` on a private OpenSSH sshd (127.0.0.1), ${RUNS} runs each, interleaved\n`);
  console.log('| case | median | p90 |');
  console.log('|---|---|---|');
  console.log(
    `| engine (ssh2), fresh connection each run | ${fmt(median(engineFresh))} | ${fmt(q(engineFresh, 0.9))} |`,
  );
  console.log(
    `| OpenSSH client \`ssh -i … -o BatchMode=yes\`, fresh each run | ${fmt(median(opensshFresh))} | ${fmt(q(opensshFresh, 0.9))} |`,
  );
  console.log(
    `| engine, pooled connection (new channel per run) | ${fmt(median(enginePooled))} | ${fmt(q(enginePooled, 0.9))} |`,
  );
  console.log(`\nratio engine/OpenSSH (median, fresh): **${ratio.toFixed(2)}×** (target ≤ 1.1×)\n`);
  console.log(
    `### Fan-out (runner over the pooled connection, each node runs \`sleep ${SLEEP}\`; the 8-node run also has the one shared \`git pull\` step first, here \`true\`)\n`,
  );
  console.log('| case | wall time |');
  console.log('|---|---|');
  console.log(`| 1 node | ${fmt(oneMs)} |`);
  console.log(`| 8 nodes, concurrency 4 | ${fmt(eightMs)} |`);
  console.log(`\nratio 8@4 / 1 node: **${(eightMs / oneMs).toFixed(2)}×** (target ≈ 2×)\n`);
  console.log(
    `node ${process.version}, ${execFileSync('ssh', ['-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim() || 'OpenSSH'}, loadavg ${load}`,
  );
} finally {
  await h.stop();
}
