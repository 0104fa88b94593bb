import type { Insertable } from 'kysely';
import type { Db } from '../executor.js';
import type { Database } from '../schema.js';

// The SQL of the reference data every installation seeds (src/services/reference/seed-reference-data.ts).
// Every insert leaves an existing row as it is, so seeding is idempotent.

export async function insertNationsIfMissing(db: Db, nations: ReadonlyArray<{ code: string; name: string }>): Promise<void> {
  await db.insertInto('nations').values([...nations]).onConflict((oc) => oc.doNothing()).execute();
}

/** A nation's calendar and its added holidays, unless the nation has one already (its ministry's edits stand). */
export async function insertCalendarIfMissing(
  db: Db,
  calendar: Insertable<Database['calendars']>,
  added: ReadonlyArray<{ date: string; name: string }>,
): Promise<void> {
  await db.insertInto('calendars').values(calendar).onConflict((oc) => oc.column('nation').doNothing()).execute();
  for (const h of added) {
    await db.insertInto('calendar_holidays').values({ nation: calendar.nation, date: h.date, kind: 'added', name: h.name }).onConflict((oc) => oc.doNothing()).execute();
  }
}

export async function insertArrangementsIfMissing(db: Db, arrangements: ReadonlyArray<Insertable<Database['arrangements']>>): Promise<void> {
  await db.insertInto('arrangements').values([...arrangements]).onConflict((oc) => oc.doNothing()).execute();
}

export async function insertArrangementDirectionsIfMissing(db: Db, directions: ReadonlyArray<Insertable<Database['arrangement_directions']>>): Promise<void> {
  await db.insertInto('arrangement_directions').values([...directions]).onConflict((oc) => oc.doNothing()).execute();
}
