// Validate of the largest service.hrd within the caps: this checkout against another build, in alternating
// processes (issue 14's "no slower than before"). Build both first (`node scripts/build.mjs` in each):
//   git worktree add --detach /tmp/ays-base 7b88c17 && (cd /tmp/ays-base && ln -s "$PWD/node_modules" . ; node scripts/build.mjs)
//   node bench/validate-compare.mjs /tmp/ays-base [rounds=8] [iterations=40] [--node-defaults]
// Each round runs `bench/validate-size.mjs <iterations> --hrd-only --warmup=5` once per build, in turn, with the
// node flags the extension starts a language server process with (common/serverRuntime.ts: a 2 MB young generation;
// --node-defaults: none). Garbage
// collection makes one process's figures drift as a whole (± 30 % between processes of the same build), so the
// comparison is the mean over the rounds of each process's mean CPU time per validation, with its standard error.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeDefaults = process.argv.includes('--node-defaults');
const [other, roundsArg, itersArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const { SERVER_PROCESS_FLAGS } = createRequire(import.meta.url)(join(here, 'out/common/serverRuntime.js'));
const nodeFlags = nodeDefaults ? [] : [...SERVER_PROCESS_FLAGS];
if (!other) {
  console.error('usage: node bench/validate-compare.mjs <other build root> [rounds] [iterations]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 8);
const iterations = Number(itersArg ?? 40);
const builds = [
  { name: 'this checkout', root: here },
  { name: resolve(other), root: resolve(other) },
];
for (const b of builds) b.runs = [];
for (let r = 0; r < rounds; r++) {
  for (const b of builds) {
    const out = execFileSync(
      process.execPath,
      [
        ...nodeFlags,
        join(here, 'bench/validate-size.mjs'),
        String(iterations),
        '--hrd-only',
        '--warmup=5',
        `--root=${b.root}`,
      ],
      { encoding: 'utf8' },
    );
    const m = /best ([\d.]+) ms .*mean ([\d.]+) ms .*mean wall time ([\d.]+) ms, (\d+) diagnostics/.exec(out);
    if (!m) throw new Error(`unexpected output: ${out}`);
    b.runs.push({ best: Number(m[1]), mean: Number(m[2]), wall: Number(m[3]), diags: Number(m[4]) });
  }
}
const avg = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const se = (a) => Math.sqrt(avg(a.map((x) => (x - avg(a)) ** 2)) / a.length);
for (const b of builds) {
  const means = b.runs.map((x) => x.mean);
  const walls = b.runs.map((x) => x.wall);
  b.mean = avg(means);
  console.log(
    `${b.name}: CPU mean ${b.mean.toFixed(1)} ± ${se(means).toFixed(1)} ms per validation (${rounds} processes × ${iterations}), ` +
      `wall mean ${avg(walls).toFixed(1)} ± ${se(walls).toFixed(1)} ms, ` +
      `best ${Math.min(...b.runs.map((x) => x.best)).toFixed(1)} ms, ${b.runs[0].diags} diagnostics; process means ${means.map((x) => x.toFixed(1)).join(' ')}`,
  );
}
console.log(
  `CPU ratio (this checkout / other): ${(builds[0].mean / builds[1].mean).toFixed(2)}; node flags: ${nodeFlags.join(' ') || 'none'}`,
);
