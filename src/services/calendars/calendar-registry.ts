import { createWorkingCalendar, type CalendarDefinition, type WorkingCalendar } from '../../domain/calendar/index.js';
import { AppError } from '../../domain/errors.js';
import { findCalendarRow, listHolidayRows } from '../../store/calendars.repository.js';
import type { Db } from '../../store/executor.js';

/**
 * Each nation's working calendar, built from its stored definition and admin-edited holidays.
 * Inside a transaction pass its executor: on embedded PGlite (one connection) a read through the
 * root handle would wait for the transaction that is waiting for it.
 */
export class CalendarRegistry {
  private cache = new Map<string, WorkingCalendar>();
  constructor(private readonly db: Db) {}

  async definition(nation: string, db: Db = this.db): Promise<CalendarDefinition> {
    const row = await findCalendarRow(db, nation);
    if (!row) throw new AppError('NOT_FOUND', { detail: `No working calendar is configured for ${nation}.` });
    const holidays = await listHolidayRows(db, nation);
    return {
      nation,
      timeZone: row.time_zone,
      weekend: row.weekend,
      closeOfBusiness: row.close_of_business,
      library: row.library_country ? { country: row.library_country, types: row.library_types } : null,
      added: holidays.filter((h) => h.kind === 'added').map((h) => ({ date: h.date, name: h.name })),
      removed: holidays.filter((h) => h.kind === 'removed').map((h) => h.date),
    };
  }

  async get(nation: string, db: Db = this.db): Promise<WorkingCalendar> {
    const cached = this.cache.get(nation);
    if (cached) return cached;
    const calendar = createWorkingCalendar(await this.definition(nation, db));
    this.cache.set(nation, calendar);
    return calendar;
  }

  invalidate(nation?: string): void {
    if (nation) this.cache.delete(nation);
    else this.cache.clear();
  }
}
