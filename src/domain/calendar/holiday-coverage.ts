import type { CalendarDefinition, IsoDate } from './calendar-definition.js';

/**
 * Whether a calendar's holidays are kept by hand: no library computes them (India's gazetted
 * list is published by DoPT each year and entered by an admin, dpas-sosa-sources.md §4.2; the
 * US federal holidays are computed, 5 U.S.C. 6103).
 */
export function keepsHolidaysByHand(def: Pick<CalendarDefinition, 'library'>): boolean {
  return def.library === null;
}

/**
 * The years in [from, to] (inclusive, by calendar year) for which a hand-kept calendar has no
 * holiday at all: its list for that year is not loaded, so a count of working days through it
 * treats every weekday as a working day and may end too early. Empty for a library calendar.
 */
export function missingHolidayYears(def: Pick<CalendarDefinition, 'library' | 'added'>, from: IsoDate, to: IsoDate): number[] {
  if (!keepsHolidaysByHand(def)) return [];
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  const listed = new Set(def.added.map((h) => Number(h.date.slice(0, 4))));
  const missing: number[] = [];
  for (let year = Math.min(first, last); year <= Math.max(first, last); year++) if (!listed.has(year)) missing.push(year);
  return missing;
}
