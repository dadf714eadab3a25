#!/usr/bin/env node
// `npm run package`: production build, then a .vsix with @vscode/vsce, then a check that it holds
// only what a user needs (no sources, tests, maps, node_modules) and stays under 3 MB.
import { spawnSync, execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }));
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ['scripts/build.mjs', '--production', '--no-out']);
step(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', out]);

const listing = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).trim().split('\n');
const files = listing.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
const forbidden = files.filter((f) => /\.(ts|map)$/.test(f) || /^(node_modules|out|test|server|client|common|scripts|bench|examples)\//.test(f));
const size = statSync(out).size;
console.log(`\n${out}\n  ${files.length} files, ${(size / 1024 / 1024).toFixed(2)} MB`);
for (const f of files) console.log(`  ${f}`);
if (forbidden.length) { console.error(`not for users: ${forbidden.join(', ')}`); process.exit(1); }
if (size > 3 * 1024 * 1024) { console.error('the .vsix is over 3 MB'); process.exit(1); }
