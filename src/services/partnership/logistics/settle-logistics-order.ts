import { AppError, validationError } from '../../../domain/errors.js';
import { checkSettlement, settlementStatusFor, type SettlementMethod } from '../../../domain/partnership/logistics-ledger.js';
import { formatMinor, parseAmount } from '../../../domain/partnership/money.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { addToOrderAmounts, insertSettlement } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { checkRecordedDate, loadOrder, requireKeptHere, requireOfficer } from './logistics-order-access.js';
import { shareLogisticsOrderChange } from '../../federation/share-logistics-order-change.js';

/**
 * Records a settlement. Two-sided: one the receiving nation (the debtor) records is claimed until
 * the supplying nation (the creditor) confirms it (decide-settlement-claim.ts).
 */
export async function settleLogisticsOrder(ctx: AppContext, actor: Actor, id: string, input: { amount: string; settledOn: string; method: SettlementMethod; note?: string | undefined }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    // The row lock serialises settlements of one order: two at once cannot both fit the open amount.
    const order = await loadOrder(trx, actor, id, true);
    requireOfficer(actor);
    requireKeptHere(order);
    const amount = parseAmount(input.amount, order.currency);
    if (!amount.ok) throw validationError([{ field: 'amount', message: amount.message }]);
    checkRecordedDate('settledOn', input.settledOn, ctx.now());
    if (input.settledOn < order.delivered_on) throw validationError([{ field: 'settledOn', message: `is before the delivery on ${order.delivered_on}` }]);
    const check = checkSettlement({ amountMinor: order.amount_minor, settledMinor: order.settled_minor, claimedMinor: order.claimed_minor, currency: order.currency }, amount.minor);
    if (!check.ok) {
      throw new AppError('VALIDATION_FAILED', {
        detail: check.message,
        errors: [{ field: 'amount', message: `exceeds the open amount of ${formatMinor(check.openMinor, order.currency)} ${order.currency}${order.claimed_minor > 0 ? ` not yet claimed (${formatMinor(order.claimed_minor, order.currency)} ${order.currency} awaits confirmation)` : ''}` }],
        extra: { openAmount: formatMinor(check.openMinor, order.currency), openMinor: check.openMinor, claimedAmount: formatMinor(order.claimed_minor, order.currency), currency: order.currency },
      });
    }
    // The creditor's own record is its acknowledgement; the debtor's is a claim until the creditor confirms.
    const status = settlementStatusFor({ supplyingNation: order.supplying_nation, receivingNation: order.receiving_nation }, actor.nation);
    const now = ctx.now();
    const settlement = await insertSettlement(trx, { order_id: order.id, settled_on: input.settledOn, method: input.method, amount_minor: amount.minor, note: input.note ?? '', created_by: actor.userId, created_at: now, status, recorded_by_nation: actor.nation, decided_by: status === 'confirmed' ? actor.userId : null, decided_at: status === 'confirmed' ? now : null });
    const updated = await addToOrderAmounts(trx, order.id, status === 'confirmed' ? { settled: amount.minor } : { claimed: amount.minor }, now);
    await auditAs(trx, actor, { parties: [order.supplying_nation, order.receiving_nation], action: 'logistics_order.settle', entityType: 'logistics_order', entityId: order.id, data: { settlement: settlement.id, status, amountMinor: amount.minor, currency: order.currency, method: input.method, settledOn: input.settledOn, openAfterMinor: updated.amount_minor - updated.settled_minor, claimedAfterMinor: updated.claimed_minor } });
    await shareLogisticsOrderChange(ctx, trx, order.id);
    return { order: updated, settlementId: settlement.id, status };
  });
}
