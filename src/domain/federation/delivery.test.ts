import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BACKOFF_CAP_MS, fetchProofFresh, retryDelayMs } from './delivery.js';

describe('delivery between instances (issue #13)', () => {
  it('retries after 1 s, 2 s, 4 s … and never waits more than the cap', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelayMs(n)), [1_000, 2_000, 4_000, 8_000]);
    assert.equal(retryDelayMs(40), BACKOFF_CAP_MS);
    assert.equal(retryDelayMs(0), 1_000);
  });

  it('takes a fetch proof only within five minutes of its issue', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    assert.equal(fetchProofFresh('2026-12-03T11:56:00Z', now), true);
    assert.equal(fetchProofFresh('2026-12-03T11:54:00Z', now), false);
    assert.equal(fetchProofFresh('not a date', now), false);
  });
});

describe('a restored sender renumbers after the receiver’s mark (issue #13)', () => {
  it('moves the first pending message to the number after the mark, and nothing when it already follows', async () => {
    const { renumberShift } = await import('./delivery.js');
    assert.equal(renumberShift(4, 7), 4, 'pending 4, 5 … become 8, 9 …');
    assert.equal(renumberShift(8, 7), 0);
    assert.equal(renumberShift(9, 7), 0, 'a gap is the receiver’s to fetch, not a reason to renumber');
  });
});
