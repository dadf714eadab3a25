/**
 * known_hosts, read-only: plain and hashed (`|1|salt|hash`, HMAC-SHA1) host names, `[host]:port`,
 * comma lists, `*`/`?` wildcards, `!` negation, and the `@revoked` / `@cert-authority` markers.
 * Never written: trust decided inside the extension goes to its own TrustStore.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface KnownHostEntry {
  file: string;
  /** 1-based line number. */
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** The host field as written (may be hashed). */
  hosts: string;
  keyType: string;
  keyBlob: Buffer;
  fingerprint: string;
}

/** `SHA256:…` of a raw public key blob, exactly as `ssh-keygen -lf` prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type inside an SSH wire-format public key blob (`ssh-ed25519`, `ecdsa-sha2-nistp256`, …). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const n = keyBlob.readUInt32BE(0);
  if (n <= 0 || n > 64 || 4 + n > keyBlob.length) return 'unknown';
  return keyBlob.subarray(4, 4 + n).toString('latin1');
}

/** The name OpenSSH looks up: `host` on port 22, otherwise `[host]:port`. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw || raw.startsWith('#')) continue;
    const parts = raw.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (parts[0].startsWith('@')) {
      const m = parts.shift()!;
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else continue; // unknown marker: OpenSSH skips the line
    }
    if (parts.length < 3) continue;
    const [hosts, keyType, b64] = parts;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) continue;
    const keyBlob = Buffer.from(b64, 'base64');
    if (keyTypeOf(keyBlob) !== keyType) continue; // corrupt line
    out.push({ file, line: i + 1, marker, hosts, keyType, keyBlob, fingerprint: fingerprintOf(keyBlob) });
  }
  return out;
}

/** Reads and parses a known_hosts file; a missing or unreadable file is simply empty. */
export function readKnownHostsFile(file: string): KnownHostEntry[] {
  try {
    return parseKnownHosts(readFileSync(file, 'utf8'), file);
  } catch {
    return [];
  }
}

function wildcardMatch(pattern: string, name: string): boolean {
  const re =
    '^' +
    pattern
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\[/g, '\\[')
      .replace(/\]/g, '\\]')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.') +
    '$';
  return new RegExp(re, 'i').test(name);
}

function hashedMatch(field: string, name: string): boolean {
  const m = /^\|1\|([^|]+)\|([^|]+)$/.exec(field);
  if (!m) return false;
  const salt = Buffer.from(m[1], 'base64');
  const want = Buffer.from(m[2], 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && want.equals(got);
}

/**
 * Whether a known_hosts host field matches one of `names` (each already in `[host]:port` form when
 * needed). A matching negated pattern (`!pat`) makes the whole line not match.
 */
export function hostFieldMatches(field: string, names: string[]): boolean {
  if (field.startsWith('|')) return names.some((n) => hashedMatch(field, n));
  let positive = false;
  for (const pat of field.split(',')) {
    if (!pat) continue;
    const negated = pat.startsWith('!');
    const p = negated ? pat.slice(1) : pat;
    const hit = names.some((n) => wildcardMatch(p, n));
    if (hit && negated) return false;
    if (hit) positive = true;
  }
  return positive;
}

export type KnownHostsVerdict =
  | { status: 'match'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'changed'; entry: KnownHostEntry }
  | { status: 'unknown'; certAuthorities: KnownHostEntry[] };

/**
 * Looks the presented key up for `host`:`port` (plus optional aliases, e.g. the ssh_config alias).
 * `@revoked` wins over everything; then an exact match; then any other key on record for the host
 * means the key CHANGED. `@cert-authority` lines are returned with `unknown` (ssh2 does not offer host
 * certificates, so a plain key signed by a CA is still unknown to us).
 */
export function lookupKnownHosts(
  entries: KnownHostEntry[],
  host: string,
  port: number,
  keyBlob: Buffer,
  aliases: string[] = [],
): KnownHostsVerdict {
  const names = [...new Set([host, ...aliases].map((h) => knownHostsName(h, port)))];
  const revoked = entries.find((e) => e.marker === 'revoked' && e.keyBlob.equals(keyBlob));
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => e.marker !== 'revoked' && hostFieldMatches(e.hosts, names));
  const plain = forHost.filter((e) => !e.marker);
  const hit = plain.find((e) => e.keyBlob.equals(keyBlob));
  if (hit) return { status: 'match', entry: hit };
  if (plain.length) {
    const type = keyTypeOf(keyBlob);
    return { status: 'changed', entry: plain.find((e) => e.keyType === type) ?? plain[0] };
  }
  return { status: 'unknown', certAuthorities: forHost.filter((e) => e.marker === 'cert-authority') };
}

/** Key types on record for a host, to put first in the host-key algorithm list (as OpenSSH does). */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number, aliases: string[] = []): string[] {
  const names = [...new Set([host, ...aliases].map((h) => knownHostsName(h, port)))];
  return [...new Set(entries.filter((e) => !e.marker && hostFieldMatches(e.hosts, names)).map((e) => e.keyType))];
}
