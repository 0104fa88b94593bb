import { DateTime } from 'luxon';
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
  settledMinor: number;
  settleBy: string;
}

export function openMinor(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor'>): number {
  return order.amountMinor - order.settledMinor;
}

export type SettlementCheck = { ok: true; openAfter: number } | { ok: false; openMinor: number; message: string };

/** A settlement may be partial; it may not exceed what is still open on the order. */
export function checkSettlement(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor' | 'currency'>, amountMinor: number): SettlementCheck {
  const open = openMinor(order);
  if (open <= 0) return { ok: false, openMinor: 0, message: 'The order is already fully settled.' };
  if (amountMinor > open) {
    return { ok: false, openMinor: open, message: `The settlement of ${formatMinor(amountMinor, order.currency)} ${order.currency} exceeds the open amount of ${formatMinor(open, order.currency)} ${order.currency}.` };
  }
  return { ok: true, openAfter: open - amountMinor };
}

/** Open past its settle-by date (the date is the last day allowed). */
export function isSettlementOverdue(order: Pick<LedgerOrder, 'amountMinor' | 'settledMinor' | 'settleBy'>, today: string): boolean {
  return openMinor(order) > 0 && order.settleBy < today;
}

export interface Debt {
  /** The receiving nation, which owes. */
  owedBy: string;
  /** The supplying nation, which is owed. */
  owedTo: string;
  currency: string;
  openMinor: number;
  orders: number;
}

export interface NetBalance {
  owedBy: string;
  owedTo: string;
  currency: string;
  /** What one nation owes the other after setting off the other way (never negative). */
  netMinor: number;
}

/** Who owes whom, per currency: gross per direction and net per pair of nations. Currencies are never mixed. */
export function computeBalances(orders: readonly LedgerOrder[]): { gross: Debt[]; net: NetBalance[] } {
  const gross = new Map<string, Debt>();
  for (const o of orders) {
    const open = openMinor(o);
    if (open <= 0) continue;
    const key = `${o.receivingNation}|${o.supplyingNation}|${o.currency}`;
    const d = gross.get(key) ?? { owedBy: o.receivingNation, owedTo: o.supplyingNation, currency: o.currency, openMinor: 0, orders: 0 };
    d.openMinor += open;
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
