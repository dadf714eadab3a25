/**
 * Run history (issue 10 item 19): atomic, serialised writes; a corrupt file is moved aside with one
 * warning and a new one is started; concurrent writers (separate processes) lose nothing.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryStore, RunRecord } from '../../../common/install/HistoryStore';

const rec = (id: string): RunRecord => ({
  id,
  time: new Date().toISOString(),
  environment: 'e',
  node: 'n',
  image: 'i',
  kind: 'install',
  exitCode: 0,
  durationMs: 1,
});

describe('HistoryStore', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ays-hist-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, content] of [
    ['truncated', '[\n {\n  "id": "a",\n  "ti'],
    ['garbage', '{oops'],
    ['not an array', '{"id":"x"}'],
    ['empty', ''],
  ] as const) {
    it(`a ${name} file is moved aside as *.corrupt-<time> with one warning, then a new one starts`, () => {
      const sub = mkdtempSync(join(dir, 'c-'));
      const p = join(sub, 'history.json');
      writeFileSync(p, content);
      const h = new HistoryStore(p);
      assert.deepEqual(h.list(), []);
      const note = h.add(rec('x'));
      assert.match(note ?? '', /unreadable .* moved it to .*history\.json\.corrupt-/);
      assert.deepEqual(
        h.list().map((r) => r.id),
        ['x'],
      );
      const aside = readdirSync(sub).filter((f) => f.startsWith('history.json.corrupt-'));
      assert.equal(aside.length, 1);
      assert.equal(readFileSync(join(sub, aside[0]), 'utf8'), content, 'the corrupt text is kept');
      // Only one warning: later runs are recorded silently.
      assert.equal(h.add(rec('y')), undefined);
      assert.deepEqual(
        h.list().map((r) => r.id),
        ['y', 'x'],
      );
      assert.deepEqual(readdirSync(sub).sort(), ['history.json', aside[0]].sort(), 'no temp or lock file left');
    });
  }

  it('clear() replaces the file atomically (under the lock) and leaves nothing else', () => {
    const sub = mkdtempSync(join(dir, 'clear-'));
    const p = join(sub, 'h.json');
    const h = new HistoryStore(p);
    h.add(rec('a'), rec('b'));
    assert.equal(h.clear(), undefined);
    assert.deepEqual(JSON.parse(readFileSync(p, 'utf8')), []);
    assert.deepEqual(readdirSync(sub), ['h.json']);
  });

  it('a stale lock (left by a crashed writer) is broken', () => {
    const sub = mkdtempSync(join(dir, 'lock-'));
    const p = join(sub, 'h.json');
    writeFileSync(`${p}.lock`, '999999\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${p}.lock`, old, old);
    const h = new HistoryStore(p);
    assert.equal(h.add(rec('a')), undefined);
    assert.ok(!existsSync(`${p}.lock`));
    assert.deepEqual(
      h.list().map((r) => r.id),
      ['a'],
    );
  });

  it('3 concurrent writer processes x 300 records: all 900 kept', async () => {
    const p = join(dir, 'concurrent.json');
    const store = join(__dirname, '../../../common/install/HistoryStore.js');
    const script = `
      const { HistoryStore } = require(${JSON.stringify(store)});
      const h = new HistoryStore(process.argv[1], 10000);
      const w = process.argv[2];
      for (let i = 0; i < 300; i++) {
        const err = h.add({ id: w + '-' + i, time: new Date().toISOString(), environment: 'e', node: 'n' + w, image: 'i', kind: 'install', exitCode: 0, durationMs: 1 });
        if (err) { console.error(err); process.exit(1); }
      }`;
    const t0 = Date.now();
    const codes = await Promise.all(
      ['a', 'b', 'c'].map(
        (w) =>
          new Promise<number | null>((res) => {
            const c = spawn(process.execPath, ['-e', script, p, w], { stdio: ['ignore', 'inherit', 'inherit'] });
            c.on('close', res);
          }),
      ),
    );
    assert.deepEqual(codes, [0, 0, 0]);
    const ids = new HistoryStore(p, 10000).list().map((r) => r.id);
    assert.equal(ids.length, 900, `kept ${ids.length} of 900`);
    assert.equal(new Set(ids).size, 900);
    for (const w of ['a', 'b', 'c']) {
      const mine = ids.filter((id) => id.startsWith(`${w}-`)).map((id) => Number(id.slice(2)));
      assert.deepEqual(
        mine,
        [...mine].sort((x, y) => y - x),
        `writer ${w}'s records newest first`,
      );
    }
    console.log(`# 3 writers x 300 records: ${Date.now() - t0} ms`);
  });
});
