/**
 * Where an install failure belongs in the recipe files (issue 12 §4): anchored in the content that
 * RAN (the traceback line of that actions.py, the service.hrd key of that version), then found again
 * in today's file by the anchor's text or key, never by a bare line number of today's working copy.
 */
import type { InstallFailure } from './parseOutput';

export type RecipeFile = 'service.hrd' | 'actions.py';

export interface AnchoredFailure {
  failure: InstallFailure;
  file: RecipeFile;
  /** 0-based line in today's file. */
  line: number;
  /** The anchor: the key, or the text of the line that failed in the version that ran. */
  anchor?: string;
  /** Set when today's file no longer has the anchor (the diagnostic sits on the first line). */
  note?: string;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function failureFile(f: InstallFailure): RecipeFile {
  return f.file ?? (f.kind === 'traceback' && f.line ? 'actions.py' : 'service.hrd');
}

/** The key a failure points at in service.hrd (`source`, `web.export`…), if any. */
function keyOf(f: InstallFailure): string | undefined {
  return f.key ?? (f.kind === 'no-image-export' || f.kind === 'missing-export-key' ? 'web.export' : undefined);
}

/** 0-based line of `key` in service.hrd lines: an inner `key:` entry, else a top-level key starting with it, else the last web.export. */
function findKey(lines: string[], key: string): number {
  const entry = new RegExp(`^\\s+${esc(key)}\\s*:`);
  const top = new RegExp(`^${esc(key)}`);
  let i = -1;
  lines.forEach((l, n) => {
    if (entry.test(l)) i = n;
  });
  if (i >= 0) return i;
  i = lines.findIndex((l) => top.test(l));
  if (i >= 0) return i;
  let k = -1;
  lines.forEach((l, n) => {
    if (/^web\.export/.test(l)) k = n;
  });
  return k;
}

/**
 * Anchors each failure in `ran` (the texts that were installed, by file) and maps it onto `current`
 * (today's texts). Identical failures on the same line are reported once.
 */
export function anchorFailures(
  failures: InstallFailure[],
  ran: Partial<Record<RecipeFile, string>>,
  current: Partial<Record<RecipeFile, string>>,
): AnchoredFailure[] {
  const out: AnchoredFailure[] = [];
  const seen = new Set<string>();
  for (const f of failures) {
    const file = failureFile(f);
    const ranLines = (ran[file] ?? current[file] ?? '').split(/\r?\n/);
    const curLines = (current[file] ?? '').split(/\r?\n/);
    let line = 0;
    let anchor: string | undefined;
    let note: string | undefined;
    const key = keyOf(f);
    if (f.line && f.line > 0 && f.line <= ranLines.length && file === 'actions.py') {
      anchor = ranLines[f.line - 1].trim();
      const same = ran[file] === undefined || ran[file] === current[file];
      if (same && f.line <= curLines.length) line = f.line - 1;
      else {
        // The nearest line with the same text in today's file.
        const hits = curLines.map((l, n) => (anchor && l.trim() === anchor ? n : -1)).filter((n) => n >= 0);
        if (hits.length)
          line = hits.reduce((a, b) => (Math.abs(b - (f.line! - 1)) < Math.abs(a - (f.line! - 1)) ? b : a));
        else note = `line ${f.line} of the version that ran (${anchor}) is no longer in this file`;
      }
    } else if (key) {
      anchor = key;
      const i = findKey(curLines, key);
      if (i >= 0) line = i;
      else note = `"${key}" is not in this file any more`;
    }
    const id = `${file}:${line}:${f.kind}:${f.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ failure: f, file, line, ...(anchor ? { anchor } : {}), ...(note ? { note } : {}) });
  }
  return out;
}
