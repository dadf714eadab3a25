import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availabilityCommand, imagesCommand } from '../../../server/src/cli/images';
import { secretVariable } from '../../../common/portal/secretVariables';
import { CliCommand } from '../../../server/src/cli/CliIo';
import { PortalFixture, startPortalFixture } from './portalFixture';
import { runCaptured } from '../../cliIo';

describe('ays-recipes images / availability (CLI) against the loopback portal', () => {
  let fx: PortalFixture;
  let dir: string;
  let config: string;
  before(async () => {
    fx = await startPortalFixture();
    dir = mkdtempSync(join(tmpdir(), 'cli-images-'));
    config = join(dir, 'envs.json');
    const env = (name: string, portal: object) => ({
      name,
      ovcGit: { host: '127.0.0.1' },
      repoPath: '/opt/code/github/gig-projects/demo',
      nodes: ['node-01', 'node-02', 'node-03', 'ghost-01'],
      portal,
    });
    writeFileSync(
      config,
      JSON.stringify({
        environments: [
          env('demo', { url: fx.url, auth: 'authkey', username: 'admin', gid: 1 }),
          env('ci', { url: fx.url, auth: 'jwt', clientId: 'ci-admin', tokenUrl: fx.tokenUrl, gid: 1 }),
          { name: 'noportal', ovcGit: { host: '127.0.0.1' }, repoPath: '/opt/x/demo', nodes: [] },
        ],
      }),
    );
  });
  after(async () => {
    await fx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (cmd: CliCommand, args: string[], env: NodeJS.ProcessEnv = { AYS_PORTAL_PASSWORD: 'admin-pw' }) =>
    runCaptured((a, io) => cmd.run(a, io), args, { cwd: dir, env });

  it('secret variable names', () => {
    assert.equal(secretVariable('password', 'be-g8-3'), 'AYS_PORTAL_PASSWORD_BE_G8_3');
    assert.equal(secretVariable('clientSecret'), 'AYS_PORTAL_CLIENT_SECRET');
  });

  it('images: text, per node', async () => {
    const r = await run(imagesCommand, ['--env', 'demo', '--config', config]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^demo · http:\/\/127\.0\.0\.1:\d+ · grid 1 · 3 stack\(s\), 3 image\(s\)$/m);
    assert.match(r.out, /^node-01 {2}stack 1 · ref 11 · ENABLED · 2 image\(s\)\n\s+1 {2}Ubuntu 16\.04 x64/m);
    assert.match(r.out, /^ghost-01 {2}— no portal stack named "ghost-01"$/m);
  });

  it('images: json; jwt with the per-environment variable', async () => {
    const r = await run(imagesCommand, ['--env', 'ci', '--config', config, '--format', 'json'], {
      AYS_PORTAL_CLIENT_SECRET_CI: 'ci-secret',
    });
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.environment, 'ci');
    assert.equal(j.partial, false);
    assert.deepEqual(
      j.nodes.map((n: { name: string }) => n.name),
      ['node-01', 'node-02', 'node-03', 'ghost-01'],
    );
    assert.equal(j.images.length, 3);
  });

  it('images: failures are exit 1 with a plain message; usage is exit 2', async () => {
    const missing = await run(imagesCommand, ['--env', 'demo', '--config', config], {});
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No portal password.*AYS_PORTAL_PASSWORD_DEMO or AYS_PORTAL_PASSWORD/);
    assert.equal((await run(imagesCommand, ['--env', 'noportal', '--config', config])).code, 1);
    assert.match((await run(imagesCommand, ['--env', 'nope', '--config', config])).err, /no environment 'nope'/);
    assert.equal((await run(imagesCommand, ['--config', config])).code, 2);
    assert.equal((await run(imagesCommand, ['--env', 'demo', '--format', 'xml'])).code, 2);
    assert.equal((await run(imagesCommand, ['--env', 'demo', '--bogus'])).code, 2);
    fx.faults.upgrading = true;
    try {
      const r = await run(imagesCommand, ['--env', 'demo', '--config', config]);
      assert.equal(r.code, 1);
      assert.match(r.err, /Can not call API during upgrade/);
    } finally {
      fx.faults.upgrading = false;
    }
  });

  it('availability: adding needs no --yes; removing needs --yes; other grids are kept', async () => {
    const on = (id: number) =>
      fx.stacks
        .filter((s) => s.images.includes(id))
        .map((s) => s.id)
        .sort();
    assert.deepEqual(on(2), [1, 2, 9]);
    let r = await run(availabilityCommand, [
      '2',
      '--env',
      'demo',
      '--config',
      config,
      '--nodes',
      'node-01,node-02,node-03',
    ]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /added: {3}node-03 \(stack 3\)/);
    assert.match(r.out, /Applied\. Image 2 is now on: node-01 \(stack 1\), node-02 \(stack 2\), node-03 \(stack 3\)/);
    assert.deepEqual(on(2), [1, 2, 3, 9]);
    r = await run(availabilityCommand, ['2', '--env', 'demo', '--config', config, '--nodes', 'node-01']);
    assert.equal(r.code, 1);
    assert.match(r.err, /removes image 2 from 2 node\(s\)\. Re-run with --yes/);
    assert.deepEqual(on(2), [1, 2, 3, 9], 'nothing sent');
    r = await run(availabilityCommand, ['2', '--env', 'demo', '--config', config, '--nodes', 'node-01', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(on(2), [1, 9], 'stack 9 (grid 2) kept');
    r = await run(availabilityCommand, ['2', '--env', 'demo', '--config', config, '--nodes', 'node-01']);
    assert.match(r.out, /No change/);
  });

  it('availability: removing everywhere needs an explicit empty list and --yes', async () => {
    let r = await run(availabilityCommand, ['1', '--env', 'demo', '--config', config, '--nodes', '']);
    assert.equal(r.code, 1);
    assert.match(r.err, /from EVERY node/);
    r = await run(availabilityCommand, ['1', '--env', 'demo', '--config', config, '--nodes', '', '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(
      fx.stacks.filter((s) => s.images.includes(1)),
      [],
    );
    const sent = fx.requests.filter((q) => q.path === '/restmachine/cloudbroker/image/updateNodes').at(-1)!;
    assert.deepEqual(JSON.parse(sent.body), { imageId: 1, enabledStacks: [] });
  });

  it('availability: unknown node, unknown image, bad usage', async () => {
    let r = await run(availabilityCommand, ['1', '--env', 'demo', '--config', config, '--nodes', 'node-01,ghost-01']);
    assert.equal(r.code, 1);
    assert.match(r.err, /no stack named 'ghost-01'.*known: node-01, node-02, node-03/);
    r = await run(availabilityCommand, ['77', '--env', 'demo', '--config', config, '--nodes', 'node-01']);
    assert.equal(r.code, 1);
    assert.match(r.err, /no image with id 77/);
    assert.equal((await run(availabilityCommand, ['x', '--env', 'demo', '--nodes', 'a'])).code, 2);
    assert.equal((await run(availabilityCommand, ['1', '--env', 'demo'])).code, 2);
  });
});
