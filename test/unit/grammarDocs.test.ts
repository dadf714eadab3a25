import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Every scope the grammar emits, from the `name`/`contentName` of its rules and captures. */
function grammarScopes(): Set<string> {
  const scopes = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'name' || k === 'contentName') && typeof x === 'string') {
        for (const s of x.split(/\s+/)) if (s.endsWith('.hrd')) scopes.add(s);
      } else {
        visit(x);
      }
    }
  };
  const g = JSON.parse(readFileSync(join(root, 'syntaxes/hrd.tmLanguage.json'), 'utf8'));
  visit({ patterns: g.patterns, repository: g.repository });
  return scopes;
}

test('docs/grammar.md documents exactly the scopes the grammar emits', () => {
  const doc = readFileSync(join(root, 'docs/grammar.md'), 'utf8');
  // Scopes named in the doc, including the begin/end shorthand `….begin/end.hrd` and `… / .end.hrd`.
  const documented = new Set<string>();
  for (const m of doc.matchAll(/`([a-z][a-z0-9.-]*?)\.begin\/end\.hrd`/g)) {
    documented.add(`${m[1]}.begin.hrd`);
    documented.add(`${m[1]}.end.hrd`);
  }
  for (const m of doc.matchAll(/`([a-z][a-z0-9.-]*?)\.begin\.hrd` \/ `\.end\.hrd`/g)) {
    documented.add(`${m[1]}.begin.hrd`);
    documented.add(`${m[1]}.end.hrd`);
  }
  for (const m of doc.matchAll(/`([a-z][a-z0-9. -]*\.hrd)`/g))
    for (const s of m[1].split(' ')) if (/^[a-z][a-z0-9.-]*\.hrd$/.test(s)) documented.add(s);
  const emitted = grammarScopes();
  assert.deepEqual(
    [...emitted].filter((s) => !documented.has(s)).sort(),
    [],
    'scopes the grammar emits but docs/grammar.md does not list',
  );
  assert.deepEqual(
    [...documented].filter((s) => !emitted.has(s) && s !== 'source.hrd').sort(),
    [],
    'scopes docs/grammar.md lists but the grammar does not emit',
  );
});
