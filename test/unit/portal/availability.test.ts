import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { availabilityChange, completeStackList, stacksWithImage } from '../../../common/portal/availability';

describe('availabilityChange', () => {
  it('added, removed, kept', () => {
    assert.deepEqual(availabilityChange([1, 2, 3], [3, 4, 2]), {
      added: [4],
      removed: [1],
      kept: [2, 3],
      removesEverywhere: false,
      unchanged: false,
    });
  });
  it('an empty desired list removes everywhere', () => {
    const c = availabilityChange([5, 1], []);
    assert.equal(c.removesEverywhere, true);
    assert.deepEqual(c.removed, [1, 5]);
  });
  it('nothing to do', () => {
    assert.equal(availabilityChange([1, 2], [2, 1, 1]).unchanged, true);
    assert.deepEqual(availabilityChange([], []), {
      added: [],
      removed: [],
      kept: [],
      removesEverywhere: false,
      unchanged: true,
    });
  });
});

describe('stack lists', () => {
  const stacks = [
    { id: 1, gid: 1, images: [7] },
    { id: 2, gid: 1, images: [] },
    { id: 9, gid: 2, images: [7] },
    { id: 8, gid: 2, images: [] },
  ];
  it('stacksWithImage', () => assert.deepEqual(stacksWithImage(stacks, 7), [1, 9]));
  it('completeStackList keeps other grids', () => {
    assert.deepEqual(completeStackList(stacks, 7, 1, [2]), [2, 9]);
    assert.deepEqual(completeStackList(stacks, 7, undefined, [2]), [2]);
  });
});
