import { z } from 'zod';
import { NATION_CODE } from './message.js';

/**
 * Delivery between instances (issue #13): retries with exponential backoff up to a cap, and the
 * signed request by which a peer fetches the messages it missed (`GET /federation/outbox`).
 */
export const FETCH_TYPE = 'sosa-fetch+jws';

/** The first retry after 1 s, doubling, never more than 5 minutes apart: a long outage is polled, not hammered. */
export const BACKOFF_FIRST_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones (1 → 1 s, 2 → 2 s, 3 → 4 s … cap). */
export function retryDelayMs(attempts: number, first = BACKOFF_FIRST_MS, cap = BACKOFF_CAP_MS): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(cap, first * 2 ** exponent);
}

/** A fetch is fresh for this long: a proof seen later (a log, a proxy) does not open the outbox again. */
export const FETCH_PROOF_TTL_MS = 5 * 60_000;

/** What the fetching peer signs: who asks whom, from which sequence number on, and when. */
export const federationFetchSchema = z.strictObject({
  from: NATION_CODE,
  to: NATION_CODE,
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type FederationFetch = z.infer<typeof federationFetchSchema>;

/** Whether a fetch proof was issued within the window around `now` (clocks differ a little). */
export function fetchProofFresh(issuedAt: string, now: Date, ttlMs = FETCH_PROOF_TTL_MS): boolean {
  const at = Date.parse(issuedAt);
  return Number.isFinite(at) && Math.abs(now.getTime() - at) <= ttlMs;
}

/**
 * A receiver's signed high-water mark (issue #13: a restored sender). When a sender reuses a
 * sequence number the receiver has applied (it was restored from an older backup and lost the
 * messages it had sent after it), the refusal carries this: the last number applied from that
 * sender, signed by the receiver, so that the sender renumbers its pending messages after it.
 * Signed, because an unsigned number from the link would let anyone on it push a sender's queue
 * past numbers the receiver expects.
 */
export const MARK_TYPE = 'sosa-mark+jws';

export const federationMarkSchema = z.strictObject({
  /** The receiver (who signs). */
  from: NATION_CODE,
  /** The sender whose messages were counted. */
  to: NATION_CODE,
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type FederationMark = z.infer<typeof federationMarkSchema>;

/**
 * How far a restored sender's pending messages move: the first pending one takes the number after
 * the receiver's mark, the rest follow in their order. Zero when they already come after it.
 */
export function renumberShift(firstPendingSeq: number, receiverLastSeq: number): number {
  return Math.max(0, receiverLastSeq + 1 - firstPendingSeq);
}

/**
 * The signed request by which a receiver fetches the content of a shared file that crossed as
 * metadata only (issue #13, `GET /federation/files/{sha256}`): a file larger than a message
 * carries (INLINE_ATTACHMENT_BYTES). The asker names the file by its SHA-256 and by the id of the
 * `request.attachment` message that listed it, so the sender serves only a file it sent to that
 * very peer; fresh within FETCH_PROOF_TTL_MS, like the outbox fetch.
 */
export const FILE_FETCH_TYPE = 'sosa-file-fetch+jws';

export const federationFileFetchSchema = z.strictObject({
  from: NATION_CODE,
  to: NATION_CODE,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The `request.attachment` message (the sender's) that listed the file without its content. */
  messageId: z.uuid(),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type FederationFileFetch = z.infer<typeof federationFileFetchSchema>;

/**
 * What became of a file a peer listed (partner_attachments.fetch_state, migration 0047): `inline`,
 * its content came in the message; `pending`, being fetched (retried with the delivery backoff);
 * `fetched`; `refused`, this instance refused what it was sent (not the size or SHA-256 the
 * signed message states, or larger than it takes); `unavailable`, the sender answered that it
 * does not serve that file to this instance (404).
 */
export const FILE_FETCH_STATES = ['inline', 'pending', 'fetched', 'refused', 'unavailable'] as const;
export type FileFetchState = (typeof FILE_FETCH_STATES)[number];
