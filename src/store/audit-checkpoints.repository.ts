import { GENESIS_HASH } from '../domain/audit/hash-chain.js';
import { AUDIT_CHAIN_OBJECT, AUDIT_CHECKPOINT_KIND } from '../domain/audit/peer-checkpoint.js';
import type { Db } from './executor.js';
import type { OutboundState } from './schema.js';

/**
 * Audit checkpoints exchanged with peers (issue #13). They are federation messages: what this
 * instance sent stays in its outbox (the signed message and the peer's signed receipt), what it
 * received stays in its inbox (the peer's signed message), so the evidence is the signed bytes
 * and nothing is kept twice.
 */

export interface SentCheckpointRow {
  messageId: string;
  peerNation: string;
  /** The message's number towards the peer. */
  messageSeq: number;
  jws: string;
  messageHash: string;
  state: OutboundState;
  receipt: string | null;
  createdAt: Date;
}

export interface HeldCheckpointRow {
  messageId: string;
  senderNation: string;
  messageSeq: number;
  jws: string;
  messageHash: string;
  receivedAt: Date;
}

function sentQuery(db: Db) {
  return db
    .selectFrom('federation_outbox')
    .select(['id', 'peer_nation', 'seq', 'jws', 'message_hash', 'state', 'receipt', 'created_at'])
    .where('object_type', '=', AUDIT_CHAIN_OBJECT)
    .where('kind', '=', AUDIT_CHECKPOINT_KIND);
}

function toSent(r: { id: string; peer_nation: string; seq: number; jws: string; message_hash: string; state: OutboundState; receipt: string | null; created_at: Date }): SentCheckpointRow {
  return { messageId: r.id, peerNation: r.peer_nation, messageSeq: Number(r.seq), jws: r.jws, messageHash: r.message_hash, state: r.state, receipt: r.receipt, createdAt: r.created_at };
}

/** Every checkpoint this instance sent, per peer in the order sent. */
export async function listSentCheckpoints(db: Db): Promise<SentCheckpointRow[]> {
  const rows = await sentQuery(db).orderBy('peer_nation').orderBy('seq').execute();
  return rows.map(toSent);
}

/** The last checkpoint sent to `peerNation` that the peer did not refuse (pending ones are delivered in order). */
export async function lastSentCheckpoint(db: Db, peerNation: string): Promise<SentCheckpointRow | undefined> {
  const row = await sentQuery(db).where('peer_nation', '=', peerNation).where('state', '<>', 'refused').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row && toSent(row);
}

/** The checkpoints held from peers (applied, not refused), per sender in the order received; one sender's with `senderNation`. */
export async function listHeldCheckpoints(db: Db, senderNation?: string): Promise<HeldCheckpointRow[]> {
  const rows = await db
    .selectFrom('federation_inbox')
    .select(['message_id', 'sender_nation', 'seq', 'jws', 'message_hash', 'applied_at'])
    .where('object_type', '=', AUDIT_CHAIN_OBJECT)
    .where('kind', '=', AUDIT_CHECKPOINT_KIND)
    .where('outcome', '=', 'applied')
    .$if(senderNation !== undefined, (qb) => qb.where('sender_nation', '=', senderNation!).where('object_id', '=', senderNation!))
    .orderBy('sender_nation')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ messageId: r.message_id, senderNation: r.sender_nation, messageSeq: Number(r.seq), jws: r.jws, messageHash: r.message_hash, receivedAt: r.applied_at }));
}

/** The hash of the event at `seq` (the genesis hash for 0), or null when the chain has no such event. */
export async function auditHashAt(db: Db, seq: number): Promise<string | null> {
  if (seq === 0) return GENESIS_HASH;
  const row = await db.selectFrom('audit_events').select('hash').where('seq', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
}

/** The newest chained event's position and hash (0 and the genesis hash for an empty chain). */
export async function auditHeadEntry(db: Db): Promise<{ seq: number; hash: string }> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}
