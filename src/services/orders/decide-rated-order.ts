import { decisionProblems, latePromiseProblem, type RejectionGround } from '../../domain/dpas/order-decision.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { updateSupplierOrder } from '../../store/orders.repository.js';
import type { AppContext } from '../context.js';
import { checkAcceptanceDate } from './check-acceptance-date.js';
import { elementsOf, localDate } from './desk-order.js';
import { loadCompanyOrder } from './load-company-order.js';
import { loadSupplierCompany } from './supplier-company.js';
import { appendOrderHistory } from '../../store/order-history.repository.js';

export interface DecideRatedOrderInput {
  actor: Actor;
  orderId: string;
  decision: 'accept' | 'reject';
  reasons?: string | undefined;
  offeredDeliveryDate?: string | undefined;
  rejectionGround?: RejectionGround | undefined;
  /** With an acceptance: the date the supplier promises; on or before the required date (700.13(b)(1)). */
  promisedDeliveryDate?: string | undefined;
}

/**
 * The supplier accepts or rejects an order of its book (15 CFR 700.13), in one transaction on
 * the locked row: a second decision is a conflict (409); an order not yet rated (700.12) is not
 * decided until the customer completes it; an acceptance the schedule cannot meet is refused with
 * the earliest date the line can (700.13(b)(1)-(3), scenario 8); a rejection gives reasons and,
 * for a date that cannot be met, a later date offered. A decision after the deadline is recorded
 * and marked late. Each decision is in the order's history and the audit log.
 */
export async function decideRatedOrder(ctx: AppContext, input: DecideRatedOrderInput): Promise<void> {
  const { actor } = input;
  await ctx.store.db.transaction().execute(async (trx) => {
    const company = await loadSupplierCompany(trx, actor);
    const row = await loadCompanyOrder(trx, company.id, input.orderId, { forUpdate: true });
    if (row.cancelled_at) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${row.order_number} was cancelled; it takes no decision.` });
    if (input.decision === 'reject' && input.promisedDeliveryDate) throw validationError([{ field: 'promisedDeliveryDate', message: 'A rejection promises nothing; the date it offers is offeredDeliveryDate (700.13(b)(1)).' }]);
    if (row.decision) {
      throw new AppError('CONFLICT', { detail: `Order ${row.order_number} was already ${row.decision} on ${row.decided_at!.toISOString()}; a change that makes it a new rated order (700.16(c)) reopens the decision.` });
    }
    if (row.request_id) {
      throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `Order ${row.order_number} came from a SOSA request: accept or reject it on the request, which records the decision for both.`, extra: { requestId: row.request_id } });
    }
    const calendar = await ctx.calendars.get(company.nation, trx);
    const zone = calendar.definition.timeZone;
    const elements = elementsOf(row, zone);
    if (elements.status === 'not_yet_rated') {
      throw validationError(elements.missing, `Order ${row.order_number} is not yet a rated order (700.12(a)): ask the customer for what is missing; the 700.13 clock starts when it is complete.`);
    }
    const problems = decisionProblems({ decision: input.decision, reasons: input.reasons, offeredDeliveryDate: input.offeredDeliveryDate, rejectionGround: input.rejectionGround, requiredDeliveryDate: row.required_delivery_date });
    if (problems.length) throw validationError(problems, input.decision === 'reject' ? 'A rejection gives its reasons and, for a date that cannot be met, the earliest date offered (700.13(b)(1), (d)).' : undefined);

    const today = localDate(ctx.now(), zone);
    if (input.promisedDeliveryDate && input.promisedDeliveryDate < today) throw validationError([{ field: 'promisedDeliveryDate', message: `must not be before today (${today}): a promise is about the future` }]);
    // 700.13(b)(1): an acceptance is for a date the supplier can meet; a later promise is a rejection.
    const late = input.decision === 'accept' && input.promisedDeliveryDate ? latePromiseProblem({ promisedDeliveryDate: input.promisedDeliveryDate, requiredDeliveryDate: row.required_delivery_date }) : null;
    if (late) {
      throw new AppError('VALIDATION_FAILED', {
        detail: `Order ${row.order_number} cannot be accepted for a date after ${row.required_delivery_date}: reject it for "cannot meet the date" and offer ${input.promisedDeliveryDate} (15 CFR 700.13(b)(1)).`,
        errors: [{ field: 'promisedDeliveryDate', message: late }],
        extra: { rejectWith: { decision: 'reject', rejectionGround: 'cannot_meet_date', offeredDeliveryDate: input.promisedDeliveryDate } },
      });
    }

    let schedule: Record<string, unknown> | null = null;
    if (input.decision === 'accept' && row.priority !== 'unrated' && row.resource_id) {
      const check = await checkAcceptanceDate(ctx, trx, company, row);
      if (!check.ok) {
        throw new AppError('VALIDATION_FAILED', {
          detail: `Order ${row.order_number} cannot be accepted for ${row.required_delivery_date}: reject it with the earliest date possible, ${check.earliest}, offered (700.13(b)(1)).`,
          errors: [{ field: 'decision', message: check.text }],
          extra: { earliestDeliveryDate: check.earliest, rules: check.rules, reason: check.reason, rejectWith: { decision: 'reject', rejectionGround: check.ground, offeredDeliveryDate: check.earliest } },
        });
      }
      schedule = check.schedule;
    }

    const now = ctx.now();
    const afterDeadline = row.acceptance_due_at !== null && now.getTime() > row.acceptance_due_at.getTime();
    const accepted = input.decision === 'accept';
    // Accepted for the required date unless an earlier one is promised: the date the desk and the customer hold to.
    const promised = accepted ? (input.promisedDeliveryDate ?? row.required_delivery_date) : null;
    await updateSupplierOrder(trx, row.id, {
      decision: accepted ? 'accepted' : 'rejected',
      accepted,
      decided_at: now,
      decided_by: actor.userId,
      decision_reasons: input.reasons?.trim() || null,
      rejection_ground: accepted ? null : (input.rejectionGround ?? null),
      offered_delivery_date: accepted ? null : (input.offeredDeliveryDate ?? null),
      promised_delivery_date: promised,
      updated_at: now,
    });
    const after = { decision: accepted ? 'accepted' : 'rejected', reasons: input.reasons?.trim() || null, rejectionGround: input.rejectionGround ?? null, offeredDeliveryDate: input.offeredDeliveryDate ?? null, promisedDeliveryDate: promised, late: afterDeadline };
    await appendOrderHistory(trx, { orderId: row.id, at: now, actorId: actor.userId, kind: 'decision', before: { decision: null }, after, reasons: input.reasons?.trim() || null, rule: accepted ? '15 CFR 700.13(a), (d)' : '15 CFR 700.13(b)-(d)' });
    await auditAs(trx, actor, {
      action: accepted ? 'rated_order.accept' : 'rated_order.reject',
      entityType: 'supplier_order',
      entityId: row.id,
      data: { orderNumber: row.order_number, rating: row.rating, dueAt: row.acceptance_due_at?.toISOString() ?? null, ...after, ...(schedule ? { schedule } : {}) },
    });
  });
}
