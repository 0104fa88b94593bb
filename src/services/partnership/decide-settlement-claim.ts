import { AppError, validationError } from '../../domain/errors.js';
import { checkClaimDecision, type ClaimDecision } from '../../domain/partnership/logistics-ledger.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import { addToOrderAmounts, findSettlement, updateSettlementRow } from '../../store/logistics.repository.js';
import { loadOrder, requireKeptHere, requireOfficer } from './logistics/logistics-order-access.js';
import { shareLogisticsOrderChange } from '../federation/share-logistics-order-change.js';
import { notFound } from './partnership-access.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * The supplying nation (the creditor) confirms a settlement the receiving nation claims — the
 * cash, the replacement in kind or the exchange arrived — or disputes it with its reasons
 * (10 USC 2344(a); two-sided ledger, logistics/settle-logistics-order.ts). A confirmation moves the amount from
 * claimed to settled; a dispute releases it, and the debtor may record the settlement again.
 * One transaction with its audit event, under the order's row lock (a claim is decided once).
 */
export async function decideSettlementClaim(ctx: AppContext, actor: Actor, input: { orderId: string; settlementId: string; decision: ClaimDecision; note?: string | undefined }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, actor, input.orderId, true);
    requireOfficer(actor);
    requireKeptHere(order);
    const settlement = isUuid(input.settlementId) ? await findSettlement(trx, order.id, input.settlementId) : undefined;
    if (!settlement) throw notFound('settlement', input.settlementId);
    const check = checkClaimDecision({ supplyingNation: order.supplying_nation }, settlement, actor.nation, input.decision, input.note);
    if (!check.ok) {
      if (check.reason === 'not_creditor') throw new AppError('ROLE_NOT_ALLOWED', { detail: check.message });
      if (check.reason === 'not_claimed') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: check.message });
      throw validationError([{ field: 'note', message: check.message }]);
    }
    const now = ctx.now();
    await updateSettlementRow(trx, settlement.id, { status: check.to, decided_by: actor.userId, decided_at: now, decision_note: input.note?.trim() ?? '' });
    const amount = settlement.amount_minor;
    const updated = await addToOrderAmounts(trx, order.id, check.to === 'confirmed' ? { claimed: -amount, settled: amount } : { claimed: -amount }, now);
    await auditAs(trx, actor, {
      parties: [order.supplying_nation, order.receiving_nation],
      action: check.to === 'confirmed' ? 'logistics_order.settlement_confirm' : 'logistics_order.settlement_dispute',
      entityType: 'logistics_order',
      entityId: order.id,
      data: { settlement: settlement.id, claimedBy: settlement.recorded_by_nation, amountMinor: amount, currency: order.currency, note: input.note?.trim() ?? '', openAfterMinor: updated.amount_minor - updated.settled_minor, claimedAfterMinor: updated.claimed_minor },
    });
    await shareLogisticsOrderChange(ctx, trx, order.id);
    return updated;
  });
}
