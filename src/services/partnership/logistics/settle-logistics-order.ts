import { AppError, validationError } from '../../../domain/errors.js';
import { checkSettlement, settlementStatusFor, type SettlementMethod, type SettlementStatus } from '../../../domain/partnership/logistics-ledger.js';
import { formatMinor, parseAmount } from '../../../domain/partnership/money.js';
import type { Actor } from '../../../domain/access/actor.js';
import { appendAudit, auditAs } from '../../../store/audit.repository.js';
import type { Tx } from '../../../store/executor.js';
import { addToOrderAmounts, insertSettlement, type LogisticsOrderRow } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { checkRecordedDate, loadOrder, requireKeptHere, requireOfficer } from './logistics-order-access.js';
import { shareLogisticsOrderChange } from '../../federation/share-logistics-order-change.js';
import { sendSettlementClaim, type ClaimSentReceipt } from './claim-on-copy.js';

export interface SettlementInput {
  amount: string;
  settledOn: string;
  method: SettlementMethod;
  note?: string | undefined;
}

/** A settlement as the ledger records it: the amount in the order's minor units. */
export interface SettlementFacts {
  amountMinor: number;
  settledOn: string;
  method: SettlementMethod;
  note: string;
}

/**
 * Who records a settlement: an officer of this instance, or (issue #13, README "Sovereign
 * instances") the receiving nation's official on its own instance, whose claim reached this one,
 * the keeper, as `logistics_settlement.claim` (apply-logistics-settlement-claim.ts): named as the
 * message names them, never a user here, under the settlement id the claim carries, and answered
 * by the order's next `logistics_order.set`.
 */
export type SettlementBy = { kind: 'user'; actor: Actor } | { kind: 'peer'; nation: string; displayName: string; organisation: string | null; messageId: string; answers: string; settlementId: string };

/**
 * Records a settlement. Two-sided: one the receiving nation (the debtor) records is claimed until
 * the supplying nation (the creditor) confirms it (decide-settlement-claim.ts). On a copy of an
 * order kept by the supplying nation's instance (issue #13), the receiving nation's officer's
 * settlement is a claim sent there (claim-on-copy.ts): `sent` is then its receipt, and nothing
 * is recorded here until the keeper's answer replaces the copy.
 */
export async function settleLogisticsOrder(ctx: AppContext, actor: Actor, id: string, input: SettlementInput): Promise<{ sent: ClaimSentReceipt | null }> {
  return ctx.store.db.transaction().execute(async (trx) => {
    // The row lock serialises settlements of one order: two at once cannot both fit the open amount.
    const order = await loadOrder(trx, actor, id, true);
    requireOfficer(actor);
    if (order.received_from !== null && actor.nation === order.receiving_nation) return { sent: await sendSettlementClaim(ctx, trx, actor, order, checkSettlementInput(order, input, ctx.now())) };
    requireKeptHere(order);
    await recordSettlement(ctx, trx, order, { kind: 'user', actor }, checkSettlementInput(order, input, ctx.now()));
    return { sent: null };
  });
}

/**
 * The ledger's rules for a settlement or claim of the order as it stands (10 USC 2345; README
 * "Logistics ledger"), in one place for the keeper's record, the claim a copy sends, and the
 * claim the keeper receives: an amount in the order's currency, dated within the domain bounds,
 * not in the future and not before the delivery, never more than the open amount not yet
 * claimed. A problem document (422) otherwise.
 */
export function checkSettlementInput(order: LogisticsOrderRow, input: SettlementInput, now: Date): SettlementFacts {
  const amount = parseAmount(input.amount, order.currency);
  if (!amount.ok) throw validationError([{ field: 'amount', message: amount.message }]);
  const facts = { amountMinor: amount.minor, settledOn: input.settledOn, method: input.method, note: input.note ?? '' };
  checkSettlementFits(order, facts, now);
  return facts;
}

export function checkSettlementFits(order: LogisticsOrderRow, s: Pick<SettlementFacts, 'amountMinor' | 'settledOn'>, now: Date): void {
  checkRecordedDate('settledOn', s.settledOn, now);
  if (s.settledOn < order.delivered_on) throw validationError([{ field: 'settledOn', message: `is before the delivery on ${order.delivered_on}` }]);
  const check = checkSettlement({ amountMinor: order.amount_minor, settledMinor: order.settled_minor, claimedMinor: order.claimed_minor, currency: order.currency }, s.amountMinor);
  if (!check.ok) {
    throw new AppError('VALIDATION_FAILED', {
      detail: check.message,
      errors: [{ field: 'amount', message: `exceeds the open amount of ${formatMinor(check.openMinor, order.currency)} ${order.currency}${order.claimed_minor > 0 ? ` not yet claimed (${formatMinor(order.claimed_minor, order.currency)} ${order.currency} awaits confirmation)` : ''}` }],
      extra: { openAmount: formatMinor(check.openMinor, order.currency), openMinor: check.openMinor, claimedAmount: formatMinor(order.claimed_minor, order.currency), currency: order.currency },
    });
  }
}

/**
 * The one path every settlement of an order kept here takes, on the locked order row: one an
 * officer here records (settleLogisticsOrder) and a claim the receiving nation's official sent
 * from its own instance (apply-logistics-settlement-claim.ts) are checked, recorded, audited and
 * shared the same way; the keeper's own is confirmed at once, the debtor's is a claim.
 */
export async function recordSettlement(ctx: AppContext, trx: Tx, order: LogisticsOrderRow, by: SettlementBy, s: SettlementFacts): Promise<{ order: LogisticsOrderRow; settlementId: string; status: SettlementStatus }> {
  const now = ctx.now();
  checkSettlementFits(order, s, now);
  const user = by.kind === 'user' ? by.actor : null;
  const byNation = user?.nation ?? (by.kind === 'peer' ? by.nation : '');
  // The creditor's own record is its acknowledgement; the debtor's is a claim until the creditor confirms.
  const status = settlementStatusFor({ supplyingNation: order.supplying_nation, receivingNation: order.receiving_nation }, byNation);
  const row = { order_id: order.id, settled_on: s.settledOn, method: s.method, amount_minor: s.amountMinor, note: s.note, created_by: user?.userId ?? null, created_at: now, status, recorded_by_nation: byNation, decided_by: status === 'confirmed' ? (user?.userId ?? null) : null, decided_at: status === 'confirmed' ? now : null };
  const settlement = await insertSettlement(trx, row, by.kind === 'peer' ? by.settlementId : undefined);
  const updated = await addToOrderAmounts(trx, order.id, status === 'confirmed' ? { settled: s.amountMinor } : { claimed: s.amountMinor }, now);
  const data = { settlement: settlement.id, status, amountMinor: s.amountMinor, currency: order.currency, method: s.method, settledOn: s.settledOn, openAfterMinor: updated.amount_minor - updated.settled_minor, claimedAfterMinor: updated.claimed_minor };
  const event = { parties: [order.supplying_nation, order.receiving_nation], action: 'logistics_order.settle', entityType: 'logistics_order', entityId: order.id };
  if (user) await auditAs(trx, user, { ...event, data });
  else {
    // Claimed by the peer's named official, applied from its message (as a peer's request step is).
    const named = by as Extract<SettlementBy, { kind: 'peer' }>;
    await appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation ?? order.supplying_nation, ...event, data: { ...data, byNation: named.nation, by: named.displayName, byOrganisation: named.organisation, messageId: named.messageId } });
  }
  await shareLogisticsOrderChange(ctx, trx, order.id, by.kind === 'peer' ? by.answers : null);
  return { order: updated, settlementId: settlement.id, status };
}
