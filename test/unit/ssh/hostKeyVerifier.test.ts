import { after, describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostKeyInfo, verifyHostKey } from '../../../common/ssh/hostKeyVerifier';
import { fingerprintOf } from '../../../common/ssh/knownHosts';
import { TrustStore } from '../../../common/ssh/TrustStore';

const dir = mkdtempSync(join(tmpdir(), 'ays-hkv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function key(name: string): { line: string; blob: Buffer; fp: string } {
  const f = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', f]);
  const line = readFileSync(f + '.pub', 'utf8')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join(' ');
  const blob = Buffer.from(line.split(' ')[1], 'base64');
  return { line, blob, fp: fingerprintOf(blob) };
}

describe('verifyHostKey', () => {
  let a: ReturnType<typeof key>, b: ReturnType<typeof key>;
  let kh: string;
  before(() => {
    a = key('a');
    b = key('b');
    kh = join(dir, 'known_hosts');
    writeFileSync(kh, `[127.0.0.1]:2202 ${a.line}\n`);
  });

  it('known key → ok without asking', async () => {
    let asked = 0;
    const r = await verifyHostKey(
      {
        knownHostsFiles: [kh],
        decide: async () => {
          asked++;
          return 'reject';
        },
      },
      '127.0.0.1',
      2202,
      a.blob,
    );
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.source, 'known_hosts');
    assert.equal(asked, 0);
  });

  it('changed key → host-key-changed with both fingerprints and the file; never asks, --trust does not bypass', async () => {
    let asked = 0;
    const r = await verifyHostKey(
      {
        knownHostsFiles: [kh],
        trustedFingerprints: [b.fp],
        decide: async () => {
          asked++;
          return 'always';
        },
      },
      '127.0.0.1',
      2202,
      b.blob,
    );
    assert.equal(r.ok, false);
    assert.equal(asked, 0);
    if (r.ok) return;
    assert.equal(r.error.code, 'host-key-changed');
    assert.equal(r.error.expectedFingerprint, a.fp);
    assert.equal(r.error.fingerprint, b.fp);
    assert.equal(r.error.knownFile, kh);
    assert.equal(r.error.knownLine, 1);
    assert.ok(r.error.message.includes(a.fp) && r.error.message.includes(b.fp) && r.error.message.includes(kh));
  });

  it('unknown key: the decision callback gets host, port, type and fingerprint', async () => {
    let info: HostKeyInfo | undefined;
    const r = await verifyHostKey(
      {
        knownHostsFiles: [kh],
        decide: async (i) => {
          info = i;
          return 'once';
        },
      },
      '127.0.0.1',
      2203,
      b.blob,
    );
    assert.equal(r.ok, true);
    assert.deepEqual(info, { host: '127.0.0.1', port: 2203, keyType: 'ssh-ed25519', fingerprint: b.fp });
  });

  it('unknown key without a callback, or rejected → host-key-unknown', async () => {
    const r1 = await verifyHostKey({ knownHostsFiles: [kh] }, '127.0.0.1', 2203, b.blob);
    assert.equal(!r1.ok && r1.error.code, 'host-key-unknown');
    const r2 = await verifyHostKey({ knownHostsFiles: [kh], decide: async () => 'reject' }, '127.0.0.1', 2203, b.blob);
    assert.equal(!r2.ok && r2.error.code, 'host-key-unknown');
    const r3 = await verifyHostKey(
      {
        knownHostsFiles: [kh],
        decide: async () => {
          throw new Error('ui gone');
        },
      },
      '127.0.0.1',
      2203,
      b.blob,
    );
    assert.equal(r3.ok, false);
  });

  it('--trust fingerprint accepts an unknown key', async () => {
    const r = await verifyHostKey({ knownHostsFiles: [], trustedFingerprints: [b.fp] }, '127.0.0.1', 2203, b.blob);
    assert.equal(r.ok && r.source, 'trusted-fingerprint');
  });

  it("'always' records in the trust store; later a different key there is CHANGED", async () => {
    const store = new TrustStore(join(dir, 'trust', 'hosts.json'));
    const r = await verifyHostKey(
      { knownHostsFiles: [], trustStore: store, decide: async () => 'always' },
      '10.9.9.9',
      22,
      a.blob,
    );
    assert.equal(r.ok, true);
    const saved = JSON.parse(readFileSync(store.path, 'utf8'));
    assert.deepEqual(saved, { '[10.9.9.9]:22': [a.line] });
    const again = await verifyHostKey(
      { knownHostsFiles: [], trustStore: new TrustStore(store.path) },
      '10.9.9.9',
      22,
      a.blob,
    );
    assert.equal(again.ok && again.source, 'trust-store');
    const changed = await verifyHostKey(
      { knownHostsFiles: [], trustStore: new TrustStore(store.path), decide: async () => 'always' },
      '10.9.9.9',
      22,
      b.blob,
    );
    assert.equal(!changed.ok && changed.error.code, 'host-key-changed');
    assert.equal(!changed.ok && changed.error.expectedFingerprint, a.fp);
  });

  it('trust store entries may be fingerprints; a corrupt store is never overwritten', () => {
    const p = join(dir, 'fp.json');
    writeFileSync(p, JSON.stringify({ '[h]:2202': [a.fp] }));
    assert.equal(new TrustStore(p).lookup('h', 2202, a.blob).status, 'match');
    assert.equal(new TrustStore(p).lookup('h', 2202, b.blob).status, 'changed');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'not json');
    const s = new TrustStore(bad);
    assert.ok(s.loadError);
    assert.equal(s.add('h', 22, a.blob).ok, false);
    assert.equal(readFileSync(bad, 'utf8'), 'not json');
  });

  it('@revoked is refused', async () => {
    const f = join(dir, 'revoked');
    writeFileSync(f, `@revoked * ${b.line}\n`);
    const r = await verifyHostKey({ knownHostsFiles: [f], decide: async () => 'once' }, 'h', 22, b.blob);
    assert.equal(!r.ok && r.error.code, 'host-key-revoked');
  });
});
