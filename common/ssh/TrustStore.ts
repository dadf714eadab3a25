/**
 * The extension's own host-key trust store (known_hosts is never written): a JSON file
 * `{ "[host]:port": ["ssh-ed25519 AAAA…", "SHA256:…"] }`, entries as key lines or fingerprints.
 * A plain `host` key is read as port 22 too.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fingerprintOf, keyTypeOf } from './knownHosts';

export type TrustVerdict =
  { status: 'match' } | { status: 'changed'; expectedFingerprint: string } | { status: 'unknown' };

interface TrustEntry {
  keyType?: string;
  fingerprint: string;
}

function parseEntry(s: string): TrustEntry | undefined {
  const t = s.trim();
  if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(t)) return { fingerprint: t };
  const [type, b64] = t.split(/\s+/);
  if (!type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const blob = Buffer.from(b64, 'base64');
  if (keyTypeOf(blob) !== type) return undefined;
  return { keyType: type, fingerprint: fingerprintOf(blob) };
}

export class TrustStore {
  private data: Record<string, string[]> = {};
  /** Set when the file exists but is not valid JSON of the expected shape (it is then treated as empty and never overwritten). */
  loadError?: string;

  constructor(readonly path: string) {
    this.reload();
  }

  static keyOf(host: string, port: number): string {
    return `[${host}]:${port}`;
  }

  reload(): void {
    this.data = {};
    this.loadError = undefined;
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return;
    }
    try {
      const v = JSON.parse(text);
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      for (const [k, list] of Object.entries(v)) {
        if (Array.isArray(list)) this.data[k] = list.filter((x): x is string => typeof x === 'string');
      }
    } catch (e) {
      this.loadError = `${this.path}: ${(e as Error).message}`;
    }
  }

  private entriesFor(host: string, port: number): TrustEntry[] {
    const keys = [TrustStore.keyOf(host, port), ...(port === 22 ? [host] : [])];
    return keys
      .flatMap((k) => this.data[k] ?? [])
      .map(parseEntry)
      .filter((e): e is TrustEntry => !!e);
  }

  lookup(host: string, port: number, keyBlob: Buffer): TrustVerdict {
    const entries = this.entriesFor(host, port);
    const fp = fingerprintOf(keyBlob);
    if (entries.some((e) => e.fingerprint === fp)) return { status: 'match' };
    if (entries.length) {
      const type = keyTypeOf(keyBlob);
      return {
        status: 'changed',
        expectedFingerprint: (entries.find((e) => e.keyType === type) ?? entries[0]).fingerprint,
      };
    }
    return { status: 'unknown' };
  }

  /** Records the key for host:port (atomic write, mode 0600). Refuses to overwrite a file it could not parse. */
  add(host: string, port: number, keyBlob: Buffer): { ok: true } | { ok: false; message: string } {
    if (this.loadError) return { ok: false, message: `not updating the trust store: ${this.loadError}` };
    const k = TrustStore.keyOf(host, port);
    const line = `${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}`;
    const list = this.data[k] ?? [];
    if (!list.includes(line)) list.push(line);
    this.data[k] = list;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
      renameSync(tmp, this.path);
      return { ok: true };
    } catch (e) {
      return { ok: false, message: `cannot write ${this.path}: ${(e as Error).message}` };
    }
  }

  /** Removes every entry for host:port (the only way past a changed key: the user edits the trust). */
  remove(host: string, port: number): void {
    delete this.data[TrustStore.keyOf(host, port)];
    if (port === 22) delete this.data[host];
    if (this.loadError) return;
    try {
      writeFileSync(this.path, JSON.stringify(this.data, null, 2) + '\n', { mode: 0o600 });
    } catch {
      /* reported on the next add */
    }
  }
}
