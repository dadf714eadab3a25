import { after, describe, it, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fingerprintOf,
  hostFieldMatches,
  keyTypeOf,
  knownHostsName,
  lookupKnownHosts,
  parseKnownHosts,
  readKnownHostsFile,
} from '../../../common/ssh/knownHosts';

const dir = mkdtempSync(join(tmpdir(), 'ays-kh-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function key(name: string, type = 'ed25519'): { line: string; blob: Buffer; fp: string } {
  const f = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', f]);
  const line = readFileSync(f + '.pub', 'utf8')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .join(' ');
  const fp = execFileSync('ssh-keygen', ['-lf', f + '.pub'], { encoding: 'utf8' }).split(/\s+/)[1];
  return { line, blob: Buffer.from(line.split(' ')[1], 'base64'), fp };
}

describe('known_hosts', () => {
  let a: ReturnType<typeof key>, b: ReturnType<typeof key>, c: ReturnType<typeof key>;
  before(() => {
    a = key('a');
    b = key('b');
    c = key('c', 'ecdsa');
  });

  it('fingerprints match ssh-keygen -lf; key types from the blob', () => {
    assert.equal(fingerprintOf(a.blob), a.fp);
    assert.equal(keyTypeOf(a.blob), 'ssh-ed25519');
    assert.equal(keyTypeOf(c.blob), 'ecdsa-sha2-nistp256');
    assert.equal(knownHostsName('h', 22), 'h');
    assert.equal(knownHostsName('h', 2202), '[h]:2202');
  });

  it('plain names, [host]:port, comma lists, wildcards, negation', () => {
    const text = `# comment\n\n10.0.0.5,ovc-git ${a.line}\n[10.0.0.5]:2202 ${b.line} some comment\n*.example.com,!bad.example.com ${a.line}\n`;
    const e = parseKnownHosts(text, 'kh');
    assert.equal(e.length, 3);
    assert.equal(e[1].line, 4);
    assert.equal(lookupKnownHosts(e, '10.0.0.5', 22, a.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, 'ovc-git', 22, a.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, '10.0.0.5', 2202, b.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, '10.0.0.5', 2203, b.blob).status, 'unknown');
    assert.equal(lookupKnownHosts(e, 'x.example.com', 22, a.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, 'bad.example.com', 22, a.blob).status, 'unknown');
    assert.ok(hostFieldMatches('[*.example.com]:2202', ['[x.example.com]:2202']));
  });

  it('changed: another key on record for the host; the entry of the same type is reported', () => {
    const e = parseKnownHosts(`[h]:2202 ${c.line}\n[h]:2202 ${a.line}\n`, 'kh');
    const v = lookupKnownHosts(e, 'h', 2202, b.blob);
    assert.equal(v.status, 'changed');
    assert.equal(v.status === 'changed' && v.entry.fingerprint, a.fp);
    assert.equal(v.status === 'changed' && v.entry.line, 2);
  });

  it('hashed entries written by ssh-keygen -H (HMAC-SHA1), including [host]:port', () => {
    const f = join(dir, 'known_hosts_hashed');
    writeFileSync(f, `10.1.2.3 ${a.line}\n[10.1.2.3]:2202 ${b.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', f], { stdio: 'ignore' });
    const text = readFileSync(f, 'utf8');
    assert.ok(!text.includes('10.1.2.3') && text.includes('|1|'));
    const e = readKnownHostsFile(f);
    assert.equal(lookupKnownHosts(e, '10.1.2.3', 22, a.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, '10.1.2.3', 2202, b.blob).status, 'match');
    assert.equal(lookupKnownHosts(e, '10.1.2.3', 2202, a.blob).status, 'changed');
    assert.equal(lookupKnownHosts(e, '10.1.2.4', 22, a.blob).status, 'unknown');
  });

  it('@revoked wins; @cert-authority is not a plain match', () => {
    const e = parseKnownHosts(`@revoked * ${a.line}\n@cert-authority *.example.com ${c.line}\nh ${a.line}\n`, 'kh');
    assert.equal(lookupKnownHosts(e, 'h', 22, a.blob).status, 'revoked');
    const u = lookupKnownHosts(e, 'x.example.com', 22, b.blob);
    assert.equal(u.status, 'unknown');
    assert.equal(u.status === 'unknown' && u.certAuthorities.length, 1);
  });

  it('skips corrupt lines, unknown markers; a missing file is empty', () => {
    const e = parseKnownHosts(
      `h ssh-ed25519 !!!notbase64\nh ssh-rsa ${a.line.split(' ')[1]}\n@weird h ${a.line}\nonlyhost\n`,
      'kh',
    );
    assert.equal(e.length, 0);
    assert.deepEqual(readKnownHostsFile(join(dir, 'missing')), []);
  });
});
