// The shapes of a working calendar, apart from the counting in working-days.ts, so the holiday
// lists it reads can name them without importing the counter back (no import circle).

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface HolidayEntry {
  date: IsoDate;
  name: string;
}

/**
 * A nation's (or an organisation's) working-day calendar. 15 CFR 700 counts "working days"
 * without defining them; SOSA Desk counts the deciding party's business days — its weekend and
 * its public holidays — in its time zone, and records the calendar used (dpas-sosa.md §10,
 * dpas-sosa-sources.md §5 A1).
 */
export interface CalendarDefinition {
  /** ISO 3166 alpha-2, e.g. 'US', 'IN'. */
  nation: string;
  /** IANA time zone, e.g. 'America/New_York', 'Asia/Kolkata'. */
  timeZone: string;
  /** ISO weekday numbers, 1 = Monday … 7 = Sunday, e.g. [6, 7]. */
  weekend: number[];
  /**
   * 'HH:mm' local: receipt at or after it (or on a non-working day) counts as received the next
   * working day — a product rule, configurable (dpas-sosa.md §10; sources §5 A2). null: no such rule.
   */
  closeOfBusiness: string | null;
  /**
   * Public holidays from a library, or none. `{ country: 'US', types: ['public'] }` is the US
   * federal list on its observed days (usFederalHolidays in us-federal-holidays.ts); any other country or type
   * comes from date-holidays.
   */
  library: { country: string; types: string[] } | null;
  /** Admin-entered holidays: a yearly gazetted list, ad-hoc closures. Win over library names. */
  added: HolidayEntry[];
  /** Library holidays an admin removed (an `added` entry on the same date still counts). */
  removed: IsoDate[];
}

/**
 * A calendar whose holidays all come from the library: the nation's public holidays, no
 * close-of-business rule, nothing added or removed yet (its ministry refines it). The weekend is
 * Saturday–Sunday unless the nation's differs.
 */
export function libraryCalendar(nation: string, timeZone: string, weekend: number[] = [6, 7]): CalendarDefinition {
  return { nation, timeZone, weekend, closeOfBusiness: null, library: { country: nation, types: ['public'] }, added: [], removed: [] };
}
