import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, validationError, type FieldError } from '../domain/errors.js';

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('/');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}/${key}` : key, message: 'is not a known field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error));
  return parsed.data;
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error), 'The query string has invalid parameters.');
  return parsed.data;
}
