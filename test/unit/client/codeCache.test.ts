/** The V8 code cache of the extension's lazily loaded bundles (client/src/codeCache.ts). */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { CodeCacheUse, requireWithCodeCache } from '../../../client/src/codeCache';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ays-code-cache-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const cacheDir = path.join(root, 'storage');
let n = 0;

/** A small CommonJS bundle that requires a built-in and its own folder's files, as dist/lsclient.js does. */
function bundle(body = 'exports.answer = 42;'): string {
  const file = path.join(root, `part${n++}.js`);
  fs.writeFileSync(
    file,
    `"use strict";\nconst path = require('node:path');\nexports.dir = path.basename(__dirname);\n` +
      `exports.self = module.filename;\nexports.same = require(__filename) === module.exports;\n${body}\n`,
  );
  return file;
}

function load(file: string, dir: string | null = cacheDir): { exports: Record<string, unknown>; use: CodeCacheUse } {
  let use: CodeCacheUse | undefined;
  const exports = requireWithCodeCache(file, {
    parent: module,
    cacheDir: dir ?? undefined,
    onCache: (u) => (use = u),
    writeDelayMs: 0,
  }) as Record<string, unknown>;
  return { exports, use: use! };
}

/**
 * A load in a fresh node process, as a new start of VS Code: in one process V8 keeps what it compiled in its own
 * compilation cache, whatever the code cache says. Writes the cache at once, and returns the use and the answer.
 */
function loadInNewProcess(file: string): { use: CodeCacheUse; answer: unknown } {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(require.resolve('../../../client/src/codeCache'))});
    let use;
    const m = requireWithCodeCache(${JSON.stringify(file)}, {
      parent: module, cacheDir: ${JSON.stringify(cacheDir)}, onCache: (u) => (use = u), writeDelayMs: 0,
    });
    setTimeout(() => console.log(JSON.stringify({ use, answer: m.answer })), 20);`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const tick = () => new Promise((r) => setTimeout(r, 20));
const cacheFiles = (file: string) =>
  fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.startsWith(`${path.basename(file)}.`)) : [];

test('a bundle loads as require loads it: its module, __dirname, require and exports', () => {
  const file = bundle();
  const { exports } = load(file, null);
  assert.equal(exports.answer, 42);
  assert.equal(exports.dir, path.basename(root));
  assert.equal(exports.self, file);
  assert.equal(exports.same, true, 'the module is in require.cache while it runs');
  assert.equal(require.cache[file]?.loaded, true);
  assert.equal(load(file).exports, exports, 'a second load is the cached module');
});

test('without a cache folder nothing is written ("off")', async () => {
  const file = bundle();
  assert.equal(load(file, null).use, 'off');
  await tick();
  assert.deepEqual(cacheFiles(file), []);
});

test('the first start compiles and writes the cache; the next start uses it', () => {
  const file = bundle();
  assert.deepEqual(loadInNewProcess(file), { use: 'compiled', answer: 42 });
  assert.equal(cacheFiles(file).length, 1, 'one cache file');
  assert.deepEqual(
    fs.readdirSync(cacheDir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary file left',
  );
  assert.deepEqual(loadInNewProcess(file), { use: 'used', answer: 42 });
});

test('a damaged cache is refused: compiled again, the file rewritten, nothing lost', () => {
  const file = bundle('exports.answer = 7;');
  loadInNewProcess(file);
  const [name] = cacheFiles(file);
  fs.writeFileSync(path.join(cacheDir, name), Buffer.from('not a V8 code cache'));
  assert.deepEqual(loadInNewProcess(file), { use: 'compiled', answer: 7 });
  assert.deepEqual(loadInNewProcess(file), { use: 'used', answer: 7 }, 'the rewritten cache is good');
});

test('a changed bundle (an update) gets a cache of its own; the old one is removed when it is written', () => {
  const file = bundle('exports.answer = 1;');
  loadInNewProcess(file);
  const [before] = cacheFiles(file);
  // The same length and time: only the text tells the versions apart.
  const stat = fs.statSync(file);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('answer = 1', 'answer = 2'));
  fs.utimesSync(file, stat.atime, stat.mtime);
  assert.deepEqual(loadInNewProcess(file), { use: 'compiled', answer: 2 }, 'never the cache of another version');
  const files = cacheFiles(file);
  assert.equal(files.length, 1);
  assert.notEqual(files[0], before);
});

test('an error in the bundle is thrown as require throws it, and the module is not kept', () => {
  const file = bundle('throw new Error("broken bundle");');
  assert.throws(() => load(file), /broken bundle/);
  assert.equal(require.cache[file], undefined);
});

test('an unwritable cache folder only means no cache', async () => {
  const file = bundle();
  const blocked = path.join(root, 'a-file');
  fs.writeFileSync(blocked, '');
  assert.equal(load(file, path.join(blocked, 'storage')).use, 'compiled');
  await tick();
  assert.equal(require.cache[file]?.loaded, true);
});
