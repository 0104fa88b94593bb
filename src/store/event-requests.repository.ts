import { sql, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of what an event leads to (migration 0026): its cached impact, the requests drafted
// from it, its closing. Who may do what is decided in src/services/events.

// ---- cached impacts ----

export function findImpactRow(db: Db, eventId: string, inputsKey: string) {
  return db.selectFrom('event_impacts').selectAll().where('event_id', '=', eventId).where('inputs_key', '=', inputsKey).executeTakeFirst();
}

/**
 * Claims the computation of an impact: inserts a 'computing' row, or takes over one whose
 * computation failed or went silent before `staleBefore` (its process died). True when claimed.
 */
export async function claimImpact(db: Db, eventId: string, inputsKey: string, at: Date, staleBefore: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('event_impacts')
    .values({ event_id: eventId, inputs_key: inputsKey, status: 'computing', result: null, error: null, started_at: at, heartbeat_at: at, finished_at: null })
    .onConflict((oc) => oc.columns(['event_id', 'inputs_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
  const taken = await db
    .updateTable('event_impacts')
    .set({ status: 'computing', error: null, started_at: at, heartbeat_at: at, finished_at: null })
    .where('event_id', '=', eventId)
    .where('inputs_key', '=', inputsKey)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'computing'), eb('heartbeat_at', '<', staleBefore)])]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) > 0;
}

export async function beatImpact(db: Db, eventId: string, inputsKey: string, at: Date): Promise<void> {
  await db.updateTable('event_impacts').set({ heartbeat_at: at }).where('event_id', '=', eventId).where('inputs_key', '=', inputsKey).where('status', '=', 'computing').execute();
}

export async function finishImpact(db: Db, eventId: string, inputsKey: string, values: { status: 'done' | 'failed'; result: string | null; error: string | null; at: Date }): Promise<void> {
  await db
    .updateTable('event_impacts')
    .set({ status: values.status, result: values.result, error: values.error, finished_at: values.at, heartbeat_at: values.at })
    .where('event_id', '=', eventId)
    .where('inputs_key', '=', inputsKey)
    .execute();
}

/** The latest finished impact of the event, whatever its inputs (what a draft is made from when the newest is still computing). */
export function findLatestDoneImpact(db: Db, eventId: string) {
  return db.selectFrom('event_impacts').selectAll().where('event_id', '=', eventId).where('status', '=', 'done').orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
}

/** The ids and creation times of the nation's networks (what an impact's inputs key is made of). */
export function listNetworkStamps(db: Db, nation: string) {
  return db.selectFrom('supply_networks').select(['id', 'created_at']).where('nation', '=', nation).orderBy('created_at').orderBy('id').limit(200).execute();
}

// ---- drafts ----

export async function insertDraftRows(db: Db, rows: ReadonlyArray<Insertable<Database['event_request_drafts']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('event_request_drafts').values([...rows]).execute();
}

/** The event's drafts that are not discarded, oldest first. */
export function listDraftRows(db: Db, eventId: string) {
  return db.selectFrom('event_request_drafts').selectAll().where('event_id', '=', eventId).where('status', '<>', 'discarded').orderBy('created_at').orderBy('id').execute();
}

export function findDraftRow(db: Db, eventId: string, draftId: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('event_request_drafts').selectAll().where('event_id', '=', eventId).where('id', '=', draftId).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/** Marks the event's open drafts discarded (a new drafting replaces them); returns their ids. */
export async function discardOpenDrafts(db: Db, eventId: string, by: string, at: Date): Promise<string[]> {
  const rows = await db.updateTable('event_request_drafts').set({ status: 'discarded', updated_by: by, updated_at: at }).where('event_id', '=', eventId).where('status', '=', 'draft').returning('id').execute();
  return rows.map((r) => r.id);
}

/** Updates an open draft at the version the editor saw; false when it changed meanwhile or is no longer a draft. */
export async function updateDraftRow(db: Db, draftId: string, version: number, set: { content?: string; status?: 'draft' | 'submitted' | 'discarded'; request_id?: string | null; updated_by: string; updated_at: Date }): Promise<boolean> {
  const res = await db
    .updateTable('event_request_drafts')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', draftId)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The requests the drafts became, with their first running deadline (the event page's progress column). */
export function listRequestProgressRows(db: Db, requestIds: readonly string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('requests')
    .select((eb) => [
      'requests.id',
      'requests.reference',
      'requests.state',
      'requests.workflow_id',
      'requests.from_nation',
      'requests.to_nation',
      'requests.updated_at',
      eb.selectFrom('deadlines').select((d) => d.fn.min('deadlines.due_at').as('due')).whereRef('deadlines.request_id', '=', 'requests.id').where('deadlines.stopped_at', 'is', null).as('next_due_at'),
    ])
    .where('requests.id', 'in', requestIds)
    .execute();
}

/** The event a request was drafted from, when the reader's nation recorded it. */
export function findEventOfRequest(db: Db, requestId: string, nation: string) {
  return db
    .selectFrom('event_request_drafts')
    .innerJoin('disruption_events', 'disruption_events.id', 'event_request_drafts.event_id')
    .select(['disruption_events.id', 'disruption_events.title', 'disruption_events.status'])
    .where('event_request_drafts.request_id', '=', requestId)
    .where('disruption_events.nation', '=', nation)
    .executeTakeFirst();
}

// ---- closing ----

/** Closes an open event of the nation; false when it is not open (or not the nation's). */
export async function closeEventRow(db: Db, input: { nation: string; id: string; by: string; at: Date; note: string }): Promise<boolean> {
  const res = await db
    .updateTable('disruption_events')
    .set({ status: 'closed', closed_at: input.at, closed_by: input.by, closing_note: input.note })
    .where('id', '=', input.id)
    .where('nation', '=', input.nation)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function findUsername(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst())?.username ?? null;
}

/** Drops a computation that was stopped (server shutdown), so the next read starts it again at once. */
export async function releaseImpact(db: Db, eventId: string, inputsKey: string): Promise<void> {
  await db.deleteFrom('event_impacts').where('event_id', '=', eventId).where('inputs_key', '=', inputsKey).where('status', '=', 'computing').execute();
}

/** The programs the nation leads or partners in: id, name and the network they are linked to. */
export function listProgramsOfNation(db: Db, nation: string) {
  return db
    .selectFrom('programs')
    .select(['id', 'name', 'network_id'])
    .where((eb) => eb.or([eb('nation', '=', nation), eb(sql<string>`${nation}`, '=', eb.fn.any('partner_nations'))]))
    .orderBy('id')
    .execute();
}

/** The nations the nation may ask for priority support (an arrangement direction from it). */
export async function listPartnerNations(db: Db, nation: string): Promise<string[]> {
  const rows = await db.selectFrom('arrangement_directions').select('to_nation').where('from_nation', '=', nation).orderBy('to_nation').execute();
  return [...new Set(rows.map((r) => r.to_nation))];
}
