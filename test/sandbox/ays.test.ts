/**
 * The sandbox's ovc_git + simulated ays + registerImage, end to end over SSH (real OpenSSH sshd).
 * One sandbox; the steps build on each other, as an operator's session would.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitAndPush } from './envRepo';
import { Sandbox, startSandbox } from './index';
import { sshdAvailable } from './sshd';
import { sshExec } from './sshExec';
import { ays, editRecipe, instanceDir, target, waitFor } from './testHelpers';

const UBUNTU_URL = 'https://cloud-images.ubuntu.com/jammy/current/jammy-server-cloudimg-amd64.img';
const WINDOWS_URL = 'ftp://ftp.example.com/images/windows/windows-2019-standard-v1.qcow2';

describe('sandbox: ays install over OpenSSH', { skip: !sshdAvailable() && 'no /usr/sbin/sshd' }, () => {
  let sb: Sandbox;
  const images = () => sb.readState().images;
  const byName = (n: string) => images().filter((i) => i.name === n);
  const onNode = (dir: string, node: string) => join(sb.dir, 'nodes', node, dir.replace(/^\//, ''));

  before(async () => {
    sb = await startSandbox({ ssh: 'openssh', connectTimeoutMs: 300 });
  });
  after(async () => {
    await sb?.stop();
  });

  it('finds `ays` on PATH in a login shell only (profile.d), as on a real ovc_git', async () => {
    const r = await sshExec(target(sb), "bash -lc 'command -v ays && cd / && ays hrdpath'");
    assert.equal(r.code, 0, r.output);
    assert.match(r.stdout, new RegExp(`^${sb.binDir}/ays$`, 'm'));
    const plain = await sshExec(target(sb), 'command -v ays');
    assert.notEqual(plain.code, 0, `a non-login exec must not find ays: ${plain.output}`);
  });

  it('installs image_ubuntu-2204: Fabric-style output, the image is registered on every stack', async () => {
    const r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-01');
    assert.equal(r.code, 0, r.output);
    assert.match(
      r.stdout,
      /^\[192\.0\.2\.11:22\] sudo: source \/opt\/jumpscale7\/env\.sh; ays install -n image_ubuntu-2204 -i main --noremote --data ''$/m,
    );
    assert.match(
      r.stdout,
      /^\[192\.0\.2\.11:22\] out: download https:\/\/cloud-images\.ubuntu\.com\/jammy\/current\/jammy-server-cloudimg-amd64\.img to /m,
    );
    const [img] = byName('Ubuntu 22.04 Server x64');
    assert.ok(img, 'registered');
    assert.deepEqual(
      [img.status, img.type, img.size, img.username, img.bootType, img.gid],
      ['CREATED', 'Linux', 10, null, 'bios', 1],
    );
    for (const st of sb.readState().stacks) assert.ok(st.images.includes(img.id), `on stack ${st.name}`);
    const vd = sb.readState().vdisks.find((v) => v.guid === img.referenceId)!;
    assert.equal(vd.name, 'ubuntu-22.04-server-cloudimg-amd64');
    assert.equal(vd.head.slice(0, 8), '514649fb', 'a qcow2 image was imported');
    assert.ok(
      !existsSync(onNode('/opt/jumpscale7/var/tmp/templates/ubuntu-22.04-server-cloudimg-amd64.qcow2', 'demo-cpu-01')),
      'delete=True removed dest',
    );
    const hrd = readFileSync(join(instanceDir(sb, 'demo-cpu-01', 'image_ubuntu-2204'), 'service.hrd'), 'utf8');
    assert.match(hrd, /^producer\.node {18}= 'demo-cpu-01'$/m);
    assert.match(hrd, /^service\.web\.export\.1 {11}=$/m);
  });

  it('a second install on the same node does nothing on the node (installed.version matches)', async () => {
    const before = images().length;
    const r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-01', '-r ');
    assert.equal(r.code, 0, r.output);
    assert.match(
      r.stdout,
      /sudo: cat \/opt\/jumpscale7\/hrd\/apps\/env-demo__image_ubuntu-2204__main\/installed\.version/,
    );
    assert.doesNotMatch(r.stdout, /--noremote/);
    assert.equal(images().length, before);
  });

  it('installing on another node registers nothing: the template name already exists', async () => {
    const before = images().length;
    const r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-02');
    assert.equal(r.code, 0, r.output);
    assert.match(r.stdout, /\[192\.0\.2\.12:22\] out: download /);
    assert.equal(images().length, before);
  });

  it('installs image_windows-2019 over "FTP" with its login (uefi, Cloudscalers, 25 GB)', async () => {
    const r = await ays(sb, 'image_windows-2019', 'demo-cpu-01');
    assert.equal(r.code, 0, r.output);
    const [img] = byName('Windows Server 2019 Standard');
    assert.deepEqual([img.type, img.size, img.username, img.bootType], ['Windows', 25, 'Cloudscalers', 'uefi']);
    assert.equal(sb.readState().stacks.filter((s) => s.images.includes(img.id)).length, 3);
    assert.ok(!sb.mirror.requests.some((q) => q.key.endsWith('.md5sum')), 'dest did not exist: no .md5sum fetched');
  });

  it('checkmd5: an existing dest with the right md5 is not downloaded again; a wrong one is', async () => {
    const dest = '/opt/jumpscale7/var/tmp/templates/windows-2019-standard-v1.qcow2';
    const put = (node: string, data: Buffer | string) => {
      const p = onNode(dest, node);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, data);
    };
    put('demo-cpu-03', sb.mirror.content(WINDOWS_URL)!);
    let n = sb.mirror.requests.length;
    let r = await ays(sb, 'image_windows-2019', 'demo-cpu-03');
    assert.equal(r.code, 0, r.output);
    assert.match(r.stdout, /md5 of .* matches/);
    assert.deepEqual(
      sb.mirror.requests.slice(n).map((q) => q.key),
      ['ftp/ftp.example.com/images/windows/windows-2019-standard-v1.qcow2.md5sum'],
    );
    put('demo-cpu-02', 'stale bytes');
    n = sb.mirror.requests.length;
    r = await ays(sb, 'image_windows-2019', 'demo-cpu-02');
    assert.equal(r.code, 0, r.output);
    assert.equal(sb.mirror.requests.slice(n).length, 2, 'the .md5sum, then the image');
  });

  it('image_centos-7 as committed fails the platform check on ovc_git ("generic" in double quotes)', async () => {
    const before = images().length;
    const r = await ays(sb, 'image_centos-7', 'demo-cpu-01');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /#########   Operational Critical Error    #################\nCannot install env-demo__image_centos-7 because unsupported platform\./,
    );
    assert.ok(!existsSync(instanceDir(sb, 'demo-cpu-01', 'image_centos-7')));
    assert.equal(images().length, before);
  });

  it("centos with the platform fixed: KeyError: 'source' on the node (missing comma), Fabric aborts", async () => {
    editRecipe(sb, 'servicetemplates/image_centos-7/service.hrd', (s) => s.replace('"generic"', "'generic'"));
    const r = await ays(sb, 'image_centos-7', 'demo-cpu-01');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\[192\.0\.2\.11:22\] out: KeyError: 'source'/);
    assert.match(
      r.stderr,
      /Fatal error: sudo\(\) received nonzero return code 1 while executing!\n\nRequested: source \/opt\/jumpscale7\/env\.sh; ays install -n image_centos-7/,
    );
    assert.match(r.stderr, /\nAborting\.\n$/);
  });

  it('centos with the comma fixed still fails (§2.2: the instance keeps the old web.export.1) until the instance folder is removed', async () => {
    editRecipe(sb, 'servicetemplates/image_centos-7/service.hrd', (s) =>
      s.replace("centos-7-x86_64'\n", "centos-7-x86_64',\n"),
    );
    let r = await ays(sb, 'image_centos-7', 'demo-cpu-01', '-r ');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /KeyError: 'source'/);
    rmSync(instanceDir(sb, 'demo-cpu-01', 'image_centos-7'), { recursive: true });
    r = await ays(sb, 'image_centos-7', 'demo-cpu-01');
    assert.equal(r.code, 0, r.output);
    assert.match(r.stdout, /out: registering CentOS 7 x64$/m, 'the Python 2 print statement ran');
    assert.ok(
      sb.mirror.requests.some(
        (q) => q.key === 'http/cloud.centos.example.org/centos/7/images/CentOS-7-x86_64-GenericCloud.qcow2',
      ),
    );
    const [img] = byName('CentOS 7 x64');
    // the legacy 5-argument call shifts every argument: type=<file name>, size='Linux', username=10
    assert.deepEqual([img.type, img.size, img.username], ['centos-7-x86_64.qcow2', 'Linux', 10]);
    assert.equal(sb.readState().vdisks.find((v) => v.guid === img.referenceId)!.name, 'centos-7-x86_64');
  });

  it('editing dest + push + reinstall keeps the old dest (stale instance); removing the instance folder first registers the new one', async () => {
    const rel = 'servicetemplates/image_ubuntu-2204/service.hrd';
    editRecipe(sb, rel, (s) =>
      s.replace('ubuntu-22.04-server-cloudimg-amd64.qcow2', 'ubuntu-22.04-server-cloudimg-amd64-v2.qcow2'),
    );
    const before = images().length;
    let r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-01', '-r ');
    assert.equal(r.code, 0, r.output);
    assert.match(
      r.stdout,
      /out: download \S+ to \/opt\/jumpscale7\/var\/tmp\/templates\/ubuntu-22\.04-server-cloudimg-amd64\.qcow2$/m,
      'old dest',
    );
    assert.equal(images().length, before, 'nothing registered');
    assert.match(
      readFileSync(join(instanceDir(sb, 'demo-cpu-01', 'image_ubuntu-2204'), 'service.hrd'), 'utf8'),
      /amd64\.qcow2'/,
    );
    // the clean reinstall (issue 6) on a node whose installed.version predates the edit
    rmSync(instanceDir(sb, 'demo-cpu-02', 'image_ubuntu-2204'), { recursive: true });
    r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-02');
    assert.equal(r.code, 0, r.output);
    assert.match(
      r.stdout,
      /to \/opt\/jumpscale7\/var\/tmp\/templates\/ubuntu-22\.04-server-cloudimg-amd64-v2\.qcow2$/m,
    );
    assert.equal(byName('Ubuntu 22.04 Server x64').length, 2, 'a second image with the same display name');
  });

  it('template lookup errors: none found, and multiple found with a nested duplicate', async () => {
    let r = await ays(sb, 'image_nope', 'demo-cpu-01');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /RuntimeError: no templates found for __image_nope\. Be more precise please/);
    r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-09');
    assert.match(r.stderr, /cannot find service __node\.ssh__demo-cpu-09/);
    mkdirSync(join(sb.workingCopy, 'servicetemplates', 'image_ubuntu-2204-test', 'image_ubuntu-2204'), {
      recursive: true,
    });
    editRecipe(
      sb,
      'servicetemplates/image_ubuntu-2204-test/image_ubuntu-2204/service.hrd',
      () => "platform.supported = 'generic'\n",
    );
    r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-01');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /multiple templates found for __image_ubuntu-2204\. Be more precise please/);
    rmSync(join(sb.workingCopy, 'servicetemplates', 'image_ubuntu-2204-test'), { recursive: true });
    commitAndPush(sb.workingCopy, 'remove the nested duplicate');
    r = await sshExec(target(sb), `bash -lc 'cd ${sb.repoPath}/servicetemplates && ays install -tt node.ssh --bogus'`);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^usage: ays /m);
  });

  it('faults: an HTTP 404 source is saved and registered as an "image"; an FTP 550 raises IOError', async () => {
    editRecipe(sb, 'servicetemplates/image_ubuntu-404/service.hrd', () =>
      readFileSync(join(sb.workingCopy, 'servicetemplates/image_ubuntu-2204/service.hrd'), 'utf8').replace(
        /amd64-v2\.qcow2/,
        'amd64-404.qcow2',
      ),
    );
    editRecipe(sb, 'servicetemplates/image_ubuntu-404/actions.py', () =>
      readFileSync(join(sb.workingCopy, 'servicetemplates/image_ubuntu-2204/actions.py'), 'utf8').replace(
        '22.04',
        '404',
      ),
    );
    sb.faults.setSourceMissing(UBUNTU_URL);
    let r = await ays(sb, 'image_ubuntu-404', 'demo-cpu-02');
    assert.equal(r.code, 0, r.output);
    const [img] = byName('Ubuntu 404 Server x64');
    assert.equal(
      Buffer.from(sb.readState().vdisks.find((v) => v.guid === img.referenceId)!.head, 'hex')
        .toString()
        .slice(0, 6),
      '<html>',
    );
    sb.faults.setSourceMissing(UBUNTU_URL, false);
    sb.faults.setSourceMissing(WINDOWS_URL);
    rmSync(
      join(
        sb.dir,
        'nodes',
        'demo-cpu-02',
        'opt/jumpscale7/hrd/apps/env-demo__image_windows-2019__main/installed.version',
      ),
    );
    r = await ays(sb, 'image_windows-2019', 'demo-cpu-02');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /out: IOError: \[Errno ftp error\] 550 Failed to open file\.$/m);
    sb.faults.reset();
  });

  it('faults: an unreachable node fails like Fabric (refused, timeout)', async () => {
    sb.faults.setNodeUnreachable('demo-cpu-03', 'refused');
    let r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-03');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^\[192\.0\.2\.13:22\] sudo: ays hrdpath$/m);
    assert.match(
      r.stderr,
      /Fatal error: Low level socket error connecting to host 192\.0\.2\.13 on port 22: Connection refused \(tried 1 time\)[\s\S]*Aborting\./,
    );
    sb.faults.setNodeUnreachable('demo-cpu-03', 'timeout');
    r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-03');
    assert.match(r.stderr, /Fatal error: Timed out trying to connect to 192\.0\.2\.13 \(tried 1 time\)/);
    sb.faults.setNodeUnreachable('demo-cpu-03', false);
  });

  it('faults: a slow download; OpenSSH ignores channel signals for root, killing the process group cancels it', async () => {
    sb.faults.setSlowDownload(20000);
    const t0 = Date.now();
    let pgid = 0;
    const r = await sshExec(
      target(sb),
      `echo "pgid $$"; bash -lc 'cd ${sb.repoPath}/servicetemplates && ays install -n image_ubuntu-2204 -tt node.ssh -tn demo-cpu-03'`,
      {
        timeoutMs: 15000,
        onChannel: (ch) => {
          let out = '';
          ch.on('data', (d: Buffer) => {
            out += d.toString();
            if (!pgid && /out: download/.test(out)) {
              pgid = Number(/^pgid (\d+)$/m.exec(out)![1]);
              ch.signal('TERM'); // ignored by sshd: "session signalling requires privilege separation"
              void sshExec(target(sb), `kill -TERM -- -${pgid}`);
            }
          });
        },
      },
    );
    assert.ok(pgid > 0 && Date.now() - t0 < 10000, 'cancelled before the download ended');
    assert.notEqual(r.code, 0);
    await waitFor('no ays process left', () => sb.aysProcesses().length === 0, 5000);
    assert.match(readFileSync(sb.ssh.logPath, 'utf8'), /session signalling requires privilege separation/);
    sb.faults.setSlowDownload(0);
  });

  it('faults: a rotated host key is refused with the old fingerprint', async () => {
    const old = sb.ssh.hostKeyFingerprint;
    await sb.faults.rotateHostKey();
    assert.notEqual(sb.ssh.hostKeyFingerprint, old);
    await assert.rejects(sshExec({ ...target(sb), fingerprint: old }, 'true'), /verification failed/);
    assert.equal((await sshExec(target(sb), 'true')).code, 0);
  });
});
