/**
 * Run history: one record per node run, kept newest-first in a small JSON file (capped).
 * Several windows (processes) may write the same file: every write takes a lock file (`<file>.lock`,
 * created exclusively; a stale one is broken after LOCK_STALE_MS), re-reads the file, merges, and
 * replaces it atomically (temp file + fsync + rename). A corrupt file is moved aside as
 * `<file>.corrupt-<time>` (one warning) and a new one is started, so runs are never refused.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { InstallKind } from './commands';

export interface RunRecord {
  id: string;
  /** ISO 8601 start time. */
  time: string;
  environment: string;
  node: string;
  image: string;
  kind: InstallKind;
  /** Git commit of the recipe folder when the run started (the caller knows it). */
  commit?: string;
  /** null when the run ended without an exit status (cancelled, connection lost). */
  exitCode: number | null;
  durationMs: number;
  logPath?: string;
  /** Short outcome: `ok`, a failure kind, or an SSH error code. */
  outcome?: string;
}

/** A lock older than this is left over by a crashed writer and is broken. */
const LOCK_STALE_MS = 10_000;
/** How long a writer waits for the lock before giving up (the write is then reported, not lost silently). */
const LOCK_WAIT_MS = 30_000;

type ReadResult = { records: RunRecord[]; corrupt?: string };

/** Blocks the thread for `ms` (the store is synchronous; waits are a few ms while another window writes). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export class HistoryStore {
  private seq = 0;

  constructor(
    readonly path: string,
    readonly cap = 200,
  ) {}

  list(filter: Partial<Pick<RunRecord, 'environment' | 'node' | 'image'>> = {}): RunRecord[] {
    return this.read().records.filter(
      (r) =>
        (!filter.environment || r.environment === filter.environment) &&
        (!filter.node || r.node === filter.node) &&
        (!filter.image || r.image === filter.image),
    );
  }

  /**
   * Adds records (newest first), keeps at most `cap`. Returns a message for the log when something
   * needs saying: the file could not be written, or a corrupt file was moved aside (the records are kept).
   */
  add(...records: RunRecord[]): string | undefined {
    return this.update((all) => [...records.slice().reverse(), ...all]);
  }

  /** Empties the history (atomically, under the lock). Returns an error message when it could not. */
  clear(): string | undefined {
    return this.update(() => []);
  }

  private update(change: (records: RunRecord[]) => RunRecord[]): string | undefined {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch (e) {
      return `cannot write ${this.path}: ${(e as Error).message}`;
    }
    const lock = this.lock();
    if (typeof lock === 'string') return lock;
    try {
      const current = this.read();
      let note: string | undefined;
      if (current.corrupt) note = this.moveAside(current.corrupt);
      this.writeAtomic(change(current.records).slice(0, this.cap));
      return note;
    } catch (e) {
      return `cannot write ${this.path}: ${(e as Error).message}`;
    } finally {
      lock();
    }
  }

  /** Takes `<file>.lock`; returns its release function, or why it could not be taken. */
  private lock(): (() => void) | string {
    const lockPath = `${this.path}.lock`;
    const end = Date.now() + LOCK_WAIT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 16)) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        return () => {
          try {
            rmSync(lockPath, { force: true });
          } catch {
            /* gone */
          }
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot lock ${lockPath}: ${(e as Error).message}`;
      }
      try {
        if (Date.now() - statSync(lockPath).mtimeMs > LOCK_STALE_MS) {
          rmSync(lockPath, { force: true });
          continue;
        }
      } catch {
        continue; /* released meanwhile */
      }
      if (Date.now() > end)
        return `run history not updated: ${lockPath} is held by another window (delete it if no install is running)`;
      sleepSync(wait + Math.random() * wait);
    }
  }

  private writeAtomic(records: RunRecord[]): void {
    const tmp = `${this.path}.${process.pid}.${++this.seq}.tmp`;
    try {
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, JSON.stringify(records, null, 1) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  private moveAside(why: string): string {
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(this.path, aside);
      return `run history ${this.path} was unreadable (${why}); moved it to ${aside} and started a new one`;
    } catch (e) {
      return `run history ${this.path} was unreadable (${why}) and could not be moved aside (${(e as Error).message}); starting a new one`;
    }
  }

  private read(): ReadResult {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return { records: [] };
    }
    try {
      const v = JSON.parse(text);
      if (!Array.isArray(v)) throw new Error('not an array');
      return {
        records: v.filter((r) => r && typeof r === 'object' && typeof r.id === 'string' && typeof r.node === 'string'),
      };
    } catch (e) {
      return { records: [], corrupt: (e as Error).message };
    }
  }
}
