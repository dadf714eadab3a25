import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAuthPlan,
  discoverAgent,
  KeyCache,
  loadPrivateKey,
  PassphraseRequest,
  WINDOWS_OPENSSH_AGENT_PIPE,
} from '../../../common/ssh/auth';

const dir = mkdtempSync(join(tmpdir(), 'ays-auth-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const enc = join(dir, 'enc');
const plain = join(dir, 'plain');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', enc]);
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', plain]);

describe('discoverAgent', () => {
  it('IdentityAgent, then SSH_AUTH_SOCK, then the Windows pipe or Pageant', () => {
    assert.equal(
      discoverAgent({ identityAgent: '/x/agent', env: { SSH_AUTH_SOCK: '/y' }, exists: () => true }),
      '/x/agent',
    );
    assert.equal(discoverAgent({ identityAgent: 'none', env: { SSH_AUTH_SOCK: '/y' }, exists: () => true }), undefined);
    assert.equal(
      discoverAgent({
        identityAgent: 'SSH_AUTH_SOCK',
        env: { SSH_AUTH_SOCK: '/y' },
        exists: () => true,
        platform: 'linux',
      }),
      '/y',
    );
    assert.equal(discoverAgent({ env: { SSH_AUTH_SOCK: '/gone' }, exists: () => false, platform: 'linux' }), undefined);
    assert.equal(discoverAgent({ env: {}, platform: 'linux' }), undefined);
    assert.equal(
      discoverAgent({ env: {}, platform: 'win32', exists: (p) => p === WINDOWS_OPENSSH_AGENT_PIPE }),
      WINDOWS_OPENSSH_AGENT_PIPE,
    );
    assert.equal(discoverAgent({ env: {}, platform: 'win32', exists: () => false }), 'pageant');
    assert.equal(
      discoverAgent({ env: { SSH_AUTH_SOCK: '\\\\.\\pipe\\custom' }, platform: 'win32', exists: () => false }),
      '\\\\.\\pipe\\custom',
    );
  });
});

describe('loadPrivateKey', () => {
  it('plain keys load without asking', async () => {
    let asked = 0;
    const r = await loadPrivateKey(
      plain,
      async () => {
        asked++;
        return 'x';
      },
      new Map(),
    );
    assert.equal(r.ok, true);
    assert.equal(asked, 0);
  });
  it('encrypted keys: retries after a wrong passphrase, then caches the decrypted key in memory', async () => {
    const reqs: PassphraseRequest[] = [];
    const cache: KeyCache = new Map();
    const answers = ['wrong', 'correct horse'];
    const r = await loadPrivateKey(
      enc,
      async (q) => {
        reqs.push(q);
        return answers.shift();
      },
      cache,
    );
    assert.equal(r.ok, true);
    assert.deepEqual(
      reqs.map((q) => [q.attempt, q.previousError]),
      [
        [1, undefined],
        [2, 'wrong passphrase'],
      ],
    );
    assert.ok(reqs.every((q) => q.keyPath === enc));
    const again = await loadPrivateKey(
      enc,
      async () => {
        throw new Error('must not ask');
      },
      cache,
    );
    assert.equal(again.ok, true);
  });
  it('gives up after the retries, on cancel, and without a prompt', async () => {
    const r = await loadPrivateKey(enc, async () => 'nope', new Map(), 3);
    assert.ok(!r.ok && /3 attempts/.test(r.message));
    const c = await loadPrivateKey(enc, async () => undefined, new Map());
    assert.ok(!c.ok && c.reason === 'skipped');
    const n = await loadPrivateKey(enc, undefined, new Map());
    assert.ok(!n.ok && n.reason === 'skipped');
    const m = await loadPrivateKey(join(dir, 'missing'), undefined, new Map());
    assert.ok(!m.ok && m.reason === 'missing');
  });
});

describe('createAuthPlan', () => {
  it('offers the agent first, then the identity files, recording what was tried', async () => {
    const plan = createAuthPlan({
      username: 'root',
      agent: '/tmp/agent.sock',
      identityFiles: [join(dir, 'missing'), plain],
      cache: new Map(),
    });
    const next = () => new Promise<unknown>((resolve) => plan.handler([], false, resolve as never));
    const m1 = (await next()) as { type: string };
    assert.equal(m1.type, 'agent');
    const m2 = (await next()) as { type: string };
    assert.equal(m2.type, 'publickey');
    assert.equal(await next(), false);
    assert.deepEqual(plan.tried, ['agent /tmp/agent.sock', plain]);
  });
  it('IdentitiesOnly skips the agent for auth', async () => {
    const plan = createAuthPlan({
      username: 'root',
      agent: '/tmp/agent.sock',
      identitiesOnly: true,
      identityFiles: [plain],
      cache: new Map(),
    });
    const m = await new Promise<{ type: string }>((resolve) => plan.handler([], false, resolve as never));
    assert.equal(m.type, 'publickey');
  });
});
