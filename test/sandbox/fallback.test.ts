/** The ssh2 fallback ovc_git server (no /usr/sbin/sshd needed): install, agent forwarding, cancel by signal, host key rotation. */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Sandbox, startSandbox } from './index';
import { sshExec } from './sshExec';
import { ays, target, waitFor } from './testHelpers';

describe('sandbox: ssh2 fallback server', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ ssh: 'ssh2', https: false });
  });
  after(async () => {
    await sb?.stop();
  });

  it('installs image_ubuntu-2204 and registers it on every stack', async () => {
    assert.equal(sb.ssh.kind, 'ssh2');
    const r = await ays(sb, 'image_ubuntu-2204', 'demo-cpu-02');
    assert.equal(r.code, 0, r.output);
    assert.match(r.stdout, /^\[192\.0\.2\.12:22\] sudo: source \/opt\/jumpscale7\/env\.sh; ays install/m);
    const img = sb.readState().images.find((i) => i.name === 'Ubuntu 22.04 Server x64')!;
    assert.deepEqual(sb.readState().stacks.filter((s) => s.images.includes(img.id)).length, 3);
    assert.ok(sb.env.portal.url.startsWith('http://'), 'https: false gives an http portal URL');
  });

  it('streams stderr separately and returns exit codes', async () => {
    const r = await sshExec(target(sb), 'echo out1; echo err1 >&2; exit 7');
    assert.deepEqual([r.code, r.stdout, r.stderr], [7, 'out1\n', 'err1\n']);
  });

  it('forwards the agent', { skip: !existsSync('/usr/bin/ssh-agent') && 'no ssh-agent' }, async () => {
    const sock = join(sb.dir, 'test-agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      await waitFor('agent socket', () => existsSync(sock));
      execFileSync('ssh-add', [sb.ssh.clientKeyPath], {
        env: { ...process.env, SSH_AUTH_SOCK: sock },
        stdio: 'ignore',
      });
      const r = await sshExec(target(sb), 'ssh-add -l', { agent: sock, agentForward: true });
      assert.equal(r.code, 0, r.output);
      assert.match(r.stdout, /ays-sandbox-client \(ED25519\)/);
    } finally {
      agent.kill();
    }
  });

  it('a channel signal kills the process group of a slow install', async () => {
    sb.faults.setSlowDownload(20000);
    const t0 = Date.now();
    let sent = false;
    const r = await sshExec(
      target(sb),
      `bash -lc 'cd ${sb.repoPath}/servicetemplates && ays install -n image_windows-2019 -tt node.ssh -tn demo-cpu-01'`,
      {
        timeoutMs: 15000,
        onChannel: (ch) => {
          let out = '';
          ch.on('data', (d: Buffer) => {
            out += d.toString();
            if (!sent && /out: download/.test(out)) {
              sent = true;
              ch.signal('TERM');
            }
          });
        },
      },
    );
    assert.ok(sent && Date.now() - t0 < 10000);
    assert.ok(r.signal === 'TERM' || r.code === 143, `signal ${r.signal} code ${r.code}`);
    await waitFor('no ays process left', () => sb.aysProcesses().length === 0, 5000);
    sb.faults.setSlowDownload(0);
  });

  it('rotates its host key', async () => {
    const old = sb.ssh.hostKeyFingerprint;
    await sb.faults.rotateHostKey();
    await assert.rejects(sshExec({ ...target(sb), fingerprint: old }, 'true'), /verification failed/);
    assert.equal((await sshExec(target(sb), 'true')).code, 0);
  });
});
