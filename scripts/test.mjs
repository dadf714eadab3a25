#!/usr/bin/env node
// `npm test`: build, type check, then every suite — unit (node:test), grammar (vscode-tmgrammar-test),
// SSH and sandbox (real OpenSSH sshd on loopback), end-to-end (real VS Code: code-server + Chromium).
// Ends with one summary line "test: N passed, N failed". `--only unit,grammar,…` runs a subset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const tally = { passed: 0, failed: 0 };
const results = [];

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: { ...process.env, ...opts.env } });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  return r;
}

function dirsWithTests(...dirs) {
  return dirs.map((d) => join(root, d)).filter((d) => existsSync(d) && hasTests(d));
}
function hasTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() ? hasTests(join(dir, e.name)) : e.name.endsWith('.test.js'));
}

/** node:test with the spec reporter on stdout and TAP into a file we count from. */
function nodeSuite(name, dirs, { concurrency } = {}) {
  if (only && !only.has(name)) return;
  const targets = dirsWithTests(...dirs);
  if (!targets.length) { console.log(`\n[${name}] no tests yet`); return; }
  const tmp = mkdtempSync(join(tmpdir(), 'ays-test-'));
  const tap = join(tmp, 'out.tap');
  const args = ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`];
  if (concurrency) args.push(`--test-concurrency=${concurrency}`);
  const r = run(process.execPath, [...args, ...targets]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? (r.status === 0 ? 0 : 1));
  rmSync(tmp, { recursive: true, force: true });
  record(name, pass, fail || (r.status === 0 ? 0 : 1));
}

function record(name, pass, fail) {
  tally.passed += pass; tally.failed += fail;
  results.push(`${name.padEnd(8)} ${pass} passed, ${fail} failed`);
}

if (!only || only.has('build')) {
  const b = run(process.execPath, ['scripts/build.mjs']);
  if (b.status !== 0) { console.error('build failed'); process.exit(1); }
  const t = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);
  record('types', t.status === 0 ? 1 : 0, t.status === 0 ? 0 : 1);
}

if (!only || only.has('lint')) {
  // ESLint: typescript-eslint recommended + the layer rules (eslint.config.mjs). passes with no error and no warning.
  const l = run(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']);
  record('lint', l.status === 0 ? 1 : 0, l.status === 0 ? 0 : 1);
}

nodeSuite('unit', ['out/test/unit']);
// `npm pack` of the built dist/, installed offline into an empty folder, `npx ays-recipes check`
nodeSuite('pack', ['out/test/pack'], { concurrency: 1 });

if (!only || only.has('grammar')) {
  const g = run(process.execPath, ['scripts/test-grammar.mjs'], { capture: true });
  // vscode-tmgrammar-test prints one "✓ <file> run successfully." (or "successfuly") per passing file.
  const pass = ((g.stdout ?? '').match(/run successful+y/g) ?? []).length;
  const fail = ((g.stdout ?? '').match(/^\s*(✖|✗|ERROR|FAILED)/gm) ?? []).length;
  record('grammar', pass, g.status === 0 ? fail : Math.max(fail, 1));
}

if (existsSync('/usr/sbin/sshd')) {
  nodeSuite('ssh', ['out/test/ssh'], { concurrency: 1 });
  nodeSuite('sandbox', ['out/test/sandbox'], { concurrency: 1 });
} else if (!only || only.has('ssh') || only.has('sandbox')) {
  console.log('\n[ssh, sandbox] skipped: /usr/sbin/sshd is missing (apt-get install -y openssh-server; .ci/run does it)');
  record('ssh', 0, 1);
}

if (!only || only.has('e2e')) {
  const out = run(process.execPath, ['scripts/e2e/run.mjs'], { capture: true });
  const pass = Number(/(\d+) passing/.exec(out.stdout ?? '')?.[1] ?? 0);
  const fail = Number(/(\d+) failing/.exec(out.stdout ?? '')?.[1] ?? (out.status === 0 ? 0 : 1));
  record('e2e', pass, out.status === 0 ? fail : Math.max(fail, 1));
}

if (!only || only.has('ui')) {
  const out = run(process.execPath, ['scripts/e2e/ui.mjs'], { capture: true });
  const m = /ui: (\d+) passed, (\d+) failed/.exec(out.stdout ?? '');
  record('ui', Number(m?.[1] ?? 0), out.status === 0 ? Number(m?.[2] ?? 0) : Math.max(Number(m?.[2] ?? 1), 1));
}

if (!only || only.has('start')) {
  const out = run(process.execPath, ['scripts/e2e/start-smoke.mjs'], { capture: true });
  const m = /start: (\d+) passed, (\d+) failed/.exec(out.stdout ?? '');
  record('start', Number(m?.[1] ?? 0), out.status === 0 ? Number(m?.[2] ?? 0) : Math.max(Number(m?.[2] ?? 1), 1));
}

if (!only || only.has('vsix')) {
  const out = run(process.execPath, ['scripts/e2e/vsix.mjs'], { capture: true });
  const m = /vsix: (\d+) passed, (\d+) failed/.exec(out.stdout ?? '');
  record('vsix', Number(m?.[1] ?? 0), out.status === 0 ? Number(m?.[2] ?? 0) : Math.max(Number(m?.[2] ?? 1), 1));
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r}`);
console.log(`test: ${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
