#!/usr/bin/env node
// Extension activation in a real VS Code (code-server 4.100.3, a fresh server each run) and the
// bundle sizes. Usage: node bench/activation.mjs [runs=3]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] || 3);
const rows = [];
for (let i = 0; i < runs; i++) {
  const tmp = mkdtempSync(join(tmpdir(), 'ays-bench-act-'));
  cpSync(join(root, 'examples/env-demo'), join(tmp, 'env-demo'), { recursive: true });
  const outFile = join(tmp, 'result.json');
  const r = spawnSync(process.execPath, [join(root, 'scripts/e2e/run-in-code-server.mjs'), root, join(root, 'out/bench/activation/index.js'), join(tmp, 'env-demo')],
    { env: { ...process.env, AYS_BENCH_OUT: outFile }, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  rows.push(JSON.parse(readFileSync(outFile, 'utf8')));
  rmSync(tmp, { recursive: true, force: true });
}
const med = (k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(`| measure (median of ${runs} fresh VS Code windows) | ms |\n|---|---|`);
for (const k of ['bundleEvaluationMs', 'bundleLoadedToActivateCallMs', 'activateMs', 'bundleLoadToActivatedMs', 'lsClientEvaluationMs', 'activateToServerRunningMs', 'openToServerRunningMs']) {
  if (rows[0][k] !== undefined) console.log(`| ${k} | ${med(k)} |`);
}
if (rows[0].activationJs !== undefined) console.log(`| JS evaluated until activate() returned (${rows[0].activationJs}), bytes | ${med('activationJsBytes')} |`);
if (rows[0].evaluatedJs !== undefined) console.log(`| JS evaluated until the server runs (${rows[0].evaluatedJs}), bytes | ${med('evaluatedJsBytes')} |`);
console.log(`\nper run: ${JSON.stringify(rows.map((r) => [r.bundleLoadToActivatedMs, r.activateToServerRunningMs]))} ([bundle→activated, activated→server running] ms)`);
console.log('\n| bundle | bytes | gzip |\n|---|---|---|');
for (const f of ['client.js', 'lsclient.js', 'remote.js', 'server.js', 'cli.js', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm']) {
  const p = join(root, 'dist', f);
  if (existsSync(p)) console.log(`| dist/${f} | ${statSync(p).size} | ${gzipSync(readFileSync(p)).length} |`);
}
