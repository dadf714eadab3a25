/**
 * A small glob matcher for `aysRecipes.validation.exclude` (paths relative to the workspace folder, '/'-separated):
 * `**` any number of path segments, `*` and `?` within a segment, `[abc]`/`[!a-z]` classes, `{a,b}` alternatives.
 * (node 20's path.matchesGlob is experimental, so it is not used.)
 */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = '';
  let i = 0;
  let braces = 0;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        const atEnd = i + 2 === g.length || g[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === g.length) re += '.*';
          else re += '(?:.*/)?';
          i += i + 2 === g.length ? 2 : 3;
          continue;
        }
        re += '[^/]*';
        i += 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = g.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else {
        let cls = g.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls}]`;
        i = j;
      }
    } else if (c === '{') { re += '(?:'; braces++; }
    else if (c === '}' && braces > 0) { re += ')'; braces--; }
    else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  while (braces-- > 0) re += ')';
  let out: RegExp;
  try { out = new RegExp(`^${re}$`); } catch { out = /^\b$/; }
  cache.set(glob, out);
  return out;
}

export function matchesGlob(relPath: string, glob: string): boolean {
  return globToRegExp(glob).test(relPath);
}

/** True when `relPath` (a file or, with `isDir`, a directory) is excluded by one of `globs`. */
export function isExcluded(relPath: string, globs: readonly string[], isDir = false): boolean {
  for (const g of globs) {
    const re = globToRegExp(g);
    if (re.test(relPath) || (isDir && re.test(relPath + '/'))) return true;
  }
  return false;
}
