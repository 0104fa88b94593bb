import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from './executor.js';
import type { FederationOutboxTable, OutboundState } from './schema.js';

/** Issue #13: the outbox, inbox and partner mirrors of the message layer (migration 0019). */

export interface OutboundRow {
  id: string;
  peerNation: string;
  seq: number;
  kind: string;
  objectType: string;
  objectId: string;
  objectVersion: number;
  jws: string;
  messageHash: string;
  state: OutboundState;
  refusalReason: string | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  unreachableSince: Date | null;
  receipt: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** An outbox row as the queries here read it (every column but the answers' hash). */
type OutboxSelect = Omit<Selectable<FederationOutboxTable>, 'answers_hash'>;

function toOutbound(r: OutboxSelect): OutboundRow {
  return {
    id: r.id,
    peerNation: r.peer_nation,
    seq: r.seq,
    kind: r.kind,
    objectType: r.object_type,
    objectId: r.object_id,
    objectVersion: r.object_version,
    jws: r.jws,
    messageHash: r.message_hash,
    state: r.state,
    refusalReason: r.refusal_reason,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    unreachableSince: r.unreachable_since,
    receipt: r.receipt,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  };
}

const OUTBOX_COLUMNS = [
  'id',
  'peer_nation',
  'seq',
  'kind',
  'object_type',
  'object_id',
  'object_version',
  'jws',
  'message_hash',
  'state',
  'refusal_reason',
  'attempts',
  'next_attempt_at',
  'last_error',
  'unreachable_since',
  'receipt',
  'delivered_at',
  'created_at',
] as const;

/**
 * Locks the peer's row until the transaction ends: the sequence numbers towards one peer (outbox)
 * and the messages applied from it (inbox) are taken one transaction at a time.
 */
export async function lockPeerRow(trx: Tx, nation: string): Promise<boolean> {
  const row = await trx.selectFrom('federation_peers').select('nation').where('nation', '=', nation).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function lastOutboundSeq(db: Db, peerNation: string): Promise<number> {
  const row = await db.selectFrom('federation_outbox').select((eb) => eb.fn.max('seq').as('seq')).where('peer_nation', '=', peerNation).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function insertOutbound(
  trx: Tx,
  row: { id: string; peerNation: string; seq: number; kind: string; objectType: string; objectId: string; objectVersion: number; answersHash: string | null; jws: string; messageHash: string; now: Date },
): Promise<void> {
  await trx
    .insertInto('federation_outbox')
    .values({
      id: row.id,
      peer_nation: row.peerNation,
      seq: row.seq,
      kind: row.kind,
      object_type: row.objectType,
      object_id: row.objectId,
      object_version: row.objectVersion,
      answers_hash: row.answersHash,
      jws: row.jws,
      message_hash: row.messageHash,
      next_attempt_at: row.now,
      created_at: row.now,
    })
    .execute();
}

/** The peers that have a pending message, and when the first of each is due. */
export async function listPeersWithPending(db: Db): Promise<Array<{ peerNation: string; seq: number; nextAttemptAt: Date }>> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select(['peer_nation', 'seq', 'next_attempt_at'])
    .distinctOn('peer_nation')
    .where('state', '=', 'pending')
    .orderBy('peer_nation')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ peerNation: r.peer_nation, seq: r.seq, nextAttemptAt: r.next_attempt_at }));
}

/** The first pending message to a peer: messages are delivered strictly in sequence order. */
export async function firstPendingOutbound(db: Db, peerNation: string): Promise<OutboundRow | undefined> {
  const row = await db.selectFrom('federation_outbox').select(OUTBOX_COLUMNS).where('peer_nation', '=', peerNation).where('state', '=', 'pending').orderBy('seq').limit(1).executeTakeFirst();
  return row && toOutbound(row);
}

/**
 * The first pending messages to a peer, in sequence order: at most `limit`, and no more than
 * `maxChars` of signed messages together (the first always, whatever its size), what one batched
 * POST to the peer's inbox carries. Only the rows sent are read out of the table.
 */
export async function pendingOutboundBatch(db: Db, peerNation: string, limit: number, maxChars: number): Promise<OutboundRow[]> {
  const columns = sql.join(OUTBOX_COLUMNS.map((c) => sql.ref(c)));
  const result = await sql<OutboxSelect>`select ${columns} from (
      select f.*, sum(length(f.jws)) over (order by f.seq) as running, row_number() over (order by f.seq) as n
      from (select ${columns} from federation_outbox where peer_nation = ${peerNation} and state = 'pending' order by seq limit ${limit}) f
    ) r where r.n = 1 or r.running <= ${maxChars} order by seq`.execute(db);
  return result.rows.map(toOutbound);
}

export async function findOutbound(db: Db, id: string): Promise<OutboundRow | undefined> {
  const row = await db.selectFrom('federation_outbox').select(OUTBOX_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toOutbound(row);
}

export async function markOutboundDelivered(trx: Tx, id: string, receipt: string, at: Date): Promise<void> {
  await trx
    .updateTable('federation_outbox')
    .set({ state: 'delivered', receipt, delivered_at: at, last_error: null, refusal_reason: null, unreachable_since: null, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/**
 * The peer took the message in and refused it, with a signed receipt saying so (issue #13): the
 * message is done with, like a delivered one, and the queue moves on to the next.
 */
export async function markOutboundRefused(trx: Tx, id: string, receipt: string, reason: string, at: Date): Promise<void> {
  await trx
    .updateTable('federation_outbox')
    .set({ state: 'refused', refusal_reason: reason.slice(0, 64), receipt, delivered_at: at, unreachable_since: null, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

/** A failed attempt: the next one after `nextAttemptAt`; the peer counts as unreachable since the first failure. */
export async function markOutboundAttemptFailed(db: Db, id: string, error: string, nextAttemptAt: Date, now: Date): Promise<void> {
  await db
    .updateTable('federation_outbox')
    .set({ attempts: sql<number>`attempts + 1`, last_error: error.slice(0, 500), next_attempt_at: nextAttemptAt, unreachable_since: sql<Date>`coalesce(unreachable_since, ${now})` })
    .where('id', '=', id)
    .execute();
}

/**
 * The peer says it has applied everything before `fromSeq` and nothing from it on (it lost what
 * it had acknowledged, e.g. restored from a backup): the messages from `fromSeq` are sent again,
 * in order. Their receipts stay, as evidence of the first delivery, until new ones replace them.
 */
export async function resendOutboundFrom(db: Db, peerNation: string, fromSeq: number, now: Date): Promise<number> {
  const result = await db.updateTable('federation_outbox').set({ state: 'pending', next_attempt_at: now }).where('peer_nation', '=', peerNation).where('seq', '>=', fromSeq).where('state', 'in', ['delivered', 'refused']).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The peer is up (it fetched the last page of its messages): the first pending message to it is
 * due now, not when the backoff its outage built up says. Returns whether one was waiting.
 */
export async function duePendingNow(db: Db, peerNation: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('federation_outbox').set({ next_attempt_at: now }).where('peer_nation', '=', peerNation).where('state', '=', 'pending').where('next_attempt_at', '>', now).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What the peer fetches to catch up: its messages after `after`, in order. */
export async function listOutboundAfter(db: Db, peerNation: string, after: number, limit: number): Promise<Array<{ seq: number; jws: string }>> {
  return db.selectFrom('federation_outbox').select(['seq', 'jws']).where('peer_nation', '=', peerNation).where('seq', '>', after).orderBy('seq').limit(limit).execute();
}

/** The latest message about an object to each peer, with its delivery state. */
export async function latestOutboundForObject(db: Db, objectType: string, objectId: string): Promise<OutboundRow[]> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select(OUTBOX_COLUMNS)
    .distinctOn('peer_nation')
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('peer_nation')
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toOutbound);
}

/**
 * The highest version of each object of a type this instance has sent a peer (any state: a
 * refused version would be refused again): what peering need not send it again (issue #13).
 */
export async function sentVersionsTo(db: Db, peerNation: string, objectType: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select((eb) => ['object_id', eb.fn.max('object_version').as('version')])
    .where('peer_nation', '=', peerNation)
    .where('object_type', '=', objectType)
    .groupBy('object_id')
    .execute();
  return new Map(rows.map((r) => [r.object_id, Number(r.version)]));
}

/** The signed messages of one kind about one object sent to a peer, in order (their bodies say what each carried). */
export async function sentMessagesAbout(db: Db, peerNation: string, kind: string, objectId: string): Promise<string[]> {
  const rows = await db.selectFrom('federation_outbox').select('jws').where('peer_nation', '=', peerNation).where('kind', '=', kind).where('object_id', '=', objectId).orderBy('seq').execute();
  return rows.map((r) => r.jws);
}

/** Since when the peer has lacked a change of the object: when its oldest undelivered message about it was queued. */
export async function objectPendingSince(db: Db, objectType: string, objectId: string, peerNation: string): Promise<Date | null> {
  const row = await db
    .selectFrom('federation_outbox')
    .select((eb) => eb.fn.min('created_at').as('since'))
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .where('peer_nation', '=', peerNation)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return (row?.since as Date | null | undefined) ?? null;
}

/**
 * Of these objects, those with a change a peer has not yet received, and which peers: one
 * statement for a page of a list, on the (object_type, object_id, seq) index. A peer takes its
 * messages in sequence, so an object with any pending message has a latest change not delivered.
 */
export async function peersPendingForObjects(db: Db, objectType: string, objectIds: readonly string[]): Promise<Map<string, string[]>> {
  const pending = new Map<string, string[]>();
  if (objectIds.length === 0) return pending;
  const rows = await db
    .selectFrom('federation_outbox')
    .select(['object_id', 'peer_nation'])
    .distinct()
    .where('object_type', '=', objectType)
    .where('object_id', 'in', objectIds)
    .where('state', '=', 'pending')
    .orderBy('object_id')
    .orderBy('peer_nation')
    .execute();
  for (const r of rows) pending.set(r.object_id, [...(pending.get(r.object_id) ?? []), r.peer_nation]);
  return pending;
}

/** The oldest failure still pending towards a peer: since when it is unreachable. */
export async function peerUnreachableSince(db: Db, peerNation: string): Promise<Date | null> {
  const row = await db
    .selectFrom('federation_outbox')
    .select((eb) => eb.fn.min('unreachable_since').as('since'))
    .where('peer_nation', '=', peerNation)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return (row?.since as Date | null | undefined) ?? null;
}

export interface InboundRow {
  messageId: string;
  senderNation: string;
  seq: number;
  messageHash: string;
  appliedAt: Date;
  receipt: string;
  /** 'refused': authentic and in sequence, recorded, nothing applied (migration 0032). */
  outcome: 'applied' | 'refused';
  refusalReason: string | null;
}

const INBOX_COLUMNS = ['message_id', 'sender_nation', 'seq', 'message_hash', 'applied_at', 'receipt', 'outcome', 'refusal_reason'] as const;

function toInbound(r: { message_id: string; sender_nation: string; seq: number; message_hash: string; applied_at: Date; receipt: string; outcome: 'applied' | 'refused'; refusal_reason: string | null }): InboundRow {
  return { messageId: r.message_id, senderNation: r.sender_nation, seq: r.seq, messageHash: r.message_hash, appliedAt: r.applied_at, receipt: r.receipt, outcome: r.outcome, refusalReason: r.refusal_reason };
}

export async function findInbound(db: Db, messageId: string): Promise<InboundRow | undefined> {
  const r = await db.selectFrom('federation_inbox').select(INBOX_COLUMNS).where('message_id', '=', messageId).executeTakeFirst();
  return r && toInbound(r);
}

/** The inbox rows of these message ids (a batch of messages checked in one statement), by id. */
export async function findInboundMany(db: Db, messageIds: readonly string[]): Promise<Map<string, InboundRow>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db.selectFrom('federation_inbox').select(INBOX_COLUMNS).where('message_id', 'in', messageIds).execute();
  return new Map(rows.map((r) => [r.message_id, toInbound(r)]));
}

export async function findInboundBySeq(db: Db, senderNation: string, seq: number): Promise<InboundRow | undefined> {
  const r = await db.selectFrom('federation_inbox').select(INBOX_COLUMNS).where('sender_nation', '=', senderNation).where('seq', '=', seq).executeTakeFirst();
  return r && toInbound(r);
}

/**
 * Whether a message about `object` with this hash was exchanged with the peer, either way: one it
 * sent (the inbox) or one this instance sent it (the outbox). What a message's `answers` must name.
 */
export async function exchangedMessageHeld(db: Db, peerNation: string, object: { type: string; id: string }, messageHash: string): Promise<boolean> {
  const received = await db
    .selectFrom('federation_inbox')
    .select('message_id')
    .where('sender_nation', '=', peerNation)
    .where('object_type', '=', object.type)
    .where('object_id', '=', object.id)
    .where('message_hash', '=', messageHash)
    .executeTakeFirst();
  if (received) return true;
  const sent = await db
    .selectFrom('federation_outbox')
    .select('id')
    .where('peer_nation', '=', peerNation)
    .where('object_type', '=', object.type)
    .where('object_id', '=', object.id)
    .where('message_hash', '=', messageHash)
    .executeTakeFirst();
  return sent !== undefined;
}

export async function lastInboundSeq(db: Db, senderNation: string): Promise<number> {
  const row = await db.selectFrom('federation_inbox').select((eb) => eb.fn.max('seq').as('seq')).where('sender_nation', '=', senderNation).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

export async function insertInbound(
  trx: Tx,
  row: { messageId: string; senderNation: string; seq: number; kind: string; objectType: string; objectId: string; objectVersion: number; jws: string; messageHash: string; appliedAt: Date; receipt: string; refusalReason?: string },
): Promise<void> {
  await trx
    .insertInto('federation_inbox')
    .values({
      message_id: row.messageId,
      sender_nation: row.senderNation,
      seq: row.seq,
      kind: row.kind,
      object_type: row.objectType,
      object_id: row.objectId,
      object_version: row.objectVersion,
      jws: row.jws,
      message_hash: row.messageHash,
      applied_at: row.appliedAt,
      receipt: row.receipt,
      outcome: row.refusalReason ? 'refused' : 'applied',
      refusal_reason: row.refusalReason ?? null,
    })
    .execute();
}

/**
 * The partner's view of an object, as its latest applied message says. Messages are applied in
 * the sender's sequence order, so the latest is the sender's latest word, even when its version is
 * lower than the one held: a sender restored from an older backup goes on from the older version.
 */
export async function upsertMirror(trx: Tx, row: { peerNation: string; objectType: string; objectId: string; objectVersion: number; body: Record<string, unknown>; messageId: string; now: Date }): Promise<void> {
  const values = { object_version: row.objectVersion, body: JSON.stringify(row.body), message_id: row.messageId, updated_at: row.now };
  await trx
    .insertInto('federation_mirrors')
    .values({ peer_nation: row.peerNation, object_type: row.objectType, object_id: row.objectId, ...values })
    .onConflict((oc) => oc.columns(['peer_nation', 'object_type', 'object_id']).doUpdateSet(values))
    .execute();
}

export async function findMirror(db: Db, peerNation: string, objectType: string, objectId: string): Promise<{ objectVersion: number; body: Record<string, unknown>; messageId: string; updatedAt: Date } | undefined> {
  const r = await db.selectFrom('federation_mirrors').select(['object_version', 'body', 'message_id', 'updated_at']).where('peer_nation', '=', peerNation).where('object_type', '=', objectType).where('object_id', '=', objectId).executeTakeFirst();
  return r && { objectVersion: r.object_version, body: r.body, messageId: r.message_id, updatedAt: r.updated_at };
}

/** Counts for tests and the operator: messages received from a peer, mirrors held. */
export async function countInbound(db: Db, senderNation: string): Promise<number> {
  const row = await db.selectFrom('federation_inbox').select((eb) => eb.fn.countAll().as('n')).where('sender_nation', '=', senderNation).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The pending messages to a peer, in order, with what renumbering them needs. */
export async function listPendingOutbound(trx: Tx, peerNation: string): Promise<Array<{ id: string; seq: number; jws: string; objectType: string; objectId: string }>> {
  const rows = await trx.selectFrom('federation_outbox').select(['id', 'seq', 'jws', 'object_type', 'object_id']).where('peer_nation', '=', peerNation).where('state', '=', 'pending').orderBy('seq').execute();
  return rows.map((r) => ({ id: r.id, seq: r.seq, jws: r.jws, objectType: r.object_type, objectId: r.object_id }));
}

/** A pending message under a new number, signed again; it is due at once and starts its attempts afresh. */
export async function renumberOutbound(trx: Tx, row: { id: string; seq: number; jws: string; messageHash: string; now: Date }): Promise<void> {
  await trx
    .updateTable('federation_outbox')
    .set({ seq: row.seq, jws: row.jws, message_hash: row.messageHash, attempts: 0, next_attempt_at: row.now, last_error: null, unreachable_since: null, receipt: null })
    .where('id', '=', row.id)
    .where('state', '=', 'pending')
    .execute();
}

/** The hash of the latest message about an object sent to the peer, or null when none was. */
export async function latestOutboundHash(db: Db, peerNation: string, objectType: string, objectId: string): Promise<string | null> {
  const row = await db.selectFrom('federation_outbox').select('message_hash').where('peer_nation', '=', peerNation).where('object_type', '=', objectType).where('object_id', '=', objectId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.message_hash ?? null;
}

/** The hash of the latest message about an object applied from the peer, or null when none was. */
export async function latestInboundHash(db: Db, senderNation: string, objectType: string, objectId: string): Promise<string | null> {
  const row = await db.selectFrom('federation_inbox').select('message_hash').where('sender_nation', '=', senderNation).where('object_type', '=', objectType).where('object_id', '=', objectId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.message_hash ?? null;
}

export interface PeerQueueState {
  pending: number;
  delivered: number;
  /** Taken in and refused by the peer, with its signed receipt (migration 0032). */
  refused: number;
}

/** Per peer, how many messages of the outbox are pending, delivered and refused (`sosa peer list`). */
export async function outboundCountsByPeer(db: Db): Promise<Map<string, PeerQueueState>> {
  const rows = await db.selectFrom('federation_outbox').select(['peer_nation', 'state', (eb) => eb.fn.countAll().as('n')]).groupBy(['peer_nation', 'state']).execute();
  const counts = new Map<string, PeerQueueState>();
  for (const r of rows) {
    const entry = counts.get(r.peer_nation) ?? { pending: 0, delivered: 0, refused: 0 };
    entry[r.state] = Number(r.n);
    counts.set(r.peer_nation, entry);
  }
  return counts;
}

/** The signed messages of one kind queued to a peer (any state), in sequence. */
export async function listOutboundJwsOfKind(db: Db, peerNation: string, kind: string): Promise<string[]> {
  const rows = await db.selectFrom('federation_outbox').select('jws').where('peer_nation', '=', peerNation).where('kind', '=', kind).orderBy('seq').execute();
  return rows.map((r) => r.jws);
}
