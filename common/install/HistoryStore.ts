/**
 * Run history: one record per node run, kept newest-first in a small JSON file (capped).
 * Writes are atomic (temp file + rename); an unreadable file reads as empty and is not overwritten.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

export class HistoryStore {
  private loadError?: string;

  constructor(readonly path: string, readonly cap = 200) {}

  list(filter: Partial<Pick<RunRecord, 'environment' | 'node' | 'image'>> = {}): RunRecord[] {
    return this.read().filter((r) => (!filter.environment || r.environment === filter.environment)
      && (!filter.node || r.node === filter.node) && (!filter.image || r.image === filter.image));
  }

  /** Adds records (newest first), keeps at most `cap`. Returns an error message when the file could not be written. */
  add(...records: RunRecord[]): string | undefined {
    const all = this.read();
    if (this.loadError) return `not updating run history: ${this.loadError}`;
    const next = [...records.slice().reverse(), ...all].slice(0, this.cap);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(next, null, 1) + '\n');
      renameSync(tmp, this.path);
      return undefined;
    } catch (e) {
      return `cannot write ${this.path}: ${(e as Error).message}`;
    }
  }

  clear(): void {
    try { writeFileSync(this.path, '[]\n'); } catch { /* nothing to clear */ }
  }

  private read(): RunRecord[] {
    this.loadError = undefined;
    let text: string;
    try { text = readFileSync(this.path, 'utf8'); } catch { return []; }
    try {
      const v = JSON.parse(text);
      if (!Array.isArray(v)) throw new Error('not an array');
      return v.filter((r) => r && typeof r === 'object' && typeof r.id === 'string' && typeof r.node === 'string');
    } catch (e) {
      this.loadError = `${this.path}: ${(e as Error).message}`;
      return [];
    }
  }
}
