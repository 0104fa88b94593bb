import { z } from 'zod';

/**
 * Signed audit checkpoints between sovereign instances (issue #13, "Evidence"): each instance
 * sends each peer the head of its audit chain (position, hash, time) as a federation message,
 * signed with its instance key. The peer keeps it with the message as evidence, and the sender
 * keeps the peer's signed receipt. A chain rewritten up to a checkpointed position, even with
 * every later hash recomputed (the hash is public and unkeyed), no longer has the checkpoint's
 * hash there: the sender's own `sosa audit verify --peer-checkpoints` finds it, and the peer holds
 * the proof of what the chain said.
 *
 * Each checkpoint also restates the hash its chain has now at the position of the previous
 * checkpoint sent to that peer. The chain is cumulative (each hash commits to all before it), so a
 * rewrite anywhere before that position changes it: the peer sees the contradiction with the
 * checkpoint it holds at the next checkpoint, without reading the sender's log.
 */
export const AUDIT_CHECKPOINT_KIND = 'audit.checkpoint';
/** The object of a checkpoint message: the sender's audit chain, named by the sender's nation. */
export const AUDIT_CHAIN_OBJECT = 'audit_chain';

const SHA256_HEX = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest in lowercase hex');

export const auditCheckpointSchema = z.strictObject({
  /** The head's position (0: an empty chain) and hash. */
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: SHA256_HEX,
  /** When the checkpoint was taken. */
  at: z.iso.datetime({ offset: true }),
  /**
   * The previous checkpoint sent to this peer, with the hash the chain has at its position now
   * (null: the chain no longer has that position); null for the first checkpoint to the peer.
   */
  previous: z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), hash: SHA256_HEX.nullable() }).nullable(),
});
export type AuditCheckpointClaim = z.infer<typeof auditCheckpointSchema>;

export const auditCheckpointBodySchema = z.strictObject({ checkpoint: auditCheckpointSchema });
export type AuditCheckpointBody = z.infer<typeof auditCheckpointBodySchema>;

export interface HeldCheckpoint {
  messageId: string;
  claim: AuditCheckpointClaim;
}

export interface CheckpointConflict {
  messageId: string;
  /** The chain position the contradiction is about. */
  position: number;
  problem: string;
}

const short = (hash: string | null) => (hash === null ? 'none' : `${hash.slice(0, 12)}…`);

/**
 * What is wrong with `next` given the checkpoints held before it from the same sender, in the
 * order they came (null: consistent). A sender's checkpoints form a growing sequence: never
 * behind the last one, the same hash wherever two name the same position, and each naming the
 * last one held as its previous with the hash held for it.
 */
export function checkpointContradiction(held: readonly AuditCheckpointClaim[], next: AuditCheckpointClaim): { position: number; problem: string } | null {
  const last = held[held.length - 1];
  const same = held.find((c) => c.seq === next.seq);
  if (same && same.hash !== next.hash) {
    return { position: next.seq, problem: `position ${next.seq} was checkpointed with hash ${short(same.hash)} and is now said to have ${short(next.hash)}: the log was rewritten up to it` };
  }
  if (!last) return null;
  if (next.seq < last.seq) return { position: last.seq, problem: `the checkpoint at position ${next.seq} is behind the one held at ${last.seq}: the log was cut` };
  if (next.previous === null) return { position: last.seq, problem: `the checkpoint at position ${next.seq} names no previous checkpoint, though the one at ${last.seq} is held` };
  if (next.previous.seq !== last.seq) return { position: last.seq, problem: `the checkpoint at position ${next.seq} names ${next.previous.seq} as its previous; the last one held is at ${last.seq}` };
  if (next.previous.hash === null) return { position: last.seq, problem: `the checkpoint at position ${next.seq} says the log no longer has position ${last.seq}: the log was cut` };
  if (next.previous.hash !== last.hash) {
    return { position: last.seq, problem: `the checkpoint at position ${next.seq} says position ${last.seq} now has hash ${short(next.previous.hash)}; the checkpoint held says ${short(last.hash)}: the log was rewritten up to it` };
  }
  return null;
}

/** Every contradiction in a sender's checkpoints as held, in the order they came. */
export function checkpointConflicts(held: readonly HeldCheckpoint[]): CheckpointConflict[] {
  const conflicts: CheckpointConflict[] = [];
  for (let i = 0; i < held.length; i++) {
    const found = checkpointContradiction(held.slice(0, i).map((h) => h.claim), held[i]!.claim);
    if (found) conflicts.push({ messageId: held[i]!.messageId, ...found });
  }
  return conflicts;
}
