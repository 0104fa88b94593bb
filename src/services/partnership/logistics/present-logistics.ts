import { DateTime } from 'luxon';
import type { Actor } from '../../../domain/access/actor.js';
import { isSettlementOverdue, openMinor, unclaimedMinor } from '../../../domain/partnership/logistics-ledger.js';
import { formatMinor } from '../../../domain/partnership/money.js';
import type { LogisticsOrderRow, LogisticsSettlementRow } from '../../../store/logistics.repository.js';

export function todayUtc(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
}

export function presentOrder(o: LogisticsOrderRow, now: Date) {
  const open = openMinor({ amountMinor: o.amount_minor, settledMinor: o.settled_minor });
  const unclaimed = unclaimedMinor({ amountMinor: o.amount_minor, settledMinor: o.settled_minor, claimedMinor: o.claimed_minor });
  return {
    id: o.id,
    reference: o.reference,
    arrangementId: o.arrangement_id,
    supplyingNation: o.supplying_nation,
    receivingNation: o.receiving_nation,
    supportClass: o.support_class,
    description: o.description,
    occasion: o.occasion,
    deliveredOn: o.delivered_on,
    currency: o.currency,
    amountMinor: o.amount_minor,
    amount: formatMinor(o.amount_minor, o.currency),
    settledMinor: o.settled_minor,
    settled: formatMinor(o.settled_minor, o.currency),
    /** Claimed by the debtor, not yet confirmed by the creditor: still part of `open`. */
    claimedMinor: o.claimed_minor,
    claimed: formatMinor(o.claimed_minor, o.currency),
    /** Open on confirmed settlements (what the creditor counts as owed). */
    openMinor: open,
    open: formatMinor(open, o.currency),
    /** Neither confirmed nor claimed: the most a new settlement may be. */
    unclaimedMinor: unclaimed,
    unclaimed: formatMinor(unclaimed, o.currency),
    settlementMethod: o.settlement_method,
    settleBy: o.settle_by,
    status: open === 0 ? 'settled' : o.settled_minor > 0 ? 'partly_settled' : 'open',
    overdue: isSettlementOverdue({ amountMinor: o.amount_minor, settledMinor: o.settled_minor, settleBy: o.settle_by }, todayUtc(now)),
  };
}

export function presentSettlement(s: LogisticsSettlementRow, order: Pick<LogisticsOrderRow, 'currency' | 'supplying_nation'>, actor: Actor) {
  return {
    id: s.id,
    settledOn: s.settled_on,
    method: s.method,
    amountMinor: s.amount_minor,
    amount: formatMinor(s.amount_minor, order.currency),
    note: s.note,
    status: s.status,
    recordedBy: s.recorded_by_nation,
    decidedAt: s.decided_at?.toISOString() ?? null,
    decisionNote: s.decision_note,
    /** The creditor's SOSA officers confirm or dispute a claim. */
    canDecide: s.status === 'claimed' && actor.nation === order.supplying_nation && actor.roles.includes('sosa_officer'),
  };
}
