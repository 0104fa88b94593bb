import { sql, type Kysely, type Transaction } from 'kysely';
import { GENESIS_HASH, hashAuditRecord, verifyChain, type ChainVerdict, type StoredAuditRecord } from '../domain/audit/hash-chain.js';
import type { AuditEventRow, Database } from './schema.js';

export interface AuditEntry {
  actorId: string | null;
  actor: string;
  nation: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** A stored row as the hash chain reads it. */
export function toStoredAuditRecord(r: AuditEventRow): StoredAuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    nation: r.nation,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** A chained record as the table stores it. */
export function toAuditRow(r: StoredAuditRecord) {
  return {
    seq: r.seq,
    at: r.at,
    actor_id: r.actorId,
    actor: r.actor,
    nation: r.nation,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    data: JSON.stringify(r.data),
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

// An arbitrary constant key for the transaction-scoped advisory lock that serialises appends.
const AUDIT_LOCK_KEY = 7_340_021;

/**
 * Appends to the hash chain inside the caller's transaction (never after the commit): the
 * advisory lock is held until that transaction ends, so sequence numbers and links follow commit
 * order even with several server processes on one PostgreSQL.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<number> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const record = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: entry.actorId,
    actor: entry.actor,
    nation: entry.nation,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashAuditRecord(prevHash, record);
  await trx
    .insertInto('audit_events')
    .values(toAuditRow({ ...record, prevHash, hash }))
    .execute();
  return record.seq;
}

const PAGE = 5000;

/** Reads the whole log in pages, in sequence order, and checks every link. */
export async function verifyAuditLog(db: Kysely<Database>, onProgress?: (checked: number, total: number) => void): Promise<ChainVerdict> {
  const { total } = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let position = { seq: 0, hash: GENESIS_HASH, count: 0 };
  for (;;) {
    // The first page has no lower bound: a row forged with seq 0 or below must be seen (and
    // reported), not skipped by `seq > 0`.
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .$if(position.count > 0, (qb) => qb.where('seq', '>', position.seq))
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    const records = rows.map(toStoredAuditRecord);
    const verdict = verifyChain(records, position);
    if (!verdict.ok) return verdict;
    const last = records[records.length - 1]!;
    position = { seq: last.seq, hash: last.hash, count: verdict.count };
    onProgress?.(verdict.count, Number(total));
  }
  return { ok: true, count: position.count, lastHash: position.hash };
}

export interface AuditCheckpoint {
  seq: number;
  hash: string;
}

export function parseCheckpoint(text: string): AuditCheckpoint | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/**
 * The chain alone cannot tell that its newest events were deleted, or that an edit was followed
 * by re-hashing every later event: the hash is public. A checkpoint (seq and hash of an event)
 * printed by `sosa audit verify` and kept outside the database — by the operator, or by the
 * other nation — anchors the chain: the event must still be there with the same hash.
 */
export async function checkCheckpoint(db: Kysely<Database>, checkpoint: AuditCheckpoint): Promise<{ ok: true } | { ok: false; problem: string }> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', checkpoint.seq).executeTakeFirst();
  if (!row) return { ok: false, problem: `event ${checkpoint.seq} of the checkpoint is gone: the log was truncated` };
  if (row.hash !== checkpoint.hash) return { ok: false, problem: `event ${checkpoint.seq} no longer has the checkpoint's hash: the log was rewritten up to it` };
  return { ok: true };
}
