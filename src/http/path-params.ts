import { z } from '@hono/zod-openapi';

/**
 * Declares a route's path parameters for the document and the generated client: each name with
 * what it identifies. The handlers read them with c.req.param and check them where the value
 * matters (an unknown id answers 404 from the use case), so the schema describes, it does not
 * narrow what the route accepts.
 */
export function pathParams<K extends string>(params: Record<K, string>) {
  const shape = Object.fromEntries(Object.entries<string>(params).map(([name, description]) => [name, z.string().openapi({ description })]));
  return z.object(shape as Record<K, z.ZodString>);
}
