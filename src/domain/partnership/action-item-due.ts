import { DateTime, IANAZone } from 'luxon';
import { workingDayDeadline, type WorkingCalendar } from '../calendar/index.js';

/**
 * The due date of a working group's action item, counted in the OWNER's nation working days and
 * time zone (dpas-sosa.md §10: a deadline is counted in the calendar of the party that must act,
 * and the calendar used is recorded with it). Either "N working days from the meeting" — counted
 * strictly after the meeting's local date, like a 700.13 deadline — or a calendar date, due at the
 * end of that day in the owner's zone.
 */
export type DueInput = { kind: 'working_days'; workingDays: number; meetingStartsAt: Date } | { kind: 'date'; date: string };

export interface ActionItemDue {
  dueDate: string;
  dueAt: Date;
  basis: Record<string, unknown>;
}

export function computeActionItemDue(calendar: WorkingCalendar, input: DueInput): ActionItemDue {
  const { nation, timeZone } = calendar.definition;
  if (input.kind === 'working_days') {
    if (!Number.isInteger(input.workingDays) || input.workingDays < 0) throw new RangeError('workingDays must be a whole number ≥ 0');
    const d = workingDayDeadline(calendar, input.meetingStartsAt, input.workingDays);
    return {
      dueDate: d.dueDate,
      dueAt: d.dueAt,
      basis: { rule: `${input.workingDays} working days from the meeting, in the owner's calendar`, meetingAt: input.meetingStartsAt.toISOString(), meetingDate: d.receivedDate, workingDays: input.workingDays, calendar: nation, timeZone, policy: d.policy },
    };
  }
  const day = DateTime.fromISO(input.date, { zone: timeZone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) throw new RangeError(`${input.date} is not a calendar date`);
  const nonWorking = calendar.isWorkingDay(input.date) ? null : (calendar.holidayName(input.date) ?? 'a non-working day');
  return {
    dueDate: input.date,
    dueAt: day.endOf('day').toJSDate(),
    basis: { rule: 'the date given, at the end of the day in the owner\u2019s time zone', date: input.date, calendar: nation, timeZone, ...(nonWorking ? { warning: `${input.date} is ${nonWorking} in ${nation}` } : {}) },
  };
}

/** An open action item past its due instant is overdue; done or cancelled items never are. */
export function isActionItemOverdue(item: { status: string; dueAt: Date }, now: Date): boolean {
  return item.status === 'open' && item.dueAt.getTime() <= now.getTime();
}

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
