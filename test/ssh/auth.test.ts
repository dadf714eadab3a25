import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshdHandle } from '../sandbox/sshd';
import { SshConnection } from '../../common/ssh/SshConnection';
import { options, sshd, target, waitFor } from './helpers';

describe('authentication against a real sshd', () => {
  let h: SshdHandle;
  let agentPid = 0;
  let agentSock = '';
  before(async () => {
    h = await sshd();
    const wrong = join(h.dir, 'wrong_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrong]);
    const enc = join(h.dir, 'enc_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', enc]);
    appendFileSync(h.authorizedKeysPath, readFileSync(enc + '.pub'));
    agentSock = join(h.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', agentSock], { stdio: 'ignore' });
    agentPid = agent.pid ?? 0;
    await waitFor('ssh-agent socket', () => existsSync(agentSock));
    execFileSync('ssh-add', [h.clientKeyPath], { env: { SSH_AUTH_SOCK: agentSock }, stdio: 'ignore' });
  });
  after(async () => {
    if (agentPid) {
      try {
        process.kill(agentPid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    await h?.stop();
  });

  it('wrong key, no agent → auth-failed naming the identities tried', async () => {
    const wrong = join(h.dir, 'wrong_ed25519');
    const r = await SshConnection.open(options(h, { target: target(h, wrong), env: {} }));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'auth-failed');
    assert.deepEqual(r.error.triedIdentities, [wrong]);
    assert.match(r.error.message, /tried: .*wrong_ed25519/);
    assert.match(r.error.message, /no SSH agent/);
  });

  it('no identity file and no agent → no-identities', async () => {
    const t = { ...target(h), identityFiles: [join(h.dir, 'does-not-exist')] };
    const r = await SshConnection.open(options(h, { target: t, env: {} }));
    assert.equal(!r.ok && r.error.code, 'no-identities');
    assert.match(!r.ok ? r.error.message : '', /tried: nothing/);
  });

  it('encrypted key: the passphrase callback is asked (with a retry) and the key works', async () => {
    const asked: number[] = [];
    const answers = ['bad', 'open sesame'];
    const r = await SshConnection.open(
      options(h, {
        target: target(h, join(h.dir, 'enc_ed25519')),
        env: {},
        passphrase: async (q) => {
          asked.push(q.attempt);
          return answers.shift();
        },
      }),
    );
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.deepEqual(asked, [1, 2]);
    await r.connection.close();
  });

  it('agent: authenticates through SSH_AUTH_SOCK and forwards it on the exec channel', async () => {
    const r = await SshConnection.open(
      options(h, {
        target: { ...target(h), identityFiles: [] },
        env: { SSH_AUTH_SOCK: agentSock },
        agentForward: true,
      }),
    );
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    const c = r.connection;
    try {
      let out = '';
      const res = await c.exec('echo "sock=$SSH_AUTH_SOCK"; ssh-add -l', {
        agentForward: true,
        onStdout: (s) => {
          out += s;
        },
        onStderr: (s) => {
          out += s;
        },
      });
      assert.equal(res.exitCode, 0, out);
      assert.match(out, /sock=\/tmp\/ssh-/);
      const fp = execFileSync('ssh-keygen', ['-lf', h.clientKeyPath + '.pub'], { encoding: 'utf8' }).split(/\s+/)[1];
      assert.ok(out.includes(fp), out);
    } finally {
      await c.close();
    }
    // A connection that never asks for forwarding has no agent on the remote side.
    const r2 = await SshConnection.open(
      options(h, {
        target: { ...target(h), identityFiles: [] },
        env: { SSH_AUTH_SOCK: agentSock },
        agentForward: true,
      }),
    );
    assert.ok(r2.ok);
    const res2 = await r2.connection.exec('ssh-add -l', { agentForward: false });
    assert.notEqual(res2.exitCode, 0, 'no forwarding unless asked');
    await r2.connection.close();
  });

  it('agent forwarding configured without an agent: connects, with a warning', async () => {
    const r = await SshConnection.open(options(h, { env: {}, agentForward: true }));
    assert.ok(r.ok);
    assert.match(r.connection.warnings.join(' '), /no SSH agent/);
    await r.connection.close();
  });
});
