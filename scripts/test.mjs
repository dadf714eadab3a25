#!/usr/bin/env node
// `npm test`: the prerequisite step (scripts/prereq.mjs), build, type check, then every suite — unit
// (node:test), grammar (vscode-tmgrammar-test), SSH and sandbox (real OpenSSH sshd on loopback),
// end-to-end, UI and packaged .vsix in a real VS Code (code-server + Chromium) on each version of
// AYS_VSCODE (default `min,latest`: 4.100.3 = VS Code 1.100 and the newest code-server; `min` for a
// quick run), and `npm start` as a newcomer uses it.
// Every suite gets its own TMPDIR and must leave it empty; the real-VS-Code suites run under strace
// and may not connect anywhere but the loopback (no DNS lookup at all). Cancelled node:test tests
// and pending mocha tests count as failures. Ends with "test: N passed, N failed".
// `--only=unit,grammar,…` runs a subset.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prereq } from './prereq.mjs';
import { resolveCodeServerVersion } from './e2e/codeServer.mjs';
import { outsideConnections, straceArgs } from './e2e/noNetwork.mjs';
import { countLine, countMocha, countNodeTest } from './testCounts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const wants = (name) => !only || only.has(name);
const tally = { passed: 0, failed: 0 };
const results = [];
const started = Date.now();

// code-server versions for the real-VS-Code suites: AYS_VSCODE=min,latest (or exact versions).
const realVsCode = ['e2e', 'ui', 'vsix', 'start'].some(wants);
let versions = [];
try {
  versions = realVsCode
    ? [...new Set((process.env.AYS_VSCODE || 'min,latest').split(',').map((v) => resolveCodeServerVersion(v.trim())))]
    : [];
} catch (e) {
  console.error(`\nnpm test: ${e.message} (AYS_VSCODE=min runs without it)`);
  process.exit(1);
}
prereq({ purpose: 'test', codeServers: versions });

// Every suite runs with TMPDIR in a folder of its own, which must be empty when the suite ends.
const tmpRoot = tmpdir();
const LEAK_PATTERN =
  /^(ays-|browser-home-|vscode-|code-server|portal-fixture-|cli-images-|\.org\.chromium\.|playwright|ssh-)/;
const tmpBefore = new Set(readdirSync(tmpRoot));
const runTmp = mkdtempSync(join(tmpRoot, 'ays-test-run-'));
const removeRunTmp = () => rmSync(runTmp, { recursive: true, force: true });
process.on('exit', removeRunTmp);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    maxBuffer: 256 << 20,
  });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  return r;
}

/**
 * Runs one suite with a private TMPDIR (and under strace when `network` is set), then records its
 * counts, the temp entries it left behind and the connections it made outside the loopback.
 */
function suite(name, fn, { network = false } = {}) {
  const t0 = Date.now();
  const tmp = join(runTmp, name.replace(/[^\w.-]/g, '_'));
  mkdirSync(tmp, { recursive: true });
  const netLog = join(runTmp, `${name.replace(/[^\w.-]/g, '_')}.strace`);
  const notes = [];
  const exec = (cmd, args, opts = {}) => {
    const env = { ...opts.env, TMPDIR: tmp };
    if (!network || !straceArgs) return run(cmd, args, { ...opts, env });
    // The suite's own exit status is written by a shell under strace: strace's status is the suite's, except
    // when strace itself trips (seen once: "ptrace(PTRACE_LISTEN…): Input/output error" after a passing run).
    const statusFile = `${netLog}.status`;
    const r = run(
      'strace',
      [...straceArgs(netLog), 'sh', '-c', '"$@"; s=$?; echo $s > "$AYS_SUITE_STATUS"; exit $s', 'sh', cmd, ...args],
      { ...opts, env: { ...env, AYS_SUITE_STATUS: statusFile } },
    );
    const own = existsSync(statusFile) ? Number(readFileSync(statusFile, 'utf8').trim()) : undefined;
    rmSync(statusFile, { force: true });
    if (own !== undefined && own !== r.status) {
      notes.push(`strace exited ${r.status ?? r.signal}, the suite ${own}`);
      r.status = own;
    }
    return r;
  };
  const c = fn(exec);
  const left = readdirSync(tmp);
  if (left.length) {
    c.failed += 1;
    notes.push(
      `left ${left.length} temp entr${left.length === 1 ? 'y' : 'ies'}: ${left.slice(0, 6).join(', ')}${left.length > 6 ? ', …' : ''}`,
    );
  }
  if (network) {
    if (!straceArgs) notes.push('network not checked (no strace)');
    else {
      const outside = outsideConnections(existsSync(netLog) ? readFileSync(netLog, 'utf8') : '');
      if (outside.length) {
        c.failed += 1;
        mkdirSync(join(root, 'test-results'), { recursive: true });
        copyFileSync(netLog, join(root, 'test-results', `${name.replace(/[^\w.-]/g, '_')}.strace`));
        notes.push(
          `connected outside the loopback: ${outside.slice(0, 6).join(', ')} (test-results/${name.replace(/[^\w.-]/g, '_')}.strace)`,
        );
      } else if (!existsSync(netLog)) {
        c.failed += 1;
        notes.push('no strace log');
      }
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(netLog, { force: true });
  record(name, c, notes, Date.now() - t0);
}

function record(name, { passed = 0, failed = 0, cancelled = 0, skipped = 0 }, notes = [], ms = 0) {
  tally.passed += passed;
  tally.failed += failed + cancelled;
  const extra = [cancelled && `${cancelled} cancelled`, skipped && `${skipped} skipped`].filter(Boolean);
  results.push(
    `${name.padEnd(13)} ${passed} passed, ${failed} failed${extra.length ? `, ${extra.join(', ')}` : ''}  (${(ms / 1000).toFixed(0)} s)${notes.length ? `  — ${notes.join('; ')}` : ''}`,
  );
}

function dirsWithTests(...dirs) {
  return dirs.map((d) => join(root, d)).filter((d) => existsSync(d) && hasTests(d));
}
function hasTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory() ? hasTests(join(dir, e.name)) : e.name.endsWith('.test.js'),
  );
}

/** node:test with the spec reporter on stdout and TAP into a file we count from. */
function nodeSuite(name, dirs, { concurrency } = {}) {
  if (!wants(name)) return;
  const targets = dirsWithTests(...dirs);
  if (!targets.length) {
    console.log(`\n[${name}] no tests yet`);
    return;
  }
  const tap = join(runTmp, `${name}.tap`);
  suite(name, (exec) => {
    const args = [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
    ];
    if (concurrency) args.push(`--test-concurrency=${concurrency}`);
    const r = exec(process.execPath, [...args, ...targets]);
    const c = countNodeTest(existsSync(tap) ? readFileSync(tap, 'utf8') : '', r.status);
    rmSync(tap, { force: true });
    return c;
  });
}

if (wants('build')) {
  const b = run(process.execPath, ['scripts/build.mjs']);
  if (b.status !== 0) {
    console.error('build failed');
    process.exit(1);
  }
  const t = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);
  record('types', { passed: t.status === 0 ? 1 : 0, failed: t.status === 0 ? 0 : 1 });
}

if (wants('lint')) {
  // ESLint: typescript-eslint recommended + the layer rules (eslint.config.mjs), with no error and no warning.
  const l = run(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings=0', '.']);
  record('lint', { passed: l.status === 0 ? 1 : 0, failed: l.status === 0 ? 0 : 1 });
  // Prettier (.prettierrc.json, .prettierignore): the tree stays formatted (`npm run format` fixes it).
  const f = run(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.']);
  record('format', { passed: f.status === 0 ? 1 : 0, failed: f.status === 0 ? 0 : 1 });
}

nodeSuite('unit', ['out/test/unit']);
// `npm pack` of the built dist/, installed offline into an empty folder, `npx ays-recipes check`
nodeSuite('pack', ['out/test/pack'], { concurrency: 1 });

if (wants('grammar')) {
  suite('grammar', (exec) => {
    const g = exec(process.execPath, ['scripts/test-grammar.mjs'], { capture: true });
    // vscode-tmgrammar-test prints one "✓ <file> run successfully." (or "successfuly") per passing file.
    const pass = ((g.stdout ?? '').match(/run successful+y/g) ?? []).length;
    const fail = ((g.stdout ?? '').match(/^\s*(✖|✗|ERROR|FAILED)/gm) ?? []).length;
    return { passed: pass, failed: g.status === 0 ? fail : Math.max(fail, 1) };
  });
}

nodeSuite('ssh', ['out/test/ssh'], { concurrency: 1 });
nodeSuite('sandbox', ['out/test/sandbox'], { concurrency: 1 });

// The real-VS-Code suites, once per code-server version; a failure names the VS Code version.
for (const version of versions) {
  const env = { AYS_CODE_SERVER: version };
  const label = (s) => `${s}@${vscodeLabel(version)}`;
  if (wants('e2e'))
    suite(
      label('e2e'),
      (exec) => {
        const r = exec(process.execPath, ['scripts/e2e/run.mjs'], { capture: true, env });
        return countMocha(r.stdout ?? '', r.status);
      },
      { network: true },
    );
  if (wants('ui'))
    suite(
      label('ui'),
      (exec) => {
        const r = exec(process.execPath, ['scripts/e2e/ui.mjs'], { capture: true, env });
        return countLine('ui', r.stdout ?? '', r.status);
      },
      { network: true },
    );
  if (wants('vsix'))
    suite(
      label('vsix'),
      (exec) => {
        const r = exec(process.execPath, ['scripts/e2e/vsix.mjs'], { capture: true, env });
        return countLine('vsix', r.stdout ?? '', r.status);
      },
      { network: true },
    );
}
// `npm start` as a newcomer: on the minimum version only (what `npm start` opens by default).
if (wants('start') && versions.length) {
  const env = { AYS_CODE_SERVER: versions[0] };
  suite(
    'start',
    (exec) => {
      const r = exec(process.execPath, ['scripts/e2e/start-smoke.mjs'], { capture: true, env });
      return countLine('start', r.stdout ?? '', r.status);
    },
    { network: true },
  );
}

/** "1.100.3" for code-server 4.100.3: the VS Code version inside the installed package. */
function vscodeLabel(version) {
  try {
    return JSON.parse(
      readFileSync(
        join(root, '.vscode-test', `code-server-${version}`, 'node_modules/code-server/lib/vscode/package.json'),
        'utf8',
      ),
    ).version;
  } catch {
    return `code-server-${version}`;
  }
}

// Nothing of ours may be left in the system temp folder either (a path that ignored TMPDIR).
removeRunTmp();
// AYS_TMP_CHECK=private limits the check to the suites' own TMPDIRs, for a machine where others run tests too.
const leaked = readdirSync(tmpRoot).filter((n) => !tmpBefore.has(n) && LEAK_PATTERN.test(n));
if (leaked.length && process.env.AYS_TMP_CHECK === 'private')
  console.log(`\n(not counted, AYS_TMP_CHECK=private) new in ${tmpRoot}: ${leaked.join(', ')}`);
else if (leaked.length) record('tmp', { failed: leaked.length }, [`left in ${tmpRoot}: ${leaked.join(', ')}`]);

console.log('\nSummary');
for (const r of results) console.log(`  ${r}`);
console.log(
  `test: ${tally.passed} passed, ${tally.failed} failed  (${((Date.now() - started) / 60000).toFixed(1)} min)`,
);
process.exit(tally.failed ? 1 : 0);
