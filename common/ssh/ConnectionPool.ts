/**
 * One SSH connection per key (the environment name): reused while open, shared by concurrent
 * commands (one channel each), closed after an idle timeout, all closed by `closeAll()`.
 * Concurrent `acquire` calls for the same key share one connect attempt.
 */
import { KeyCache } from './auth';
import { SshError } from './errors';
import { ConnectOptions, SshConnection } from './SshConnection';
import { ExecOptions, ExecResult } from './remoteExec';

export interface PoolOptions {
  /** Close a connection this long after its last command ended. Default 60000 ms; 0 = never. */
  idleTimeoutMs?: number;
}

interface Slot {
  pending?: Promise<{ ok: true; connection: SshConnection } | { ok: false; error: SshError }>;
  connection?: SshConnection;
  idleTimer?: NodeJS.Timeout;
  users: number;
}

export class ConnectionPool {
  private readonly slots = new Map<string, Slot>();
  /** Decrypted identity keys, shared by every connection of this pool (memory only). */
  readonly keyCache: KeyCache = new Map();
  private readonly idleTimeoutMs: number;

  constructor(options: PoolOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60000;
  }

  /** Number of open connections. */
  get size(): number {
    return [...this.slots.values()].filter((s) => s.connection && !s.connection.isClosed).length;
  }

  /** An open connection for `key`, opening one with `options` when needed. Call `release` when done. */
  async acquire(
    key: string,
    options: ConnectOptions,
  ): Promise<{ ok: true; connection: SshConnection; release: () => void } | { ok: false; error: SshError }> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { users: 0 };
      this.slots.set(key, slot);
    }
    const s = slot;
    if (s.idleTimer) {
      clearTimeout(s.idleTimer);
      s.idleTimer = undefined;
    }
    s.users++;
    if (!s.connection || s.connection.isClosed) {
      s.connection = undefined;
      if (!s.pending) {
        s.pending = SshConnection.open({ ...options, keyCache: options.keyCache ?? this.keyCache });
        s.pending.then((r) => {
          s.pending = undefined;
          if (r.ok) {
            s.connection = r.connection;
            r.connection.onClose(() => {
              if (s.connection === r.connection) s.connection = undefined;
            });
          }
        });
      }
      const r = await s.pending;
      if (!r.ok) {
        this.release(key, s);
        return r;
      }
    }
    const connection = s.connection!;
    let released = false;
    return {
      ok: true,
      connection,
      release: () => {
        if (!released) {
          released = true;
          this.release(key, s);
        }
      },
    };
  }

  /** Runs one command on the pooled connection for `key`. Connection failures come back as `error`. */
  async exec(key: string, options: ConnectOptions, command: string, exec: ExecOptions = {}): Promise<ExecResult> {
    const t0 = Date.now();
    if (exec.signal?.aborted)
      return { exitCode: null, error: { code: 'cancelled', message: 'cancelled before start' }, durationMs: 0 };
    const { signal: _ignored, ...shared } = options;
    const aborted = new Promise<{ ok: false; error: SshError }>((resolve) =>
      exec.signal?.addEventListener(
        'abort',
        () => resolve({ ok: false, error: { code: 'cancelled', message: 'cancelled while connecting' } }),
        { once: true },
      ),
    );
    const acquiring = this.acquire(key, shared);
    const a = await Promise.race([acquiring, aborted]);
    if (!a.ok && a.error.code === 'cancelled')
      acquiring.then((r) => {
        if (r.ok) r.release();
      });
    if (!a.ok) return { exitCode: null, error: a.error, durationMs: Date.now() - t0 };
    try {
      return await a.connection.exec(command, exec);
    } finally {
      a.release();
    }
  }

  private release(key: string, s: Slot): void {
    s.users = Math.max(0, s.users - 1);
    if (s.users > 0 || !this.idleTimeoutMs) return;
    s.idleTimer = setTimeout(() => {
      if (s.users === 0) {
        void s.connection?.close();
        s.connection = undefined;
        this.slots.delete(key);
      }
    }, this.idleTimeoutMs);
    s.idleTimer.unref?.();
  }

  /** Closes one key's connection now (e.g. after the environment definition changed). */
  async close(key: string): Promise<void> {
    const s = this.slots.get(key);
    if (!s) return;
    if (s.idleTimer) clearTimeout(s.idleTimer);
    this.slots.delete(key);
    const r = s.pending ? await s.pending : undefined;
    await (s.connection ?? (r && r.ok ? r.connection : undefined))?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.slots.keys()].map((k) => this.close(k)));
  }
}
