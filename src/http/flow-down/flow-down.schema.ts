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

// --- What the flow-down routes send ------------------------------------------------------------
/** An order's state as the flow-down tree shows it (services/flow-down/load-flow-down.ts). */
export const FLOW_DOWN_STATUSES = ['awaiting_decision', 'accepted', 'rejected', 'cancelled', 'external'] as const;
const flowStatus = z.enum(FLOW_DOWN_STATUSES).openapi({ description: 'external: a sub-order placed with a supplier outside the system' });
const supplierSchema = z.strictObject({ organisationId: z.string().nullable(), name: z.string(), external: z.boolean() });

/** POST /rated-orders/{id}/sub-orders: the sub-order placed, its derived rating and the rule (15 CFR 700.15, 700.17). */
export const placedSubOrderViewSchema = z
  .strictObject({
    id: z.string(),
    parentOrderId: z.string(),
    orderNumber: z.string(),
    purpose: z.enum(SUB_ORDER_PURPOSES),
    rating: z.string(),
    ratingBasis: z.string().openapi({ description: 'Why the sub-order carries this rating (700.15, 700.17)' }),
    supplier: supplierSchema,
    childOrderId: z.string().nullable().openapi({ description: "The order in the sub-supplier's book; null for an external supplier" }),
    quantity: z.number().int(),
    requiredDeliveryDate: z.string(),
    acceptanceDueAt: z.string().nullable().openapi({ description: "The sub-supplier's 700.13(d) deadline; null for an external supplier" }),
    acceptanceRule: z.string(),
    acceptanceTimeZone: z.string().nullable().openapi({ description: "The sub-supplier's calendar time zone, in which its deadline was counted" }),
    warnings: z.array(z.string()),
  })
  .openapi('PlacedSubOrder');

// The tree is recursive (an order's sub-orders lead to orders): the two schemas name each other
// through getters, which zod resolves late and from which it infers the recursive types. Each is a
// named component, so the document refers to it by $ref where it recurs instead of inlining it
// without end.
const flowDownOrderFields = {
  id: z.string(),
  timeZone: z.string().openapi({ description: "The time zone of the company's working calendar, in which its deadlines are counted" }),
  orderNumber: z.string(),
  company: z.strictObject({ id: z.string(), name: z.string() }),
  customer: z.string(),
  rating: z.string().nullable(),
  quantity: z.number().int(),
  requiredDeliveryDate: z.string(),
  receivedAt: z.string(),
  status: flowStatus,
  acceptanceDueAt: z.string().nullable(),
  overdue: z.boolean().openapi({ description: 'Awaiting a decision past its 700.13(d) deadline' }),
};
export const flowDownOrderSchema = z
  .strictObject({
    ...flowDownOrderFields,
    get subOrders() {
      return z
        .array(flowDownSubOrderSchema)
        .nullable()
        .openapi({ description: "Sub-orders this order's company placed to fill it; null when the caller may not see them" });
    },
  })
  .openapi('FlowDownOrder');

export const flowDownSubOrderSchema = z
  .strictObject({
    id: z.string(),
    orderNumber: z.string(),
    purpose: z.enum(SUB_ORDER_PURPOSES),
    rating: z.string(),
    ratingBasis: z.string(),
    supplier: supplierSchema,
    quantity: z.number().int(),
    description: z.string(),
    requiredDeliveryDate: z.string(),
    inventoryUsedOn: z.string().nullable(),
    placedAt: z.string(),
    acceptanceDueAt: z.string().nullable(),
    acceptanceRule: z.string(),
    status: flowStatus,
    overdue: z.boolean(),
    get order() {
      // Through z.lazy: `.nullable()` on the named schema itself keeps its name, and the document
      // would then give the field the bare $ref without this description.
      return z.lazy(() => flowDownOrderSchema).nullable().openapi({ description: "The order in the sub-supplier's book (in-system sub-suppliers)" });
    },
  })
  .openapi('FlowDownSubOrder');

/** GET /sub-orders: what the supplier's company received and placed, and whom it can place with. */
export const subOrderListSchema = z
  .strictObject({
    timeZone: z.string().openapi({ description: "The company's calendar time zone, in which deadlines are counted" }),
    // An order the company received is one of the flow-down tree's orders without the tree.
    received: z.array(z.strictObject(flowDownOrderFields).omit({ timeZone: true, company: true })),
    placed: z.array(
      z.strictObject({
        id: z.string(),
        parentOrderId: z.string(),
        orderNumber: z.string(),
        supplier: z.string(),
        external: z.boolean(),
        purpose: z.enum(SUB_ORDER_PURPOSES),
        rating: z.string(),
        quantity: z.number().int(),
        requiredDeliveryDate: z.string(),
        placedAt: z.string(),
        acceptanceDueAt: z.string().nullable(),
        status: flowStatus,
      }),
    ),
    suppliers: z.array(z.strictObject({ id: z.string(), name: z.string(), shortName: z.string() })).openapi({ description: 'Companies of the own nation in the system a rated sub-order can be addressed to' }),
  })
  .openapi('SubOrderList');

export type PlacedSubOrderView = z.infer<typeof placedSubOrderViewSchema>;
export type SubOrderListView = z.infer<typeof subOrderListSchema>;
