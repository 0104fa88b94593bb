import type { SubOrderPurpose } from '../../domain/dpas/flow-down.js';
import type { listSubOrders } from '../../services/flow-down/list-sub-orders.js';
import type { PlacedSubOrder } from '../../services/flow-down/place-sub-order.js';
import type { PlacedSubOrderView, SubOrderListView } from './flow-down.schema.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The declared PlacedSubOrder (flow-down.schema.ts) of the sub-order the service placed. */
export function presentPlacedSubOrder({ subOrder, ratingText, warnings, timeZone }: PlacedSubOrder): PlacedSubOrderView {
  return {
    id: subOrder.id,
    parentOrderId: subOrder.parent_order_id,
    orderNumber: subOrder.order_number,
    purpose: subOrder.purpose,
    rating: subOrder.rating,
    ratingBasis: ratingText,
    supplier: { organisationId: subOrder.supplier_organisation_id, name: subOrder.supplier_name, external: subOrder.supplier_organisation_id === null },
    childOrderId: subOrder.child_order_id,
    quantity: subOrder.quantity,
    requiredDeliveryDate: subOrder.required_delivery_date,
    acceptanceDueAt: iso(subOrder.acceptance_due_at),
    acceptanceRule: subOrder.acceptance_rule,
    acceptanceTimeZone: timeZone,
    warnings,
  };
}

/** The declared SubOrderList of the company's received and placed sub-orders. */
export function presentSubOrderList(l: Awaited<ReturnType<typeof listSubOrders>>): SubOrderListView {
  return {
    timeZone: l.timeZone,
    received: l.received.map((o) => ({
      id: o.id,
      orderNumber: o.orderNumber,
      customer: o.customer,
      rating: o.rating,
      quantity: o.quantity,
      requiredDeliveryDate: o.requiredDeliveryDate,
      receivedAt: o.receivedAt,
      acceptanceDueAt: o.acceptanceDueAt,
      status: o.status,
      overdue: o.overdue,
    })),
    placed: l.placed.map((p) => ({
      id: p.id,
      parentOrderId: p.parentOrderId,
      orderNumber: p.orderNumber,
      supplier: p.supplier,
      external: p.external,
      // Stored under the placed_sub_orders check, one of SUB_ORDER_PURPOSES.
      purpose: p.purpose as SubOrderPurpose,
      rating: p.rating,
      quantity: p.quantity,
      requiredDeliveryDate: p.requiredDeliveryDate,
      placedAt: p.placedAt,
      acceptanceDueAt: p.acceptanceDueAt,
      status: p.status,
    })),
    suppliers: l.suppliers.map((s) => ({ id: s.id, name: s.name, shortName: s.shortName })),
  };
}
