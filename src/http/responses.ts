import type { z } from '@hono/zod-openapi';

/**
 * A success response that sends JSON of the given schema. The schema is what the route sends: the
 * document and the generated client show it, and in the tests (SOSA_CONTRACT_CHECK=1) every
 * answer is checked against it, so a field the route adds or drops without the schema fails.
 */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}
