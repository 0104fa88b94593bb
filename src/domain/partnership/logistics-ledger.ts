import { DateTime } from 'luxon';
import { z } from 'zod';
import { formatMinor } from './money.js';

/**
 * LEMOA / ACSA reciprocal logistics support (dpas-sosa-sources.md §3.2). The supplying nation
 * provides logistic support, supplies and services (fuel, rations, berthing, spares, transport,
 * services) to the receiving nation, which settles by reimbursement (cash), replacement in kind,
 * or exchange of equal value (10 USC 2344(a)). 10 USC 2345: credits and liabilities are
 * liquidated not less often than every 12 months; replacement-in-kind and equal-value exchange
 * are satisfied within 12 months after delivery. LEMOA's own time limit is not public
 * (sources §3.2 [U]), so the period is a setting (LOGISTICS_SETTLEMENT_MONTHS, default 12).
 */
export const SUPPORT_CLASSES = ['fuel', 'rations', 'berthing', 'spare_parts', 'transportation', 'services'] as const;
export type SupportClass = (typeof SUPPORT_CLASSES)[number];
export const SETTLEMENT_METHODS = ['cash', 'replacement_in_kind', 'equal_value_exchange'] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

export const DEFAULT_SETTLEMENT_MONTHS = 12;

/** The last day to settle: delivery + N months (10 USC 2345: within 12 months after delivery). */
export function settleBy(deliveredOn: string, months: number): string {
  const d = DateTime.fromISO(deliveredOn, { zone: 'utc' });
  if (!d.isValid) throw new RangeError(`${deliveredOn} is not a date`);
  return d.plus({ months }).toISODate()!;
}

export interface LedgerOrder {
  supplyingNation: string;
  receivingNation: string;
  currency: string;
  amountMinor: number;
  /** Confirmed settlements. */
  settledMinor: number;
  /** Settlements the debtor claims and the creditor has not yet confirmed (0 when absent). */
  claimedMinor?: number;
  settleBy: string;
}

/**
 * What the creditor still counts as owed: the amount less the confirmed settlements. A claim
 * does not lower it until the creditor confirms it.
 */
export function openMinor(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor'>): number {
  return order.amountMinor - order.settledMinor;
}

/** What is neither settled nor claimed: the most a new settlement may be. */
export function unclaimedMinor(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor' | 'claimedMinor'>): number {
  return order.amountMinor - order.settledMinor - (order.claimedMinor ?? 0);
}

export type SettlementCheck = { ok: true; openAfter: number } | { ok: false; openMinor: number; message: string };

/**
 * A settlement may be partial; it may not exceed what is still open on the order, less what the
 * debtor already claims to have paid (two claims of the same payment cannot both stand).
 */
export function checkSettlement(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor' | 'claimedMinor' | 'currency'>, amountMinor: number): SettlementCheck {
  const open = unclaimedMinor(order);
  const claimed = order.claimedMinor ?? 0;
  if (open <= 0) return { ok: false, openMinor: 0, message: claimed > 0 ? 'The rest of the order is claimed as settled and awaits the supplying nation’s confirmation.' : 'The order is already fully settled.' };
  if (amountMinor > open) {
    const pending = claimed > 0 ? ` (${formatMinor(claimed, order.currency)} ${order.currency} more is claimed and awaits confirmation)` : '';
    return { ok: false, openMinor: open, message: `The settlement of ${formatMinor(amountMinor, order.currency)} ${order.currency} exceeds the open amount of ${formatMinor(open, order.currency)} ${order.currency}${pending}.` };
  }
  return { ok: true, openAfter: open - amountMinor };
}

/**
 * Two-sided ledger. The supplying nation is the creditor, the receiving nation the debtor
 * (10 USC 2344(a): the receiving party reimburses, replaces in kind or exchanges equal value). A
 * debt is not discharged on the debtor's word: a settlement the debtor records is a claim until
 * the creditor confirms that it received the payment, the replacement or the exchange; one the
 * creditor records is its own acknowledgement, confirmed at once.
 */
export type SettlementStatus = 'claimed' | 'confirmed' | 'disputed';

export function settlementStatusFor(order: Pick<LedgerOrder, 'supplyingNation' | 'receivingNation'>, recorderNation: string): SettlementStatus {
  return recorderNation === order.supplyingNation ? 'confirmed' : 'claimed';
}

export type ClaimDecision = 'confirm' | 'dispute';

export type ClaimDecisionCheck = { ok: true; to: Exclude<SettlementStatus, 'claimed'> } | { ok: false; reason: 'not_creditor' | 'not_claimed' | 'reason_required'; message: string };

/** Only the creditor decides a claim, once; a dispute says why. */
export function checkClaimDecision(order: Pick<LedgerOrder, 'supplyingNation'>, settlement: { status: SettlementStatus }, deciderNation: string, decision: ClaimDecision, note: string | undefined): ClaimDecisionCheck {
  if (deciderNation !== order.supplyingNation) return { ok: false, reason: 'not_creditor', message: `Only ${order.supplyingNation}, the supplying nation, confirms or disputes a settlement claimed on this order.` };
  if (settlement.status !== 'claimed') return { ok: false, reason: 'not_claimed', message: `This settlement is already ${settlement.status}.` };
  if (decision === 'dispute' && !note?.trim()) return { ok: false, reason: 'reason_required', message: 'Say why the settlement is disputed.' };
  return { ok: true, to: decision === 'confirm' ? 'confirmed' : 'disputed' };
}

/** Open past its settle-by date (the date is the last day allowed). */
export function isSettlementOverdue(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor' | 'settleBy'>, today: string): boolean {
  return openMinor(order) > 0 && order.settleBy < today;
}

/** Minor units of a currency (paise, cents). */
const minor = z.number().int();

export const DEBT_SCHEMA = z.strictObject({
  /** The receiving nation, which owes. */
  owedBy: z.string(),
  /** The supplying nation, which is owed. */
  owedTo: z.string(),
  currency: z.string(),
  /** Open on confirmed settlements. */
  openMinor: minor,
  /** Of that, what the debtor claims to have settled and the creditor has not yet confirmed. */
  claimedMinor: minor,
  orders: z.number().int(),
});
export type Debt = z.infer<typeof DEBT_SCHEMA>;

export const NET_BALANCE_SCHEMA = z.strictObject({
  owedBy: z.string(),
  owedTo: z.string(),
  currency: z.string(),
  /** What one nation owes the other after setting off the other way (never negative). */
  netMinor: minor,
});
export type NetBalance = z.infer<typeof NET_BALANCE_SCHEMA>;

/** Who owes whom, per currency: gross per direction (claims shown apart) and net per pair of nations on confirmed settlements. Currencies are never mixed. */
export function computeBalances(orders: readonly LedgerOrder[]): { gross: Debt[]; net: NetBalance[] } {
  const gross = new Map<string, Debt>();
  for (const o of orders) {
    const open = openMinor(o);
    if (open <= 0) continue;
    const key = `${o.receivingNation}|${o.supplyingNation}|${o.currency}`;
    const d = gross.get(key) ?? { owedBy: o.receivingNation, owedTo: o.supplyingNation, currency: o.currency, openMinor: 0, claimedMinor: 0, orders: 0 };
    d.openMinor += open;
    d.claimedMinor += o.claimedMinor ?? 0;
    d.orders += 1;
    gross.set(key, d);
  }
  const net = new Map<string, NetBalance>();
  for (const d of gross.values()) {
    const [a, b] = [d.owedBy, d.owedTo].sort() as [string, string];
    const key = `${a}|${b}|${d.currency}`;
    // Signed: positive means a owes b.
    const signed = (d.owedBy === a ? 1 : -1) * d.openMinor;
    const prev = net.get(key);
    const total = (prev ? (prev.owedBy === a ? prev.netMinor : -prev.netMinor) : 0) + signed;
    net.set(key, total >= 0 ? { owedBy: a, owedTo: b, currency: d.currency, netMinor: total } : { owedBy: b, owedTo: a, currency: d.currency, netMinor: -total });
  }
  const byKey = <T extends { owedBy: string; owedTo: string; currency: string }>(x: T, y: T) => x.currency.localeCompare(y.currency) || x.owedBy.localeCompare(y.owedBy) || x.owedTo.localeCompare(y.owedTo);
  return { gross: [...gross.values()].sort(byKey), net: [...net.values()].filter((n) => n.netMinor > 0).sort(byKey) };
}
