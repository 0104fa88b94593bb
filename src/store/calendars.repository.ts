import { sql, type Updateable } from 'kysely';
import type { Db, Tx } from './executor.js';
import type { Database } from './schema.js';

// The SQL of the working calendars (a nation's definition and its admin-edited holidays) and of
// the running deadlines counted on them. The rules are in src/domain/calendar and
// src/services/calendars.

export function findCalendarRow(db: Db, nation: string) {
  return db.selectFrom('calendars').selectAll().where('nation', '=', nation).executeTakeFirst();
}

/** The nation's added and removed holidays, by date. */
export function listHolidayRows(db: Db, nation: string) {
  return db.selectFrom('calendar_holidays').selectAll().where('nation', '=', nation).orderBy('date').execute();
}

/** Of the nation's running deadlines: the last due time, and how many were counted through a year with no holiday list. */
export async function runningDeadlineSpan(db: Db, nation: string): Promise<{ last: Date | null; provisional: number }> {
  const row = await db
    .selectFrom('deadlines')
    .select((eb) => [eb.fn.max('due_at').as('last'), eb.fn.countAll<number>().filterWhere(sql<boolean>`provisional_years <> '{}'`).as('provisional')])
    .where('nation', '=', nation)
    .where('stopped_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { last: row.last ? new Date(row.last) : null, provisional: Number(row.provisional) };
}

/** The nation's running deadlines counted through `year` while it had no list, with their request, locked for the recount. */
export async function lockProvisionalDeadlines(trx: Tx, nation: string, year: number) {
  // Their requests first: a recounted due time rewrites the request's next_due_at (migration 0034's
  // trigger), and a transition locks the request before its deadlines; locked in the other order,
  // a recount and a transition of one request would each wait on the other.
  await trx
    .selectFrom('requests')
    .select('id')
    .where('id', 'in', (eb) => eb.selectFrom('deadlines').select('request_id').where('nation', '=', nation).where('stopped_at', 'is', null).where(sql<boolean>`${year}::int = any(provisional_years)`))
    .orderBy('id')
    .forUpdate()
    .execute();
  return trx
    .selectFrom('deadlines')
    .innerJoin('requests', 'requests.id', 'deadlines.request_id')
    .select(['deadlines.id', 'deadlines.request_id', 'deadlines.kind', 'deadlines.started_at', 'deadlines.due_at', 'deadlines.basis', 'requests.workflow_id', 'requests.urgency', 'requests.fields', 'requests.required_by'])
    .where('deadlines.nation', '=', nation)
    .where('deadlines.stopped_at', 'is', null)
    .where(sql<boolean>`${year}::int = any(deadlines.provisional_years)`)
    .forUpdate('deadlines')
    .execute();
}

export async function updateDeadlineRow(db: Db, id: string, set: Updateable<Database['deadlines']>): Promise<void> {
  await db.updateTable('deadlines').set(set).where('id', '=', id).execute();
}

/** Sets the nation's time zone, weekend or close of business (those given). */
export async function updateCalendarSettings(db: Db, nation: string, set: { timeZone?: string | undefined; weekend?: number[] | undefined; closeOfBusiness?: string | null | undefined }, at: Date): Promise<void> {
  await db
    .updateTable('calendars')
    .set({
      ...(set.timeZone ? { time_zone: set.timeZone } : {}),
      ...(set.weekend ? { weekend: set.weekend } : {}),
      ...(set.closeOfBusiness !== undefined ? { close_of_business: set.closeOfBusiness } : {}),
      updated_at: at,
    })
    .where('nation', '=', nation)
    .execute();
}

export async function deleteHolidayEntry(db: Db, nation: string, date: string, kind: 'added' | 'removed'): Promise<void> {
  await db.deleteFrom('calendar_holidays').where('nation', '=', nation).where('date', '=', date).where('kind', '=', kind).execute();
}

/** Adds the holiday to the nation's calendar, or renames the one added on that date. */
export async function upsertAddedHoliday(db: Db, nation: string, date: string, name: string): Promise<void> {
  await db
    .insertInto('calendar_holidays')
    .values({ nation, date, kind: 'added', name })
    .onConflict((oc) => oc.columns(['nation', 'date', 'kind']).doUpdateSet({ name }))
    .execute();
}

/** Records that a library holiday is not one in the nation's calendar (once). */
export async function insertRemovedHoliday(db: Db, nation: string, date: string, name: string): Promise<void> {
  await db.insertInto('calendar_holidays').values({ nation, date, kind: 'removed', name }).onConflict((oc) => oc.doNothing()).execute();
}
