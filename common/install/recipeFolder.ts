/**
 * Recipe folder detection, shared by the extension and the CLI: the folder of a path (a folder with
 * service.hrd, or a file in it), and the folder of an image name (searched under `servicetemplates/`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** The recipe folder containing `p` (p itself when it is a folder with service.hrd, else its parent). */
export function recipeFolderOf(p: string): string | undefined {
  let dir = p;
  try {
    if (!statSync(p).isDirectory()) dir = path.dirname(p);
  } catch {
    dir = path.dirname(p);
  }
  return existsSync(path.join(dir, 'service.hrd')) ? dir : undefined;
}

/** True for the service.hrd of a recipe (under `servicetemplates/`, or in an `image_*` folder): where the CodeLenses go. */
export function isRecipeServiceHrd(fsPath: string): boolean {
  return path.basename(fsPath) === 'service.hrd' && /(^|[\\/])servicetemplates[\\/]|image_/.test(fsPath);
}

const SKIP = new Set(['.git', 'node_modules', 'services']);

function servicetemplatesDirs(root: string, depth: number, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isDirectory() || SKIP.has(e.name)) continue;
    const p = path.join(root, e.name);
    if (e.name === 'servicetemplates') out.push(p);
    else if (depth > 0) servicetemplatesDirs(p, depth - 1, out);
  }
}

function findNamed(dir: string, name: string, depth: number): string | undefined {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    if (!e.isDirectory() || SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.name === name && existsSync(path.join(p, 'service.hrd'))) return p;
  }
  if (depth <= 0) return undefined;
  for (const e of entries) {
    if (!e.isDirectory() || SKIP.has(e.name)) continue;
    const hit = findNamed(path.join(dir, e.name), name, depth - 1);
    if (hit) return hit;
  }
  return undefined;
}

/** `servicetemplates/` folders for `cwd`: in cwd or an ancestor, else below cwd (3 levels, .git skipped). */
export function findServicetemplates(cwd: string): string[] {
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    if (path.basename(d) === 'servicetemplates') return [d];
    if (existsSync(path.join(d, 'servicetemplates'))) return [path.join(d, 'servicetemplates')];
    if (path.dirname(d) === d) break;
  }
  const out: string[] = [];
  servicetemplatesDirs(path.resolve(cwd), 3, out);
  return out.sort();
}

/** The working-copy folder of template `image` seen from `cwd`, or undefined. */
export function findRecipeFolder(image: string, cwd: string): string | undefined {
  for (const st of findServicetemplates(cwd)) {
    const hit = findNamed(st, image, 3);
    if (hit) return hit;
  }
  return undefined;
}
