import type { Actor } from '../../domain/access/actor.js';
import { listOtherCompaniesOfNation, listPlacedSubOrders, listReceivedSubOrders } from '../../store/flow-down.repository.js';
import type { AppContext } from '../context.js';
import { loadSupplierCompany } from '../orders/supplier-company.js';
import { dateOrNull, flowStatusOf, type FlowDownStatus } from './load-flow-down.js';
import type { ApiSchema } from '../../contract/api-schema.js';

/** The rated sub-orders of the actor's company, as GET /sub-orders declares them. */
export type SubOrderList = ApiSchema<'SubOrderList'>;
export type ReceivedSubOrder = SubOrderList['received'][number];
export type PlacedSubOrderSummary = SubOrderList['placed'][number];

/**
 * The actor's company's rated sub-orders: those it received from a customer company in the
 * system (they have no line yet, so the schedule does not list them) and those it placed.
 */
export type SubOrderSupplier = SubOrderList['suppliers'][number];

/**
 * … and the companies of the own nation in the system a rated sub-order can be addressed to
 * (their names and ids only: a supplier must be able to name its sub-supplier; GET /reference
 * shows a company only itself, so the list is served here, to suppliers, for this purpose).
 */
export async function listSubOrders(ctx: AppContext, { actor }: { actor: Actor }): Promise<SubOrderList> {
  const db = ctx.store.db;
  const company = await loadSupplierCompany(db, actor);
  const now = ctx.now().getTime();
  const received = await listReceivedSubOrders(db, company.id);
  const placed = await listPlacedSubOrders(db, company.id);
  const suppliers = await listOtherCompaniesOfNation(db, company.nation, company.id);
  return {
    // Deadlines are counted in the company's nation calendar (sub-orders stay within one nation).
    timeZone: (await ctx.calendars.get(company.nation)).definition.timeZone,
    received: received.map((o) => {
      const due = dateOrNull(o.acceptance_due_at);
      const status = flowStatusOf(o);
      return {
        id: o.id,
        orderNumber: o.order_number,
        customer: o.customer,
        rating: o.rating,
        quantity: o.quantity,
        requiredDeliveryDate: o.required_delivery_date,
        receivedAt: o.received_at.toISOString(),
        acceptanceDueAt: due ? due.toISOString() : null,
        status,
        overdue: status === 'awaiting_decision' && due !== null && due.getTime() < now,
      };
    }),
    placed: placed.map((p) => ({
      id: p.id,
      parentOrderId: p.parent_order_id,
      orderNumber: p.order_number,
      supplier: p.supplier_name,
      external: p.supplier_organisation_id === null,
      purpose: p.purpose,
      rating: p.rating,
      quantity: p.quantity,
      requiredDeliveryDate: p.required_delivery_date,
      placedAt: p.placed_at.toISOString(),
      acceptanceDueAt: p.acceptance_due_at ? p.acceptance_due_at.toISOString() : null,
      status: p.supplier_organisation_id === null ? ('external' as const) : flowStatusOf({ decision: p.decision, cancelled_at: p.cancelled_at, accepted: p.accepted ?? false }),
    })),
    suppliers: suppliers.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name })),
  };
}
