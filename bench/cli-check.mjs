// Benchmark of `ays-recipes check` (dist/cli.js) on generated workspaces of 1,000 and 10,000 recipe folders.
// Usage: node scripts/build.mjs && node bench/cli-check.mjs [--sizes 1000,10000] [--runs 3]
// Prints a markdown table: wall time (median of runs) and peak RSS (/usr/bin/time -v, else a preload hook).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/cli.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg('--sizes', '1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
if (!existsSync(cli)) {
  console.error('dist/cli.js missing: run node scripts/build.mjs first');
  process.exit(2);
}

import { generate } from './generateWorkspace.mjs';

const hasTime = existsSync('/usr/bin/time');
const hook = join(tmpdir(), 'ays-bench-rss.cjs');
writeFileSync(
  hook,
  "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB ${process.resourceUsage().maxRSS}\\n`));\n",
);

function once(ws) {
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'check', ws, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      })
    : spawnSync(process.execPath, ['-r', hook, cli, 'check', ws, '--format', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr) ?? /MAXRSS_KB (\d+)/.exec(r.stderr);
  const findings = JSON.parse(r.stdout).length;
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, status: r.status, findings };
}

const rows = [];
for (const n of sizes) {
  const ws = generate(n);
  try {
    once(ws); // warm the page cache
    const results = Array.from({ length: runs }, () => once(ws)).sort((a, b) => a.ms - b.ms);
    const med = results[Math.floor(results.length / 2)];
    rows.push({ n, ...med, best: results[0].ms, rss: Math.max(...results.map((r) => r.rssMb)) });
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
console.log(
  `\`ays-recipes check\` on generated workspaces (node ${process.version}, ${cpus().length} CPU, median of ${runs} runs, page cache warm)\n`,
);
console.log('| recipe folders | wall time (median) | best | peak RSS | findings | exit |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.n.toLocaleString('en')} | ${(r.ms / 1000).toFixed(2)} s | ${(r.best / 1000).toFixed(2)} s | ${r.rss.toFixed(0)} MB | ${r.findings} | ${r.status} |`,
  );
