/**
 * scripts/test.mjs counts tests that never ran: node:test's cancelled sub-tests and mocha's pending
 * tests are failures in the summary, read from real runs of both runners.
 */
import { after, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(__dirname, '..', '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ays-counts-'));
after(() => rmSync(dir, { recursive: true, force: true }));
// a nested `node --test` must not report to this runner
const env = () => {
  const e: NodeJS.ProcessEnv = { ...process.env, TMPDIR: dir };
  delete e.NODE_TEST_CONTEXT;
  return e;
};
const counts = () => import(pathToFileURL(join(root, 'scripts/testCounts.mjs')).href);

describe('test summary counts', () => {
  it('node:test: a sub-test its parent did not wait for is cancelled, and counted as a failure', async () => {
    const file = join(dir, 'cancel.test.js');
    writeFileSync(
      file,
      `const { test } = require('node:test');
test('passes', () => {});
test('parent', (t) => { for (let i = 0; i < 3; i++) t.test('child ' + i, () => new Promise((r) => setTimeout(r, 200))); });\n`,
    );
    const tap = join(dir, 'out.tap');
    const r = spawnSync(
      process.execPath,
      ['--test', '--test-reporter=tap', `--test-reporter-destination=${tap}`, file],
      { encoding: 'utf8', env: env() },
    );
    const c = (await counts()).countNodeTest(readFileSync(tap, 'utf8'), r.status);
    assert.ok(c.cancelled >= 3, JSON.stringify(c));
    assert.ok(c.passed >= 1, JSON.stringify(c));
  });

  it('mocha: pending tests are counted as never run', async () => {
    const file = join(dir, 'pending.spec.cjs');
    writeFileSync(
      file,
      `describe('s', () => { it('ok', () => {}); it.skip('skipped', () => {}); it('later'); it('fails', () => { throw new Error('x'); }); });\n`,
    );
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'spec', '--no-color', file],
      { encoding: 'utf8', env: env() },
    );
    assert.deepEqual((await counts()).countMocha(r.stdout, r.status), { passed: 1, failed: 1, cancelled: 2 });
  });

  it('a runner that died without a summary is a failure', async () => {
    const { countMocha, countNodeTest, countLine } = await counts();
    assert.deepEqual(countMocha('[e2e] harness error', 2), { passed: 0, failed: 1, cancelled: 0 });
    assert.equal(countNodeTest('', 1).failed, 1);
    assert.deepEqual(countLine('ui', 'ui: 3 passed, 0 failed', 0), { passed: 3, failed: 0 });
    assert.deepEqual(countLine('ui', 'ui: 3 passed, 0 failed', 1), { passed: 3, failed: 1 });
  });
});
