import type { CalendarDefinition, WorkingCalendar } from '../../domain/calendar/working-days.js';
import type { HolidayListStatus } from '../../services/calendars/holiday-list-status.js';
import type { CalendarView } from './calendars.schema.js';

/**
 * The declared Calendar (calendars.schema.ts) of a year: the calendar's holidays marked by where
 * they come from, with the library holidays the admin removed listed as removed.
 */
export function presentCalendar(nation: string, def: CalendarDefinition, calendar: WorkingCalendar, year: number, status: HolidayListStatus): CalendarView {
  const removed = new Set(def.removed);
  const added = new Set(def.added.map((h) => h.date));
  const holidays = calendar.holidays(year).map((h) => ({ date: h.date, name: h.name, source: added.has(h.date) ? ('added' as const) : ('library' as const) }));
  const removedEntries = def.removed.filter((d) => d.startsWith(String(year))).map((date) => ({ date, name: 'Removed holiday', source: 'removed' as const }));
  return {
    nation,
    timeZone: def.timeZone,
    weekend: def.weekend,
    closeOfBusiness: def.closeOfBusiness,
    library: def.library,
    year,
    holidays: [...holidays.filter((h) => !removed.has(h.date)), ...removedEntries].sort((a, b) => a.date.localeCompare(b.date)),
    // A hand-kept list (India's gazetted holidays): the years still to load, and the deadlines waiting for them.
    keepsHolidaysByHand: status.keepsHolidaysByHand,
    missingYears: status.missingYears,
    provisionalDeadlines: status.provisionalDeadlines,
  };
}
