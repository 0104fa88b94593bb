import type { Priority } from '../../domain/dpas/scheduling/index.js';
import type { Actor } from '../../domain/workflows/workflow-engine.js';
import type { AppContext } from '../context.js';
import { computeSchedule, type ScheduledBookOrder } from './compute-schedule.js';

/**
 * The actor's company's order book with each order's projected completion, optionally only one
 * priority or only the orders that the schedule makes late (or on time).
 */
export async function listOrders(ctx: AppContext, { actor, priority, late }: { actor: Actor; priority?: Priority | undefined; late?: boolean | undefined }): Promise<ScheduledBookOrder[]> {
  const schedule = await computeSchedule(ctx, { actor });
  return schedule.orders.filter((o) => (priority === undefined || o.priority === priority) && (late === undefined || o.daysLate > 0 === late));
}
