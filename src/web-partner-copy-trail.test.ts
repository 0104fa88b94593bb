// One store: a check of a web UI helper (web/src/api/partner-copies.ts), not of a store.
// Issue #13 ("Evidence"): a partner copy's trail lists the messages received from the holder and
// those this instance sent it, in the order signed, each with what its receipt says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sentLine, trailRows, type SentMessage, type TrailMessage } from '../web/src/api/partner-copies.js';

const receipt = (signedBy: string, receivedAt: string, outcome: string) => ({ signedBy, keyId: `${signedBy.toLowerCase()}-key-1`, receivedAt, outcome, jws: 'x.y.z' });
const received = (seq: number, sentAt: string, answers: string | null = null): TrailMessage => ({ messageId: `in-${seq}`, kind: 'request.transition', subject: null, seq, version: seq, sentAt, receivedAt: sentAt, messageHash: `h${seq}`, answers, receipt: receipt('IN', sentAt, 'applied') });
const sent = (seq: number, sentAt: string, delivery: SentMessage['delivery'], refusalReason: string | null = null, answers: string | null = null): SentMessage => ({
  messageId: `out-${seq}`,
  kind: 'request.step',
  subject: null,
  seq,
  version: 1,
  sentAt,
  messageHash: `s${seq}`,
  answers,
  delivery,
  refusalReason,
  receipt: delivery === 'pending' ? null : receipt('US', '2026-12-04T08:40:00.000Z', delivery === 'refused' ? 'refused' : 'applied'),
});

describe("a partner copy's message trail, both ways (issue #13)", () => {
  it('interleaves received and sent messages by the instant each was signed; each side keeps its own numbering', () => {
    const rows = trailRows({ trail: [received(1, '2026-12-04T08:00:00.000Z'), received(2, '2026-12-04T09:00:00.000Z')], sent: [sent(7, '2026-12-04T08:30:00.000Z', 'delivered')] });
    assert.deepEqual(rows.map((r) => [r.direction, r.seq]), [['received', 1], ['sent', 7], ['received', 2]]);
    assert.equal(rows[1]!.receiptTitle, 'Receipt signed by US with key us-key-1');
  });

  it("puts an answer after the message it answers, whatever the two instances' clocks say", () => {
    // India's step answers the US's message h1; the US's h2 answers India's step s7, yet the US clock runs behind.
    const rows = trailRows({
      trail: [received(1, '2026-12-04T08:00:00.000Z'), received(2, '2026-12-04T08:10:00.000Z', 's7')],
      sent: [sent(7, '2026-12-04T08:30:00.000Z', 'delivered', null, 'h1')],
    });
    assert.deepEqual(rows.map((r) => r.messageId), ['in-1', 'out-7', 'in-2']);
    // Equal instants (one clock, or a clock that did not move): the answer still follows.
    const tied = trailRows({ trail: [received(1, '2026-12-04T08:00:00.000Z', 's7')], sent: [sent(7, '2026-12-04T08:00:00.000Z', 'delivered')] });
    assert.deepEqual(tied.map((r) => r.messageId), ['out-7', 'in-1']);
  });

  it("says of a sent message whether the holder received it, refused it, or has not yet, and who signed the receipt", () => {
    assert.equal(sentLine(sent(1, '2026-12-04T08:30:00.000Z', 'pending')), 'not yet received');
    assert.equal(sentLine(sent(1, '2026-12-04T08:30:00.000Z', 'delivered'), 'Asia/Kolkata'), 'received 4 Dec 14:10, receipt signed by US');
    assert.equal(sentLine(sent(1, '2026-12-04T08:30:00.000Z', 'refused', 'step_not_allowed'), 'Asia/Kolkata'), "refused 4 Dec 14:10: the request's state there no longer allows the step, receipt signed by US");
  });
});
