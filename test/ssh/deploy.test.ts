/**
 * Issue 12 against the local OpenvCloud sandbox, from the CLI: `new` from a sandbox mirror URL, then
 * `deploy --commit-message … --available-on a,b --format json` (exit 0, portal shows the image on
 * exactly those nodes, working copy clean, the commit on origin); and the bad inputs: unreachable image
 * URL, a dest already registered on the portal, a behind branch, the portal down during step 4.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, startSandbox } from '../sandbox/index';
import { runCli } from '../../server/src/cli/main';
import { captureIo } from '../cliIo';

const cli = (sb: Sandbox) =>
  captureIo({ cwd: sb.workingCopy, env: { HOME: join(sb.dir, 'home'), AYS_PORTAL_PASSWORD: 'admin-pass' } });
const git = (cwd: string, ...a: string[]) => execFileSync('git', a, { cwd, encoding: 'utf8' });

describe('New Image Recipe and Deploy from the CLI (sandbox)', () => {
  let sb: Sandbox;
  let config: string;
  let imageUrl: string;
  before(async () => {
    sb = await startSandbox({});
    config = sb.writeEnvironmentFiles().environmentsJson;
    imageUrl = `${sb.mirror.url}/images/debian-12-genericcloud-amd64.qcow2`;
    sb.mirror.addFile(imageUrl.replace(/:\d+\//, '/'), undefined, true);
  });
  after(async () => {
    await sb?.stop();
  });
  const common = () => ['--config', config, '--known-hosts', sb.ssh.knownHostsPath];

  it('new, then deploy on one node with availability on two: exit 0, JSON summary, portal, git and history agree', async () => {
    const a = cli(sb);
    assert.equal(
      await runCli(['new', imageUrl, '--name', 'Debian 12 Cloud', '--env', sb.env.name, '--config', config], a.io),
      0,
      a.err(),
    );
    const folder = a.out().trim();
    assert.equal(folder, join(sb.workingCopy, 'servicetemplates', 'image_debian-12-cloud'));
    const hrd = readFileSync(join(folder, 'service.hrd'), 'utf8');
    assert.match(hrd, /checkmd5:'true'/, 'the .md5sum exists on the mirror');
    assert.match(hrd, new RegExp(`url:'${sb.mirror.url.replace(/[.]/g, '\\.')}'`));
    const check = cli(sb);
    assert.equal(await runCli(['check', folder], check.io), 0);
    assert.equal(check.out(), '', 'zero diagnostics');

    const [n1, n2] = sb.nodes;
    const d = cli(sb);
    const code = await runCli(
      [
        'deploy',
        'image_debian-12-cloud',
        '--env',
        sb.env.name,
        '--node',
        n1,
        '--available-on',
        `${n1},${n2}`,
        '--commit-message',
        'Add image Debian 12 Cloud',
        '--format',
        'json',
        ...common(),
      ],
      d.io,
    );
    assert.equal(code, 0, d.out() + d.err());
    const summary = JSON.parse(d.out());
    assert.equal(summary.ok, true);
    assert.deepEqual(summary.availableOn, [n1, n2]);
    assert.deepEqual(
      summary.steps.map((s: { step: string }) => s.step),
      ['validate', 'commit', 'install', 'registration', 'availability'],
    );
    const state = sb.readState();
    const img = state.images.find((i) => i.id === summary.image.id)!;
    assert.equal(img.name, 'Debian 12 Cloud');
    assert.deepEqual(
      state.stacks
        .filter((s) => s.images.includes(img.id))
        .map((s) => s.name)
        .sort(),
      [n1, n2],
    );
    assert.equal(git(sb.workingCopy, 'status', '--porcelain').trim(), '', 'working copy clean');
    assert.equal(git(sb.originPath, 'log', '-1', '--format=%s').trim(), 'Add image Debian 12 Cloud');
  });

  it('an unreachable image URL: checkmd5 false, with a note', async () => {
    const a = cli(sb);
    assert.equal(
      await runCli(
        [
          'new',
          'http://127.0.0.1:9/images/unreach.qcow2',
          '--name',
          'Unreachable',
          '--env',
          sb.env.name,
          '--config',
          config,
        ],
        a.io,
      ),
      0,
      a.err(),
    );
    assert.match(readFileSync(join(a.out().trim(), 'service.hrd'), 'utf8'), /checkmd5:'false'/);
    assert.match(a.err(), /note: checkmd5 false: .*unreachable \(ECONNREFUSED\)/);
  });

  it('a dest already registered on the portal (not in the working copy): a different one is proposed', async () => {
    const a = cli(sb);
    // "windows-2012r2-standard" is a template of the portal state; --dir elsewhere: no recipe of the working copy uses it.
    const url = 'ftp://ftp.example.com/images/windows-2012r2-standard.qcow2';
    const t = sb.readState().images.map((i) => (i as unknown as { UNCPath: string }).UNCPath.split('/').pop());
    assert.ok(t.includes('windows-2012r2-standard'), `portal templates: ${t.join(', ')}`);
    assert.equal(
      await runCli(
        [
          'new',
          url,
          '--name',
          'Windows 2012r2 again',
          '--offline',
          '--dir',
          join(sb.dir, 'elsewhere'),
          '--env',
          sb.env.name,
          '--config',
          config,
        ],
        a.io,
      ),
      0,
      a.err(),
    );
    const hrd = readFileSync(join(a.out().trim(), 'service.hrd'), 'utf8');
    assert.match(hrd, /dest:'\/opt\/jumpscale7\/var\/tmp\/templates\/windows-2012r2-standard-v2\.qcow2'/);
    assert.match(a.err(), /already used by a recipe or a template on the portal/);
    assert.match(
      readFileSync(join(a.out().trim(), 'actions.py'), 'utf8'),
      /registerImage\(serviceObj, name, 'Windows', 25, username='Cloudscalers'\)/,
    );
  });

  it('bad input: exit 2 and nothing written', async () => {
    for (const args of [
      ['ftp//nope', '--name', 'X'],
      ['http://h/x.qcow2', '--name', "it's"],
      ['http://h/x.qcow2', '--name', 'X', '--folder', 'bad name'],
    ]) {
      const a = cli(sb);
      assert.equal(await runCli(['new', ...args, '--offline'], a.io), 2, a.err());
      assert.equal(a.out(), '');
    }
    const again = cli(sb);
    assert.equal(await runCli(['new', imageUrl, '--name', 'Debian 12 Cloud', '--offline'], again.io), 2);
    assert.match(again.err(), /already exists: nothing was written/);
  });

  it('a behind branch: deploy refuses the commit, nothing is pushed, nothing installed', async () => {
    const other = join(sb.dir, 'other-clone');
    git(sb.dir, 'clone', '-q', sb.originPath, other);
    writeFileSync(join(other, 'NOTES'), 'someone else\n');
    git(other, '-c', 'user.name=o', '-c', 'user.email=o@example.com', 'commit', '-qam', 'x', '--allow-empty');
    git(other, 'add', '-A');
    git(other, '-c', 'user.name=o', '-c', 'user.email=o@example.com', 'commit', '-qm', 'remote change');
    git(other, 'push', '-q');
    const originHead = git(sb.originPath, 'rev-parse', 'HEAD').trim();
    const n = cli(sb);
    assert.equal(
      await runCli(['new', imageUrl.replace('debian-12', 'debian-13'), '--name', 'Debian 13', '--offline'], n.io),
      0,
      n.err(),
    );
    const d = cli(sb);
    const code = await runCli(
      [
        'deploy',
        'image_debian-13',
        '--env',
        sb.env.name,
        '--node',
        sb.nodes[0],
        '--commit-message',
        'Add image Debian 13',
        ...common(),
      ],
      d.io,
    );
    assert.equal(code, 1);
    assert.match(d.out(), /step 2 \(commit\) failed: the branch is \d+ commit\(s\) behind/);
    assert.equal(git(sb.originPath, 'rev-parse', 'HEAD').trim(), originHead, 'nothing pushed');
    assert.ok(!d.err().includes('ays install'), 'nothing installed');
    git(sb.workingCopy, 'pull', '-q', '--rebase');
  });

  it('the portal down during step 4: a clear error naming the step and the state left', async () => {
    const d = cli(sb);
    const code = await runCli(
      [
        'deploy',
        'image_debian-13',
        '--env',
        sb.env.name,
        '--node',
        sb.nodes[0],
        '--commit-message',
        'Add image Debian 13',
        '--wait',
        '2',
        ...common(),
      ],
      {
        ...d.io,
        // The fault starts when step 4 starts (the --format text output announces each step on stderr).
        err: {
          write: (s: string) => {
            if (s === '== registration\n') sb.faults.setPortalUnavailable(true);
            d.io.err.write(s);
          },
        },
      },
    );
    sb.faults.setPortalUnavailable(false);
    assert.equal(code, 1, d.out() + d.err());
    assert.match(d.out(), /step 4 \(wait for the registered image\) failed: the portal could not be read/);
    assert.match(d.out(), /State: image_debian-13 is installed on demo-cpu-01/);
    assert.ok(existsSync(join(sb.workingCopy, 'servicetemplates', 'image_debian-13')));
  });
});
