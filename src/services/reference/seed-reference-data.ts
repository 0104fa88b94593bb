import { INDIA_CENTRAL_CALENDAR, libraryCalendar, US_FEDERAL_CALENDAR, type CalendarDefinition } from '../../domain/calendar/index.js';
import { BUILT_IN_WORKFLOWS } from '../../domain/workflows/built-in-workflows.js';
import type { Db } from '../../store/executor.js';
import { insertArrangementDirectionsIfMissing, insertArrangementsIfMissing, insertCalendarIfMissing, insertNationsIfMissing } from '../../store/seed/reference.repository.js';
import { saveWorkflowDefinition } from '../requests/workflow-registry.js';
import { US_SOSA_PARTNERS } from './sosa-partners.js';

async function saveCalendar(db: Db, def: CalendarDefinition): Promise<void> {
  await insertCalendarIfMissing(
    db,
    { nation: def.nation, time_zone: def.timeZone, weekend: def.weekend, close_of_business: def.closeOfBusiness, library_country: def.library?.country ?? null, library_types: def.library?.types ?? [] },
    def.added,
  );
}

/**
 * Reference data every installation needs, demo or not: nations, the US SOSA arrangements,
 * working calendars, the built-in workflows and the US–India request paths. Idempotent.
 */
export async function seedReferenceData(db: Db): Promise<void> {
  await insertNationsIfMissing(db, [{ code: 'US', name: 'United States' }, ...US_SOSA_PARTNERS.map((p) => ({ code: p.nation, name: p.name }))]);
  await saveCalendar(db, US_FEDERAL_CALENDAR);
  await saveCalendar(db, INDIA_CENTRAL_CALENDAR);
  for (const p of US_SOSA_PARTNERS) {
    // Other partners start with a plain Monday–Friday calendar and their public holidays from the
    // holidays library; their ministries refine them.
    await saveCalendar(db, libraryCalendar(p.nation, p.timeZone, p.nation === 'IL' ? [5, 6] : [6, 7]));
  }
  // Built-in workflows belong to the code: refreshed at every start, so an upgrade's rules apply.
  // An arrangement that needs another path configures a workflow of its own id.
  for (const wf of BUILT_IN_WORKFLOWS) await saveWorkflowDefinition(db, wf);
  await insertArrangementsIfMissing(
    db,
    US_SOSA_PARTNERS.map((p) => ({ id: `US-${p.nation}`, name: `US–${p.name} Security of Supply Arrangement`, nation_a: 'US', nation_b: p.nation, signed: p.signed, signed_on: p.signedOn, notes: p.note ?? '' })),
  );
  await insertArrangementDirectionsIfMissing(db, [
    { arrangement_id: 'US-IN', from_nation: 'IN', to_nation: 'US', workflow_id: 'dpas' },
    { arrangement_id: 'US-IN', from_nation: 'US', to_nation: 'IN', workflow_id: 'code_of_conduct' },
  ]);
}
