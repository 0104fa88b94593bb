import { libraryCalendar, type CalendarDefinition, type HolidayEntry, type IsoDate } from './calendar-definition.js';

/**
 * US federal holidays on the days federal offices are closed (dpas-sosa-sources.md §4.1).
 *
 * 5 U.S.C. 6103(a) names eleven holidays. For a Monday–Friday workweek a holiday on a Saturday
 * is observed on the Friday before (5 U.S.C. 6103(b)) and one on a Sunday on the Monday after
 * (EO 11582 §3(a)); only the observed day is off. New Year's Day on a Saturday is therefore
 * observed on 31 December of the year before (e.g. 2021-12-31 for 2022-01-01).
 *
 * Computed from the statute rather than taken from date-holidays: its US data (3.37) lists both
 * the actual and the substitute day and does not move Veterans Day off a weekend
 * (2028-11-11 is a Saturday, observed Friday 2028-11-10).
 *
 * The rules are those in force since 2021 (Juneteenth, 5 U.S.C. 6103(a) as amended by
 * Pub. L. 117-17) and 1986 (Birthday of Martin Luther King, Jr.); earlier history (e.g. Veterans
 * Day on the fourth Monday of October, 1971–1977) is not modelled. Inauguration Day (Washington
 * DC area only) and closures by executive order are entered as `added` holidays.
 */
export function usFederalHolidays(year: number): HolidayEntry[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Not a supported year: ${year}`);
  const entries: HolidayEntry[] = [];
  const fixed = (y: number, month: number, day: number, name: string) => {
    const observed = observedDay(y, month, day);
    if (observed.year === year) entries.push({ date: isoDate(observed.year, observed.month, observed.day), name: observed.shifted ? `${name} (observed)` : name });
  };
  // New Year's Day of this year, unless observed on 31 December of last year; and next year's,
  // when it falls on a Saturday and is observed on 31 December of this year.
  fixed(year, 1, 1, "New Year's Day");
  if (year >= 1986) entries.push({ date: nthWeekday(year, 1, 1, 3), name: 'Birthday of Martin Luther King, Jr.' });
  entries.push({ date: nthWeekday(year, 2, 1, 3), name: "Washington's Birthday" });
  entries.push({ date: lastWeekday(year, 5, 1), name: 'Memorial Day' });
  if (year >= 2021) fixed(year, 6, 19, 'Juneteenth National Independence Day');
  fixed(year, 7, 4, 'Independence Day');
  entries.push({ date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' });
  entries.push({ date: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' });
  fixed(year, 11, 11, 'Veterans Day');
  entries.push({ date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' });
  fixed(year, 12, 25, 'Christmas Day');
  if (year < 9999) fixed(year + 1, 1, 1, "New Year's Day");
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The US federal working calendar: Monday–Friday in Eastern time, the observed federal holidays
 * (library `US`/`public` resolves to {@link usFederalHolidays}), no close-of-business rule.
 */
export const US_FEDERAL_CALENDAR: CalendarDefinition = libraryCalendar('US', 'America/New_York');

/** ISO weekday, 1 = Monday … 7 = Sunday. */
function weekday(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
}

// 5 U.S.C. 6103(b): Saturday → the Friday before; EO 11582 §3(a): Sunday → the Monday after.
function observedDay(year: number, month: number, day: number): { year: number; month: number; day: number; shifted: boolean } {
  const wd = weekday(year, month, day);
  if (wd !== 6 && wd !== 7) return { year, month, day, shifted: false };
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day + (wd === 6 ? -1 : 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), shifted: true };
}

/** The n-th given ISO weekday of a month (e.g. third Monday). */
function nthWeekday(year: number, month: number, isoWeekday: number, n: number): IsoDate {
  const first = weekday(year, month, 1);
  return isoDate(year, month, 1 + ((isoWeekday - first + 7) % 7) + (n - 1) * 7);
}

/** The last given ISO weekday of a month (e.g. last Monday of May). */
function lastWeekday(year: number, month: number, isoWeekday: number): IsoDate {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of this month
  const last = d.getUTCDate();
  const wd = weekday(year, month, last);
  return isoDate(year, month, last - ((wd - isoWeekday + 7) % 7));
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
