// Regenerates the conformance golden data (test/conformance/golden/*.jsonl.gz) by asking the real JumpScale 7 HRD
// parser and CPython 2.7 compile() (../shared/reference/jumpscale7-hrd, Python 2.7 through pyenv or AYS_PYTHON2).
// Needs out/ (run `node scripts/build.mjs` first). Usage: node scripts/conformance-regen.mjs
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { hrdCorpus } = require(join(root, 'out/test/unit/conformance/hrdCorpus.js'));
const { actionsCorpus } = require(join(root, 'out/test/unit/conformance/pyCorpus.js'));
const oracle = require(join(root, 'out/test/unit/conformance/oracle.js'));

const why = oracle.oracleAvailable();
if (why) {
  console.error(`conformance-regen: cannot run the oracle: ${why}`);
  process.exit(2);
}

mkdirSync(oracle.GOLDEN_DIR, { recursive: true });
const realistic = oracle.repoRecipes();
const t0 = Date.now();
const hrd = oracle.runHrdOracle(hrdCorpus(undefined, realistic));
oracle.writeGolden('hrd.jsonl.gz', hrd);
const py = oracle.runPyOracle(actionsCorpus());
oracle.writeGolden('actions.jsonl.gz', py);
const loadErrors = hrd.filter((d) => d.load_error).length;
const notOk = py.filter((d) => !d.ok).length;
console.log(
  `conformance-regen: ${hrd.length} HRD documents (${loadErrors} fail to load), ${py.length} actions.py (${notOk} do not compile) in ${Date.now() - t0} ms`,
);
