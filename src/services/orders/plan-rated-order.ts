import { DateTime } from 'luxon';
import { DATE_MAX } from '../../domain/bounds.js';
import { lineCanFinishInRange } from '../../domain/dpas/order-bounds.js';
import { dayIndexOf } from '../../domain/dpas/scheduling/index.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { listResourceLines, updateSupplierOrder } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { loadCompanyOrder } from './load-company-order.js';
import { loadSupplierCompany } from './supplier-company.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

/**
 * The supplier plans an order of its book on one of its production lines (or takes it off one):
 * from then on the preferential schedule (15 CFR 700.14) makes it there, a SOSA rated order like
 * any other. Planning is the supplier's own, not a change from the customer (700.16), so the
 * decision and its clock stand. The line must be able to make the order within the date bounds.
 * Kept in the order's history (700.91) and the audit log.
 */
export async function planRatedOrder(ctx: AppContext, input: { actor: Actor; orderId: string; resourceId: string | null }): Promise<void> {
  const { actor } = input;
  await ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const row = await loadCompanyOrder(trx, company.id, input.orderId, { forUpdate: true });
    const ended = row.cancelled_at ? 'was cancelled' : row.decision === 'rejected' ? 'was rejected' : row.closed_at ? 'is closed' : row.delivered_on ? `was delivered on ${row.delivered_on}` : null;
    if (ended) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${row.order_number} ${ended}: there is nothing left to make.` });
    if (input.resourceId === row.resource_id) throw validationError([{ field: 'resourceId', message: input.resourceId ? 'The order is already planned on this line.' : 'The order is not on a line.' }]);

    const lines = await listResourceLines(trx, company.id);
    const line = input.resourceId ? lines.find((l) => l.id === input.resourceId) : null;
    if (input.resourceId && !line) throw validationError([{ field: 'resourceId', message: 'is not one of your production lines' }]);
    if (line) {
      const zone = (await ctx.calendars.get(company.nation, trx)).definition.timeZone;
      const daysToDateMax = dayIndexOf(DateTime.fromJSDate(ctx.now(), { zone }).toISODate()!, DATE_MAX);
      if (!lineCanFinishInRange(line.capacity_per_day, row.quantity, daysToDateMax)) {
        throw validationError([{ field: 'resourceId', message: `${line.name} makes ${line.capacity_per_day} units a working day: ${row.quantity} units cannot be made before ${DATE_MAX}` }]);
      }
    }

    const now = ctx.now();
    const before = { line: lines.find((l) => l.id === row.resource_id)?.name ?? null };
    const after = { line: line?.name ?? null };
    await updateSupplierOrder(trx, row.id, { resource_id: input.resourceId, updated_at: now });
    await appendOrderHistory(trx, { orderId: row.id, at: now, actorId: actor.userId, kind: 'plan', before, after, rule: '15 CFR 700.14(a)' });
    await auditAs(trx, actor, {
      action: 'rated_order.plan',
      entityType: 'supplier_order',
      entityId: row.id,
      data: { orderNumber: row.order_number, before, after },
    });
  });
}
