import { DateTime } from 'luxon';
import { hoursDeadline, workingDayDeadline, type WorkingCalendar } from '../calendar/index.js';
import { missingHolidayYears } from '../calendar/holiday-coverage.js';
import { ACCEPTANCE_WORKING_DAYS, parseRating } from '../dpas/rating.js';
import type { DeadlineSpec, Urgency } from '../workflows/workflow-definition.js';

export interface DeadlineInputs {
  spec: DeadlineSpec;
  urgency: Urgency;
  /** When the request entered the deadline's state: the receipt that starts the clock. */
  startedAt: Date;
  /** The deciding nation's working calendar (dpas-sosa.md §10). */
  calendar: WorkingCalendar;
  /** Request fields collected so far (rating, emergency hours, dates). */
  fields: Record<string, unknown>;
  requiredBy: string;
}

export interface ComputedDeadline {
  dueAt: Date;
  workingDays: number | null;
  hours: number | null;
  /** What the deadline was counted from and with: recorded with the deadline (sources A1, A2). */
  basis: Record<string, unknown>;
  /**
   * Years the count ran through for which the deciding nation keeps its holidays by hand and has
   * not loaded them: the deadline is provisional until the list is in (issue #11.10).
   */
  provisionalYears: number[];
}

const URGENCY_WORDS: Record<Urgency, string> = { routine: 'a routine request', emergency: 'an emergency request', armed_conflict: 'a request in armed conflict' };
/** What a date-based deadline's date is, in words (the stored basis is read by people and the CLI). */
const FIELD_DATE_WORDS: Record<string, string> = {
  required_by: 'the date the requesting nation asked for',
  required_delivery_date: 'the required delivery date on the rated order',
  promised_delivery_date: "the supplier's promised date",
};

function workingDaysWords(days: number): string {
  return days === 0 ? 'the same working day' : `${days} working day${days === 1 ? '' : 's'}`;
}

export function computeDeadline(input: DeadlineInputs): ComputedDeadline {
  const { spec, calendar } = input;
  const due = spec.due;
  switch (due.basis) {
    case 'working_days':
      return fromWorkingDays(input, due.days[input.urgency], `${spec.label}: ${workingDaysWords(due.days[input.urgency])} for ${URGENCY_WORDS[input.urgency]}`);
    case 'rated_order_acceptance': {
      // 700.13: an emergency preparedness order states its own response time in hours.
      const hours = input.fields.emergency_response_hours;
      if (typeof hours === 'number') {
        return {
          dueAt: hoursDeadline(input.startedAt, hours),
          workingDays: null,
          hours,
          basis: { rule: '15 CFR 700.13 emergency preparedness order: the response time the order states', receivedAt: input.startedAt.toISOString(), hours },
          provisionalYears: [],
        };
      }
      const parsed = parseRating(String(input.fields.rating ?? ''));
      const level = parsed.ok ? parsed.rating.level : 'DO';
      const days = ACCEPTANCE_WORKING_DAYS[level];
      return fromWorkingDays(input, days, `15 CFR 700.13(d): ${workingDaysWords(days)} after receipt of a ${level} order`);
    }
    case 'field_date': {
      const value = String(input.fields[due.field] ?? (due.field === 'required_by' ? input.requiredBy : ''));
      const end = DateTime.fromISO(value, { zone: calendar.definition.timeZone }).endOf('day');
      return {
        dueAt: end.toJSDate(),
        workingDays: null,
        hours: null,
        basis: { rule: `${spec.label}: ${FIELD_DATE_WORDS[due.field] ?? `the ${due.field.replace(/_/g, ' ')}`}`, date: value, field: due.field, timeZone: calendar.definition.timeZone },
        provisionalYears: [],
      };
    }
  }
}

function fromWorkingDays(input: DeadlineInputs, days: number, rule: string): ComputedDeadline {
  const d = workingDayDeadline(input.calendar, input.startedAt, days);
  return {
    dueAt: d.dueAt,
    workingDays: days,
    hours: null,
    basis: { rule, receivedAt: input.startedAt.toISOString(), receivedDate: d.receivedDate, dueDate: d.dueDate, calendar: d.calendarNation, timeZone: d.timeZone, policy: d.policy },
    provisionalYears: missingHolidayYears(input.calendar.definition, d.receivedDate, d.dueDate),
  };
}
