/**
 * No two sibling folders of common/, server/src/ and client/src/ import each other: what both need is a
 * leaf in their parent (common/names.ts, server/src/service/editDistance.ts, …). A folder and its parent
 * may (the parent's leaves and its wiring).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Known pairs (none today: the rule registry, which lists the checks of recipe/ and python/ while they build their
 * diagnostics with rules/, lives in their parent, service/ruleRegistry.ts). A known pair that no longer occurs fails
 * too, so the list cannot go stale.
 */
const KNOWN = new Set<string>([]);

function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = join(dir, e.name);
      if (e.isDirectory()) {
        walk(rel);
        continue;
      }
      if (!e.name.endsWith('.ts')) continue;
      const text = readFileSync(join(root, rel), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
        const to = dirname(normalize(join(dir, m[1])))
          .split(sep)
          .join('/');
        const from = dir.split(sep).join('/');
        if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
  };
  for (const top of ['common', 'server/src', 'client/src']) walk(top);
  return edges;
}

test('no two sibling folders import each other (besides the known pairs, each still found)', () => {
  const edges = folderImports();
  assert.ok(edges.size > 10, 'the scan finds the imports');
  const within = (a: string, b: string) => a === b || b.startsWith(`${a}/`);
  const found: string[] = [];
  for (const [a, targets] of edges) {
    for (const b of targets) {
      if (a < b && edges.get(b)?.has(a) && !within(a, b) && !within(b, a)) found.push(`${a} <-> ${b}`);
    }
  }
  assert.deepEqual(
    found.filter((c) => !KNOWN.has(c)),
    [],
  );
  assert.deepEqual(
    [...KNOWN].filter((c) => !found.includes(c)),
    [],
    'a known pair no longer occurs: drop it from KNOWN',
  );
});
