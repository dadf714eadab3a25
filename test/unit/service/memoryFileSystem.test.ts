/** The in-memory FileSystem (server/src/service/MemoryFileSystem.ts) behaves like the node one for the service. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MemoryFileSystem } from '../../../server/src/service/MemoryFileSystem';
import { readRecipeFile } from '../../../server/src/service/recipe/readRecipeFile';
import { MAX_HRD_BYTES } from '../../../server/src/service/recipe/limits';

const fs = new MemoryFileSystem({
  '/ws/a/service.hrd': 'a = 1\n',
  '/ws/a/sub/x.hrd': '',
  '/ws/b/bin.hrd': new Uint8Array([0x61, 0, 0x62]),
  '/ws/b/latin1.hrd': new Uint8Array([0xe9]),
  '/ws/b/big.hrd': 'a=1\n'.repeat(MAX_HRD_BYTES / 4 + 1),
});

test('stat, exists and readDir imply directories from the files below them', () => {
  assert.equal(fs.stat('/ws/a')?.isDirectory(), true);
  assert.equal(fs.stat('/ws/a/service.hrd')?.isDirectory(), false);
  assert.equal(fs.stat('/ws/none'), undefined);
  assert.equal(fs.exists('/ws/a/sub'), true);
  assert.equal(fs.exists('/ws/a/nope.hrd'), false);
  const entries = fs.readDir('/ws/a')!;
  assert.deepEqual(
    entries.map((e) => [e.name, e.isDirectory(), e.isFile(), e.isSymbolicLink()]),
    [
      ['service.hrd', false, true, false],
      ['sub', true, false, false],
    ],
  );
  assert.equal(fs.readDir('/ws/a/service.hrd'), undefined);
  assert.equal(fs.readDir('/nowhere'), undefined);
});

const cases: Array<[string, RegExp | string]> = [
  ['/ws/a/service.hrd', 'a = 1\n'],
  ['/ws/a/missing.hrd', /^unreadable \(ENOENT\)/],
  ['/ws/a', /^unreadable \(EISDIR\)/],
  ['/ws/b/bin.hrd', /^binary/],
  ['/ws/b/latin1.hrd', /^not UTF-8/],
  ['/ws/b/big.hrd', /over the 256 KB limit/],
];
for (const [p, expected] of cases) {
  test(`readRecipeFile over memory: ${p}`, () => {
    const r = readRecipeFile(fs, p);
    if (typeof expected === 'string') assert.deepEqual(r, { text: expected });
    else assert.ok('problem' in r && expected.test(r.problem), JSON.stringify(r).slice(0, 200));
  });
}

test('write and remove', () => {
  const m = new MemoryFileSystem();
  m.write('/w/x/actions.py', 'pass\n');
  assert.equal(m.exists('/w/x'), true);
  m.remove('/w/x');
  assert.equal(m.exists('/w/x/actions.py'), false);
});
