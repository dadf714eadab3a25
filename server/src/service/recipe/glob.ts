/**
 * `aysRecipes.validation.exclude` matching (paths relative to the workspace folder, '/'-separated) with
 * minimatch: `**` any number of segments, `*` and `?` within one, `[abc]`/`[!a-z]`, `{a,b}`.
 * Dot-files match like any other name, as in VS Code's own exclude settings.
 */
import { Minimatch } from 'minimatch';

const cache = new Map<string, Minimatch>();

function matcher(glob: string): Minimatch {
  let m = cache.get(glob);
  if (!m) {
    m = new Minimatch(glob.replace(/\\/g, '/').replace(/^\.\//, ''), { dot: true });
    cache.set(glob, m);
  }
  return m;
}

export function matchesGlob(relPath: string, glob: string): boolean {
  return matcher(glob).match(relPath);
}

/** True when `relPath` (a file or, with `isDir`, a directory) is excluded by one of `globs`. */
export function isExcluded(relPath: string, globs: readonly string[], isDir = false): boolean {
  for (const g of globs) {
    const m = matcher(g);
    if (m.match(relPath) || (isDir && m.match(relPath + '/'))) return true;
  }
  return false;
}
