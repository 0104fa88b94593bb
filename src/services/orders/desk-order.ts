import { DateTime } from 'luxon';
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/index.js';
import { acceptanceClock, countdown, orderElements, type RatedStatus } from '../../domain/dpas/acceptance-clock.js';
import { dateBoundsProblem } from '../../domain/dpas/order-bounds.js';
import { keepUntil } from '../../domain/dpas/records-retention.js';
import type { FieldError } from '../../domain/errors.js';
import type { SupplierOrderRow } from '../../store/schema.js';

/** Where an order stands on the desk; after acceptance it follows performance: a delay notice (700.13(d)), delivery, closing. */
export type DeskStatus = 'awaiting_decision' | 'not_yet_rated' | 'accepted' | 'delay_reported' | 'delivered' | 'closed' | 'rejected' | 'cancelled' | 'unrated';

export interface AcceptanceView {
  dueAt: string;
  dueDate: IsoDate;
  workingDays: number | null;
  hours: number | null;
  rule: string;
  policy: string;
  calendar: { nation: string; timeZone: string };
  /** The receipt counted from: the order's, or the change's that made it a new rated order (700.16(c)). */
  ratedAsOf: string;
  /** Live countdown while the decision is open; null once decided or cancelled. */
  workingDaysLeft: number | null;
  hoursLeft: number | null;
  overdue: boolean;
  urgent: boolean;
}

export interface DecisionView {
  decision: 'accepted' | 'rejected';
  decidedAt: string;
  decidedBy: string | null;
  reasons: string | null;
  rejectionGround: string | null;
  offeredDeliveryDate: IsoDate | null;
  /** Decided after the 700.13(d) deadline: recorded, and marked late. */
  late: boolean;
}

export interface DeskOrderFacts {
  status: DeskStatus;
  ratedStatus: RatedStatus;
  /** 700.12(a) elements the order lacks: it is not yet a rated order until the customer supplies them. */
  missingElements: FieldError[];
  acceptance: AcceptanceView | null;
  decision: DecisionView | null;
  destination: string | null;
  signedBy: string | null;
  certified: boolean | null;
  emergency: { basis: string; hours: number | null } | null;
  cancelledAt: string | null;
  /** The supplier's promise at acceptance, or the new date of its latest delay notice (700.13(d)). */
  promisedDeliveryDate: IsoDate | null;
  delayReportedAt: string | null;
  deliveredOn: IsoDate | null;
  closedAt: string | null;
  /** 700.91(a): kept at least 3 years after the order is closed (verify); null while it is open. */
  keepUntil: IsoDate | null;
  /** What the supplier may do here (a SOSA-linked order is decided, delivered and closed on its request). */
  actions: Array<'accept' | 'reject' | 'change' | 'cancel' | 'plan'>;
}

export function localDate(at: Date, zone: string): IsoDate {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** The elements of a stored order, as 700.12(a) reads them. */
export function elementsOf(row: SupplierOrderRow, zone: string) {
  return orderElements({
    rating: row.rating ?? undefined,
    requiredDeliveryDate: row.required_delivery_date,
    signedBy: row.signed_by ?? undefined,
    certified: row.certified ?? undefined,
    receivedDate: localDate(row.received_at, zone),
    emergencyBasis: row.emergency_basis ?? undefined,
    emergencyResponseHours: row.emergency_response_hours ?? undefined,
  });
}

/** The 700.13(d) deadline of a complete rated order, counted from `ratedAsOf`; null otherwise. */
export function acceptanceDueAt(row: Pick<SupplierOrderRow, 'rating' | 'emergency_basis' | 'emergency_response_hours'>, ratedAsOf: Date, calendar: WorkingCalendar, complete: boolean): Date | null {
  if (!row.rating || !complete) return null;
  return acceptanceClock({ rating: row.rating, receivedAt: ratedAsOf, calendar, emergencyBasis: row.emergency_basis, emergencyResponseHours: row.emergency_response_hours }).dueAt;
}

/** The desk's reading of one order: 700.12 status, 700.13 clock and decision, 700.91 retention. */
export function deskFacts(row: SupplierOrderRow, calendar: WorkingCalendar, now: Date, decidedBy: string | null): DeskOrderFacts {
  const zone = calendar.definition.timeZone;
  const elements = elementsOf(row, zone);
  const ratedAsOf = row.rated_as_of ?? row.received_at;
  let acceptance: AcceptanceView | null = null;
  // A receipt out of the date bounds (a row stored before them) gets no clock rather than a wrong one.
  if (row.rating && elements.status === 'rated' && dateBoundsProblem(localDate(ratedAsOf, zone)) === null) {
    const clock = acceptanceClock({ rating: row.rating, receivedAt: ratedAsOf, calendar, emergencyBasis: row.emergency_basis, emergencyResponseHours: row.emergency_response_hours });
    const open = row.decision === null && row.cancelled_at === null;
    const left = open ? countdown(now, clock.dueAt, calendar) : null;
    acceptance = {
      dueAt: clock.dueAt.toISOString(),
      dueDate: clock.dueDate,
      workingDays: clock.workingDays,
      hours: clock.hours,
      rule: clock.rule,
      policy: clock.policy,
      calendar: clock.calendar,
      ratedAsOf: ratedAsOf.toISOString(),
      workingDaysLeft: left?.workingDaysLeft ?? null,
      hoursLeft: left?.hoursLeft ?? null,
      overdue: left?.overdue ?? false,
      urgent: left?.urgent ?? false,
    };
  }
  // Late against the deadline recorded for the decision; an order imported as accepted has none.
  const dueAt = row.acceptance_due_at;
  const decision: DecisionView | null =
    row.decision && row.decided_at
      ? {
          decision: row.decision,
          decidedAt: row.decided_at.toISOString(),
          decidedBy,
          reasons: row.decision_reasons,
          rejectionGround: row.rejection_ground,
          offeredDeliveryDate: row.offered_delivery_date,
          late: dueAt !== null && row.decided_at.getTime() > dueAt.getTime(),
        }
      : null;
  const status: DeskStatus = row.cancelled_at
    ? 'cancelled'
    : row.closed_at
      ? 'closed'
      : row.delivered_on
        ? 'delivered'
        : row.decision === 'accepted' && row.delay_reported_at
          ? 'delay_reported'
          : row.decision
            ? row.decision
            : !row.rating
              ? 'unrated'
              : elements.status === 'not_yet_rated'
                ? 'not_yet_rated'
                : 'awaiting_decision';
  // Closed for 700.91: cancelled, rejected (the order will not be filled), closed, or delivered.
  const closedAt = row.cancelled_at ?? (row.decision === 'rejected' ? row.decided_at : null) ?? row.closed_at ?? (row.delivered_on ? new Date(`${row.delivered_on}T00:00:00Z`) : null);
  const done = row.cancelled_at !== null || row.delivered_on !== null || row.closed_at !== null;
  const actions: DeskOrderFacts['actions'] = [];
  if (!done) {
    if (!row.decision && !row.request_id && elements.status !== 'not_yet_rated') actions.push('accept', 'reject');
    actions.push('change', 'cancel');
    // Planning on a line is the supplier's own: any open order it will fill (700.14).
    if (row.decision !== 'rejected') actions.push('plan');
  }
  return {
    status,
    ratedStatus: elements.status,
    missingElements: elements.missing,
    acceptance,
    decision,
    destination: row.destination,
    signedBy: row.signed_by,
    certified: row.certified,
    emergency: row.emergency_basis ? { basis: row.emergency_basis, hours: row.emergency_response_hours } : null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    promisedDeliveryDate: row.promised_delivery_date,
    delayReportedAt: row.delay_reported_at?.toISOString() ?? null,
    deliveredOn: row.delivered_on,
    closedAt: row.closed_at?.toISOString() ?? null,
    keepUntil: keepUntil(closedAt),
    actions,
  };
}
