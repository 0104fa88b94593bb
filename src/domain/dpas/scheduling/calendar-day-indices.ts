import type { IsoDate, WorkingCalendar } from '../../calendar/index.js';

const DAY_MS = 86_400_000;

function epochDay(date: IsoDate): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** Day index of `date` when day 0 is `day0` (may be negative). */
export function dayIndexOf(day0: IsoDate, date: IsoDate): number {
  return epochDay(date) - epochDay(day0);
}

/** The date of day index `index` when day 0 is `day0`. */
export function dateOfDayIndex(day0: IsoDate, index: number): IsoDate {
  return new Date((epochDay(day0) + index) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Non-working day indices of a working-day calendar (weekends and holidays of the supplier's
 * calendar, dpas-sosa.md §10) for days 0 … days−1 counted from `day0`, to use as a production
 * resource's `nonWorkingDays`. The horizon should cover every day the schedule can reach
 * (latest due day plus the work on the line); days beyond it count as working.
 */
export function nonWorkingDayIndices(calendar: WorkingCalendar, day0: IsoDate, days: number): number[] {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  const out: number[] = [];
  const first = epochDay(day0);
  for (let i = 0; i < days; i++) {
    const date = new Date((first + i) * DAY_MS).toISOString().slice(0, 10);
    if (!calendar.isWorkingDay(date)) out.push(i);
  }
  return out;
}
