/**
 * The CLI as an npm package, as a user gets it: `npm pack` of the built dist/ gives a tarball with dist/cli.js and
 * the .wasm files only, no dependencies; `npm install ./ays-image-recipes-*.tgz` in an empty folder, offline with
 * an empty cache, then `npx ays-recipes check` runs. Everything in one temp folder.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const repo = path.join(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { name: string; version: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-pack-'));
const app = path.join(tmp, 'app');
const cache = path.join(tmp, 'npm-cache');
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** npm/npx with no update check, audit or fund calls, an empty private cache, offline unless asked. */
function npm(cmd: 'npm' | 'npx', args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv } = {}) {
  const env = opts.env ?? {
    ...process.env,
    npm_config_cache: cache,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_offline: 'true',
    npm_config_loglevel: 'warn',
  };
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
}

let tarball = '';
let files: string[] = [];
before(() => {
  assert.ok(fs.existsSync(path.join(repo, 'dist/cli.js')), 'dist/cli.js is built (node scripts/build.mjs)');
  const r = npm('npm', ['pack', '--json', '--pack-destination', tmp], repo, {
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.equal(r.status, 0, `npm pack: ${r.stderr}`);
  // pre-commit's node hooks read the tarball name from this output: no lifecycle script may print into it
  assert.equal(r.stdout.trimStart()[0], '[', `npm pack printed only its JSON: ${r.stdout.slice(0, 200)}`);
  const info = JSON.parse(r.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(tmp, info[0].filename);
  files = info[0].files.map((f) => f.path).sort();
});

test('the tarball holds the CLI bundle, its .wasm files and the package docs only', () => {
  assert.equal(path.basename(tarball), `${pkg.name}-${pkg.version}.tgz`);
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/tree-sitter-python.wasm',
    'dist/web-tree-sitter.wasm',
    'package.json',
  ]);
});

test('the packaged package.json needs nothing at install time', () => {
  const r = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  const m = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.deepEqual(m.bin, { 'ays-recipes': './dist/cli.js' });
  assert.equal(m.dependencies, undefined, 'everything the CLI runs is bundled in dist/cli.js');
  assert.equal(m.private, undefined);
  assert.equal(m.optionalDependencies, undefined);
  assert.equal(m.peerDependencies, undefined);
});

test('installs offline in an empty folder and `npx ays-recipes check` runs without the dev dependencies', () => {
  fs.mkdirSync(app);
  const install = npm('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], app);
  assert.equal(install.status, 0, `npm install: ${install.stderr}`);
  assert.deepEqual(
    fs.readdirSync(path.join(app, 'node_modules')).filter((n) => !n.startsWith('.')),
    ['ays-image-recipes'],
    'no other package installed',
  );

  const version = npm('npx', ['--offline', 'ays-recipes', '--version'], app);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), pkg.version);

  const demo = path.join(repo, 'examples/env-demo');
  const check = npm('npx', ['--offline', 'ays-recipes', 'check', demo, '--format', 'json'], app);
  assert.equal(check.status, 1, check.stderr);
  assert.ok(
    !/not checked|did not load/.test(check.stderr),
    `actions.py checked (the .wasm files are in the package): ${check.stderr}`,
  );
  const codes = new Set((JSON.parse(check.stdout) as Array<{ code: string }>).map((f) => f.code));
  for (const c of ['recipe-platform', 'hrd-line-lost', 'actions-register-legacy']) assert.ok(codes.has(c), c);

  const usage = npm('npx', ['--offline', 'ays-recipes', 'check', '--format', 'xml'], app);
  assert.equal(usage.status, 2);
});

test("the package's postinstall (it builds dist/ in a clone, for pre-commit) does nothing where it is installed", () => {
  const installed = path.join(app, 'node_modules', pkg.name);
  const m = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const before = fs.readdirSync(path.join(installed, 'dist')).sort();
  // npm runs it with sh -c in the package folder (when the user's npm allows install scripts)
  const r = spawnSync('sh', ['-c', m.scripts.postinstall], { cwd: installed, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.deepEqual(fs.readdirSync(path.join(installed, 'dist')).sort(), before);
});
