/**
 * The LEMOA / ACSA logistics ledger across the border (dpas-sosa-sources.md §3.2; 10 USC
 * 2344–2345; issue #13). An order is a debt between two nations, and both read all of it: the
 * order, each settlement with its note, and each claim's decision with its reasons (README,
 * "Logistics ledger"). Anyone else reads none of it. What never crosses is who typed it in: the
 * user ids of the order's recorder and of a settlement's recorder and decider stay on the
 * instance where they acted.
 *
 * Who keeps the order, and who takes which step, when each nation runs its own instance: the
 * supplying nation (the creditor). A debt is not discharged on the debtor's word (a settlement
 * the receiving nation records is a claim until the supplying nation confirms it), so the
 * creditor's record is the ledger, and its reference series is the supplier's (`LSO-USIN-…`).
 * Its instance records the order, records settlements (confirmed at once) and decides claims,
 * and sends the order as it then stands to the receiving nation's instance, which holds a
 * read-only copy. The receiving nation's one step is its claim of a settlement, which belongs on
 * the keeper's ledger: its officer records it on the copy, and it crosses to the keeper as
 * `logistics_settlement.claim` (services/partnership/logistics/claim-on-copy.ts), which records it
 * as a claim or refuses it (README, "Sovereign instances").
 */
export interface LogisticsOrderFacts {
  id: string;
  reference: string;
  arrangement_id: string;
  supplying_nation: string;
  receiving_nation: string;
  support_class: string;
  description: string;
  occasion: string;
  delivered_on: string;
  currency: string;
  amount_minor: number;
  settled_minor: number;
  claimed_minor: number;
  settlement_method: string;
  settle_by: string;
  created_at: Date;
}

export interface LogisticsSettlementFacts {
  id: string;
  settled_on: string;
  method: string;
  amount_minor: number;
  note: string;
  status: 'claimed' | 'confirmed' | 'disputed';
  recorded_by_nation: string;
  created_at: Date;
  decided_at: Date | null;
  decision_note: string;
}

export interface BorderLogisticsSettlement {
  id: string;
  settledOn: string;
  method: string;
  amountMinor: number;
  note: string;
  status: 'claimed' | 'confirmed' | 'disputed';
  recordedByNation: string;
  recordedAt: string;
  decidedAt: string | null;
  decisionNote: string;
}

/** An order as it crosses to the other nation's instance: all that both nations read of it. */
export interface BorderLogisticsOrder {
  id: string;
  reference: string;
  arrangementId: string;
  supplyingNation: string;
  receivingNation: string;
  supportClass: string;
  description: string;
  occasion: string;
  deliveredOn: string;
  currency: string;
  amountMinor: number;
  settledMinor: number;
  claimedMinor: number;
  settlementMethod: string;
  settleBy: string;
  createdAt: string;
  settlements: BorderLogisticsSettlement[];
}

/** The two nations of the order read it (on a shared instance and as a peer's copy alike); no one else. */
export function isLogisticsParty(nation: string, order: Pick<LogisticsOrderFacts, 'supplying_nation' | 'receiving_nation'>): boolean {
  return nation === order.supplying_nation || nation === order.receiving_nation;
}

/** The nation whose instance keeps the order and sends it: the supplying nation, the creditor. */
export function logisticsKeeper(order: Pick<LogisticsOrderFacts, 'supplying_nation'>): string {
  return order.supplying_nation;
}

export function borderLogisticsOrder(order: LogisticsOrderFacts, settlements: readonly LogisticsSettlementFacts[]): BorderLogisticsOrder {
  return {
    id: order.id,
    reference: order.reference,
    arrangementId: order.arrangement_id,
    supplyingNation: order.supplying_nation,
    receivingNation: order.receiving_nation,
    supportClass: order.support_class,
    description: order.description,
    occasion: order.occasion,
    deliveredOn: order.delivered_on,
    currency: order.currency,
    amountMinor: order.amount_minor,
    settledMinor: order.settled_minor,
    claimedMinor: order.claimed_minor,
    settlementMethod: order.settlement_method,
    settleBy: order.settle_by,
    createdAt: order.created_at.toISOString(),
    settlements: settlements.map((s) => ({
      id: s.id,
      settledOn: s.settled_on,
      method: s.method,
      amountMinor: s.amount_minor,
      note: s.note,
      status: s.status,
      recordedByNation: s.recorded_by_nation,
      recordedAt: s.created_at.toISOString(),
      decidedAt: s.decided_at?.toISOString() ?? null,
      decisionNote: s.decision_note,
    })),
  };
}

/**
 * Why a crossing order cannot be what its keeper's ledger holds, or null: the totals are those
 * of its settlements (confirmed ones settle, claimed ones are claimed), never more than the
 * amount; a claim is the debtor's, a confirmation the creditor's or a claim it confirmed. A copy
 * that fails this is refused whole rather than stored half right.
 */
export function logisticsOrderProblem(o: BorderLogisticsOrder): string | null {
  if (o.supplyingNation === o.receivingNation) return 'the supplying and receiving nations are the same';
  if (o.settleBy < o.deliveredOn) return 'the settle-by date is before the delivery';
  const sum = (status: BorderLogisticsSettlement['status']) => o.settlements.filter((s) => s.status === status).reduce((a, s) => a + s.amountMinor, 0);
  if (sum('confirmed') !== o.settledMinor) return 'the settled amount is not the sum of the confirmed settlements';
  if (sum('claimed') !== o.claimedMinor) return 'the claimed amount is not the sum of the claimed settlements';
  if (o.settledMinor + o.claimedMinor > o.amountMinor) return 'more is settled and claimed than the order’s amount';
  if (new Set(o.settlements.map((s) => s.id)).size !== o.settlements.length) return 'a settlement appears twice';
  for (const s of o.settlements) {
    if (s.recordedByNation !== o.supplyingNation && s.recordedByNation !== o.receivingNation) return `settlement ${s.id} is recorded by ${s.recordedByNation}, no party to the order`;
    if (s.status === 'claimed' && s.recordedByNation !== o.receivingNation) return `settlement ${s.id} is claimed by the supplying nation, which confirms its own`;
    if (s.settledOn < o.deliveredOn) return `settlement ${s.id} is before the delivery`;
  }
  return null;
}
