import { z } from '@hono/zod-openapi';

/**
 * The `{ items }` a list answers with when it is not paged: one envelope for every such list, so a
 * client reads them all alike and a field added to the envelope is added to all of them.
 */
export function itemList<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item) });
}
