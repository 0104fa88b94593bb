import { DATE_MAX } from '../../domain/bounds.js';
import { dateBoundsProblem, lineCanFinishInRange } from '../../domain/dpas/order-bounds.js';
import { classifyChange, type OrderChange } from '../../domain/dpas/order-changes.js';
import { dayIndexOf } from '../../domain/dpas/scheduling/index.js';
import { DateTime } from 'luxon';
import { parseRating, formatRating } from '../../domain/dpas/rating.js';
import { AppError, validationError, type FieldError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { isRealDate } from '../../domain/calendar/real-date.js';
import { auditAs } from '../../store/audit.repository.js';
import { getResourceLine, updateSupplierOrder, type SupplierOrderChanges } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { notifyRatedOrderDesk } from '../notifications/notify-workflow-step.js';
import { acceptanceDueAt, elementsOf, localDate } from './desk-order.js';
import { loadCompanyOrder } from './load-company-order.js';
import { loadSupplierCompany } from './supplier-company.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

export interface ChangeRatedOrderInput {
  actor: Actor;
  orderId: string;
  change: OrderChange;
  /** The customer's notice or the supplier's note (700.16(a): changes come by written notice). */
  reasons?: string | undefined;
}

export interface ChangeResult {
  newRatedOrder: boolean;
  rule: string;
  explanation: string;
}

/**
 * Records a change or cancellation the customer sent (15 CFR 700.16), on the locked row. A
 * significant change (delivery date earlier, quantity up beyond negligible, unrated → rated,
 * DO → DX) makes a new rated order as of its receipt: the decision is cleared and the 700.13 clock
 * starts again from now (scenario 10). Other changes keep the decision. A cancellation keeps the
 * row (700.91). Every change goes to the order's history with before and after, and to the audit.
 */
export async function changeRatedOrder(ctx: AppContext, input: ChangeRatedOrderInput): Promise<ChangeResult> {
  const { actor, change } = input;
  return ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const row = await loadCompanyOrder(trx, company.id, input.orderId, { forUpdate: true });
    if (row.cancelled_at) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${row.order_number} was cancelled on ${row.cancelled_at.toISOString()}; it takes no more changes.` });
    if (row.delivered_on || row.closed_at) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${row.order_number} was delivered${row.delivered_on ? ` on ${row.delivered_on}` : ''}; it takes no more changes.` });
    const calendar = await ctx.calendars.get(company.nation, trx);
    const zone = calendar.definition.timeZone;
    const now = ctx.now();

    const errors: FieldError[] = [];
    const set: SupplierOrderChanges = { updated_at: now };
    let before: Record<string, unknown> = {};
    let after: Record<string, unknown> = {};
    let normalized: OrderChange = change;
    switch (change.kind) {
      case 'destination':
        before = { destination: row.destination };
        after = { destination: change.destination.trim() };
        set.destination = change.destination.trim();
        break;
      case 'quantity':
        if (change.quantity === row.quantity) errors.push({ field: 'quantity', message: `is already ${row.quantity}` });
        else if (row.resource_id) {
          // Schedulable: the order's line must still be able to make it within the date bounds.
          const line = await getResourceLine(trx, row.resource_id);
          const daysToDateMax = dayIndexOf(DateTime.fromJSDate(ctx.now(), { zone }).toISODate()!, DATE_MAX);
          if (!lineCanFinishInRange(line.capacity_per_day, change.quantity, daysToDateMax)) errors.push({ field: 'quantity', message: `${line.name} makes ${line.capacity_per_day} units a working day: ${change.quantity} units cannot be made before ${DATE_MAX}` });
        }
        before = { quantity: row.quantity };
        after = { quantity: change.quantity };
        set.quantity = change.quantity;
        if (change.negligibleDeliveryImpact && change.quantity > row.quantity && !input.reasons?.trim()) {
          errors.push({ field: 'reasons', message: 'Say why the increase has negligible delivery impact (700.16(d)); it is kept in the history.' });
        }
        break;
      case 'delivery_date': {
        const received = localDate(row.received_at, zone);
        if (!isRealDate(change.requiredDeliveryDate)) errors.push({ field: 'requiredDeliveryDate', message: `must be a date as YYYY-MM-DD; "as soon as possible" is not a date (700.12(a)(2))` });
        else if (dateBoundsProblem(change.requiredDeliveryDate)) errors.push({ field: 'requiredDeliveryDate', message: dateBoundsProblem(change.requiredDeliveryDate)! });
        else if (change.requiredDeliveryDate < received) errors.push({ field: 'requiredDeliveryDate', message: `${change.requiredDeliveryDate} is before the order was received (${received})` });
        else if (change.requiredDeliveryDate === row.required_delivery_date) errors.push({ field: 'requiredDeliveryDate', message: `is already ${row.required_delivery_date}` });
        before = { requiredDeliveryDate: row.required_delivery_date };
        after = { requiredDeliveryDate: change.requiredDeliveryDate };
        set.required_delivery_date = change.requiredDeliveryDate;
        // An offered date must stay after the required date; a new required date voids the old offer.
        if (row.offered_delivery_date && row.offered_delivery_date <= change.requiredDeliveryDate) set.offered_delivery_date = null;
        break;
      }
      case 'rating': {
        let rating: string | null = null;
        if (change.rating) {
          const parsed = parseRating(change.rating);
          if (!parsed.ok) errors.push({ field: 'rating', message: parsed.message });
          else rating = formatRating(parsed.rating);
        }
        if (rating === row.rating) errors.push({ field: 'rating', message: `is already ${row.rating ?? 'unrated'}` });
        normalized = { kind: 'rating', rating };
        before = { rating: row.rating };
        after = { rating };
        set.rating = rating;
        set.priority = rating ? (rating.slice(0, 2) as 'DO' | 'DX') : 'unrated';
        break;
      }
      case 'cancel':
        before = { cancelledAt: null };
        after = { cancelledAt: now.toISOString() };
        set.cancelled_at = now;
        break;
    }
    if (errors.length) throw validationError(errors);

    const classification = classifyChange({ rating: row.rating, quantity: row.quantity, requiredDeliveryDate: row.required_delivery_date, destination: row.destination }, normalized);
    const changed = { ...row, ...set } as typeof row;
    if (classification.newRatedOrder) {
      // 700.16(c): a new rated order as of receipt of the change: decide again on a new clock.
      Object.assign(set, { decision: null, decided_at: null, decided_by: null, decision_reasons: null, rejection_ground: null, offered_delivery_date: null, accepted: false, rated_as_of: now });
      const complete = elementsOf(changed, zone).status === 'rated';
      set.acceptance_due_at = acceptanceDueAt(changed, now, calendar, complete);
      before = { ...before, decision: row.decision, acceptanceDueAt: row.acceptance_due_at?.toISOString() ?? null };
      after = { ...after, decision: null, acceptanceDueAt: set.acceptance_due_at?.toISOString() ?? null };
    } else if (change.kind === 'rating' && !set.rating) {
      // 700.16(a): the rating is cancelled; 700.13 no longer applies to the order.
      set.acceptance_due_at = null;
    } else if (change.kind === 'rating' && row.decision === null) {
      // Still undecided under another rating of the same level or lower: the clock counts from the original receipt.
      const complete = elementsOf(changed, zone).status === 'rated';
      set.acceptance_due_at = acceptanceDueAt(changed, row.rated_as_of ?? row.received_at, calendar, complete);
    }

    await updateSupplierOrder(trx, row.id, set);
    const historyId = await appendOrderHistory(trx, {
      orderId: row.id,
      at: now,
      actorId: actor.userId,
      kind: change.kind === 'cancel' ? 'cancel' : 'change',
      changeKind: change.kind,
      newRatedOrder: classification.newRatedOrder,
      before,
      after,
      reasons: input.reasons?.trim() || null,
      rule: classification.rule,
    });
    await auditAs(trx, actor, {
      action: change.kind === 'cancel' ? 'rated_order.cancel' : 'rated_order.change',
      entityType: 'supplier_order',
      entityId: row.id,
      data: { orderNumber: row.order_number, kind: change.kind, newRatedOrder: classification.newRatedOrder, before, after, rule: classification.rule },
    });
    await notifyRatedOrderDesk(ctx, trx, { orderId: row.id, actor, kind: change.kind === 'cancel' ? 'cancel' : classification.newRatedOrder ? 'new_rated_order' : 'change', explanation: classification.explanation, historyId });
    return { newRatedOrder: classification.newRatedOrder, rule: classification.rule, explanation: classification.explanation };
  });
}
