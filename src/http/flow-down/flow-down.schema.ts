import { z } from '@hono/zod-openapi';
import { SUB_ORDER_PURPOSES } from '../../domain/dpas/flow-down.js';
import { DATE_MAX, DATE_MIN } from '../../domain/bounds.js';
import { isRealDate } from '../../domain/calendar/real-date.js';

const isoDate = z
  .string()
  .refine(isRealDate, { message: 'must be a date that exists, as YYYY-MM-DD', abort: true })
  // Domain bounds (issue #10): the sub-supplier's schedule could not date it otherwise.
  .refine((v) => v >= DATE_MIN && v <= DATE_MAX, { message: `must be between ${DATE_MIN} and ${DATE_MAX}` });

export const newSubOrderSchema = z.strictObject({
  /** A company in the system, of the placing company's nation … */
  supplierOrganisationId: z.string().max(100).optional(),
  /** … or an external supplier by name. */
  supplierName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  orderNumber: z.string().trim().min(1, 'must not be empty').max(100),
  purpose: z.enum(SUB_ORDER_PURPOSES),
  quantity: z.number().int('must be a whole number of units').positive('must be more than zero').max(1_000_000_000),
  // 700.12(a)(2): a date; "immediately" or "as soon as possible" is not one.
  requiredDeliveryDate: isoDate,
  description: z.string().trim().min(1, 'must not be empty').max(1000),
  /** 700.17(b): only for an inventory replacement, the day the inventory was used. */
  inventoryUsedOn: isoDate.optional(),
});
export type NewSubOrder = z.infer<typeof newSubOrderSchema>;

export const orderIdParam = z.object({ id: z.string() });
