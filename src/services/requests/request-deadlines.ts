import { randomUUID } from 'node:crypto';
import { computeDeadline } from '../../domain/deadlines/compute-deadline.js';
import { nationOfSide } from '../../domain/workflows/workflow-engine.js';
import type { Urgency, WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import { clockUrgency, type Posture } from '../../domain/workflows/posture.js';
import type { Db, Tx } from '../../store/executor.js';
import type { NewDeadlineValues } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { notifyMissingHolidayList } from '../notifications/notify-workflow-step.js';

interface DeadlineRequest {
  id: string;
  fromNation: string;
  toNation: string;
  urgency: Urgency;
  /** The arrangement's posture when the request was submitted (issue #15): it may shorten the clocks. */
  posture: Posture;
  requiredBy: string;
  fields: Record<string, unknown>;
}

/** A deadline to start, as planDeadlines counted it: its row, and the years of its count with no hand-kept holiday list. */
export interface PlannedDeadline {
  row: NewDeadlineValues;
  nation: string;
  provisionalYears: number[];
}

/** The deadlines that run while a request is in `state`, each counted in the deciding nation's calendar; written by the caller. */
export async function planDeadlines(ctx: AppContext, db: Db, def: WorkflowDefinition, request: DeadlineRequest, state: string, at: Date): Promise<PlannedDeadline[]> {
  const planned: PlannedDeadline[] = [];
  for (const spec of def.deadlines.filter((d) => d.state === state)) {
    const nation = nationOfSide(spec.decidingSide, request);
    const calendar = await ctx.calendars.get(nation, db);
    const urgency = clockUrgency(request.urgency, request.posture);
    const due = computeDeadline({ spec, urgency, startedAt: at, calendar, fields: request.fields, requiredBy: request.requiredBy });
    // The basis says when the posture, not the request's own urgency, chose the clock.
    const raised = urgency !== request.urgency ? { posture: request.posture, requestUrgency: request.urgency } : {};
    planned.push({
      nation,
      provisionalYears: due.provisionalYears,
      row: {
        id: randomUUID(),
        kind: spec.kind,
        label: spec.label,
        nation,
        started_at: at,
        due_at: due.dueAt,
        working_days: due.workingDays,
        hours: due.hours,
        basis: JSON.stringify({ ...due.basis, ...raised, ...(spec.rule ? { citation: spec.rule } : {}), escalateTo: spec.escalateTo }),
        provisional_years: due.provisionalYears,
      },
    });
  }
  return planned;
}

/** The earliest due date of planned deadlines (the request row's next_due_at), or null. */
export function earliestDue(planned: readonly PlannedDeadline[]): Date | null {
  let earliest: Date | null = null;
  for (const p of planned) {
    const due = new Date(p.row.due_at as Date | string);
    if (!earliest || due < earliest) earliest = due;
  }
  return earliest;
}

/** Tells the admins of every count that ran through a year whose hand-kept holiday list is missing (the deadline is provisional). */
export async function notifyProvisionalDeadlines(ctx: AppContext, trx: Tx, planned: readonly PlannedDeadline[]): Promise<void> {
  for (const p of planned) await notifyMissingHolidayList(ctx, trx, p.nation, p.provisionalYears);
}
