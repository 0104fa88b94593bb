/**
 * The receiver's rule for a verified message from a peer (issue #13: exactly once, in order).
 * `lastApplied` is the highest sequence number applied from that peer; every lower one was
 * applied, because messages are applied only in order.
 */
export type InboundDecision =
  | { kind: 'apply' }
  | { kind: 'duplicate' }
  /** Messages after `lastApplied` and before this one are missing: fetch them from the sender's outbox first. */
  | { kind: 'gap'; missingFrom: number; missingTo: number };

export function decideInbound(lastApplied: number, seq: number): InboundDecision {
  if (seq <= lastApplied) return { kind: 'duplicate' };
  if (seq === lastApplied + 1) return { kind: 'apply' };
  return { kind: 'gap', missingFrom: lastApplied + 1, missingTo: seq - 1 };
}
