// One store: a check of a web UI helper (web/src/partner-delivery-words.ts), not of a store.
// Issue #13: the line an official reads about the partner's copy of a request, in the reader's
// time zone with the zone's abbreviation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime } from '../web/src/format.js';
import type { SentMessage } from '../web/src/api/partner-copies.js';
import { deliveryLine, deskOf, submissionLine, type PartnerDelivery } from '../web/src/partner-delivery-words.js';

const at = '2026-12-04T08:32:00.000Z'; // 14:02 in India, 03:32 in New York
const base: PartnerDelivery = { peer: 'US', version: 3, state: 'pending', deliveredAt: null, pendingSince: null, unreachableSince: null, refusedReason: null };

describe("the partner delivery line (issue #13)", () => {
  it("names the partner's desk as a sentence reads it", () => {
    assert.equal(deskOf('India'), "India's desk");
    assert.equal(deskOf('the United States'), "the United States' desk");
  });

  it("delivered: to which desk and when, in the reader's zone with its abbreviation", () => {
    const line = deliveryLine({ ...base, state: 'delivered', deliveredAt: at }, 'the United States', 'Asia/Kolkata');
    assert.equal(line.tone, 'delivered');
    assert.equal(line.text, `Delivered to the United States' desk on ${formatDateTime(at, 'Asia/Kolkata')}`);
    assert.match(line.text, /(14:02|2:02\s?PM) IST$/i);
    assert.match(deliveryLine({ ...base, state: 'delivered', deliveredAt: at }, 'India', 'America/New_York').text, /^Delivered to India's desk on .*(03:32|3:32\s?AM) EST$/i);
  });

  it('pending: since the oldest change the partner lacks; with a failed attempt, the partner is unreachable since then (a warning)', () => {
    const pending = deliveryLine({ ...base, pendingSince: at }, 'India', 'Asia/Kolkata');
    assert.deepEqual(pending, { tone: 'pending', text: `Not yet delivered to India's desk: waiting since ${formatDateTime(at, 'Asia/Kolkata')}` });
    const down = deliveryLine({ ...base, pendingSince: '2026-12-04T03:00:00.000Z', unreachableSince: at }, 'India', 'Asia/Kolkata');
    assert.deepEqual(down, { tone: 'unreachable', text: `Not yet delivered to India's desk: partner unreachable since ${formatDateTime(at, 'Asia/Kolkata')}` });
    assert.equal(deliveryLine(base, 'India').text, "Not yet delivered to India's desk");
  });

  it("refused: by whom, when, and the partner's reason in words", () => {
    const line = deliveryLine({ ...base, state: 'refused', deliveredAt: at, refusedReason: 'out_of_arrangement' }, 'India', 'Asia/Kolkata');
    assert.deepEqual(line, { tone: 'refused', text: `Refused by India's desk on ${formatDateTime(at, 'Asia/Kolkata')}: outside the arrangement it is peered for` });
    assert.match(deliveryLine({ ...base, state: 'refused', deliveredAt: at, refusedReason: 'some_new_reason' }, 'India').text, /: some new reason$/);
  });

  it('a request submitted here: sent, received by the holder (its copy to come), or refused with the reason the holder signed', () => {
    const desk = "the United States' desk";
    const submission = (delivery: SentMessage['delivery'], refusalReason: string | null = null): SentMessage => ({
      messageId: 'm1',
      kind: 'request.submit',
      subject: null,
      seq: 1,
      version: 0,
      sentAt: '2026-12-04T08:30:00.000Z',
      messageHash: 'h',
      answers: null,
      delivery,
      refusalReason,
      receipt: delivery === 'pending' ? null : { signedBy: 'US', keyId: 'k', receivedAt: at, outcome: delivery === 'refused' ? 'refused' : 'applied', jws: 'x.y.z' },
    });
    assert.match(submissionLine({ sent: [submission('pending')] }, desk).text, /^Submitted here and sent to the United States' desk, which holds the request: not yet received there/);
    assert.deepEqual(submissionLine({ sent: [submission('delivered')] }, desk, 'Asia/Kolkata'), {
      tone: 'delivered',
      text: `Submitted here and received by the United States' desk on ${formatDateTime(at, 'Asia/Kolkata')}, which holds the request. Its reference number, deadlines and state come back with its copy.`,
    });
    assert.deepEqual(submissionLine({ sent: [submission('refused', 'invalid_content')] }, desk, 'Asia/Kolkata'), {
      tone: 'refused',
      text: `Refused by the United States' desk on ${formatDateTime(at, 'Asia/Kolkata')}: its content was not valid. Nothing was created there; correct the request and submit it again.`,
    });
  });
});
