import { z } from '@hono/zod-openapi';

/**
 * The `limit` and `offset` of a list paged by offset, spread into its query schema: every such list
 * pages within the same bounds (50 rows unless asked, 200 at most), so a client pages them all alike.
 */
export const pageQueryFields = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
