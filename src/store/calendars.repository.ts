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
export function lockProvisionalDeadlines(trx: Tx, nation: string, year: number) {
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
