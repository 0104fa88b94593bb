/** Why the inbox refuses a peer's message (issue #13): audited on both sides, never applied. */
export type RefusalReason = 'not_sovereign' | 'malformed' | 'unknown_key' | 'bad_signature' | 'invalid_content' | 'wrong_nation' | 'out_of_arrangement' | 'replayed' | 'unknown_object';

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
