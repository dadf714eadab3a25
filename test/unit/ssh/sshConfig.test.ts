import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJumpSpec, resolveSshTarget } from '../../../common/ssh/sshConfig';

const homes: string[] = [];
after(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});
function home(config: string, extra: Record<string, string> = {}): string {
  const h = mkdtempSync(join(tmpdir(), 'ays-sshcfg-'));
  homes.push(h);
  mkdirSync(join(h, '.ssh', 'conf.d'), { recursive: true });
  writeFileSync(join(h, '.ssh', 'config'), config);
  for (const [k, v] of Object.entries(extra)) writeFileSync(join(h, '.ssh', k), v);
  return h;
}

describe('resolveSshTarget', () => {
  it('a Host alias gives HostName, Port, User, IdentityFile, IdentityAgent, ForwardAgent, ConnectTimeout', () => {
    const h = home(`Host ovc-be
  HostName 10.0.0.5
  Port 2202
  User git
  IdentityFile ~/.ssh/git_root
  IdentityFile %d/.ssh/other_%h
  IdentityAgent ~/agent.sock
  ForwardAgent yes
  ConnectTimeout 7
  IdentitiesOnly yes
`);
    const r = resolveSshTarget({ host: 'ovc-be' }, { home: h, localUser: 'me' });
    assert.ok(!('code' in r));
    assert.equal(r.hostName, '10.0.0.5');
    assert.equal(r.port, 2202);
    assert.equal(r.user, 'git');
    assert.deepEqual(r.identityFiles, [join(h, '.ssh/git_root'), join(h, '.ssh/other_10.0.0.5')]);
    assert.equal(r.identityFilesConfigured, true);
    assert.equal(r.identityAgent, join(h, 'agent.sock'));
    assert.equal(r.forwardAgent, true);
    assert.equal(r.connectTimeoutMs, 7000);
    assert.equal(r.identitiesOnly, true);
  });

  it('explicit values win; defaults are 22, root and the three default keys', () => {
    const h = home('Host ovc-be\n  Port 2202\n  User git\n');
    const r = resolveSshTarget({ host: 'ovc-be', port: 22, user: 'root', identityFile: '/k/id' }, { home: h });
    assert.ok(!('code' in r));
    assert.equal(r.port, 22);
    assert.equal(r.user, 'root');
    assert.equal(r.identityFiles[0], '/k/id');
    const d = resolveSshTarget({ host: '10.1.1.1' }, { home: h });
    assert.ok(!('code' in d));
    assert.equal(d.hostName, '10.1.1.1');
    assert.equal(d.port, 22);
    assert.equal(d.user, 'root');
    assert.deepEqual(
      d.identityFiles,
      ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((k) => join(h, '.ssh', k)),
    );
    assert.equal(d.identityFilesConfigured, false);
  });

  it('Include (relative to ~/.ssh, globs) is expanded', () => {
    const h = home('Include conf.d/*.conf\nHost *\n  User fallback\n');
    writeFileSync(join(h, '.ssh', 'conf.d', 'ovc.conf'), 'Host ovc\n  HostName 10.0.0.9\n  Port 2222\n');
    const r = resolveSshTarget({ host: 'ovc' }, { home: h });
    assert.ok(!('code' in r));
    assert.equal(r.hostName, '10.0.0.9');
    assert.equal(r.port, 2222);
    assert.equal(r.user, 'fallback');
  });

  it('ProxyJump: one hop, itself resolved through the config', () => {
    const h = home(
      'Host ovc\n  HostName 10.0.0.5\n  ProxyJump bastion\nHost bastion\n  HostName 1.2.3.4\n  User jump\n  Port 2200\n',
    );
    const r = resolveSshTarget({ host: 'ovc' }, { home: h });
    assert.ok(!('code' in r));
    assert.equal(r.proxyJump?.hostName, '1.2.3.4');
    assert.equal(r.proxyJump?.user, 'jump');
    assert.equal(r.proxyJump?.port, 2200);
    const multi = resolveSshTarget({ host: 'x' }, { home: home('Host x\n  ProxyJump a,b\n') });
    assert.ok('code' in multi && multi.code === 'config');
    const pc = resolveSshTarget({ host: 'x' }, { home: home('Host x\n  ProxyCommand nc %h %p\n') });
    assert.ok('code' in pc && /ProxyCommand/.test(pc.message));
    assert.deepEqual(parseJumpSpec('u@h:2202'), { host: 'h', user: 'u', port: 2202 });
    assert.deepEqual(parseJumpSpec('h'), { host: 'h', user: undefined, port: undefined });
  });

  it('Match exec is never run; configPath null ignores the config', () => {
    const marker = join(tmpdir(), `ays-match-exec-${process.pid}`);
    const h = home(`Match exec "touch ${marker}"\n  User pwned\n`);
    const r = resolveSshTarget({ host: 'x' }, { home: h });
    assert.ok(!('code' in r));
    assert.notEqual(r.user, 'pwned');
    assert.throws(() => require('node:fs').statSync(marker));
    const n = resolveSshTarget({ host: 'ovc-be' }, { home: home('Host ovc-be\n  Port 2202\n'), configPath: null });
    assert.ok(!('code' in n) && n.port === 22);
  });
});
