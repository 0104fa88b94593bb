import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createWorkingCalendar } from '../../domain/calendar/index.js';
import { AppError } from '../../domain/errors.js';
import { isRealDate } from '../../domain/calendar/real-date.js';
import { appendAudit } from '../../store/audit.repository.js';
import { deleteHolidayEntry, insertRemovedHoliday, updateCalendarSettings, upsertAddedHoliday } from '../../store/calendars.repository.js';
import type { SessionUser } from '../../services/auth/sessions.js';
import { holidayListStatus, settleProvisionalDeadlines } from '../../services/calendars/holiday-list-status.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody, queryParams } from '../validation.js';
import { presentCalendar } from './calendars.presenter.js';
import { calendarSettingsChangeSchema, calendarViewSchema, holidayViewSchema } from './calendars.schema.js';

const holidaySchema = z.strictObject({
  date: z.string().refine(isRealDate, 'must be a date that exists, as YYYY-MM-DD'),
  name: z.string().trim().min(1).max(200),
});
const settingsSchema = z.strictObject({
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Kolkata').optional(),
  weekend: z.array(z.number().int().min(1).max(7)).max(6, 'a week needs at least one working day').optional(),
  closeOfBusiness: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm').nullable().optional(),
});
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(1990).max(2100).optional() });

function nationParam(value: string | undefined): string {
  if (!value || !/^[A-Z]{2}$/.test(value)) throw new AppError('NOT_FOUND', { detail: `No calendar for "${value}".` });
  return value;
}

/** The calendar a change names: an admin changes only its own nation's. */
function ownCalendarNation(c: Context<HttpEnv>, admin: SessionUser): string {
  const nation = nationParam(c.req.param('nation'));
  if (nation !== admin.nation) throw new AppError('ROLE_NOT_ALLOWED', { detail: `An admin of ${admin.nation} manages only the ${admin.nation} calendar.` });
  return nation;
}

const NATION_CODE = 'The nation code (ISO 3166-1 alpha-2)';

export function calendarRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['calendars']);
  route({ method: 'get', path: '/calendars/{nation}', access: 'authenticated', summary: "A nation's working-day calendar and its holidays for a year", params: pathParams({ nation: NATION_CODE }), query: yearQuery, ok: [200, 'Calendar', calendarViewSchema] }, async (c) => {
    const ctx = c.get('ctx');
    const nation = nationParam(c.req.param('nation'));
    const { year = new Date().getUTCFullYear() } = queryParams(c, yearQuery);
    const def = await ctx.calendars.definition(nation);
    const calendar = await ctx.calendars.get(nation);
    return c.json(presentCalendar(nation, def, calendar, year, await holidayListStatus(ctx, nation)));
  });
  route({ method: 'patch', path: '/calendars/{nation}', access: ['admin'], summary: 'Change time zone, weekend or the close-of-business rule (receipt after it counts the next working day)', params: pathParams({ nation: NATION_CODE }), body: settingsSchema, ok: [200, 'Updated: the settings changed', calendarSettingsChangeSchema] }, async (c, admin) => {
    const ctx = c.get('ctx');
    const nation = ownCalendarNation(c, admin);
    const input = await jsonBody(c, settingsSchema);
    await ctx.store.db.transaction().execute(async (trx) => {
      await updateCalendarSettings(trx, nation, { timeZone: input.timeZone, weekend: input.weekend ? [...new Set(input.weekend)].sort() : undefined, closeOfBusiness: input.closeOfBusiness }, ctx.now());
      await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'calendar.update', entityType: 'calendar', entityId: nation, data: input });
    });
    ctx.calendars.invalidate(nation);
    return c.json(input);
  });
  route({ method: 'post', path: '/calendars/{nation}/holidays', access: ['admin'], summary: 'Add a holiday (e.g. a yearly gazetted list, an ad-hoc closure)', params: pathParams({ nation: NATION_CODE }), body: holidaySchema, ok: [201, 'Added: the holiday', holidayViewSchema] }, async (c, admin) => {
    const ctx = c.get('ctx');
    const nation = ownCalendarNation(c, admin);
    const input = await jsonBody(c, holidaySchema);
    await ctx.store.db.transaction().execute(async (trx) => {
      await deleteHolidayEntry(trx, nation, input.date, 'removed');
      await upsertAddedHoliday(trx, nation, input.date, input.name);
      await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'calendar.holiday_add', entityType: 'calendar', entityId: nation, data: input });
      await settleProvisionalDeadlines(ctx, trx, nation, Number(input.date.slice(0, 4)), admin);
    });
    ctx.calendars.invalidate(nation);
    return c.json(input, 201);
  });
  route({ method: 'delete', path: '/calendars/{nation}/holidays/{date}', access: ['admin'], summary: 'Remove a holiday (an added one, or a library one for this nation)', params: pathParams({ nation: NATION_CODE, date: 'The holiday, as YYYY-MM-DD' }), ok: [204, 'Removed'] }, async (c, admin) => {
    const ctx = c.get('ctx');
    const nation = ownCalendarNation(c, admin);
    const date = c.req.param('date')!;
    if (!isRealDate(date)) throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'date', message: 'must be a date that exists, as YYYY-MM-DD' }] });
    const calendar = await ctx.calendars.get(nation);
    const name = calendar.holidayName(date);
    if (!name) throw new AppError('NOT_FOUND', { detail: `${date} is not a holiday in the ${nation} calendar.` });
    const def = await ctx.calendars.definition(nation);
    // Without its added entry, is the date still a holiday (from the library)? Then override it.
    const withoutAdded = createWorkingCalendar({ ...def, added: def.added.filter((h) => h.date !== date) });
    await ctx.store.db.transaction().execute(async (trx) => {
      await deleteHolidayEntry(trx, nation, date, 'added');
      if (withoutAdded.holidayName(date)) await insertRemovedHoliday(trx, nation, date, name);
      await appendAudit(trx, { actorId: admin.userId, actor: admin.username, nation: admin.nation, action: 'calendar.holiday_remove', entityType: 'calendar', entityId: nation, data: { date, name } });
    });
    ctx.calendars.invalidate(nation);
    return c.body(null, 204);
  });
}
