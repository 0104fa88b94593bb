import type { IsoDate, WorkingCalendar } from '../calendar/index.js';
import { hoursDeadline, workingDayDeadline } from '../calendar/index.js';
import type { FieldError } from '../errors.js';
import { ratedOrderProblems, type RatedOrderDraft } from './rated-order-elements.js';
import { ACCEPTANCE_WORKING_DAYS, EMERGENCY_MINIMUM_HOURS, parseRating, type EmergencyBasis, type RatingLevel } from './rating.js';

/**
 * Where a rated order stands under 15 CFR 700.12: `rated` when it carries every element,
 * `not_yet_rated` when one is missing — flagged, not rejected, and no 700.13 clock runs until the
 * customer supplies it (dpas-sosa.md §11 scenario 3; sources §5 S9, ambiguity A5) — `unrated`
 * without a rating.
 */
export type RatedStatus = 'rated' | 'not_yet_rated' | 'unrated';

export interface OrderElements {
  status: RatedStatus;
  /** The 700.12(a) elements the order lacks, each naming its field and the rule. */
  missing: FieldError[];
}

export function orderElements(order: RatedOrderDraft): OrderElements {
  if (!order.rating) return { status: 'unrated', missing: [] };
  const missing = ratedOrderProblems(order);
  return { status: missing.length === 0 ? 'rated' : 'not_yet_rated', missing };
}

export interface AcceptanceClockInput {
  /** The rating text, e.g. DO-A1. */
  rating: string;
  /** Receipt of the order (or of the change that made it a new rated order, 700.16(c)). */
  receivedAt: Date;
  /** The supplier's nation calendar (dpas-sosa.md §10): the deciding party's working days and zone. */
  calendar: WorkingCalendar;
  emergencyBasis?: EmergencyBasis | null | undefined;
  emergencyResponseHours?: number | null | undefined;
}

export interface AcceptanceClock {
  dueAt: Date;
  /** Local date of the deadline in the supplier's zone. */
  dueDate: IsoDate;
  workingDays: number | null;
  hours: number | null;
  level: RatingLevel;
  rule: string;
  /** How it was counted, recorded with the deadline (sources §5 A1, A2). */
  policy: string;
  calendar: { nation: string; timeZone: string };
}

/**
 * 15 CFR 700.13(d): accept or reject within 15 working days after receipt of a DO order, 10 after
 * a DX order, counted in the supplier's calendar (scenarios 1 and 2). An emergency preparedness
 * order is answered within the hours it states, which may not be below 6 (hazard occurred) or 12
 * (imminent hazard) — unverified minimums, configuration (scenario 12): a shorter stated time is
 * an invalid order, so callers check `ratedOrderProblems` first; here the minimum is applied.
 */
export function acceptanceClock(input: AcceptanceClockInput): AcceptanceClock {
  const parsed = parseRating(input.rating);
  if (!parsed.ok) throw new RangeError(parsed.message);
  const level = parsed.rating.level;
  const { nation, timeZone } = input.calendar.definition;
  if (input.emergencyBasis) {
    const minimum = EMERGENCY_MINIMUM_HOURS[input.emergencyBasis];
    const hours = Math.max(minimum, input.emergencyResponseHours ?? minimum);
    const dueAt = hoursDeadline(input.receivedAt, hours);
    return {
      dueAt,
      dueDate: localDate(dueAt, input.calendar),
      workingDays: null,
      hours,
      level,
      rule: `15 CFR 700.13: emergency preparedness order — the ${hours} hours it states (minimum ${minimum} h, verify)`,
      policy: `${hours} hours after receipt, clock time`,
      calendar: { nation, timeZone },
    };
  }
  const days = ACCEPTANCE_WORKING_DAYS[level];
  const d = workingDayDeadline(input.calendar, input.receivedAt, days);
  return {
    dueAt: d.dueAt,
    dueDate: d.dueDate,
    workingDays: days,
    hours: null,
    level,
    rule: `15 CFR 700.13(d): ${days} working days after receipt of a ${level} order`,
    policy: d.policy,
    calendar: { nation, timeZone },
  };
}

export interface Countdown {
  /** Working days of the supplier's calendar after today through the due date (0 on the due day), as the deadlines panel counts. */
  workingDaysLeft: number;
  /** Whole hours until the deadline; 0 when past. */
  hoursLeft: number;
  overdue: boolean;
  /** Less than 2 working days left, or overdue: the UI shows it red. */
  urgent: boolean;
}

export function countdown(now: Date, dueAt: Date, calendar: WorkingCalendar): Countdown {
  const overdue = now.getTime() > dueAt.getTime();
  const hoursLeft = overdue ? 0 : Math.floor((dueAt.getTime() - now.getTime()) / 3_600_000);
  const today = localDate(now, calendar);
  const dueDate = localDate(dueAt, calendar);
  let workingDaysLeft = 0;
  if (!overdue && today < dueDate) workingDaysLeft = calendar.workingDaysBetween(today, dueDate);
  return { workingDaysLeft, hoursLeft, overdue, urgent: overdue || workingDaysLeft < 2 };
}

// One formatter per time zone (issue #14: building an Intl.DateTimeFormat per call was a hot path).
const localDateFormats = new Map<string, Intl.DateTimeFormat>();

function localDate(at: Date, calendar: WorkingCalendar): IsoDate {
  const zone = calendar.definition.timeZone;
  let format = localDateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    localDateFormats.set(zone, format);
  }
  return format.format(at);
}
