import { sql, type Kysely, type Transaction } from 'kysely';
import { GENESIS_HASH, hashAuditRecord, verifyChain, type ChainVerdict, type StoredAuditRecord } from '../domain/audit/hash-chain.js';
import type { AuditEventRow, Database } from './schema.js';
import type { Actor } from '../domain/access/actor.js';

export interface AuditEntry {
  actorId: string | null;
  actor: string;
  nation: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
  /**
   * Other nations whose auditors read this event besides `nation` (the nations party to the
   * object: a program's partners, the two nations of a request …), or ['*'] for every auditor of
   * the instance. Omitted: the actor's nation only — or, with no nation, the instance.
   */
  parties?: readonly string[];
}

/** The readers of an event, sorted and unique, so that the hash of the same event is always the same. */
export function auditParties(entry: Pick<AuditEntry, 'nation' | 'parties'>): string[] {
  const all = new Set<string>([...(entry.nation ? [entry.nation] : []), ...(entry.parties ?? [])]);
  if (all.size === 0 || all.has('*')) return ['*'];
  return [...all].sort();
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
    parties: r.parties ?? undefined,
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
    parties: r.parties ? [...r.parties] : null,
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
    parties: auditParties(entry),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = hashAuditRecord(prevHash, record);
  await trx
    .insertInto('audit_events')
    .values(toAuditRow({ ...record, prevHash, hash }))
    .execute();
  return record.seq;
}

/** Appends an event done by a signed-in user: who, and for which nation, come from the actor. */
export function auditAs(trx: Transaction<Database>, actor: Pick<Actor, 'userId' | 'username' | 'nation'>, event: Omit<AuditEntry, 'actorId' | 'actor' | 'nation'>): Promise<number> {
  return appendAudit(trx, { actorId: actor.userId, actor: actor.username, nation: actor.nation, ...event });
}

const PAGE = 5000;

/**
 * Reads the log in pages, in sequence order, and checks every link. `upToSeq` bounds the walk
 * (the head when an online verification started, so events appended meanwhile do not make it run
 * on); `yieldBetweenPages` gives the event loop back between pages, so a running server keeps
 * answering while it verifies.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  onProgress?: (checked: number, total: number) => void,
  options: { pageSize?: number; upToSeq?: number; yieldBetweenPages?: boolean } = {},
): Promise<ChainVerdict> {
  const pageSize = options.pageSize ?? PAGE;
  // The count is only for a progress bar: a whole-table scan an online verification does without.
  const { total } = onProgress
    ? await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .$if(options.upToSeq !== undefined, (qb) => qb.where('seq', '<=', options.upToSeq!))
        .executeTakeFirstOrThrow()
    : { total: 0 };
  let position = { seq: 0, hash: GENESIS_HASH, count: 0 };
  for (;;) {
    // The first page has no lower bound: a row forged with seq 0 or below must be seen (and
    // reported), not skipped by `seq > 0`.
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .$if(position.count > 0, (qb) => qb.where('seq', '>', position.seq))
      .$if(options.upToSeq !== undefined, (qb) => qb.where('seq', '<=', options.upToSeq!))
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    const records = rows.map(toStoredAuditRecord);
    // Hashed in slices, giving the event loop back between them when asked to.
    const slice = options.yieldBetweenPages ? 200 : records.length;
    for (let i = 0; i < records.length; i += slice) {
      const part = records.slice(i, i + slice);
      const verdict = verifyChain(part, position);
      if (!verdict.ok) return verdict;
      const last = part[part.length - 1]!;
      position = { seq: last.seq, hash: last.hash, count: verdict.count };
      if (options.yieldBetweenPages) await new Promise((r) => setImmediate(r));
    }
    onProgress?.(position.count, Number(total));
  }
  return { ok: true, count: position.count, lastHash: position.hash };
}

/** The newest event's sequence number (0 for an empty log). */
export async function auditHead(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

export interface AuditSearch {
  entityType?: string | undefined;
  /** An object's id, or a reference such as a request's or a logistics order's. */
  entity?: string | undefined;
  actor?: string | undefined;
  /** An action ("request.acknowledge"), or a family of them ending in a dot ("request."). */
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  afterSeq?: number | undefined;
  beforeSeq?: number | undefined;
  order: 'asc' | 'desc';
  limit: number;
}

/**
 * The events an auditor of `readerNation` reads: its nation's, those of objects it is party to,
 * and the instance's own ('*'). Rows older than migration 0012 carry no readers and count as
 * their actor's nation's (or the instance's, without a nation).
 */
export async function searchAuditEvents(db: Kysely<Database>, readerNation: string, q: AuditSearch): Promise<AuditEventRow[]> {
  const like = (text: string) => `${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where(sql<boolean>`coalesce(parties, array[coalesce(nation, '*')]) && array[${readerNation}::text, '*'::text]`)
    .$if(q.entityType !== undefined, (qb) => qb.where('entity_type', '=', q.entityType!))
    // A reference (a request's, a logistics order's) names the object of every event that carried it.
    .$if(q.entity !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('entity_id', '=', q.entity!),
          eb('entity_id', 'in', eb.selectFrom('audit_events as r').select('r.entity_id').where(sql<string>`r.data ->> 'reference'`, '=', q.entity!)),
        ]),
      ),
    )
    .$if(q.actor !== undefined, (qb) => qb.where('actor', '=', q.actor!))
    .$if(q.action !== undefined, (qb) => (q.action!.endsWith('.') ? qb.where('action', 'like', like(q.action!)) : qb.where('action', '=', q.action!)))
    .$if(q.from !== undefined, (qb) => qb.where('at', '>=', q.from!))
    .$if(q.to !== undefined, (qb) => qb.where('at', '<=', q.to!))
    .$if(q.afterSeq !== undefined, (qb) => qb.where('seq', '>', q.afterSeq!))
    .$if(q.beforeSeq !== undefined, (qb) => qb.where('seq', '<', q.beforeSeq!))
    .orderBy('seq', q.order)
    .limit(q.limit)
    .execute();
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
