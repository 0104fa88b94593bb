import { DateTime } from 'luxon';
import { keepsHolidaysByHand, missingHolidayYears } from '../../domain/calendar/holiday-coverage.js';
import { createWorkingCalendar } from '../../domain/calendar/index.js';
import { computeDeadline } from '../../domain/deadlines/compute-deadline.js';
import type { Urgency } from '../../domain/workflows/workflow-definition.js';
import { auditAs } from '../../store/audit.repository.js';
import { lockProvisionalDeadlines, runningDeadlineSpan, updateDeadlineRow } from '../../store/calendars.repository.js';
import type { Db, Tx } from '../../store/executor.js';
import type { AppContext } from '../context.js';

export interface ProvisionalNote {
  nation: string;
  years: number[];
  /** For people: "India's 2027 holiday list is not loaded". */
  reason: string;
}

/** What a provisional deadline says, or null for a final one. */
export function provisionalNote(nation: string, nationName: string, years: readonly number[]): ProvisionalNote | null {
  if (years.length === 0) return null;
  const list = years.length === 1 ? `${years[0]} holiday list is` : `${years.slice(0, -1).join(', ')} and ${years[years.length - 1]} holiday lists are`;
  return { nation, years: [...years], reason: `${nationName}'s ${list} not loaded` };
}

export interface HolidayListStatus {
  keepsHolidaysByHand: boolean;
  /** Years from this one to next year, or to the last year a running deadline reaches, that have no list. */
  missingYears: number[];
  /** Running deadlines of the nation counted through a missing year. */
  provisionalDeadlines: number;
}

/** For the admin calendar page: which of a hand-kept calendar's years still need their list. */
export async function holidayListStatus(ctx: AppContext, nation: string, db: Db = ctx.store.db): Promise<HolidayListStatus> {
  const def = await ctx.calendars.definition(nation, db);
  if (!keepsHolidaysByHand(def)) return { keepsHolidaysByHand: false, missingYears: [], provisionalDeadlines: 0 };
  const thisYear = DateTime.fromJSDate(ctx.now(), { zone: def.timeZone }).year;
  const running = await runningDeadlineSpan(db, nation);
  const lastYear = running.last ? DateTime.fromJSDate(running.last, { zone: def.timeZone }).year : thisYear;
  return {
    keepsHolidaysByHand: true,
    missingYears: missingHolidayYears(def, `${thisYear}-01-01`, `${Math.max(thisYear + 1, lastYear)}-12-31`),
    provisionalDeadlines: running.provisional,
  };
}

/**
 * A holiday of `year` was entered: the running deadlines of the nation that were counted through
 * that year while it had no list are counted again from their start with the calendar as it now
 * is, and are final once no missing year remains. (Other deadlines keep their dates: an admin's
 * edit counts for deadlines computed from then on.) Each recount is in the audit log.
 */
export async function settleProvisionalDeadlines(ctx: AppContext, trx: Tx, nation: string, year: number, actor: { userId: string; username: string; nation: string }): Promise<number> {
  const calendar = createWorkingCalendar(await ctx.calendars.definition(nation, trx));
  const rows = await lockProvisionalDeadlines(trx, nation, year);
  let settled = 0;
  for (const d of rows) {
    const def = await ctx.workflows.get(d.workflow_id, trx);
    const spec = def.deadlines.find((s) => s.kind === d.kind);
    if (!spec) continue;
    const due = computeDeadline({ spec, urgency: d.urgency as Urgency, startedAt: d.started_at, calendar, fields: d.fields, requiredBy: d.required_by });
    const basis = { ...d.basis, ...due.basis, recounted: { at: ctx.now().toISOString(), previousDueAt: d.due_at.toISOString(), because: `the ${nation} holiday list for ${year} was loaded` } };
    await updateDeadlineRow(trx, d.id, { due_at: due.dueAt, working_days: due.workingDays, hours: due.hours, basis: JSON.stringify(basis), provisional_years: due.provisionalYears });
    await auditAs(trx, actor, {
      action: 'deadline.recount',
      entityType: 'request',
      entityId: d.request_id,
      data: { deadline: d.id, kind: d.kind, from: d.due_at.toISOString(), to: due.dueAt.toISOString(), provisionalYears: due.provisionalYears },
    });
    settled++;
  }
  return settled;
}
