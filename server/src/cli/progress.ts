/**
 * Progress of a long `ays-recipes check` on a terminal: one self-overwriting line on stderr, shown only when
 * stderr is a TTY and the run has passed `threshold` folders, redrawn at most every `intervalMs`, erased at the end.
 * Never used for pipes or machine-readable output (the caller passes `enabled: false`).
 */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** `folders`: how many template folders the run has seen (or holds, once the scan is over). */
  report(folders: number, text: string): void;
  /** Erases the line, if one was drawn. */
  done(): void;
}

export interface ProgressOptions {
  enabled: boolean;
  threshold?: number;
  intervalMs?: number;
  now?: () => number;
}

export function terminalProgress(err: ProgressStream, o: ProgressOptions): Progress {
  const threshold = o.threshold ?? 1000;
  const intervalMs = o.intervalMs ?? 100;
  const now = o.now ?? Date.now;
  const on = o.enabled && err.isTTY === true;
  let drawn = false;
  let last = -Infinity;
  return {
    report(folders, text) {
      if (!on || folders <= threshold) return;
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      drawn = true;
      err.write(`\rays-recipes check: ${text}\x1b[K`);
    },
    done() {
      if (drawn) err.write('\r\x1b[K');
      drawn = false;
    },
  };
}
