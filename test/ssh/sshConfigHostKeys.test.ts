/**
 * ~/.ssh/config's UserKnownHostsFile and StrictHostKeyChecking against a real sshd (issue 10 item 14):
 * UserKnownHostsFile is read (several files, `~` expanded, never written) instead of ~/.ssh/known_hosts;
 * `StrictHostKeyChecking yes` never prompts; `no` / `accept-new` never weaken verification.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshdHandle } from '../sandbox/sshd';
import { runCli } from '../../server/src/cli/main';
import { HostKeyPolicy } from '../../common/ssh/hostKeyVerifier';
import { SshConnection } from '../../common/ssh/SshConnection';
import { resolveSshTarget } from '../../common/ssh/sshConfig';
import { TrustStore } from '../../common/ssh/TrustStore';
import { sshd, testRecipe } from './helpers';

describe('ssh_config host-key options against a real sshd', () => {
  let h: SshdHandle;
  let home: string;
  let n = 0;
  before(async () => {
    h = await sshd();
  });
  after(async () => {
    await h?.stop();
    if (h) rmSync(h.dir, { recursive: true, force: true });
  });

  /** A fresh HOME with `config` as ~/.ssh/config; connects with that ssh_config and `policy`. */
  function setup(config: string) {
    home = join(h.dir, `home${++n}`);
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(
      join(home, '.ssh', 'config'),
      `Host ovc\n  HostName 127.0.0.1\n  Port ${h.port}\n  User root\n  IdentityFile ${h.clientKeyPath}\n${config}`,
    );
    const target = resolveSshTarget({ host: 'ovc' }, { home });
    if ('code' in target) throw new Error(target.message);
    const defaults = [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')];
    return {
      target,
      open: (policy: Partial<HostKeyPolicy> = {}) =>
        SshConnection.open({ target, env: {}, hostKeys: { knownHostsFiles: defaults, ...policy } }),
    };
  }

  it('UserKnownHostsFile: several files, ~ expanded, read instead of ~/.ssh/known_hosts, never written', async () => {
    const s = setup('  UserKnownHostsFile ~/kh/none-here ~/kh/ovc_hosts\n');
    mkdirSync(join(home, 'kh'));
    copyFileSync(h.knownHostsPath, join(home, 'kh', 'ovc_hosts'));
    const before = readFileSync(join(home, 'kh', 'ovc_hosts'), 'utf8');
    assert.deepEqual(s.target.userKnownHostsFiles?.files, [
      join(home, 'kh', 'none-here'),
      join(home, 'kh', 'ovc_hosts'),
    ]);
    const r = await s.open({
      decide: async () => {
        throw new Error('must not ask');
      },
    });
    assert.ok(r.ok, !r.ok ? r.error.message : '');
    assert.equal(r.connection.hostKey.source, 'known_hosts');
    assert.equal(r.connection.hostKey.file, join(home, 'kh', 'ovc_hosts'));
    await r.connection.close();
    assert.equal(readFileSync(join(home, 'kh', 'ovc_hosts'), 'utf8'), before);
  });

  it('UserKnownHostsFile replaces ~/.ssh/known_hosts: a key only there is unknown', async () => {
    const s = setup('  UserKnownHostsFile ~/elsewhere\n');
    copyFileSync(h.knownHostsPath, join(home, '.ssh', 'known_hosts'));
    const r = await s.open();
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'host-key-unknown');
  });

  it('StrictHostKeyChecking yes: an unknown key is refused with a clear message, the prompt is never asked', async () => {
    const s = setup('  StrictHostKeyChecking yes\n');
    let asked = 0;
    const store = new TrustStore(join(home, 'trust.json'));
    const r = await s.open({
      trustStore: store,
      decide: async () => {
        asked++;
        return 'always';
      },
    });
    assert.equal(r.ok, false);
    assert.equal(asked, 0);
    if (r.ok) return;
    assert.equal(r.error.code, 'host-key-unknown');
    assert.match(r.error.message, /StrictHostKeyChecking yes .* forbids asking/);
    assert.ok(r.error.message.includes(h.hostKeyFingerprint));
    assert.ok(r.error.message.includes(join(home, '.ssh', 'known_hosts')), r.error.message);
    // A known key still connects.
    copyFileSync(h.knownHostsPath, join(home, '.ssh', 'known_hosts'));
    const ok = await s.open();
    assert.ok(ok.ok);
    await ok.connection.close();
  });

  for (const value of ['no', 'accept-new', 'off']) {
    it(`StrictHostKeyChecking ${value}: no weaker than the default (no prompt → refused; the same explicit prompt otherwise)`, async () => {
      const s = setup(`  StrictHostKeyChecking ${value}\n  UserKnownHostsFile /dev/null\n`);
      const r = await s.open();
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error.code, 'host-key-unknown');
      let asked = 0;
      const rejected = await s.open({
        decide: async () => {
          asked++;
          return 'reject';
        },
      });
      assert.equal(rejected.ok, false);
      assert.equal(asked, 1);
    });
  }

  it('CLI: StrictHostKeyChecking yes in ~/.ssh/config → exit 3; UserKnownHostsFile with the key → past the host key', async () => {
    const config = join(h.dir, 'envs-cli.json');
    writeFileSync(
      config,
      JSON.stringify([
        { name: 'local', ovcGit: { host: 'ovc', agentForward: false }, repoPath: '/tmp', nodes: ['n1'] },
      ]),
    );
    const run = async () => {
      let text = '';
      const w = {
        write: (x: string) => {
          text += x;
        },
      };
      const code = await runCli(
        ['install', 'image_x', '--env', 'local', '--node', 'n1', '--recipe', testRecipe(home), '--config', config],
        { out: w, err: w, cwd: home, env: { HOME: home } },
      );
      return { code, text };
    };
    setup('  StrictHostKeyChecking yes\n');
    const a = await run();
    assert.equal(a.code, 3, a.text);
    assert.match(a.text, /StrictHostKeyChecking yes/);
    setup('  UserKnownHostsFile ~/ovc_known\n');
    copyFileSync(h.knownHostsPath, join(home, 'ovc_known'));
    const b = await run();
    // Past the host key, the command runs (and fails: no ays on this sshd) → exit 1, not 3.
    assert.equal(b.code, 1, b.text);
    assert.match(b.text, /\[n1\] FAILED/);
  });
});
