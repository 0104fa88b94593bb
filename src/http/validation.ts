import { z as zod } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import { DATE_BOUNDS_MESSAGE, isDateInBounds, isInstantInBounds } from '../domain/bounds.js';
import { AppError, validationError, type FieldError } from '../domain/errors.js';
import { isRealDate } from '../domain/calendar/real-date.js';
import { unstorableFields } from '../domain/unstorable.js';

export { unstorableFields };

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('/');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}/${key}` : key, message: 'is not a known field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

/**
 * A calendar date (YYYY-MM-DD) that exists and lies within the domain bounds (domain/bounds.ts,
 * 2000-01-01 … 2100-12-31): one message per bad value, naming what is wrong.
 */
export const boundedDate = zod.string().superRefine((value, ctx) => {
  if (!isRealDate(value)) ctx.addIssue({ code: 'custom', message: 'must be a date that exists, as YYYY-MM-DD' });
  else if (!isDateInBounds(value)) ctx.addIssue({ code: 'custom', message: DATE_BOUNDS_MESSAGE });
});

/** An instant with its UTC offset (e.g. 2026-12-03T09:30:00+05:30) within the domain bounds. */
export const boundedDateTime = zod.string().superRefine((value, ctx) => {
  if (!zod.iso.datetime({ offset: true }).safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'must be a date and time with its offset, e.g. 2026-12-03T09:30:00+05:30' });
  else if (!isInstantInBounds(new Date(value))) ctx.addIssue({ code: 'custom', message: DATE_BOUNDS_MESSAGE });
});

/** Reads and validates a JSON body: malformed JSON → 400, wrong shape or unknown fields → 422. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: 'Send the body as application/json.' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new AppError('VALIDATION_FAILED', { detail: 'The body is not valid JSON.', errors: [{ field: '(body)', message: 'malformed JSON' }], extra: { status: 400 } });
  }
  const unstorable = unstorableFields(raw);
  if (unstorable.length) throw validationError(unstorable);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error));
  return parsed.data;
}

/** A route that needs no body: none at all, or a JSON object with no fields (like every other write). */
export async function noBody(c: Context): Promise<void> {
  if ((await c.req.raw.clone().text()) === '') return;
  await jsonBody(c, zod.strictObject({}));
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const unstorable = unstorableFields(c.req.query());
  if (unstorable.length) throw validationError(unstorable, 'The query string has invalid parameters.');
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error), 'The query string has invalid parameters.');
  return parsed.data;
}

/** The request headers a route declares (keys in lowercase), checked with the schema its document shows. */
export function headerParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.header());
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error), 'The request has invalid headers.');
  return parsed.data;
}
