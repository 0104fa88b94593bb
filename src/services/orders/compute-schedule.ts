import { DateTime } from 'luxon';
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/index.js';
import { dateOfDayIndex, dayIndexOf, nonWorkingDayIndices, scheduleOrders, type BookOrder, type DelayCause, type Priority, type ProductionResource } from '../../domain/dpas/scheduling/index.js';
import type { Actor } from '../../domain/workflows/workflow-engine.js';
import type { AppContext } from '../context.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ProductionResourceRow, SupplierOrderRow } from '../../store/schema.js';
import { loadSupplierCompany, type SupplierCompany } from './supplier-company.js';

// A guard on the calendar walk below: no book needs more than this many days of work.
const MAX_HORIZON_DAYS = 366 * 50;

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
}

/**
 * The preferential schedule of the actor's company's order book (15 CFR 700.14): day 0 is today
 * in the company's nation calendar, its resources make nothing on that calendar's non-working
 * days (weekends and holidays, dpas-sosa.md §10), and every order is planned from today.
 */
export async function computeSchedule(ctx: AppContext, { actor }: { actor: Actor }): Promise<CompanySchedule> {
  return computeCompanySchedule(ctx, await loadSupplierCompany(ctx.store.db, actor));
}

type Executor = Kysely<Database> | Transaction<Database>;

export interface CompanyBook {
  today: IsoDate;
  zone: string;
  resources: ProductionResourceRow[];
  /** The planned orders: on a line, not cancelled (700.16), not rejected (700.13). */
  rows: Array<SupplierOrderRow & { resource_id: string }>;
  /** The same orders as the engine reads them: order numbers and resource names, day indices from today. */
  book: BookOrder[];
  engineResources: ProductionResource[];
  resourceName: Map<string, string>;
}

/** A company's plannable book, read through `db` (pass the transaction inside one). */
export async function loadCompanyBook(ctx: AppContext, company: SupplierCompany, db: Executor = ctx.store.db): Promise<CompanyBook> {
  const calendar = await ctx.calendars.get(company.nation, db);
  const zone = calendar.definition.timeZone;
  const today = DateTime.fromJSDate(ctx.now(), { zone }).toISODate()!;
  const resources = await db.selectFrom('production_resources').selectAll().where('organisation_id', '=', company.id).orderBy('name').execute();
  // Only orders on a line are planned; cancelled (700.16) and rejected (700.13) orders make nothing.
  const rows = (
    await db
      .selectFrom('supplier_orders')
      .selectAll()
      .where('organisation_id', '=', company.id)
      .where('resource_id', 'is not', null)
      .where('cancelled_at', 'is', null)
      .where((eb) => eb.or([eb('decision', 'is', null), eb('decision', '!=', 'rejected')]))
      .orderBy('required_delivery_date')
      .orderBy('order_number')
      .execute()
  ).map((o) => ({ ...o, resource_id: o.resource_id! }));
  const resourceName = new Map(resources.map((r) => [r.id, r.name]));

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
  return { today, zone, resources, rows, book, engineResources, resourceName };
}

/** The preferential schedule of one company's book (the order desk's, and a SOSA request's linked order). */
export async function computeCompanySchedule(ctx: AppContext, company: SupplierCompany, db: Executor = ctx.store.db): Promise<CompanySchedule> {
  const { today, zone, rows, book, engineResources, resourceName } = await loadCompanyBook(ctx, company, db);
  const result = scheduleOrders({ startDay: 0, resources: engineResources, orders: book });
  const delays = new Map(result.delays.map((d) => [d.orderId, d]));
  const dated = (text: string) => text.replace(/\bday (-?\d+)\b/g, (_m, d: string) => dateOfDayIndex(today, Number(d)));

  return {
    today,
    calendar: { nation: company.nation, timeZone: zone },
    orders: rows.map((o, i) => {
      const s = result.orders[i]!;
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
  while (working < workingDaysNeeded && day < MAX_HORIZON_DAYS) {
    if (calendar.isWorkingDay(dateOfDayIndex(today, day))) working++;
    day++;
  }
  const latestDue = book.reduce((m, o) => Math.max(m, o.dueDay), 0);
  return Math.min(MAX_HORIZON_DAYS, Math.max(day, latestDue + 1) + 1);
}
