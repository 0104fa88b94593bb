import { z } from '@hono/zod-openapi';
import { PRIORITIES } from '../../domain/dpas/scheduling/index.js';
import { REJECTION_GROUNDS } from '../../domain/dpas/order-decision.js';
import { DATE_MAX, DATE_MIN } from '../../domain/bounds.js';

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

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { message: 'is not a real date', abort: true })
  .refine((v) => v >= DATE_MIN && v <= DATE_MAX, `must be between ${DATE_MIN} and ${DATE_MAX}`);

export const orderIdParamSchema = z.object({ id: z.string() });

/** 700.13: accept, or reject with reasons (and the earliest date possible when the date cannot be met). */
export const orderDecisionSchema = z.strictObject({
  decision: z.enum(['accept', 'reject']),
  reasons: z.string().max(4000).optional(),
  offeredDeliveryDate: isoDate.optional(),
  rejectionGround: z.enum(REJECTION_GROUNDS).optional(),
  /** With an acceptance: the date promised, on or before the required date (700.13(b)(1)). */
  promisedDeliveryDate: isoDate.optional(),
});
export type OrderDecision = z.infer<typeof orderDecisionSchema>;

const reasons = z.string().max(4000).optional();
/** 700.16: a change or cancellation the customer sent. */
export const orderChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('destination'), destination: z.string().trim().min(1, 'must not be empty').max(500), reasons }),
  z.strictObject({ kind: z.literal('quantity'), quantity: z.number().int('must be a whole number of units').positive('must be more than zero').max(1_000_000_000), negligibleDeliveryImpact: z.boolean().optional(), reasons }),
  z.strictObject({ kind: z.literal('delivery_date'), requiredDeliveryDate: isoDate, reasons }),
  z.strictObject({ kind: z.literal('rating'), rating: z.string().max(10).nullable(), reasons }),
  z.strictObject({ kind: z.literal('cancel'), reasons }),
]);
export type OrderChangeBody = z.infer<typeof orderChangeSchema>;

/** Plan an order on one of the company's lines, or take it off (null). */
export const orderLineSchema = z.strictObject({
  resourceId: z.uuid('must be the id of one of your production lines').nullable(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;
