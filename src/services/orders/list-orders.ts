import type { Priority } from '../../domain/dpas/scheduling/index.js';
import type { Actor } from '../../domain/access/actor.js';
import { listCompanyOrders, resourceNamesOf } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { computeCompanySchedule } from './compute-schedule.js';
import { deskFacts } from './desk-order.js';
import { decidersOf } from './load-company-order.js';
import { unplannedOrder, type DeskOrderView } from './get-rated-order.js';
import { loadSupplierCompany } from './supplier-company.js';

/**
 * The actor's company's order book: every order, planned ones with their projected completion
 * (700.14), each with its 700.12 status, 700.13 deadline and countdown, decision and 700.91
 * retention; optionally only one priority or only the orders the schedule makes late (or on time).
 */
export async function listOrders(ctx: AppContext, { actor, priority, late }: { actor: Actor; priority?: Priority | undefined; late?: boolean | undefined }): Promise<DeskOrderView[]> {
  const db = ctx.store.db;
  const company = await loadSupplierCompany(db, actor);
  const calendar = await ctx.calendars.get(company.nation);
  const zone = calendar.definition.timeZone;
  const schedule = await computeCompanySchedule(ctx, company);
  const planned = new Map(schedule.orders.map((o) => [o.id, o]));
  // A row the schedule cannot plan is flagged on its own line; every other order still reads.
  const flagged = new Map(schedule.unscheduled.filter((u) => u.reason === 'out_of_range').map((u) => [u.id, u.message]));
  const rows = await listCompanyOrders(db, company.id);
  const resources = await resourceNamesOf(db, company.id);
  const deciders = await decidersOf(db, rows);
  const now = ctx.now();
  return rows
    .map((row): DeskOrderView => ({
      ...(planned.get(row.id) ?? unplannedOrder(row, zone, resources)),
      ...deskFacts(row, calendar, now, row.decided_by ? deciders.get(row.decided_by) ?? null : null),
      unschedulable: flagged.has(row.id) ? { reason: 'out_of_range' as const, message: flagged.get(row.id)! } : null,
    }))
    .filter((o) => (priority === undefined || o.priority === priority) && (late === undefined || o.daysLate > 0 === late));
}
