// Grammar tests: assertion tests (test/grammar/**/*.test.hrd) and snapshot tests
// (test/grammar/snap/*.hrd against their committed .snap files), both with vscode-tmgrammar-test.
// Usage: node scripts/test-grammar.mjs [--update]   (--update rewrites the .snap files)
// Exits non-zero if either suite fails.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('vscode-tmgrammar-test/package.json'));
const grammar = 'syntaxes/hrd.tmLanguage.json';
const update = process.argv.includes('--update');

const runs = [
  ['assertions', join(pkgDir, 'dist/unit.js'), ['-g', grammar, 'test/grammar/**/*.test.hrd']],
  [
    'snapshots',
    join(pkgDir, 'dist/snapshot.js'),
    ['-g', grammar, '-s', 'source.hrd', ...(update ? ['-u'] : []), 'test/grammar/snap/*.hrd'],
  ],
];

let failed = 0;
for (const [label, bin, args] of runs) {
  console.log(`-- grammar ${label}`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`grammar ${label} failed (exit ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
