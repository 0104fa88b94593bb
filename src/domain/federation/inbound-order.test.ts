import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideInbound } from './inbound-order.js';

describe('a peer’s messages are applied exactly once and in order (issue #13)', () => {
  it('applies the next number, and the first message of a new peer', () => {
    assert.deepEqual(decideInbound(0, 1), { kind: 'apply' });
    assert.deepEqual(decideInbound(41, 42), { kind: 'apply' });
  });

  it('treats anything at or below the last applied as a duplicate (a retry or a replay)', () => {
    assert.deepEqual(decideInbound(42, 42), { kind: 'duplicate' });
    assert.deepEqual(decideInbound(42, 1), { kind: 'duplicate' });
  });

  it('holds a message that skips numbers and names the ones to fetch from the sender', () => {
    assert.deepEqual(decideInbound(42, 43 + 5), { kind: 'gap', missingFrom: 43, missingTo: 47 });
    assert.deepEqual(decideInbound(0, 2), { kind: 'gap', missingFrom: 1, missingTo: 1 });
  });
});
