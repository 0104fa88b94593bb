import type { Kysely } from 'kysely';
import { INDIA_CENTRAL_CALENDAR, US_FEDERAL_CALENDAR, type CalendarDefinition } from '../../domain/calendar/index.js';
import { BUILT_IN_WORKFLOWS } from '../../domain/workflows/built-in-workflows.js';
import type { Database } from '../../store/schema.js';
import { saveWorkflowDefinition } from '../requests/workflow-registry.js';
import { US_SOSA_PARTNERS } from './sosa-partners.js';

async function saveCalendar(db: Kysely<Database>, def: CalendarDefinition): Promise<void> {
  await db
    .insertInto('calendars')
    .values({ nation: def.nation, time_zone: def.timeZone, weekend: def.weekend, close_of_business: def.closeOfBusiness, library_country: def.library?.country ?? null, library_types: def.library?.types ?? [] })
    .onConflict((oc) => oc.column('nation').doNothing())
    .execute();
  for (const h of def.added) {
    await db.insertInto('calendar_holidays').values({ nation: def.nation, date: h.date, kind: 'added', name: h.name }).onConflict((oc) => oc.doNothing()).execute();
  }
}

/**
 * Reference data every installation needs, demo or not: nations, the US SOSA arrangements,
 * working calendars, the built-in workflows and the US–India request paths. Idempotent.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await db.insertInto('nations').values([{ code: 'US', name: 'United States' }, ...US_SOSA_PARTNERS.map((p) => ({ code: p.nation, name: p.name }))]).onConflict((oc) => oc.doNothing()).execute();
  await saveCalendar(db, US_FEDERAL_CALENDAR);
  await saveCalendar(db, INDIA_CENTRAL_CALENDAR);
  for (const p of US_SOSA_PARTNERS) {
    // Other partners start with a plain Monday–Friday calendar and their public holidays from the
    // holidays library; their ministries refine them.
    await saveCalendar(db, { nation: p.nation, timeZone: p.timeZone, weekend: p.nation === 'IL' ? [5, 6] : [6, 7], closeOfBusiness: null, library: { country: p.nation, types: ['public'] }, added: [], removed: [] });
  }
  // Built-in workflows belong to the code: refreshed at every start, so an upgrade's rules apply.
  // An arrangement that needs another path configures a workflow of its own id.
  for (const wf of BUILT_IN_WORKFLOWS) await saveWorkflowDefinition(db, wf);
  await db
    .insertInto('arrangements')
    .values(US_SOSA_PARTNERS.map((p) => ({ id: `US-${p.nation}`, name: `US–${p.name} Security of Supply Arrangement`, nation_a: 'US', nation_b: p.nation, signed: p.signed, signed_on: p.signedOn, notes: p.note ?? '' })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('arrangement_directions')
    .values([
      { arrangement_id: 'US-IN', from_nation: 'IN', to_nation: 'US', workflow_id: 'dpas' },
      { arrangement_id: 'US-IN', from_nation: 'US', to_nation: 'IN', workflow_id: 'code_of_conduct' },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
}
