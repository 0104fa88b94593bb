import { z } from '@hono/zod-openapi';

const holidayEntrySchema = z.strictObject({ date: z.string().openapi({ description: 'YYYY-MM-DD' }), name: z.string() });

// --- What the calendar administration sends --------------------------------------------------
/** A nation's working-day calendar for one year (domain/calendar/calendar-definition.ts). */
export const calendarViewSchema = z
  .strictObject({
    nation: z.string(),
    timeZone: z.string().openapi({ description: 'IANA time zone in which working days are counted' }),
    weekend: z.array(z.number().int()).openapi({ description: 'ISO weekday numbers, 1 = Monday … 7 = Sunday' }),
    closeOfBusiness: z.string().nullable().openapi({ description: "'HH:mm' local: receipt at or after it counts the next working day; null: no such rule" }),
    library: z.strictObject({ country: z.string(), types: z.array(z.string()) }).nullable().openapi({ description: 'Where the public holidays come from; null: kept by hand' }),
    year: z.number().int(),
    holidays: z.array(
      holidayEntrySchema.extend({
        source: z.enum(['library', 'added', 'removed']).openapi({ description: 'removed: a library holiday the admin took off (a working day)' }),
      }),
    ),
    keepsHolidaysByHand: z.boolean(),
    missingYears: z.array(z.number().int()).openapi({ description: 'Years of a hand-kept list still to load' }),
    provisionalDeadlines: z.number().int().openapi({ description: 'Running deadlines counted through a missing year' }),
  })
  .openapi('Calendar');

/** PATCH /calendars/{nation} answers with the settings it changed. */
export const calendarSettingsChangeSchema = z
  .strictObject({
    timeZone: z.string().optional(),
    weekend: z.array(z.number().int()).optional(),
    closeOfBusiness: z.string().nullable().optional(),
  })
  .openapi('CalendarSettingsChange');

/** POST /calendars/{nation}/holidays answers with the holiday it added. */
export const holidayViewSchema = holidayEntrySchema.openapi('Holiday');

export type CalendarView = z.infer<typeof calendarViewSchema>;
