import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshdHandle } from '../sandbox/sshd';
import { runCli } from '../../server/src/cli/main';
import { HostKeyInfo } from '../../common/ssh/hostKeyVerifier';
import { SshConnection } from '../../common/ssh/SshConnection';
import { TrustStore } from '../../common/ssh/TrustStore';
import { options, sshd, testRecipe } from './helpers';
import { captureIo } from '../cliIo';

const cliIo = (home: string) => captureIo({ cwd: home, env: { HOME: home } });

describe('host keys against a real sshd', () => {
  let h: SshdHandle;
  let home: string;
  let config: string;
  let recipe: string;
  before(async () => {
    h = await sshd();
    home = join(h.dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    config = join(h.dir, 'envs.json');
    recipe = testRecipe(h.dir);
    writeFileSync(
      config,
      JSON.stringify([
        {
          name: 'local',
          ovcGit: { host: '127.0.0.1', port: h.port, identityFile: h.clientKeyPath, agentForward: false },
          repoPath: '/tmp',
          nodes: ['n1'],
        },
      ]),
    );
  });
  after(async () => {
    await h?.stop();
  });

  it('unknown key: the decision callback is asked before authentication, and reject refuses', async () => {
    const asked: HostKeyInfo[] = [];
    const r = await SshConnection.open(
      options(h, {
        hostKeys: {
          knownHostsFiles: [],
          decide: async (i) => {
            asked.push(i);
            return 'reject';
          },
        },
      }),
    );
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'host-key-unknown');
    assert.deepEqual(asked, [
      { host: '127.0.0.1', port: h.port, keyType: 'ssh-ed25519', fingerprint: h.hostKeyFingerprint },
    ]);
    // Verified before authentication: the server never saw a key offered (first connection of this sshd).
    assert.doesNotMatch(readFileSync(h.logPath, 'utf8'), /publickey|Accepted key/);
  });

  it("unknown key: 'always' stores it in the trust store and the next connection is silent", async () => {
    const store = new TrustStore(join(h.dir, 'trust.json'));
    const r = await SshConnection.open(
      options(h, { hostKeys: { knownHostsFiles: [], trustStore: store, decide: async () => 'always' } }),
    );
    assert.ok(r.ok);
    await r.connection.close();
    const r2 = await SshConnection.open(
      options(h, {
        hostKeys: {
          knownHostsFiles: [],
          trustStore: new TrustStore(store.path),
          decide: async () => {
            throw new Error('must not ask');
          },
        },
      }),
    );
    assert.ok(r2.ok && r2.connection.hostKey.source === 'trust-store');
    await (r2.ok && r2.connection.close());
  });

  it('CLI: unknown key → exit 3 with the fingerprint; --trust and --known-hosts let it through', async () => {
    const a = cliIo(home);
    assert.equal(
      await runCli(
        ['install', 'image_x', '--env', 'local', '--node', 'n1', '--recipe', recipe, '--config', config],
        a.io,
      ),
      3,
    );
    assert.match(a.text(), /not known/);
    assert.ok(a.text().includes(h.hostKeyFingerprint));
    // Past the host key, the command runs (and fails: there is no ays here) → exit 1, not 3.
    const b = cliIo(home);
    assert.equal(
      await runCli(
        [
          'install',
          'image_x',
          '--env',
          'local',
          '--node',
          'n1',
          '--recipe',
          recipe,
          '--config',
          config,
          '--trust',
          h.hostKeyFingerprint,
        ],
        b.io,
      ),
      1,
    );
    const c = cliIo(home);
    assert.equal(
      await runCli(
        [
          'install',
          'image_x',
          '--env',
          'local',
          '--node',
          'n1',
          '--recipe',
          recipe,
          '--config',
          config,
          '--known-hosts',
          h.knownHostsPath,
        ],
        c.io,
      ),
      1,
    );
    assert.match(c.text(), /\[n1\] FAILED/);
  });

  it('changed key (rotated): refused with both fingerprints and the file, no bypass (engine and CLI exit 3)', async () => {
    const oldFp = h.hostKeyFingerprint;
    await h.rotateHostKey();
    const newFp = h.hostKeyFingerprint;
    assert.notEqual(oldFp, newFp);
    let asked = 0;
    const r = await SshConnection.open(
      options(h, {
        hostKeys: {
          knownHostsFiles: [h.knownHostsPath],
          trustedFingerprints: [newFp],
          decide: async () => {
            asked++;
            return 'always';
          },
        },
      }),
    );
    assert.equal(r.ok, false);
    assert.equal(asked, 0);
    if (r.ok) return;
    assert.equal(r.error.code, 'host-key-changed');
    assert.equal(r.error.expectedFingerprint, oldFp);
    assert.equal(r.error.fingerprint, newFp);
    assert.equal(r.error.knownFile, h.knownHostsPath);
    const a = cliIo(home);
    assert.equal(
      await runCli(
        [
          'install',
          'image_x',
          '--env',
          'local',
          '--node',
          'n1',
          '--recipe',
          recipe,
          '--config',
          config,
          '--known-hosts',
          h.knownHostsPath,
          '--trust',
          newFp,
        ],
        a.io,
      ),
      3,
    );
    assert.match(a.text(), /HOST KEY CHANGED/);
    assert.ok(a.text().includes(oldFp) && a.text().includes(newFp) && a.text().includes(h.knownHostsPath));
  });
});
