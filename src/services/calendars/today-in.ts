import { DateTime } from 'luxon';
import type { Db } from '../../store/executor.js';
import type { AppContext } from '../context.js';

/** Today's date (YYYY-MM-DD) in a nation's time zone, on the app clock. */
export async function todayIn(ctx: AppContext, nation: string, db: Db = ctx.store.db): Promise<string> {
  const calendar = await ctx.calendars.get(nation, db);
  return DateTime.fromJSDate(ctx.now(), { zone: calendar.definition.timeZone }).toISODate()!;
}
