/** Why the inbox refuses a peer's message (issue #13): audited on both sides, never applied. */
export type RefusalReason =
  | 'not_sovereign'
  | 'malformed'
  | 'unknown_key'
  | 'bad_signature'
  | 'invalid_content'
  | 'wrong_nation'
  | 'out_of_arrangement'
  | 'replayed'
  | 'unknown_object'
  /** The message's `answers` names no message this instance exchanged with the peer about the object. */
  | 'answers_mismatch'
  /** A step of the peer's the request's workflow does not allow it now (the request moved on meanwhile, or the step is not the peer's to take), or a change to a working group that is not possible now. */
  | 'step_not_allowed'
  /** A file whose content is not the size or SHA-256 its message states (request.attachment). */
  | 'hash_mismatch';

/**
 * A refusal. Of an authentic message (signed by the peer's key, addressed to this instance, next in
 * the peer's sequence) for what it says, it is recorded as refused and takes its sequence number,
 * so the peer's later messages are not held up behind it. Refusals before the sequence check (not
 * authentic, misaddressed, replayed, out of order) take no number: anyone on the link could send
 * those, and they must not move the peer's sequence.
 */
export class Refused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
    readonly peer: string | null,
    readonly messageId: string | null,
    /** A reused sequence number: the last one applied from the peer, for the signed mark. */
    readonly lastSeq: number | null = null,
  ) {
    super(detail);
  }
}
