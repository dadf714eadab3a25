#!/usr/bin/env node
// Extension activation in a real VS Code (code-server 4.100.3, a fresh server each run) and the
// bundle sizes. Usage: node bench/activation.mjs [--warm] [runs=3] [extensionDir…]   (after `npm run build`)
// With several extension folders (each a built extension: package.json + dist/, e.g. a copy of another
// commit), the runs alternate between them, so that they share the machine's load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --warm: every window of one extension folder shares one VS Code home (user data, global storage), after a
// first window that is not counted: the second and later starts of VS Code, with the code cache written.
const warm = process.argv.includes('--warm');
const args = process.argv.slice(2).filter((a) => a !== '--warm');
const runs = Number(args[0] || 3);
const dirs = args.length > 1 ? args.slice(1).map((d) => resolve(d)) : [root];
const rows = new Map(dirs.map((d) => [d, []]));
const homes = new Map(dirs.map((d) => [d, warm ? mkdtempSync(join(tmpdir(), 'ays-bench-home-')) : undefined]));
function run(dir, extraEnv = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'ays-bench-act-'));
  try {
    cpSync(join(root, 'examples/env-demo'), join(tmp, 'env-demo'), { recursive: true });
    const outFile = join(tmp, 'result.json');
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'scripts/e2e/run-in-code-server.mjs'),
        dir,
        join(root, 'out/bench/activation/index.js'),
        join(tmp, 'env-demo'),
      ],
      {
        env: { ...process.env, AYS_BENCH_OUT: outFile, AYS_E2E_HOME: homes.get(dir) ?? '', ...extraEnv },
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) {
      console.error(r.stdout, r.stderr);
      process.exitCode = 1;
      return undefined;
    }
    return JSON.parse(readFileSync(outFile, 'utf8'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
try {
  // The uncounted first window stays open until the code cache is written (codeCache.ts: 5 s after the load).
  if (warm) for (const dir of dirs) if (!run(dir, { AYS_BENCH_LINGER_MS: '7000' })) process.exit(1);
  for (let i = 0; i < runs; i++) {
    for (const dir of dirs) {
      const result = run(dir);
      if (!result) process.exit(1);
      rows.get(dir).push(result);
    }
  }
} finally {
  for (const home of homes.values()) if (home) rmSync(home, { recursive: true, force: true });
}
for (const dir of dirs) {
  const rs = rows.get(dir);
  const med = (k) => {
    const v = rs.map((r) => r[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)];
  };
  console.log(`\n${dir}\n| measure (median of ${runs} fresh VS Code windows) | ms |\n|---|---|`);
  for (const k of [
    'bundleEvaluationMs',
    'bundleLoadedToActivateCallMs',
    'activateMs',
    'bundleLoadToActivatedMs',
    'lsClientEvaluationMs',
    'activateToServerRunningMs',
    'lsClientLoadedToServerRunningMs',
    'serverStartToRunningMs',
    'openToServerRunningMs',
    'bundleLoadedToServerRunningMs',
  ]) {
    if (rs[0][k] !== undefined) console.log(`| ${k} | ${med(k)} |`);
  }
  if (rs[0].activationJs !== undefined)
    console.log(
      `| JS evaluated until activate() returned (${rs[0].activationJs}), bytes | ${med('activationJsBytes')} |`,
    );
  if (rs[0].evaluatedJs !== undefined)
    console.log(`| JS evaluated until the server runs (${rs[0].evaluatedJs}), bytes | ${med('evaluatedJsBytes')} |`);
  if (rs[0].lsClientCodeCache !== undefined)
    console.log(`| dist/lsclient.js code cache, per run | ${rs.map((r) => r.lsClientCodeCache).join(', ')} |`);
  console.log(
    `\nper run [bundle evaluation, bundle evaluated → activated, activated → server running] ms: ${JSON.stringify(rs.map((r) => [r.bundleEvaluationMs, r.bundleLoadToActivatedMs, r.activateToServerRunningMs]))}`,
  );
  console.log('\n| bundle | bytes | gzip |\n|---|---|---|');
  for (const f of [
    'client.js',
    'lsclient.js',
    'remote.js',
    'server.js',
    'cli.js',
    'tree-sitter-python.wasm',
    'web-tree-sitter.wasm',
  ]) {
    const p = join(dir, 'dist', f);
    if (existsSync(p)) console.log(`| dist/${f} | ${statSync(p).size} | ${gzipSync(readFileSync(p)).length} |`);
  }
}
