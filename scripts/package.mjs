#!/usr/bin/env node
// `npm run package`: production build, then a .vsix with @vscode/vsce, then a check that it holds
// only what a user needs (no sources, tests, maps, node_modules), stays under 1.2 MB, and has what the
// extension page needs (scripts/vsixContents.mjs: icons, manifest fields, README links resolving inside).
import { spawnSync, execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVsix } from './vsixContents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(
  execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }),
);
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(process.execPath, ['scripts/build.mjs', '--production', '--no-out']);
step(process.execPath, [
  join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies',
  '--no-rewrite-relative-links',
  '--skip-license',
  '-o',
  out,
]);

const { files, size, problems } = checkVsix(out);
const forbidden = files.filter(
  (f) => /\.(ts|map)$/.test(f) || /^(node_modules|out|test|server|client|common|scripts|bench|examples)\//.test(f),
);
console.log(`\n${out}\n  ${files.length} files, ${(size / 1024 / 1024).toFixed(2)} MB`);
for (const f of files) console.log(`  ${f}`);
if (forbidden.length) problems.push(`not for users: ${forbidden.join(', ')}`);
if (problems.length) {
  console.error(problems.map((p) => `✖ ${p}`).join('\n'));
  process.exit(1);
}
