import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkpointConflicts, type AuditCheckpointClaim, type HeldCheckpoint } from './peer-checkpoint.js';

// Issue #13: the checkpoints a peer holds from one sender form one growing, consistent sequence.
const h = (c: string) => c.repeat(64);
const at = '2026-12-04T12:00:00.000Z';
const held = (...claims: AuditCheckpointClaim[]): HeldCheckpoint[] => claims.map((claim, i) => ({ messageId: `m${i + 1}`, claim }));

describe('peer audit checkpoints: consistency of what a peer holds', () => {
  it('a growing sequence, each naming the last one with its hash, has no conflict', () => {
    assert.deepEqual(
      checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 25, hash: h('b'), at, previous: { seq: 10, hash: h('a') } }, { seq: 25, hash: h('b'), at, previous: { seq: 25, hash: h('b') } })),
      [],
    );
  });

  it('a later checkpoint that says the earlier position now has another hash is flagged at that position', () => {
    const [c] = checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 25, hash: h('b'), at, previous: { seq: 10, hash: h('c') } }));
    assert.equal(c?.messageId, 'm2');
    assert.equal(c?.position, 10);
    assert.match(c!.problem, /position 10 now has hash cccccccccccc…; the checkpoint held says aaaaaaaaaaaa…: the log was rewritten/);
  });

  it('two checkpoints at the same position with different hashes are flagged', () => {
    const [c] = checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 10, hash: h('d'), at, previous: { seq: 10, hash: h('a') } }));
    assert.equal(c?.position, 10);
    assert.match(c!.problem, /position 10 was checkpointed with hash aaaaaaaaaaaa… and is now said to have dddddddddddd…/);
  });

  it('a checkpoint behind the last one, one that leaves out the last one, or says the position is gone, is flagged', () => {
    assert.match(checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 7, hash: h('b'), at, previous: { seq: 10, hash: h('a') } }))[0]!.problem, /behind the one held at 10: the log was cut/);
    assert.match(checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 12, hash: h('b'), at, previous: null }))[0]!.problem, /names no previous checkpoint, though the one at 10 is held/);
    assert.match(checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 12, hash: h('b'), at, previous: { seq: 4, hash: h('e') } }))[0]!.problem, /names 4 as its previous; the last one held is at 10/);
    assert.match(checkpointConflicts(held({ seq: 10, hash: h('a'), at, previous: null }, { seq: 12, hash: h('b'), at, previous: { seq: 10, hash: null } }))[0]!.problem, /no longer has position 10: the log was cut/);
  });
});
