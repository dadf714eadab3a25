/**
 * Issue 14 item 5: `actions-syntax` is raised exactly for the actions.py that CPython 2.7 does not compile, on the
 * line where CPython stops (golden answers of py2compile.py in test/conformance/golden/actions.jsonl.gz).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadActionsAnalysis } from '../../../server/src/service/python/analyzeActions';
import { actionsDifference } from './compare';
import { KNOWN_ACTIONS_DIFFERENCES } from './knownDifferences';
import { readGolden, type PyGolden } from './oracle';

test('actions-syntax agrees with CPython 2.7 compile() on every golden actions.py', async () => {
  await loadActionsAnalysis();
  const golden = readGolden<PyGolden>('actions.jsonl.gz');
  assert.ok(golden.length >= 5000);
  const per: Record<string, [number, number]> = {};
  const kinds: Record<string, number> = {};
  const fails: string[] = [];
  for (const g of golden) {
    const d = actionsDifference(g);
    const p = (per[g.family] ??= [0, 0]);
    p[1]++;
    if (!d || KNOWN_ACTIONS_DIFFERENCES.has(g.id)) {
      p[0]++;
      continue;
    }
    const kind = d
      .replace(/line \d+/g, 'line N')
      .replace(/port: line N: .*/, 'port: error')
      .slice(0, 90);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    fails.push(`${g.id} ${JSON.stringify(g.text.slice(-300))}\n    ${d}`);
  }
  const summary = Object.entries(per)
    .map(([f, [ok, n]]) => `${f} ${ok}/${n}`)
    .join(', ');
  if (process.env.AYS_CONFORMANCE_REPORT) console.log(summary, kinds);
  assert.equal(fails.length, 0, `${fails.length} differ (${summary}):\n  ${fails.slice(0, 6).join('\n  ')}`);
});
