import { sql, type Insertable } from 'kysely';
import type { Database } from './schema.js';
import type { FileFetchState } from '../domain/federation/delivery.js';
import type { Db, Tx } from './executor.js';

/**
 * Issue #13: the copies of requests this instance holds from its peers (federation_mirrors,
 * object type 'request'), read for the officials of this instance's nation. The copy's body is
 * the sender's border projection, kept as its last applied message carried it.
 */

export interface PartnerCopyFilter {
  peer?: string | undefined;
  state?: string | undefined;
  /** Matched against the reference and the title, case-insensitively. */
  q?: string | undefined;
}

export interface PartnerCopyRow {
  peerNation: string;
  requestId: string;
  objectVersion: number;
  body: Record<string, unknown>;
  messageId: string;
  updatedAt: Date;
}

function filtered(db: Db, filter: PartnerCopyFilter) {
  let query = db.selectFrom('federation_mirrors').where('object_type', '=', 'request');
  if (filter.peer) query = query.where('peer_nation', '=', filter.peer);
  if (filter.state) query = query.where(sql<string>`body -> 'request' ->> 'state'`, '=', filter.state);
  if (filter.q) {
    // The user's text is matched literally: % and _ are escaped, not wildcards.
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb(sql<string>`body -> 'request' ->> 'reference'`, 'ilike', pattern), eb(sql<string>`body -> 'request' ->> 'title'`, 'ilike', pattern)]));
  }
  return query;
}

/** A page of copies, the one whose last message arrived latest first. */
export async function listPartnerCopyPage(db: Db, filter: PartnerCopyFilter, page: { limit: number; offset: number }): Promise<{ rows: PartnerCopyRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, filter)
      .select(['peer_nation', 'object_id', 'object_version', 'body', 'message_id', 'updated_at'])
      .orderBy('updated_at', 'desc')
      .orderBy('peer_nation')
      .orderBy('object_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({ peerNation: r.peer_nation, requestId: r.object_id, objectVersion: r.object_version, body: r.body, messageId: r.message_id, updatedAt: r.updated_at })),
    total: Number(count?.n ?? 0),
  };
}

/**
 * The copies of requests `nation` made (so: held by its peers) that sit in one of the named states
 * of their workflow, the longest unchanged first: the daily digest's copies that may wait on this
 * nation's officials (daily-digest.ts). Past the limit it is the copies that waited least that are
 * left out, not those that waited longest.
 */
export async function listCopiesOfRequestsFrom(db: Db, nation: string, states: ReadonlyArray<{ workflowId: string; states: readonly string[] }>, limit: number): Promise<PartnerCopyRow[]> {
  const wanted = states.filter((w) => w.states.length > 0);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('federation_mirrors')
    .select(['peer_nation', 'object_id', 'object_version', 'body', 'message_id', 'updated_at'])
    .where('object_type', '=', 'request')
    .where(sql<string>`body -> 'request' ->> 'fromNation'`, '=', nation)
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb(sql<string>`body -> 'request' ->> 'workflowId'`, '=', w.workflowId), eb(sql<string>`body -> 'request' ->> 'state'`, 'in', [...w.states])]))))
    .orderBy('updated_at', 'asc')
    .orderBy('object_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ peerNation: r.peer_nation, requestId: r.object_id, objectVersion: r.object_version, body: r.body, messageId: r.message_id, updatedAt: r.updated_at }));
}

/**
 * The copy of one request, from the one peer that holds it. The inbox keeps a request id to one
 * desk (copy-from-holder.ts); should two peers' copies of one id be held all the same (written
 * before that check), neither is the request's copy: no official reads, steps, comments or
 * attaches on a copy whose holder is in doubt, and the second peer's never shadows the first's.
 */
export async function findPartnerCopy(db: Db, requestId: string, options: { forUpdate?: boolean } = {}): Promise<PartnerCopyRow | undefined> {
  let query = db
    .selectFrom('federation_mirrors')
    .select(['peer_nation', 'object_id', 'object_version', 'body', 'message_id', 'updated_at'])
    .where('object_type', '=', 'request')
    .where('object_id', '=', requestId)
    .limit(2);
  // A step on the copy (take-partner-copy-step.ts) holds it until it commits: two racing steps send one message.
  if (options.forUpdate) query = query.forUpdate();
  const rows = await query.execute();
  const r = rows.length === 1 ? rows[0] : undefined;
  return r && { peerNation: r.peer_nation, requestId: r.object_id, objectVersion: r.object_version, body: r.body, messageId: r.message_id, updatedAt: r.updated_at };
}

/** The peers whose copy of a request this instance keeps (one, when there is a copy at all). */
export async function listCopyHolders(db: Db, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom('federation_mirrors').select('peer_nation').where('object_type', '=', 'request').where('object_id', '=', requestId).execute();
  return rows.map((r) => r.peer_nation);
}

/** A signed message about a request, as either side of the trail keeps it. */
interface TrailRow {
  messageId: string;
  seq: number;
  kind: string;
  objectVersion: number;
  jws: string;
  messageHash: string;
}

export interface InboundTrailRow extends TrailRow {
  appliedAt: Date;
  receipt: string;
}

/** Every message about one request applied from the peer, in the order the peer sent them. */
export async function listInboundTrail(db: Db, senderNation: string, requestId: string): Promise<InboundTrailRow[]> {
  const rows = await db
    .selectFrom('federation_inbox')
    .select(['message_id', 'seq', 'kind', 'object_version', 'jws', 'message_hash', 'applied_at', 'receipt'])
    .where('sender_nation', '=', senderNation)
    .where('object_type', '=', 'request')
    .where('object_id', '=', requestId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ messageId: r.message_id, seq: Number(r.seq), kind: r.kind, objectVersion: r.object_version, jws: r.jws, messageHash: r.message_hash, appliedAt: r.applied_at, receipt: r.receipt }));
}

export interface OutboundTrailRow extends TrailRow {
  answersHash: string | null;
  state: string;
  refusalReason: string | null;
  createdAt: Date;
  /** The peer's signed receipt, once it took the message in (null while pending). */
  receipt: string | null;
}

/**
 * Every message this instance sent the peer about one request (its submission, steps and shared
 * comments), in the order sent, with the receipt the peer signed: the evidence that the peer
 * received each (issue #13). Read through federation_outbox_object (migration 0019).
 */
export async function listOutboundTrail(db: Db, peerNation: string, requestId: string): Promise<OutboundTrailRow[]> {
  const rows = await db
    .selectFrom('federation_outbox')
    .select(['id', 'seq', 'kind', 'object_version', 'jws', 'message_hash', 'answers_hash', 'state', 'refusal_reason', 'created_at', 'receipt'])
    .where('object_type', '=', 'request')
    .where('object_id', '=', requestId)
    .where('peer_nation', '=', peerNation)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ messageId: r.id, seq: Number(r.seq), kind: r.kind, objectVersion: r.object_version, jws: r.jws, messageHash: r.message_hash, answersHash: r.answers_hash, state: r.state, refusalReason: r.refusal_reason, createdAt: r.created_at, receipt: r.receipt }));
}

/** The step this instance sent about a copy, not yet answered by the holder (issue #13, migration 0036). */
export async function markStepSent(trx: Db, peerNation: string, requestId: string, messageId: string, sentBy: string): Promise<void> {
  await trx.updateTable('federation_mirrors').set({ step_sent_message_id: messageId, step_sent_by: sentBy }).where('peer_nation', '=', peerNation).where('object_type', '=', 'request').where('object_id', '=', requestId).execute();
}

/**
 * The holder's projection answering the step (by the step message's hash) shows it applied.
 * Returns who sent the step (migration 0043; null for a mark older than it), or undefined when the
 * projection answers no step of this instance still marked.
 */
export async function clearStepSent(trx: Db, peerNation: string, requestId: string, answersHash: string): Promise<string | null | undefined> {
  const answered = await trx
    .selectFrom('federation_mirrors')
    .select('step_sent_by')
    .where('peer_nation', '=', peerNation)
    .where('object_type', '=', 'request')
    .where('object_id', '=', requestId)
    .where('step_sent_message_id', 'in', (eb) => eb.selectFrom('federation_outbox').select('id').where('peer_nation', '=', peerNation).where('message_hash', '=', answersHash))
    .executeTakeFirst();
  if (!answered) return undefined;
  await trx.updateTable('federation_mirrors').set({ step_sent_message_id: null, step_sent_by: null }).where('peer_nation', '=', peerNation).where('object_type', '=', 'request').where('object_id', '=', requestId).execute();
  return answered.step_sent_by;
}

/**
 * The holder's projection answering a comment or file this instance's officials added on the copy
 * (by that message's hash) shows it applied (migration 0052).
 */
export async function markContributionApplied(trx: Db, peerNation: string, requestId: string, answersHash: string, now: Date): Promise<void> {
  await trx
    .updateTable('partner_copy_contributions')
    .set({ applied_at: now })
    .where('peer_nation', '=', peerNation)
    .where('request_id', '=', requestId)
    .where('applied_at', 'is', null)
    .where('message_id', 'in', (eb) => eb.selectFrom('federation_outbox').select('id').where('peer_nation', '=', peerNation).where('message_hash', '=', answersHash))
    .execute();
}

/** What this nation's officials added on a copy (migration 0052), to keep. */
export async function insertContribution(db: Db, values: Insertable<Database['partner_copy_contributions']>): Promise<void> {
  await db.insertInto('partner_copy_contributions').values(values).execute();
}

/**
 * What this nation's officials added on a copy, oldest first, without a file's content, each with
 * its author's name and, for what was sent, the state of its message (pending, delivered, refused).
 */
export function listContributions(db: Db, peerNation: string, requestId: string) {
  return db
    .selectFrom('partner_copy_contributions as c')
    .innerJoin('users as u', 'u.id', 'c.author_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('federation_outbox as m', 'm.id', 'c.message_id')
    .select(['c.id', 'c.kind', 'c.visibility', 'c.body', 'c.filename', 'c.content_type', 'c.size', 'c.sha256', 'c.message_id', 'c.created_at', 'c.applied_at', 'u.display_name', 'u.nation', 'o.name as organisation_name', 'm.state as delivery', 'm.refusal_reason', 'm.receipt'])
    .where('c.peer_nation', '=', peerNation)
    .where('c.request_id', '=', requestId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

/** A file this nation's official attached on the copy, with its content. */
export function findContributedFile(db: Db, peerNation: string, requestId: string, id: string) {
  return db.selectFrom('partner_copy_contributions').selectAll().where('peer_nation', '=', peerNation).where('request_id', '=', requestId).where('id', '=', id).where('kind', '=', 'attachment').executeTakeFirst();
}

export interface StepSent {
  messageId: string;
  action: string;
  sentAt: Date;
  /** pending: not yet taken in; delivered: taken in, its answer not yet here; refused: the holder refused it. */
  delivery: string;
  refusalReason: string | null;
}

/** The step sent about a copy and not yet answered, with its delivery state, or null. */
export async function findStepSent(db: Db, peerNation: string, requestId: string): Promise<StepSent | null> {
  const r = await db
    .selectFrom('federation_mirrors as m')
    .innerJoin('federation_outbox as o', 'o.id', 'm.step_sent_message_id')
    .select(['o.id', 'o.jws', 'o.created_at', 'o.state', 'o.refusal_reason'])
    .where('m.peer_nation', '=', peerNation)
    .where('m.object_type', '=', 'request')
    .where('m.object_id', '=', requestId)
    .executeTakeFirst();
  if (!r) return null;
  const action = (JSON.parse(Buffer.from(r.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { body?: { action?: unknown } }).body?.action;
  return { messageId: r.id, action: typeof action === 'string' ? action : '', sentAt: r.created_at, delivery: r.state, refusalReason: r.refusal_reason };
}

/** A shared attachment a peer sent about a request (partner_attachments, migration 0046). */
export interface PartnerAttachmentValues {
  id: string;
  peerNation: string;
  requestId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploader: { displayName: string; nation: string; organisation: string | null };
  createdAt: string;
  content: Uint8Array | null;
  messageId: string;
  now: Date;
  /** `inline` with content; `pending` (fetched from now on) or `refused` (with `fetchError`) without. */
  fetchState: FileFetchState;
  fetchError?: string | null;
  /** Attached on the peer's copy of a request held here (migration 0054): once fetched, it joins the request's attachments. */
  fromCopy?: boolean;
}

/** Keeps an attachment once: the same one again (a second message about it) changes nothing. Whether it was new. */
export async function insertPartnerAttachment(db: Db, a: PartnerAttachmentValues): Promise<boolean> {
  const inserted = await db
    .insertInto('partner_attachments')
    .values({
      id: a.id,
      peer_nation: a.peerNation,
      request_id: a.requestId,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      sha256: a.sha256,
      uploader_name: a.uploader.displayName,
      uploader_nation: a.uploader.nation,
      uploader_organisation: a.uploader.organisation,
      created_at: a.createdAt,
      content: a.content,
      message_id: a.messageId,
      received_at: a.now,
      fetch_state: a.fetchState,
      next_fetch_at: a.fetchState === 'pending' ? a.now : null,
      fetch_error: a.fetchError ?? null,
      from_copy: a.fromCopy === true,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The attachments a peer sent about a request, oldest first, without their content; `transferred` says whether it is held, `fetch_state` what became of it. */
export function listPartnerAttachments(db: Db, peerNation: string, requestId: string) {
  return db
    .selectFrom('partner_attachments')
    .select(['id', 'filename', 'content_type', 'size', 'sha256', 'uploader_name', 'uploader_nation', 'uploader_organisation', 'created_at', 'fetch_state', 'fetch_error', 'fetch_attempts'])
    .select(sql<boolean>`content is not null`.as('transferred'))
    .where('peer_nation', '=', peerNation)
    .where('request_id', '=', requestId)
    .where('from_copy', '=', false)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findPartnerAttachment(db: Db, peerNation: string, requestId: string, attachmentId: string) {
  return db.selectFrom('partner_attachments').selectAll().where('peer_nation', '=', peerNation).where('request_id', '=', requestId).where('id', '=', attachmentId).where('from_copy', '=', false).executeTakeFirst();
}

/**
 * The files the peers' officials attached on their copies of a request held here (migration 0054)
 * that have not joined its attachments yet: being fetched, refused or not available.
 */
export function listFilesFromCopies(db: Db, requestId: string) {
  return db
    .selectFrom('partner_attachments')
    .select(['id', 'peer_nation', 'filename', 'content_type', 'size', 'sha256', 'uploader_name', 'uploader_nation', 'created_at', 'fetch_state', 'fetch_error'])
    .where('request_id', '=', requestId)
    .where('from_copy', '=', true)
    .where('fetch_state', '!=', 'fetched')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** A file a peer's official attached on its copy of a request held here (migration 0054), as listed. */
export function findFileFromCopy(db: Db, id: string) {
  return db.selectFrom('partner_attachments').select(['id', 'filename', 'content_type', 'size', 'sha256', 'uploader_name', 'uploader_nation', 'uploader_organisation', 'created_at']).where('id', '=', id).where('from_copy', '=', true).executeTakeFirst();
}

/** Whether a file of that id was listed here by a peer (a copy's file not yet fetched included): its id is taken. */
export async function partnerAttachmentExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('partner_attachments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The file, locked for the transaction that asks for it again (fetch-copy-file-again.ts). */
export function lockPartnerAttachment(trx: Tx, peerNation: string, requestId: string, attachmentId: string) {
  return trx
    .selectFrom('partner_attachments')
    .select(['id', 'filename', 'size', 'sha256', 'fetch_state', 'fetch_error'])
    .select(sql<boolean>`content is not null`.as('transferred'))
    .where('peer_nation', '=', peerNation)
    .where('request_id', '=', requestId)
    .where('id', '=', attachmentId)
    .forUpdate()
    .executeTakeFirst();
}

/** Queues the fetch of a file that ended without its content (unavailable, refused) again, due at `now`, its count of attempts started anew. */
export async function requeueFileFetch(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('partner_attachments').set({ fetch_state: 'pending', next_fetch_at: now, fetch_attempts: 0, fetch_error: null }).where('id', '=', id).execute();
}

/** A file listed without its content whose fetch is due (fetch-partner-files.ts). */
export interface DueFileFetch {
  id: string;
  peerNation: string;
  requestId: string;
  filename: string;
  size: number;
  sha256: string;
  messageId: string;
  attempts: number;
  nextFetchAt: Date;
  /** Attached on the peer's copy of a request held here (migration 0054). */
  fromCopy: boolean;
}

/** Pending fetches due at `now` (all pending ones with `ignoreSchedule`), the longest waiting first. */
export async function listDueFileFetches(db: Db, now: Date, limit: number, ignoreSchedule = false): Promise<DueFileFetch[]> {
  let q = db
    .selectFrom('partner_attachments')
    .select(['id', 'peer_nation', 'request_id', 'filename', 'size', 'sha256', 'message_id', 'fetch_attempts', 'next_fetch_at', 'from_copy'])
    .where('fetch_state', '=', 'pending');
  if (!ignoreSchedule) q = q.where('next_fetch_at', '<=', now);
  const rows = await q.orderBy('next_fetch_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, peerNation: r.peer_nation, requestId: r.request_id, filename: r.filename, size: r.size, sha256: r.sha256, messageId: r.message_id, attempts: r.fetch_attempts, nextFetchAt: r.next_fetch_at ?? now, fromCopy: r.from_copy }));
}

/**
 * Takes a due fetch for this process: its next attempt moves to `leaseUntil` unless another process
 * (several server processes on one database) took it first. Whether it was taken.
 */
export async function claimFileFetch(db: Db, id: string, seenNextFetchAt: Date, leaseUntil: Date): Promise<boolean> {
  const r = await db.updateTable('partner_attachments').set({ next_fetch_at: leaseUntil }).where('id', '=', id).where('fetch_state', '=', 'pending').where('next_fetch_at', '=', seenNextFetchAt).returning('id').executeTakeFirst();
  return r !== undefined;
}

/** Gives back a fetch taken by claimFileFetch and cut off (the server stopping): due again at `nextFetchAt`, no attempt counted. */
export async function releaseFileFetch(db: Db, id: string, nextFetchAt: Date): Promise<void> {
  await db.updateTable('partner_attachments').set({ next_fetch_at: nextFetchAt }).where('id', '=', id).where('fetch_state', '=', 'pending').execute();
}

/**
 * Keeps the fetched content of a pending file; false when it was no longer pending (taken by
 * another process). `null` for a copy's file, whose content is kept among the request's attachments.
 */
export async function markFileFetched(trx: Tx, id: string, content: Uint8Array | null, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('partner_attachments')
    .set({ content, fetch_state: 'fetched', fetched_at: now, next_fetch_at: null, fetch_error: null, fetch_attempts: sql<number>`fetch_attempts + 1` })
    .where('id', '=', id)
    .where('fetch_state', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** A failed attempt: tried again at `nextFetchAt`. */
export async function markFileFetchFailed(db: Db, id: string, error: string, nextFetchAt: Date): Promise<void> {
  await db.updateTable('partner_attachments').set({ fetch_error: error.slice(0, 2000), next_fetch_at: nextFetchAt, fetch_attempts: sql<number>`fetch_attempts + 1` }).where('id', '=', id).where('fetch_state', '=', 'pending').execute();
}

/**
 * The end of a fetch without the content: `refused` by this instance, or `unavailable` from the
 * sender. False when no longer in `from` (pending; `fetched` for a copy's file this transaction
 * took and then found breaking this instance's rules).
 */
export async function markFileFetchEnded(trx: Tx, id: string, state: 'refused' | 'unavailable', error: string, from: 'pending' | 'fetched' = 'pending'): Promise<boolean> {
  const r = await trx
    .updateTable('partner_attachments')
    .set({ fetch_state: state, fetch_error: error.slice(0, 2000), next_fetch_at: null, ...(from === 'pending' ? { fetch_attempts: sql<number>`fetch_attempts + 1` } : { fetched_at: null }) })
    .where('id', '=', id)
    .where('fetch_state', '=', from)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
