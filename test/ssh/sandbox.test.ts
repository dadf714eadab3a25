/**
 * End to end against the local OpenvCloud sandbox (test/sandbox/index.ts): the CLI engine installs and
 * reinstalls image_ubuntu-2204 on a demo node over SSH and the image gets registered; cancel leaves no
 * remote `ays` process; hostile names run nothing.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { Sandbox, startSandbox } from '../sandbox/index';
import { runCli } from '../../server/src/cli/main';
import { loadEnvironmentsFile } from '../../common/environments/loadEnvironments';
import { discoverNodes, environmentExecutor } from '../../common/install/environmentSsh';
import { InstallRunner } from '../../common/install/InstallRunner';
import { inLoginShell } from '../../common/install/commands';
import { ConnectionPool } from '../../common/ssh/ConnectionPool';
import { waitFor } from './helpers';
import { captureIo } from '../cliIo';

const root = resolve(__dirname, '..', '..', '..');

const cli = (sb: Sandbox, signal?: AbortSignal) =>
  captureIo({ cwd: sb.dir, env: { HOME: join(sb.dir, 'home') }, signal });

describe('install through the sandbox', () => {
  let sb: Sandbox;
  let config: string;
  before(async () => {
    sb = await startSandbox({});
    config = sb.writeEnvironmentFiles().environmentsJson;
  });
  after(async () => {
    await sb?.stop();
  });

  const args = (kind: string, ...nodes: string[]) => [
    kind,
    'image_ubuntu-2204',
    '--env',
    sb.env.name,
    ...nodes.flatMap((n) => ['--node', n]),
    '--config',
    config,
    '--known-hosts',
    sb.ssh.knownHostsPath,
  ];

  it('install, then reinstall, succeed and register the image', async () => {
    const node = sb.nodes[0];
    const a = cli(sb);
    const code = await runCli(args('install', node), a.io);
    assert.equal(code, 0, a.out() + a.err());
    assert.match(a.err(), new RegExp(`^\\[${node}\\] \\$ bash -lc 'cd `, 'm'));
    assert.match(a.out(), new RegExp(`^\\[${node}\\] .*sudo: `, 'm'), 'streamed with the [node] prefix');
    assert.match(a.out(), /1\/1 node\(s\) succeeded/);
    const state = sb.readState();
    const img = state.images.find((i) => i.name === 'Ubuntu 22.04 Server x64');
    assert.ok(img, 'registered in the portal state');
    assert.ok(
      existsSync(
        join(sb.repoPath, 'services', `jumpscale__node.ssh__${node}`, `${sb.domain}__image_ubuntu-2204__main`),
      ),
    );
    const b = cli(sb);
    assert.equal(await runCli(args('reinstall', node), b.io), 0, b.out() + b.err());
    assert.match(b.err(), /ays install -r -n '\\''image_ubuntu-2204'\\''/);
  });

  it('clean reinstall on two nodes (one pull, then the fan-out)', async () => {
    const a = cli(sb);
    assert.equal(await runCli(args('clean-reinstall', sb.nodes[0], sb.nodes[1]), a.io), 0, a.out() + a.err());
    assert.match(a.err(), /^\[git pull\] \$ bash -lc 'cd '\\''.*'\\'' && git pull --ff-only'$/m);
    assert.match(a.err(), /rm -rf -- '\\''.*jumpscale__node\.ssh__demo-cpu-02\/env-demo__image_ubuntu-2204__main'\\''/);
    assert.match(a.out(), /2\/2 node\(s\) succeeded/);
  });

  it('an unknown node fails with exit 1 and a parsed reason', async () => {
    const a = cli(sb);
    assert.equal(await runCli(args('install', 'demo-cpu-99'), a.io), 1);
    assert.match(a.out(), /\[demo-cpu-99\] FAILED/);
  });

  it('hostile node or image names: exit 2 and nothing runs on ovc_git', async () => {
    for (const bad of ['demo;touch /tmp/pwned', 'demo$(id)', 'demo`id`', "demo'", 'demo\nx', 'demo x']) {
      const a = cli(sb);
      assert.equal(await runCli(args('install', bad), a.io), 2, bad);
      assert.match(a.err(), /invalid node name/);
      assert.equal(a.err().includes('$ cd'), false);
      const b = cli(sb);
      assert.equal(
        await runCli(['install', bad, '--env', sb.env.name, '--node', sb.nodes[0], '--config', config], b.io),
        2,
      );
    }
  });

  it('--dry-run prints the exact commands and connects nowhere', async () => {
    const a = cli(sb);
    assert.equal(await runCli([...args('reinstall', sb.nodes[0]), '--dry-run'], a.io), 0);
    assert.ok(
      a
        .out()
        .includes(
          inLoginShell(
            `cd '${sb.repoPath}' && git pull --ff-only && cd servicetemplates && ays install -r -n 'image_ubuntu-2204' --targettype node.ssh --targetname '${sb.nodes[0]}'`,
          ),
        ),
      a.out(),
    );
  });

  it('Ctrl-C (io.signal) cancels: no ays process is left on the host', async () => {
    sb.faults.setSlowDownload(60000);
    try {
      const ac = new AbortController();
      const a = cli(sb, ac.signal);
      const run = runCli(args('clean-reinstall', sb.nodes[2]), a.io);
      await waitFor('a running ays', () => sb.aysProcesses().length > 0, 20000);
      ac.abort();
      assert.equal(await run, 1);
      assert.match(a.out(), /cancelled/);
      await waitFor('no ays left', () => sb.aysProcesses().length === 0, 10000);
    } finally {
      sb.faults.reset();
    }
  });

  it('the real CLI process exits within 2 s of SIGINT, with the remote process group gone', async () => {
    sb.faults.setSlowDownload(60000);
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), ...args('clean-reinstall', sb.nodes[2])], {
      cwd: sb.dir,
      env: { PATH: process.env.PATH, HOME: join(sb.dir, 'home') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b) => {
      output += b;
    });
    child.stderr.on('data', (b) => {
      output += b;
    });
    const exited = new Promise<{ code: number | null; at: number }>((res) =>
      child.on('exit', (code) => res({ code, at: Date.now() })),
    );
    try {
      await waitFor('a running ays', () => sb.aysProcesses().length > 0, 20000);
      const t0 = Date.now();
      child.kill('SIGINT');
      const { code, at } = await Promise.race([
        exited,
        new Promise<never>((_, rej) =>
          setTimeout(() => rej(new Error(`the CLI still runs 15 s after SIGINT:\n${output}`)), 15000),
        ),
      ]);
      const ms = at - t0;
      console.log(`# the CLI exited ${ms} ms after SIGINT`);
      assert.equal(code, 1, output);
      assert.match(output, /cancelled/);
      assert.ok(ms < 2000, `the CLI exited ${ms} ms after SIGINT (limit 2000 ms)\n${output}`);
      assert.deepEqual(sb.aysProcesses(), [], 'no ays process left on ovc_git');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      sb.faults.reset();
    }
  });

  it('the engine: node discovery and a runner over the pooled connection', async () => {
    const envs = loadEnvironmentsFile(config);
    const env = envs.environments[0];
    const pool = new ConnectionPool();
    try {
      const exec = environmentExecutor(pool, env, { hostKeys: { knownHostsFiles: [sb.ssh.knownHostsPath] }, env: {} });
      assert.ok(typeof exec === 'function');
      const d = await discoverNodes(exec, env.repoPath);
      assert.ok(d.ok);
      assert.deepEqual(d.ok && d.nodes, [...sb.nodes].sort());
      const r = await new InstallRunner(exec).run({
        environment: env.name,
        repoPath: env.repoPath,
        domain: env.domain,
        image: 'image_ubuntu-2204',
        nodes: [sb.nodes[1]],
        kind: 'install',
      });
      assert.equal(r.ok, true, JSON.stringify(r.results[0].failures));
      assert.equal(pool.size, 1);
    } finally {
      await pool.closeAll();
    }
  });
});
