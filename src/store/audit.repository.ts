import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { GENESIS_HASH, hashAuditRecord, verifyChain, type AuditRecord, type ChainVerdict, type StoredAuditRecord } from '../domain/audit/hash-chain.js';
import type { AuditEventRow, Database } from './schema.js';
import { compiledOnce } from './compiled-once.js';
import { recordInBatch } from './audit-read-batch.js';
import type { Actor } from '../domain/access/actor.js';

/** What a caller writes: the hashed record's who, what and on what (hash-chain.ts), its data and its readers. */
export interface AuditEntry extends Pick<AuditRecord, 'actorId' | 'actor' | 'nation' | 'action' | 'entityType' | 'entityId'> {
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

/** Events appended by this process since it started: the sequencer is poked after a commit only when it grew. */
let appendedInProcess = 0;
export function auditAppendsInProcess(): number {
  return appendedInProcess;
}

/**
 * Writes the event inside the caller's transaction (never after the commit), so that no change
 * commits without its event (DESIGN.md "Audit sequencing"). It goes into the queue: no lock, no
 * read of the chain's head. The sequencer (sequenceAuditBatch) gives it its position and hash
 * once the transaction has committed.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await insertIntoQueue(trx, entry);
}

/**
 * Records a read by another nation's user (request.read), committed before the caller answers: a
 * read whose event cannot be written fails (issue #14). It changes nothing else, so there is no
 * change for it to commit with: it goes with the events of the other reads in flight, in one
 * INSERT that is its own transaction (audit-read-batch.ts, group commit), and resolves once that
 * has committed. The sequencer is not poked (no commit hook runs): it chains the event on its next round.
 */
export async function recordReadAs(db: Kysely<Database>, actor: Pick<Actor, 'userId' | 'username' | 'nation'>, event: Omit<AuditEntry, 'actorId' | 'actor' | 'nation'>): Promise<void> {
  const entry: AuditEntry = { actorId: actor.userId, actor: actor.username, nation: actor.nation, ...event };
  await recordInBatch(db, { at: new Date(), actorId: entry.actorId, actor: entry.actor, nation: entry.nation, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, data: entry.data ?? {}, parties: auditParties(entry) });
  appendedInProcess++;
}

/** Every write sends it: compiled once (issue #14). */
const insertQueued = compiledOnce((db, at: Date, actorId: string | null, actor: string, nation: string | null, action: string, entityType: string, entityId: string, data: string, parties: string[]) =>
  db.insertInto('audit_queue').values({ at, actor_id: actorId, actor, nation, action, entity_type: entityType, entity_id: entityId, data, parties }),
);

async function insertIntoQueue(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await insertQueued(db, new Date(), entry.actorId, entry.actor, entry.nation, entry.action, entry.entityType, entry.entityId, JSON.stringify(entry.data ?? {}), auditParties(entry));
  appendedInProcess++;
}

/** Data of the event that the statement itself makes (a new request's reference number): a jsonb expression over `from` (a CTE of the statement), merged into the event's data. */
export interface AuditDataFromStatement {
  from: RawBuilder<unknown>;
  data: RawBuilder<unknown>;
}

/**
 * An event written by the caller's own statement, in the change's transaction (a request step's
 * one statement, requests.repository.ts writeRequestStep, issue #14): `write` gets the INSERT into
 * the queue of what appendAudit would insert, as a fragment of its statement (a data-modifying
 * CTE), and sends it. The event counts as appended once the statement has run.
 */
export async function appendAuditIn<T>(entry: AuditEntry, write: (insert: RawBuilder<unknown>) => Promise<T>, fromStatement?: AuditDataFromStatement): Promise<T> {
  const event = { at: new Date(), actorId: entry.actorId, actor: entry.actor, nation: entry.nation, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, data: entry.data ?? {}, parties: auditParties(entry) };
  const result = await write(sql`insert into "audit_queue" ("at", "actor_id", "actor", "nation", "action", "entity_type", "entity_id", "data", "parties")
    select e."at", e."actorId", e."actor", e."nation", e."action", e."entityType", e."entityId", e."data"${fromStatement ? sql` || ${fromStatement.data}` : sql``}, e."parties"
    from ${fromStatement ? sql`${fromStatement.from}, ` : sql``}jsonb_to_record(${JSON.stringify(event)}::jsonb) as e("at" timestamptz, "actorId" uuid, "actor" text, "nation" text, "action" text, "entityType" text, "entityId" text, "data" jsonb, "parties" text[])`);
  appendedInProcess++;
  return result;
}

/** Appends an event done by a signed-in user: who, and for which nation, come from the actor. */
export function auditAs(trx: Transaction<Database>, actor: Pick<Actor, 'userId' | 'username' | 'nation'>, event: Omit<AuditEntry, 'actorId' | 'actor' | 'nation'>): Promise<void> {
  return appendAudit(trx, { actorId: actor.userId, actor: actor.username, nation: actor.nation, ...event });
}

// An arbitrary constant key for the transaction-scoped advisory lock that only sequencers take:
// one sequencer at a time, whatever the number of server processes on one PostgreSQL.
export const SEQUENCER_LOCK_KEY = 7_340_021;

/** Events per sequencer transaction (12 parameters a row, well under PostgreSQL's 65,535). */
export const SEQUENCER_BATCH = 1000;

export interface SequencerBatch {
  /** Events given a position by this run. */
  sequenced: number;
  /** Another sequencer held the lock: this run did nothing (it chains what is pending). */
  busy: boolean;
  /** The longest an event of this batch waited, from its writing to its position (ms). */
  maxWaitMs: number;
}

/**
 * One sequencer run: takes the sequencer lock (waiting for it with `wait`, else giving up when
 * another sequencer holds it), reads up to `limit` committed events of the queue in queue order,
 * chains them after the head (seq + 1, the head's hash) and moves them into audit_events, in one
 * transaction. Commit order: a transaction's event is visible to the sequencer only once it has
 * committed, so an event chained in an earlier batch committed before any event of a later one;
 * within a batch, queue order follows it for any two changes of which one began after the other
 * committed (the later one's id is larger).
 */
export async function sequenceAuditBatch(db: Kysely<Database>, options: { wait?: boolean; limit?: number } = {}): Promise<SequencerBatch> {
  return db.transaction().execute(async (trx) => {
    // The lock, and the word the queue's trigger wants before the sequencer's delete, in one
    // statement: a round is BEGIN, this, the read, the move and COMMIT (issue #14: under a load of
    // audited reads the sequencer runs dozens of rounds a second, each of a few events).
    const take = options.wait ? sql`pg_advisory_xact_lock(${SEQUENCER_LOCK_KEY})::text = ''` : sql`pg_try_advisory_xact_lock(${SEQUENCER_LOCK_KEY})`;
    const { rows: lock } = await sql<{ locked: boolean }>`select ${take} as locked, set_config('sosa.sequencing', 'on', true)`.execute(trx);
    if (!lock[0]?.locked) return { sequenced: 0, busy: true, maxWaitMs: 0 };
    const pending = await readPending(trx, options.limit ?? SEQUENCER_BATCH);
    if (pending.length === 0) return { sequenced: 0, busy: false, maxWaitMs: 0 };
    let seq = pending[0]!.head_seq ?? 0;
    let prevHash = pending[0]!.head_hash ?? GENESIS_HASH;
    const ids: number[] = [];
    const seqs: number[] = [];
    const prevHashes: string[] = [];
    const hashes: string[] = [];
    for (const q of pending) {
      // Hashed from the row as stored (jsonb, timestamptz), exactly as verification reads it back;
      // the move below copies that same row, so what is hashed is what is kept.
      const record = { seq: ++seq, at: q.at, actorId: q.actor_id, actor: q.actor, nation: q.nation, action: q.action, entityType: q.entity_type, entityId: q.entity_id, data: q.data, parties: q.parties };
      const hash = hashAuditRecord(prevHash, record);
      ids.push(q.id);
      seqs.push(seq);
      prevHashes.push(prevHash);
      hashes.push(hash);
      prevHash = hash;
    }
    await moveToChain(trx, ids, seqs, prevHashes, hashes);
    const now = Date.now();
    return { sequenced: pending.length, busy: false, maxWaitMs: Math.max(...pending.map((q) => now - q.at.getTime())) };
  });
}

// The head of the chain rides along with the queue's first rows (two init plans, run once), so a
// round reads both in one statement.
const readPending = compiledOnce((db, limit: number) =>
  db
    .selectFrom('audit_queue')
    .selectAll()
    .select([
      sql<number | null>`(select seq from audit_events order by seq desc limit 1)`.as('head_seq'),
      sql<string | null>`(select hash from audit_events order by seq desc limit 1)`.as('head_hash'),
    ])
    .orderBy('id')
    .limit(limit),
);

// One text whatever the batch's size (arrays, not a row of parameters per event), so it is
// prepared once per connection and a batch of 1,000 is not 12,000 parameters to parse and plan.
// The events are copied from the queue by id, not sent back: the data modifying CTE and the
// delete see the same snapshot of the queue.
async function moveToChain(trx: Transaction<Database>, ids: number[], seqs: number[], prevHashes: string[], hashes: string[]): Promise<void> {
  const moved = await sql`with chained as (
      insert into "audit_events" ("seq", "at", "actor_id", "actor", "nation", "action", "entity_type", "entity_id", "data", "parties", "prev_hash", "hash")
      select c."seq", q."at", q."actor_id", q."actor", q."nation", q."action", q."entity_type", q."entity_id", q."data", q."parties", c."prev_hash", c."hash"
      from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevHashes}::text[], ${hashes}::text[]) as c("id", "seq", "prev_hash", "hash")
      join "audit_queue" q on q."id" = c."id"
    )
    delete from "audit_queue" where "id" = any(${ids}::bigint[])`.execute(trx);
  // Only a sequencer deletes from the queue, under the lock this round holds: any other count is
  // a defect, and the round is undone rather than leave an event chained and queued, or neither.
  if (Number(moved.numAffectedRows) !== ids.length) throw new Error(`audit sequencer: moved ${moved.numAffectedRows} of ${ids.length} queued events`);
}

/**
 * Chains everything committed so far, waiting for a running sequencer if there is one: what
 * readers of the chain (verification, the auditors' search) do first. Returns the events chained.
 */
export async function sequencePendingAudit(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await sequenceAuditBatch(db, { wait: true });
    total += batch.sequenced;
    if (batch.sequenced < SEQUENCER_BATCH) return total;
  }
}

/** Committed events still waiting for their position. */
export async function pendingAuditCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit_queue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How long events written since `since` waited for their chain position (sequenced_at - at): the
 * longest and the 99th percentile, in ms, with how many were chained and how many still wait.
 */
export async function auditWaitSince(db: Kysely<Database>, since: Date): Promise<{ events: number; maxWaitMs: number; p99WaitMs: number; pending: number }> {
  const { rows } = await sql<{ events: number; max_ms: number | null; p99_ms: number | null }>`
    select count(*)::int as events,
           (extract(epoch from max(sequenced_at - at)) * 1000)::float8 as max_ms,
           (extract(epoch from percentile_cont(0.99) within group (order by sequenced_at - at)) * 1000)::float8 as p99_ms
      from audit_events where at >= ${since} and sequenced_at is not null`.execute(db);
  const row = rows[0]!;
  return { events: row.events, maxWaitMs: Math.round(row.max_ms ?? 0), p99WaitMs: Math.round(row.p99_ms ?? 0), pending: await pendingAuditCount(db) };
}

/** Whether an event with this action was written, chained or still queued. */
export async function auditActionWritten(db: Kysely<Database>, action: string): Promise<boolean> {
  // One statement, one snapshot: the sequencer may move the event from the queue to the chain
  // between two separate reads, and neither would find it.
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from audit_events where action = ${action})
        or exists (select 1 from audit_queue where action = ${action}) as found`.execute(db);
  return rows[0]?.found === true;
}

const PAGE = 5000;

/**
 * Reads the log in pages, in sequence order, and checks every link: first chaining what is
 * pending (`sosa audit verify` verifies every committed event), unless `sequenceFirst` is false.
 * `upToSeq` bounds the walk
 * (the head when an online verification started, so events appended meanwhile do not make it run
 * on); `yieldBetweenPages` gives the event loop back between pages, so a running server keeps
 * answering while it verifies.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  onProgress?: (checked: number, total: number) => void,
  options: { pageSize?: number; upToSeq?: number; yieldBetweenPages?: boolean; sequenceFirst?: boolean } = {},
): Promise<ChainVerdict> {
  if (options.sequenceFirst !== false) await sequencePendingAudit(db);
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
