/**
 * Issue 14, live: asks the real JumpScale 7 parser and CPython 2.7 (when present) about a sample of the corpus and
 * fresh documents, checks that the golden data is current, and prints a failing document shrunk to a minimal
 * reproducer. Without Python 2.7 the test is skipped with the reason.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { actionsDifference, hrdDifference, shrink } from './compare';
import { generateDoc, hrdCorpus, type CorpusDoc } from './hrdCorpus';
import {
  oracleAvailable,
  readGolden,
  repoRecipes,
  runHrdOracle,
  runPyOracle,
  type HrdGolden,
  type PyGolden,
} from './oracle';
import { actionsCorpus } from './pyCorpus';
import { loadActionsAnalysis } from '../../../server/src/service/python/analyzeActions';
import { rng } from './seededRandom';

const why = oracleAvailable();

function hrdReproducer(doc: CorpusDoc): string {
  const small = shrink(doc, (cands) => runHrdOracle(cands).findIndex((g) => hrdDifference(g) !== undefined));
  const g = runHrdOracle([small])[0];
  return `${JSON.stringify(small.text)}\n    ${hrdDifference(g)}`;
}

test(
  'live oracle: the golden HRD data is what the real parser answers today',
  { skip: why && `skipped: ${why}` },
  () => {
    const golden = readGolden<HrdGolden>('hrd.jsonl.gz');
    const byId = new Map(golden.map((g) => [g.id, g]));
    const corpus = hrdCorpus(undefined, repoRecipes()).filter((_d, i) => i % 20 === 0);
    const answers = runHrdOracle(corpus);
    for (const a of answers) {
      const g = byId.get(a.id);
      assert.ok(g, `${a.id} is missing from the golden data: run node scripts/conformance-regen.mjs`);
      assert.equal(a.text, g.text, `${a.id}: the generator changed: run node scripts/conformance-regen.mjs`);
      assert.deepEqual(
        { keys: a.keys, values: a.values, load_error: a.load_error },
        { keys: g.keys, values: g.values, load_error: g.load_error },
        a.id,
      );
    }
  },
);

test(
  'live oracle: 2,000 fresh random documents (new seed) agree, failures shrunk',
  { skip: why && `skipped: ${why}` },
  () => {
    const r = rng(Number(process.env.AYS_CONFORMANCE_SEED ?? 20261129));
    const docs: CorpusDoc[] = Array.from({ length: 2000 }, (_x, i) => ({
      id: `fresh-${i}`,
      family: 'gen',
      text: generateDoc(r),
    }));
    const fails = runHrdOracle(docs).filter((g) => hrdDifference(g) !== undefined);
    assert.equal(
      fails.length,
      0,
      `${fails.length} differ; minimal reproducers:\n  ${fails.slice(0, 3).map(hrdReproducer).join('\n  ')}`,
    );
  },
);

test(
  'live oracle: the golden actions.py data is current, and 1,000 fresh actions.py agree with CPython 2.7',
  { skip: why && `skipped: ${why}` },
  async () => {
    await loadActionsAnalysis();
    const golden = new Map(readGolden<PyGolden>('actions.jsonl.gz').map((g) => [g.id, g]));
    for (const a of runPyOracle(actionsCorpus().filter((_d, i) => i % 20 === 0))) {
      assert.deepEqual(
        { text: a.text, ok: a.ok, error: a.error },
        { text: golden.get(a.id)?.text, ok: golden.get(a.id)?.ok, error: golden.get(a.id)?.error },
        `${a.id}: run node scripts/conformance-regen.mjs`,
      );
    }
    const fresh = actionsCorpus({ gen: 0, mut: 0 }, Number(process.env.AYS_CONFORMANCE_SEED ?? 20261129), 1000);
    const fails = runPyOracle(fresh).filter((g) => actionsDifference(g) !== undefined);
    const repro = (d: CorpusDoc) => {
      const small = shrink(d, (cands) => runPyOracle(cands).findIndex((g) => actionsDifference(g) !== undefined));
      return `${JSON.stringify(small.text)}\n    ${actionsDifference(runPyOracle([small])[0])}`;
    };
    assert.equal(
      fails.length,
      0,
      `${fails.length} differ; minimal reproducers:\n  ${fails.slice(0, 3).map(repro).join('\n  ')}`,
    );
  },
);
