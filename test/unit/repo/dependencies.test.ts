/**
 * Every package imported is declared in package.json (`dependencies` or `devDependencies`).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const deps = new Set(Object.keys(pkg.dependencies ?? {}));
const devDeps = new Set(Object.keys(pkg.devDependencies ?? {}));
// `vscode` is provided by the extension host (its types come from @types/vscode).
const provided = new Set(['vscode']);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(root, dir))) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'results') continue;
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) sources(rel, out);
    else if (/\.(ts|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** Bare specifiers of static and dynamic imports and of require calls, reduced to the package name. */
function importedPackages(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const names = new Set<string>();
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const spec = m[1];
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (builtinModules.includes(name)) continue;
    names.add(name);
  }
  return [...names];
}

// dist/ is bundled (esbuild), so which section a package is in is a packaging choice (package.json);
// what matters is that it is declared at all: a package only there transitively breaks the day its parent drops it.
test('every package imported by the sources, tests, benches and scripts is declared', () => {
  const missing: string[] = [];
  for (const f of ['client/src', 'server/src', 'common', 'test', 'bench', 'scripts'].flatMap((d) => sources(d))) {
    for (const name of importedPackages(f)) {
      if (!deps.has(name) && !devDeps.has(name) && !provided.has(name)) missing.push(`${f}: ${name}`);
    }
  }
  assert.deepEqual(missing, []);
});
