/**
 * Host-key verification, run inside ssh2's `hostVerifier` so it completes BEFORE authentication:
 * known_hosts files (read-only) + the extension's TrustStore + fingerprints the caller trusts
 * (CLI `--trust`) + a decision callback for unknown keys. A changed or revoked key is always refused.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SshError, sshError } from './errors';
import {
  fingerprintOf,
  keyTypeOf,
  KnownHostEntry,
  knownKeyTypes,
  lookupKnownHosts,
  readKnownHostsFile,
} from './knownHosts';
import { TrustStore } from './TrustStore';

export interface HostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}

/** 'once': accept for this connection; 'always': accept and record in the TrustStore; 'reject': refuse. */
export type HostKeyDecision = 'once' | 'always' | 'reject';
export type HostKeyDecider = (info: HostKeyInfo) => Promise<HostKeyDecision>;

export interface HostKeyPolicy {
  /** `yes` (from ssh_config StrictHostKeyChecking): an unknown key is refused, `decide` is never asked. */
  strictHostKeyChecking?: string;
  /** known_hosts files to read; default: ~/.ssh/known_hosts, ~/.ssh/known_hosts2, /etc/ssh/ssh_known_hosts. */
  knownHostsFiles?: string[];
  /** The extension's own trust store ('always' decisions are written there). */
  trustStore?: TrustStore;
  /** `SHA256:…` fingerprints accepted for an UNKNOWN key (never for a changed one). */
  trustedFingerprints?: string[];
  /** Asked for unknown keys; without it an unknown key is refused. */
  decide?: HostKeyDecider;
}

export type HostKeyOutcome =
  | {
      ok: true;
      source: 'known_hosts' | 'trust-store' | 'trusted-fingerprint' | 'decision';
      info: HostKeyInfo;
      file?: string;
    }
  | { ok: false; error: SshError; info: HostKeyInfo };

export function defaultKnownHostsFiles(home = homedir()): string[] {
  return [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2'), '/etc/ssh/ssh_known_hosts'];
}

function loadEntries(policy: HostKeyPolicy): KnownHostEntry[] {
  return (policy.knownHostsFiles ?? defaultKnownHostsFiles()).flatMap((f) => readKnownHostsFile(f));
}

/**
 * The policy with ~/.ssh/config applied: UserKnownHostsFile replaces ~/.ssh/known_hosts(2) (still
 * read-only), StrictHostKeyChecking `yes` turns the prompt off. `no`, `accept-new` and `ask` change
 * nothing: an unknown key still needs the same explicit trust, a changed key is still refused.
 */
export function withSshConfig(
  policy: HostKeyPolicy,
  cfg: { userKnownHostsFiles?: { files: string[]; replaces: string[] }; strictHostKeyChecking?: string },
): HostKeyPolicy {
  let files = policy.knownHostsFiles ?? defaultKnownHostsFiles();
  if (cfg.userKnownHostsFiles) {
    const { files: user, replaces } = cfg.userKnownHostsFiles;
    files = [...new Set([...user, ...files.filter((f) => !replaces.includes(f))])];
  }
  return {
    ...policy,
    knownHostsFiles: files,
    strictHostKeyChecking: cfg.strictHostKeyChecking ?? policy.strictHostKeyChecking,
  };
}

/** Key types already on record for host:port (known_hosts only), to be preferred in negotiation. */
export function preferredHostKeyTypes(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  aliases: string[] = [],
): string[] {
  return knownKeyTypes(loadEntries(policy), host, port, aliases);
}

function changedMessage(info: HostKeyInfo, expected: string, where: string): string {
  return (
    `HOST KEY CHANGED for ${info.host}:${info.port}: expected ${expected} (${where}), ` +
    `the server presented ${info.keyType} ${info.fingerprint}. This can be a man-in-the-middle attack or a ` +
    `reinstalled server; the connection was refused. If the change is legitimate, remove the old key from ${where} first.`
  );
}

/** Decides about a presented host key. `aliases` are other names of the host (e.g. the ssh_config alias). */
export async function verifyHostKey(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  keyBlob: Buffer,
  aliases: string[] = [],
): Promise<HostKeyOutcome> {
  const info: HostKeyInfo = { host, port, keyType: keyTypeOf(keyBlob), fingerprint: fingerprintOf(keyBlob) };
  const base = { host, port, keyType: info.keyType, fingerprint: info.fingerprint };
  const known = lookupKnownHosts(loadEntries(policy), host, port, keyBlob, aliases);
  if (known.status === 'revoked') {
    return {
      ok: false,
      info,
      error: sshError(
        'host-key-revoked',
        `the host key of ${host}:${port} (${info.fingerprint}) is marked @revoked in ${known.entry.file}:${known.entry.line}; refused`,
        { ...base, knownFile: known.entry.file, knownLine: known.entry.line },
      ),
    };
  }
  if (known.status === 'match') return { ok: true, source: 'known_hosts', info, file: known.entry.file };
  if (known.status === 'changed') {
    const where = `${known.entry.file}:${known.entry.line}`;
    return {
      ok: false,
      info,
      error: sshError('host-key-changed', changedMessage(info, known.entry.fingerprint, where), {
        ...base,
        expectedFingerprint: known.entry.fingerprint,
        knownFile: known.entry.file,
        knownLine: known.entry.line,
      }),
    };
  }
  const store = policy.trustStore;
  if (store) {
    const t = store.lookup(host, port, keyBlob);
    if (t.status === 'match') return { ok: true, source: 'trust-store', info, file: store.path };
    if (t.status === 'changed') {
      return {
        ok: false,
        info,
        error: sshError(
          'host-key-changed',
          changedMessage(
            info,
            t.expectedFingerprint,
            `trust store ${store.path}, entry "${TrustStore.keyOf(host, port)}"`,
          ),
          { ...base, expectedFingerprint: t.expectedFingerprint, knownFile: store.path },
        ),
      };
    }
  }
  if (policy.trustedFingerprints?.includes(info.fingerprint)) return { ok: true, source: 'trusted-fingerprint', info };
  const unknown = (why: string) => ({
    ok: false as const,
    info,
    error: sshError(
      'host-key-unknown',
      `the host key of ${host}:${port} is not known (${info.keyType} ${info.fingerprint}): ${why}`,
      base,
    ),
  });
  const files = (policy.knownHostsFiles ?? defaultKnownHostsFiles()).join(', ');
  if (policy.strictHostKeyChecking === 'yes') {
    return unknown(
      `StrictHostKeyChecking yes (~/.ssh/config) forbids asking; verify the fingerprint, then add the key to one of: ${files}`,
    );
  }
  if (!policy.decide)
    return unknown(`not in known_hosts (${files}) or the trust store; verify the fingerprint and trust it explicitly`);
  let decision: HostKeyDecision;
  try {
    decision = await policy.decide(info);
  } catch {
    decision = 'reject';
  }
  if (decision === 'once') return { ok: true, source: 'decision', info };
  if (decision === 'always') {
    if (store) store.add(host, port, keyBlob);
    return { ok: true, source: 'decision', info, file: store?.path };
  }
  return unknown('rejected');
}
