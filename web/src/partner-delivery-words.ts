// Issue #13 ("Who is authoritative"): what an official reads about the partner's copy of an
// object — whether the partner's instance has received its latest change. Times are the reader's,
// with the zone's abbreviation, as everywhere else in the UI (format.ts formatDateTime).
import type { PartnerCopy } from './api/partner-copies.js';
import type { RequestDetail } from './api/types.js';
import { formatDateTime, humanise } from './format.js';

export type PartnerDelivery = RequestDetail['partnerDelivery'][number];

/** delivered: quiet; pending: quiet, on its way; unreachable and refused: the reader may have to act. */
export type DeliveryTone = 'delivered' | 'pending' | 'unreachable' | 'refused';

export interface DeliveryLine {
  tone: DeliveryTone;
  text: string;
}

/** "India's", "the United States'": a nation's name in a sentence, as the owner of what follows. */
export function possessive(nationInSentence: string): string {
  return `${nationInSentence}${nationInSentence.endsWith('s') ? "'" : "'s"}`;
}

/** "India's desk", "the United States' desk": the partner's instance as the line names it. */
export function deskOf(nationInSentence: string): string {
  return `${possessive(nationInSentence)} desk`;
}

// The receiver's reasons (src/services/federation/inbound-refusal.ts) that an author of the change can read.
const REFUSAL_WORDS: Record<string, string> = {
  unknown_object: 'it holds no copy of this request',
  out_of_arrangement: 'outside the arrangement it is peered for',
  answers_mismatch: 'it answers no message the partner knows',
  invalid_content: 'its content was not valid',
  wrong_nation: 'addressed to another nation',
  step_not_allowed: "the request's state there no longer allows the step",
};

export function refusalWords(reason: string | null): string {
  if (!reason) return 'no reason given';
  return REFUSAL_WORDS[reason] ?? humanise(reason).toLowerCase();
}

/**
 * One line per partner: "Delivered to India's desk on 4 Dec 2026, 14:02 IST"; "Not yet delivered
 * to India's desk: partner unreachable since …". `peer` is the partner's name in a sentence.
 */
export function deliveryLine(d: PartnerDelivery, peer: string, timeZone?: string): DeliveryLine {
  const desk = deskOf(peer);
  const at = (iso: string | null) => formatDateTime(iso, timeZone);
  if (d.state === 'delivered') return { tone: 'delivered', text: d.deliveredAt ? `Delivered to ${desk} on ${at(d.deliveredAt)}` : `Delivered to ${desk}` };
  if (d.state === 'refused') return { tone: 'refused', text: `Refused by ${desk}${d.deliveredAt ? ` on ${at(d.deliveredAt)}` : ''}: ${refusalWords(d.refusedReason)}` };
  if (d.unreachableSince) return { tone: 'unreachable', text: `Not yet delivered to ${desk}: partner unreachable since ${at(d.unreachableSince)}` };
  return { tone: 'pending', text: d.pendingSince ? `Not yet delivered to ${desk}: waiting since ${at(d.pendingSince)}` : `Not yet delivered to ${desk}` };
}

/**
 * What a request submitted here and held by the partner says until the partner's copy comes back
 * (issue #13): whether the submission reached `desk`, and, when the partner refused it, why.
 */
export function submissionLine(copy: Pick<PartnerCopy, 'sent'>, desk: string, timeZone?: string): DeliveryLine {
  const submission = copy.sent.find((m) => m.kind === 'request.submit');
  const at = formatDateTime(submission?.receipt?.receivedAt ?? null, timeZone);
  if (submission?.delivery === 'refused') {
    return { tone: 'refused', text: `Refused by ${desk} on ${at}: ${refusalWords(submission.refusalReason)}. Nothing was created there; correct the request and submit it again.` };
  }
  if (submission?.delivery === 'delivered') {
    return { tone: 'delivered', text: `Submitted here and received by ${desk} on ${at}, which holds the request. Its reference number, deadlines and state come back with its copy.` };
  }
  return { tone: 'pending', text: `Submitted here and sent to ${desk}, which holds the request: not yet received there. Its reference number, deadlines and state come back when it is.` };
}
