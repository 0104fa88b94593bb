import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { DELAY_CAUSES, PRIORITIES } from '../../domain/dpas/scheduling/index.js';
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

// ——— what the order desk sends ———

const dateText = z.string().openapi({ description: 'YYYY-MM-DD' });
const lineRef = z.strictObject({ id: z.string(), name: z.string() });

export const resourceSchema = z.strictObject({ id: z.string(), name: z.string(), capacityPerDay: z.number().int() }).openapi('ProductionResource');
export const resourceListSchema = itemList(resourceSchema);

export const importedOrderBookSchema = z.strictObject({
  imported: z.number().int(),
  orders: z.array(z.strictObject({ id: z.string(), orderNumber: z.string() })).openapi({ description: 'The orders created, in file order' }),
});

const delaySchema = z.strictObject({
  text: z.string(),
  causes: z.array(z.enum(DELAY_CAUSES)),
  displacedBy: z.array(z.string()).openapi({ description: 'Order numbers of higher-priority orders planned first (700.14(b))' }),
  aheadByPrecedence: z.array(z.string()).openapi({ description: 'Order numbers of equal-priority orders ahead by receipt (700.14(c)(1))' }),
  rules: z.array(z.string()),
  notifyCustomer: z.boolean(),
});

/** An order as the preferential schedule (700.14) plans it. */
const scheduledOrderShape = {
  id: z.string(),
  orderNumber: z.string(),
  customer: z.string(),
  rating: z.string().nullable(),
  priority: z.enum(PRIORITIES),
  quantity: z.number().int(),
  requiredDeliveryDate: dateText,
  receivedDate: dateText,
  accepted: z.boolean(),
  requestId: z.string().nullable().openapi({ description: 'The SOSA request the order fills, if any' }),
  daysLate: z.number().int(),
  delay: delaySchema.nullable(),
};

const acceptanceSchema = z.strictObject({
  dueAt: z.string(),
  dueDate: dateText,
  workingDays: z.number().nullable(),
  hours: z.number().nullable(),
  rule: z.string(),
  policy: z.string(),
  calendar: z.strictObject({ nation: z.string(), timeZone: z.string() }),
  ratedAsOf: z.string(),
  workingDaysLeft: z.number().nullable(),
  hoursLeft: z.number().nullable(),
  overdue: z.boolean(),
  urgent: z.boolean(),
});

const decisionSchema = z.strictObject({
  decision: z.enum(['accepted', 'rejected']),
  decidedAt: z.string(),
  decidedBy: z.string().nullable(),
  reasons: z.string().nullable(),
  rejectionGround: z.string().nullable(),
  offeredDeliveryDate: dateText.nullable(),
  late: z.boolean().openapi({ description: 'Decided after the 700.13(d) deadline' }),
});

/** One order of the desk: the schedule's facts, its 700.12 status, 700.13 clock and decision, 700.91 retention. */
const deskOrderShape = {
  ...scheduledOrderShape,
  resource: lineRef.nullable(),
  plannedStartDate: dateText.optional(),
  projectedCompletionDate: dateText.nullable(),
  unschedulable: z.strictObject({ reason: z.literal('out_of_range'), message: z.string() }).nullable(),
  status: z.enum(['awaiting_decision', 'not_yet_rated', 'accepted', 'delay_reported', 'delivered', 'closed', 'rejected', 'cancelled', 'unrated']),
  ratedStatus: z.enum(['rated', 'not_yet_rated', 'unrated']),
  missingElements: z.array(z.strictObject({ field: z.string(), message: z.string() })),
  acceptance: acceptanceSchema.nullable(),
  decision: decisionSchema.nullable(),
  destination: z.string().nullable(),
  signedBy: z.string().nullable(),
  certified: z.boolean().nullable(),
  emergency: z.strictObject({ basis: z.string(), hours: z.number().nullable() }).nullable(),
  cancelledAt: z.string().nullable(),
  promisedDeliveryDate: dateText.nullable(),
  delayReportedAt: z.string().nullable(),
  deliveredOn: dateText.nullable(),
  closedAt: z.string().nullable(),
  keepUntil: dateText.nullable().openapi({ description: '700.91(a): kept at least until then; null while the order is open' }),
  actions: z.array(z.enum(['accept', 'reject', 'change', 'cancel', 'plan'])),
};

const deskOrderItemSchema = z.strictObject(deskOrderShape).openapi('DeskOrder');
export const deskOrderListSchema = itemList(deskOrderItemSchema);

const orderHistoryEntrySchema = z.strictObject({
  id: z.string(),
  at: z.string(),
  actor: z.strictObject({ username: z.string(), displayName: z.string().nullable() }).nullable(),
  kind: z.enum(['received', 'decision', 'change', 'cancel', 'plan', 'delay', 'delivered', 'closed']),
  changeKind: z.string().nullable(),
  newRatedOrder: z.boolean(),
  before: z.record(z.string(), z.unknown()).openapi({ description: 'The fields the entry changed, as they were' }),
  after: z.record(z.string(), z.unknown()).openapi({ description: 'The same fields after the change' }),
  reasons: z.string().nullable(),
  rule: z.string().nullable(),
});

/** The order of the list with its history: the document gives it as DeskOrder and the history (allOf). */
export const deskOrderSchema = deskOrderItemSchema.extend({ history: z.array(orderHistoryEntrySchema) }).openapi('DeskOrderDetail');

export const orderHistorySchema = z.strictObject({ orderId: z.string(), orderNumber: z.string(), items: z.array(orderHistoryEntrySchema) });

export const orderChangeResultSchema = z.strictObject({
  change: z.strictObject({ newRatedOrder: z.boolean(), rule: z.string(), explanation: z.string() }),
  order: deskOrderSchema,
});

export const companyScheduleSchema = z.strictObject({
  today: dateText,
  calendar: z.strictObject({ nation: z.string(), timeZone: z.string() }),
  orders: z.array(z.strictObject({ ...scheduledOrderShape, resource: lineRef, plannedStartDate: dateText, projectedCompletionDate: dateText })),
  conflicts: z.array(
    z.strictObject({ resource: z.string(), priority: z.enum(['DO', 'DX']), precedence: z.array(z.string()), delayed: z.array(z.string()), rules: z.array(z.string()), suggestion: z.string() }),
  ),
  unscheduled: z.array(
    z.strictObject({
      id: z.string(),
      orderNumber: z.string(),
      customer: z.string(),
      rating: z.string().nullable(),
      priority: z.enum(PRIORITIES),
      resource: lineRef.nullable(),
      quantity: z.number().int(),
      requiredDeliveryDate: dateText,
      requestId: z.string().nullable(),
      reason: z.enum(['no_line', 'out_of_range']),
      message: z.string(),
    }),
  ),
});
