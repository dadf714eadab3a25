// Benchmarks the actions.py analysis: tree-sitter load time and per-file analysis time.
// Run after the build (uses out/): node bench/actions-analysis.mjs [iterations]
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { loadPythonParser, pythonParserInfo } = require(join(root, 'out/server/src/service/python/pythonParser.js'));
const { analyzeActionsFileSync, loadActionsAnalysis } = require(
  join(root, 'out/server/src/service/python/analyzeActions.js'),
);
const { DEFAULT_SETTINGS } = require(join(root, 'out/common/settings.js'));

const iterations = Number(process.argv[2] ?? 1000);
const t0 = performance.now();
await loadPythonParser();
const loadWall = performance.now() - t0;
const analysisWarmUp = await loadActionsAnalysis();
const info = pythonParserInfo();
console.log(
  `tree-sitter load: Parser.init + Language.load ${info.loadMs.toFixed(1)} ms, warm-up parse ${info.warmUpMs.toFixed(1)} ms, warm-up analysis ${analysisWarmUp.toFixed(1)} ms (wall ${loadWall.toFixed(1)} ms)`,
);

const demo = join(root, 'examples/env-demo/servicetemplates');
const files = readdirSync(demo).map((f) => ({ folder: f, text: readFileSync(join(demo, f, 'actions.py'), 'utf8') }));
for (const profile of ['current', 'legacy']) {
  const ctx = (folder) => ({
    settings: { ...DEFAULT_SETTINGS, profile },
    folderName: folder,
    siblingServiceHrd: { lastExportDest: '/x/a.qcow2' },
  });
  const first = performance.now();
  analyzeActionsFileSync(files[0].text, ctx(files[0].folder));
  const firstMs = performance.now() - first;
  const times = [];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const f = files[i % files.length];
    const s = performance.now();
    analyzeActionsFileSync(f.text, ctx(f.folder));
    times.push(performance.now() - s);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(3);
  console.log(
    `${profile}: first file ${firstMs.toFixed(2)} ms; ${iterations} files in ${total.toFixed(0)} ms ` +
      `(mean ${(total / iterations).toFixed(3)} ms, median ${pct(0.5)} ms, p95 ${pct(0.95)} ms)`,
  );
}
