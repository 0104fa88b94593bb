import type { z } from '@hono/zod-openapi';

/**
 * The `request` part of a route that takes a JSON body of the given schema, for the document and
 * the generated client; spread it beside `params` or `query`. The handler still validates the body
 * itself (jsonBody in validation.ts) with the same schema, so the two cannot disagree. A body is
 * required unless the route says otherwise (one whose every field has a default may be left out).
 */
export function jsonRequestBody(schema: z.ZodType, { required = true }: { required?: boolean } = {}) {
  return { body: { content: { 'application/json': { schema } }, required } };
}
