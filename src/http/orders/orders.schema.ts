import { z } from '@hono/zod-openapi';
import { PRIORITIES } from '../../domain/dpas/scheduling/index.js';

export const newResourceSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  capacityPerDay: z.number().int('must be a whole number of units').positive('must be more than zero').max(1_000_000_000),
});
export type NewResource = z.infer<typeof newResourceSchema>;

export const importOrderBookSchema = z.strictObject({
  csv: z.string().min(1, 'must not be empty'),
});
export type ImportOrderBook = z.infer<typeof importOrderBookSchema>;

export const orderListQuerySchema = z.strictObject({
  priority: z.enum(PRIORITIES).optional(),
  late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;
