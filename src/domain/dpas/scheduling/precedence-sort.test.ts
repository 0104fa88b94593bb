import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { precedenceSort, radixPrecedenceSort, smallPrecedenceSort } from './slot-engine.js';

// Issue #14: a small book is sorted by comparison, a large one by the radix sort; both give the
// same (stable) order, so the schedule does not depend on the book's size.
describe('precedence sort', () => {
  it('the comparison path and the radix path give the same order, ties kept in input order', () => {
    let seed = 7;
    const random = (m: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % m);
    for (const n of [0, 1, 2, 5, 17, 256, 300]) {
      for (const spread of [1, 3, 70_000, 2 ** 30]) {
        const keys = [0, 1, 2].map(() => Int32Array.from({ length: n }, () => random(spread) - (spread > 3 ? Math.floor(spread / 2) : 0)));
        const expected = Array.from(radixPrecedenceSort(keys, n));
        assert.deepEqual(Array.from(smallPrecedenceSort(keys, n)), expected, `n=${n} spread=${spread}`);
        assert.deepEqual(Array.from(precedenceSort(keys, n)), expected);
      }
    }
  });
});
