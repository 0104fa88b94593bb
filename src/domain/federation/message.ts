import { z } from 'zod';

/**
 * What crosses between two sovereign instances (issue #13): one change of the shared record,
 * from the nation whose role took the step to its peer. The envelope carries what the receiver
 * needs to apply it exactly once and in order (`id`, the sender's per-peer `seq`) and to keep it
 * as evidence (`object` and its version, the hash of the message it answers).
 */
export const NATION_CODE = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 nation code, e.g. US');
const SHA256_HEX = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lowercase hex');

export const federationMessageSchema = z.strictObject({
  /** Unique per message; the receiver's inbox is keyed by it (exactly once). */
  id: z.uuid(),
  /** The arrangement the message belongs to, e.g. "US-IN": a peer outside it is refused. */
  arrangement: z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/, 'an arrangement such as US-IN'),
  from: NATION_CODE,
  to: NATION_CODE,
  /** The sender's sequence number towards this peer: 1, 2, 3 … without gaps. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** What happened, e.g. "request.transition". */
  kind: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'a dotted lowercase kind such as request.transition'),
  /** The shared object the change is about, at the version the change produced. */
  object: z.strictObject({ type: z.string().min(1).max(64), id: z.string().min(1).max(128), version: z.number().int().min(0) }),
  /** The hash of the message this one answers (e.g. a decision on a request), or null. */
  answers: SHA256_HEX.nullable(),
  sentAt: z.iso.datetime({ offset: true }),
  /** The border projection of the change: only what the arrangement shares. */
  body: z.record(z.string(), z.unknown()),
});
export type FederationMessage = z.infer<typeof federationMessageSchema>;

/** The receiver's signed acknowledgement, which the sender keeps as proof of delivery. */
export const federationReceiptSchema = z.strictObject({
  messageId: z.uuid(),
  /** The hash of the signed message as received: the receipt proves which bytes arrived. */
  messageHash: SHA256_HEX,
  from: NATION_CODE,
  to: NATION_CODE,
  seq: z.number().int().min(1),
  receivedAt: z.iso.datetime({ offset: true }),
  /**
   * "applied" the first time; "duplicate" when the same message came again; "refused" when the
   * message was authentic and in sequence but its content could not be applied: it took its
   * sequence number, nothing was applied, and the sender's queue moves on past it.
   */
  outcome: z.enum(['applied', 'duplicate', 'refused']),
  /** Only with "refused": why, as the receiver's inbox refusal reason and its explanation. */
  refusal: z.strictObject({ reason: z.string().min(1).max(64), detail: z.string().max(2000) }).optional(),
});
export type FederationReceipt = z.infer<typeof federationReceiptSchema>;
