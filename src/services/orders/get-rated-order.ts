import type { Actor } from '../../domain/access/actor.js';
import type { SupplierOrderRow } from '../../store/schema.js';
import { resourceNamesOf } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { computeCompanySchedule, type CompanySchedule, type ScheduledBookOrder } from './compute-schedule.js';
import { deskFacts, localDate, type DeskOrderFacts } from './desk-order.js';
import { decidersOf, loadCompanyOrder } from './load-company-order.js';
import { loadSupplierCompany } from './supplier-company.js';
import { listOrderHistory } from '../../store/order-history.repository.js';

export type DeskOrderView = Omit<ScheduledBookOrder, 'resource' | 'projectedCompletionDate' | 'plannedStartDate'> &
  DeskOrderFacts & {
    resource: { id: string; name: string } | null;
    /** Null when the order is not planned on a line (or is rejected, cancelled, delivered or closed). */
    projectedCompletionDate: string | null;
    plannedStartDate?: string;
    /** Set when the schedule cannot plan the order (a row out of the domain bounds): it is flagged, the book still reads. */
    unschedulable: { reason: 'out_of_range'; message: string } | null;
  };

/** The out-of-range flag of an order in a schedule, if any. */
export function unschedulableIn(schedule: CompanySchedule, orderId: string): DeskOrderView['unschedulable'] {
  const u = schedule.unscheduled.find((x) => x.id === orderId && x.reason === 'out_of_range');
  return u ? { reason: 'out_of_range', message: u.message } : null;
}

/** An order outside the schedule (no line yet, rejected, cancelled): its book facts without a plan. */
export function unplannedOrder(row: SupplierOrderRow, zone: string, resourceName: Map<string, string>): Omit<DeskOrderView, keyof DeskOrderFacts | 'unschedulable'> {
  return {
    id: row.id,
    orderNumber: row.order_number,
    customer: row.customer,
    rating: row.rating,
    priority: row.priority,
    resource: row.resource_id ? { id: row.resource_id, name: resourceName.get(row.resource_id) ?? '' } : null,
    quantity: row.quantity,
    requiredDeliveryDate: row.required_delivery_date,
    receivedDate: localDate(row.received_at, zone),
    accepted: row.accepted,
    requestId: row.request_id,
    projectedCompletionDate: null,
    daysLate: 0,
    delay: null,
  };
}

/**
 * One order of the supplier's company's book (404 for any other): its 700.12 status, 700.13
 * clock and decision, projected completion, 700.91 retention and its history.
 */
export async function getRatedOrder(ctx: AppContext, { actor, orderId }: { actor: Actor; orderId: string }) {
  const db = ctx.store.db;
  const company = await loadSupplierCompany(db, actor);
  const row = await loadCompanyOrder(db, company.id, orderId);
  const calendar = await ctx.calendars.get(company.nation);
  const schedule = await computeCompanySchedule(ctx, company);
  const planned = schedule.orders.find((o) => o.id === row.id);
  const resources = await resourceNamesOf(db, company.id);
  const base = planned ?? unplannedOrder(row, calendar.definition.timeZone, resources);
  const deciders = await decidersOf(db, [row]);
  const view: DeskOrderView = { ...base, ...deskFacts(row, calendar, ctx.now(), row.decided_by ? deciders.get(row.decided_by) ?? null : null), unschedulable: unschedulableIn(schedule, row.id) };
  return { ...view, history: await listOrderHistory(db, row.id) };
}

export async function getRatedOrderHistory(ctx: AppContext, { actor, orderId }: { actor: Actor; orderId: string }) {
  const db = ctx.store.db;
  const company = await loadSupplierCompany(db, actor);
  const row = await loadCompanyOrder(db, company.id, orderId);
  return { orderId: row.id, orderNumber: row.order_number, items: await listOrderHistory(db, row.id) };
}
