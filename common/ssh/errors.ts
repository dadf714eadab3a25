/**
 * SSH failures as values: a stable `code`, a plain message, and the details a UI needs
 * (fingerprints, the file that holds an old key, the identities tried). Nothing here throws.
 */
export type SshErrorCode =
  | 'unreachable' // TCP connect failed (refused, no route, DNS)
  | 'timeout' // no SSH handshake / auth within the connect timeout
  | 'auth-failed' // every identity was refused (lists what was tried)
  | 'no-identities' // no agent and no usable identity file
  | 'passphrase-cancelled'
  | 'host-key-unknown' // not known and the decision callback rejected it (or none given)
  | 'host-key-changed' // known with a different key: always refused
  | 'host-key-revoked' // listed under @revoked
  | 'connection-lost' // the connection dropped while a command ran
  | 'cancelled' // the caller aborted
  | 'config' // bad ~/.ssh/config / ProxyJump / identity file
  | 'channel' // the server refused to open a session channel
  | 'protocol'; // anything else from ssh2

export interface SshError {
  code: SshErrorCode;
  message: string;
  host?: string;
  port?: number;
  /** Host key errors: the presented key. */
  keyType?: string;
  fingerprint?: string;
  /** host-key-changed / revoked: the fingerprint on record and the file (and line) that holds it. */
  expectedFingerprint?: string;
  knownFile?: string;
  knownLine?: number;
  /** auth-failed / no-identities: what was offered, e.g. `agent /run/agent.sock`, `~/.ssh/id_ed25519`. */
  triedIdentities?: string[];
}

export function sshError(code: SshErrorCode, message: string, extra: Partial<SshError> = {}): SshError {
  return { ...extra, code, message };
}

/** True for the host-key refusals (CLI exit code 3). */
export function isHostKeyError(e: SshError | undefined): boolean {
  return !!e && (e.code === 'host-key-unknown' || e.code === 'host-key-changed' || e.code === 'host-key-revoked');
}

/** Maps a raw ssh2 / socket error to an SshError (host-key and auth errors are built where they happen). */
export function fromSocketError(err: Error & { code?: string; level?: string }, host: string, port: number): SshError {
  const where = `${host}:${port}`;
  const code = err.code ?? '';
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(code)) {
    return sshError(
      'unreachable',
      `cannot reach ${where}: ${code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'unknown host name' : err.message}`,
      { host, port },
    );
  }
  if (code === 'ETIMEDOUT' || /timed out/i.test(err.message)) {
    return sshError('timeout', `timed out connecting to ${where}`, { host, port });
  }
  return sshError('protocol', `SSH error with ${where}: ${err.message}`, { host, port });
}
