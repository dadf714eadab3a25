/** The shared parse memo: one parse per text while a holder needs it, and no old version kept alive by the memo. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseHrdMemo } from '../../../server/src/service/hrd/parseMemo';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
// a WeakRef's target is kept to the end of the task that made or read it: collect in a later task
const nextTask = () => new Promise((resolve) => setImmediate(resolve));

test('the same text gives the same parse while it is held', () => {
  const text = 'a = 1\nb =\n    x:1,\n    y:2,\n\n';
  const first = parseHrdMemo(text);
  assert.equal(parseHrdMemo(text), first);
  assert.notEqual(parseHrdMemo(text + 'c = 3\n'), first);
});

test('the memo does not keep the parses of old versions alive by itself', async () => {
  const refs: WeakRef<object>[] = [];
  for (let v = 0; v < 8; v++) refs.push(new WeakRef(parseHrdMemo(`version = ${v}\n${'k.x = 1\n'.repeat(200)}`)));
  await nextTask();
  gc();
  await nextTask();
  gc();
  assert.deepEqual(
    refs.map((r) => r.deref() === undefined),
    refs.map(() => true),
    'every parse no longer held elsewhere is collected',
  );
});

test('a parse held elsewhere is still shared after a collection', async () => {
  const text = `held = 1\n${'k.y = 2\n'.repeat(50)}`;
  const held = parseHrdMemo(text);
  await nextTask();
  gc();
  assert.equal(parseHrdMemo(text), held);
});
