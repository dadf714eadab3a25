/**
 * Issue 14: the port reads every document of the conformance corpus as the real JumpScale 7 parser does
 * (golden answers in test/conformance/golden/hrd.jsonl.gz, from scripts/conformance-regen.mjs).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hrdDifference } from './compare';
import { readGolden, type HrdGolden } from './oracle';
import { KNOWN_HRD_DIFFERENCES } from './knownDifferences';

const golden = readGolden<HrdGolden>('hrd.jsonl.gz');

test('the HRD corpus is the size issue 14 asks for', () => {
  assert.ok(golden.length >= 20000, `${golden.length} documents`);
  for (const f of ['edge', 'gen', 'mut'])
    assert.ok(
      golden.some((g) => g.family === f),
      f,
    );
});

test('keys, values and load failures agree with the real JumpScale 7 parser on every golden document', () => {
  const fails: string[] = [];
  const per: Record<string, [number, number]> = {};
  for (const g of golden) {
    const d = hrdDifference(g);
    const p = (per[g.family] ??= [0, 0]);
    p[1]++;
    if (!d || KNOWN_HRD_DIFFERENCES.has(g.id)) p[0]++;
    if (d && !KNOWN_HRD_DIFFERENCES.has(g.id)) fails.push(`${g.id} ${JSON.stringify(g.text)}\n    ${d}`);
  }
  const summary = Object.entries(per)
    .map(([f, [ok, n]]) => `${f} ${ok}/${n}`)
    .join(', ');
  assert.equal(
    fails.length,
    0,
    `${fails.length} documents differ (${summary}); first ones (run test/unit/conformance/live.test.ts with Python 2.7 for shrunk reproducers):\n  ${fails.slice(0, 8).join('\n  ')}`,
  );
});
