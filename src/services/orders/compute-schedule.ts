import { DateTime } from 'luxon';
import { DATE_MAX } from '../../domain/bounds.js';
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/index.js';
import { lineCanFinishInRange, unschedulableReason } from '../../domain/dpas/order-bounds.js';
import { dateOfDayIndex, dayIndexOf, nonWorkingDayIndices, scheduleOrders, type BookOrder, type DelayCause, type Priority, type ProductionResource } from '../../domain/dpas/scheduling/index.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import type { Db } from '../../store/executor.js';
import { listOpenCompanyOrders, listProductionResources } from '../../store/orders.repository.js';
import type { ProductionResourceRow, SupplierOrderRow } from '../../store/schema.js';
import { loadSupplierCompany, type SupplierCompany } from './supplier-company.js';


export interface ScheduledBookOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: Priority;
  resource: { id: string; name: string };
  quantity: number;
  requiredDeliveryDate: IsoDate;
  receivedDate: IsoDate;
  accepted: boolean;
  requestId: string | null;
  /** The first day the line works on the order, as the plan from today has it. */
  plannedStartDate: IsoDate;
  /** The date on which the last unit is finished, as the preferential schedule (700.14) plans it. */
  projectedCompletionDate: IsoDate;
  /** Calendar days after the required delivery date; 0 when on time. */
  daysLate: number;
  /** Why a late order is late (700.14(b), 700.14(c)(1)), with dates; null when on time. */
  delay: {
    text: string;
    causes: readonly DelayCause[];
    displacedBy: string[];
    aheadByPrecedence: string[];
    rules: readonly string[];
    notifyCustomer: boolean;
  } | null;
}

/**
 * An open order the schedule does not plan: not yet on a line, or out of the domain bounds (a row
 * stored before them): listed with its reason so no order silently drops out of the plan.
 */
export interface UnscheduledOrder {
  id: string;
  orderNumber: string;
  customer: string;
  rating: string | null;
  priority: Priority;
  resource: { id: string; name: string } | null;
  quantity: number;
  requiredDeliveryDate: string;
  requestId: string | null;
  reason: 'no_line' | 'out_of_range';
  message: string;
}

export interface BookConflict {
  resource: string;
  priority: 'DO' | 'DX';
  precedence: string[];
  delayed: string[];
  rules: string[];
  suggestion: string;
}

export interface CompanySchedule {
  /** Day 0 of the plan: today in the company's time zone. */
  today: IsoDate;
  calendar: { nation: string; timeZone: string };
  orders: ScheduledBookOrder[];
  conflicts: BookConflict[];
  /** Open orders left out of the plan, each with the reason (no line yet, or out of range). */
  unscheduled: UnscheduledOrder[];
}

/**
 * The preferential schedule of the actor's company's order book (15 CFR 700.14): day 0 is today
 * in the company's nation calendar, its resources make nothing on that calendar's non-working
 * days (weekends and holidays, dpas-sosa.md §10), and every order is planned from today.
 */
export async function computeSchedule(ctx: AppContext, { actor }: { actor: Actor }): Promise<CompanySchedule> {
  return computeCompanySchedule(ctx, await loadSupplierCompany(ctx.store.db, actor));
}

export interface CompanyBook {
  today: IsoDate;
  zone: string;
  resources: ProductionResourceRow[];
  /** The planned orders: on a line, not cancelled (700.16), not rejected (700.13), not delivered or closed. */
  rows: Array<SupplierOrderRow & { resource_id: string }>;
  /** Open orders the plan leaves out: no line yet, or out of the domain bounds (with the reason). */
  unplanned: Array<{ row: SupplierOrderRow; reason: UnscheduledOrder['reason']; message: string }>;
  /** The same orders as the engine reads them: order numbers and resource names, day indices from today. */
  book: BookOrder[];
  engineResources: ProductionResource[];
  resourceName: Map<string, string>;
}

/** A company's plannable book, read through `db` (pass the transaction inside one). */
export async function loadCompanyBook(ctx: AppContext, company: SupplierCompany, db: Db = ctx.store.db): Promise<CompanyBook> {
  const calendar = await ctx.calendars.get(company.nation, db);
  const zone = calendar.definition.timeZone;
  const today = DateTime.fromJSDate(ctx.now(), { zone }).toISODate()!;
  const resources = await listProductionResources(db, company.id);
  // Open orders only: cancelled (700.16), rejected (700.13), delivered and closed orders make nothing.
  const open = await listOpenCompanyOrders(db, company.id);
  const resourceName = new Map(resources.map((r) => [r.id, r.name]));
  const capacity = new Map(resources.map((r) => [r.id, r.capacity_per_day]));
  const daysToDateMax = dayIndexOf(today, DATE_MAX);

  // A stored row may predate the bounds: it is set aside with its reason instead of breaking the
  // plan of every other order (issue #10 item 5), and so is an order no line could finish in range.
  const unplanned: CompanyBook['unplanned'] = [];
  const rows: CompanyBook['rows'] = [];
  for (const o of open) {
    if (!o.resource_id || !resourceName.has(o.resource_id)) {
      unplanned.push({ row: o, reason: 'no_line', message: 'Not planned on a production line yet: plan it on a line to schedule it (700.14).' });
      continue;
    }
    const reason =
      unschedulableReason({ quantity: o.quantity, requiredDeliveryDate: o.required_delivery_date, receivedDate: localDate(o.received_at, zone) }) ??
      (lineCanFinishInRange(capacity.get(o.resource_id)!, o.quantity, daysToDateMax) ? null : `Cannot be scheduled: ${resourceName.get(o.resource_id)} cannot make ${o.quantity} units before ${DATE_MAX}. Cancel it, or record the customer's corrected quantity.`);
    if (reason) unplanned.push({ row: o, reason: 'out_of_range', message: reason });
    else rows.push({ ...o, resource_id: o.resource_id });
  }

  // The engine speaks of order numbers and resource names, so its explanations name them.
  const book: BookOrder[] = rows.map((o) => ({
    id: o.order_number,
    resourceId: resourceName.get(o.resource_id)!,
    priority: o.priority,
    quantity: o.quantity,
    dueDay: dayIndexOf(today, o.required_delivery_date),
    receivedDay: dayIndexOf(today, localDate(o.received_at, zone)),
    accepted: o.accepted,
  }));
  const nonWorking = nonWorkingDayIndices(calendar, today, horizonDays(calendar, today, resources, book));
  const engineResources: ProductionResource[] = resources.map((r) => ({ id: r.name, capacityPerDay: r.capacity_per_day, nonWorkingDays: nonWorking }));
  return { today, zone, resources, rows, unplanned, book, engineResources, resourceName };
}

/** The preferential schedule of one company's book (the order desk's, and a SOSA request's linked order). */
export async function computeCompanySchedule(ctx: AppContext, company: SupplierCompany, db: Db = ctx.store.db): Promise<CompanySchedule> {
  const { today, zone, rows, unplanned, book, engineResources, resourceName } = await loadCompanyBook(ctx, company, db);
  const result = scheduleOrders({ startDay: 0, resources: engineResources, orders: book });
  const delays = new Map(result.delays.map((d) => [d.orderId, d]));
  const lastDay = dayIndexOf(today, DATE_MAX);
  // A day past the bounds is no date anyone plans for (and past year 275760 no Date at all).
  const dateOf = (d: number) => (d > lastDay ? `after ${DATE_MAX}` : dateOfDayIndex(today, d));
  const dated = (text: string) => text.replace(/\bday (-?\d+)\b/g, (_m, d: string) => dateOf(Number(d)));
  const unscheduled: UnscheduledOrder[] = unplanned.map(({ row, reason, message }) => ({
    id: row.id,
    orderNumber: row.order_number,
    customer: row.customer,
    rating: row.rating,
    priority: row.priority,
    resource: row.resource_id && resourceName.has(row.resource_id) ? { id: row.resource_id, name: resourceName.get(row.resource_id)! } : null,
    quantity: row.quantity,
    requiredDeliveryDate: row.required_delivery_date,
    requestId: row.request_id,
    reason,
    message,
  }));
  const planned = rows.flatMap((o, i) => {
    const s = result.orders[i]!;
    if (s.completionDay <= lastDay) return [{ o, s }];
    // The line's other work pushes it past the bounds: flagged, not dated.
    unscheduled.push({ id: o.id, orderNumber: o.order_number, customer: o.customer, rating: o.rating, priority: o.priority, resource: { id: o.resource_id, name: resourceName.get(o.resource_id)! }, quantity: o.quantity, requiredDeliveryDate: o.required_delivery_date, requestId: o.request_id, reason: 'out_of_range', message: `Cannot be scheduled: ${resourceName.get(o.resource_id)} would finish it after ${DATE_MAX}.` });
    return [];
  });

  return {
    today,
    calendar: { nation: company.nation, timeZone: zone },
    orders: planned.map(({ o, s }) => {
      const d = delays.get(o.order_number);
      return {
        id: o.id,
        orderNumber: o.order_number,
        customer: o.customer,
        rating: o.rating,
        priority: o.priority,
        resource: { id: o.resource_id, name: resourceName.get(o.resource_id)! },
        quantity: o.quantity,
        requiredDeliveryDate: o.required_delivery_date,
        receivedDate: localDate(o.received_at, zone),
        accepted: o.accepted,
        requestId: o.request_id,
        plannedStartDate: dateOfDayIndex(today, s.segments[0]?.firstDay ?? s.completionDay),
        projectedCompletionDate: dateOfDayIndex(today, s.completionDay),
        daysLate: s.daysLate,
        delay: d
          ? {
              text: dated(d.text),
              causes: d.causes,
              displacedBy: d.displacedBy.map((h) => h.orderId),
              aheadByPrecedence: d.aheadByPrecedence.map((h) => h.orderId),
              rules: d.rules,
              notifyCustomer: d.notifyCustomer,
            }
          : null,
      };
    }),
    conflicts: result.conflicts.map((c) => ({ resource: c.resourceId, priority: c.priority, precedence: c.precedence, delayed: c.delayed, rules: c.rules, suggestion: dated(c.suggestion) })),
    unscheduled,
  };
}

function localDate(at: Date, zone: string): IsoDate {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/**
 * Days from today that the non-working-day list must cover: through the latest due date and
 * through the day by which the busiest resource has made all its work (days beyond the list
 * count as working, so it must reach every day the schedule can use).
 */
export function horizonDays(calendar: WorkingCalendar, today: IsoDate, resources: ReadonlyArray<{ name: string; capacity_per_day: number }>, book: readonly BookOrder[]): number {
  const load = new Map<string, number>();
  for (const o of book) load.set(o.resourceId, (load.get(o.resourceId) ?? 0) + o.quantity);
  let workingDaysNeeded = 0;
  for (const r of resources) workingDaysNeeded = Math.max(workingDaysNeeded, Math.ceil((load.get(r.name) ?? 0) / r.capacity_per_day));
  let day = 0;
  let working = 0;
  // The walk stops at the end of the date bounds: no planned order is dated beyond them.
  const maxHorizon = Math.max(1, dayIndexOf(today, DATE_MAX) + 2);
  while (working < workingDaysNeeded && day < maxHorizon) {
    if (calendar.isWorkingDay(dateOfDayIndex(today, day))) working++;
    day++;
  }
  const latestDue = book.reduce((m, o) => Math.max(m, o.dueDay), 0);
  return Math.min(maxHorizon, Math.max(day, latestDue + 1) + 1);
}
