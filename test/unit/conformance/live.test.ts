/**
 * Issue 14, live: asks the real JumpScale 7 parser and CPython 2.7 (when present) about a sample of the corpus and
 * fresh documents, checks that the golden data is current, and prints a failing document shrunk to a minimal
 * reproducer. Without Python 2.7 the test is skipped with the reason.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hrdDifference, shrink } from './compare';
import { generateDoc, hrdCorpus, type CorpusDoc } from './hrdCorpus';
import { oracleAvailable, readGolden, repoRecipes, runHrdOracle, type HrdGolden } from './oracle';
import { rng } from './seededRandom';

const why = oracleAvailable();

function hrdReproducer(doc: CorpusDoc): string {
  const small = shrink(doc, (cands) => runHrdOracle(cands).findIndex((g) => hrdDifference(g) !== undefined));
  const g = runHrdOracle([small])[0];
  return `${JSON.stringify(small.text)}\n    ${hrdDifference(g)}`;
}

test('live oracle: the golden HRD data is what the real parser answers today', { skip: why && `skipped: ${why}` }, () => {
  const golden = readGolden<HrdGolden>('hrd.jsonl.gz');
  const byId = new Map(golden.map((g) => [g.id, g]));
  const corpus = hrdCorpus(undefined, repoRecipes()).filter((_d, i) => i % 20 === 0);
  const answers = runHrdOracle(corpus);
  for (const a of answers) {
    const g = byId.get(a.id);
    assert.ok(g, `${a.id} is missing from the golden data: run node scripts/conformance-regen.mjs`);
    assert.equal(a.text, g.text, `${a.id}: the generator changed: run node scripts/conformance-regen.mjs`);
    assert.deepEqual({ keys: a.keys, values: a.values, load_error: a.load_error }, { keys: g.keys, values: g.values, load_error: g.load_error }, a.id);
  }
});

test('live oracle: 2,000 fresh random documents (new seed) agree, failures shrunk', { skip: why && `skipped: ${why}` }, () => {
  const r = rng(Number(process.env.AYS_CONFORMANCE_SEED ?? 20261129));
  const docs: CorpusDoc[] = Array.from({ length: 2000 }, (_x, i) => ({ id: `fresh-${i}`, family: 'gen', text: generateDoc(r) }));
  const fails = runHrdOracle(docs).filter((g) => hrdDifference(g) !== undefined);
  assert.equal(fails.length, 0, `${fails.length} differ; minimal reproducers:\n  ${fails.slice(0, 3).map(hrdReproducer).join('\n  ')}`);
});
