import { validationError } from '../../errors.js';
import type { BookOrder, Priority } from './types.js';

export type PrecedenceBasis = 'first' | 'delivery-date' | 'receipt-date' | 'unresolved-tie';

export interface PrecedenceStep {
  orderId: string;
  rank: number;
  dueDay: number;
  receivedDay: number;
  /** What placed it after the previous order: a later delivery date, the same date but later receipt, or nothing (a tie). */
  decidedBy: PrecedenceBasis;
}

export interface EqualPriorityPrecedence {
  priority: Priority | null;
  /** Order ids, first served first. */
  precedence: string[];
  steps: PrecedenceStep[];
  /** Groups with the same delivery and receipt day: 700.14(c)(1) does not order them (kept in input order). */
  ties: string[][];
  rules: string[];
  text: string;
}

type PrecedenceInput = Pick<BookOrder, 'id' | 'priority' | 'dueDay' | 'receivedDay'>;

/**
 * 15 CFR 700.14(c)(1): conflicts among accepted orders of equal priority are resolved by the
 * required delivery date — not the date of receipt — and, for the same delivery date, by the
 * earliest receipt (dpas-sosa-sources.md §5 S8: A due 5 rec 3, B due 4 rec 1, C due 4 rec 2 →
 * B, C, A). Orders equal on both are an unresolved tie (kept in input order); a conflict the
 * precedence leaves unresolved goes to Special Priorities Assistance (700.14(c)(2), 700.50).
 * Throws VALIDATION_FAILED when the orders are not all of one priority.
 */
export function resolveEqualPriorityConflicts(orders: readonly PrecedenceInput[]): EqualPriorityPrecedence {
  const priorities = [...new Set(orders.map((o) => o.priority))];
  if (priorities.length > 1) {
    throw validationError(
      orders.map((o, i) => ({ field: `orders/${i}/priority`, message: `Order "${o.id}" is ${o.priority}; 700.14(c)(1) orders only equal-priority orders (found ${priorities.join(', ')}).` })),
      'Precedence among equal-priority orders needs orders of one priority.',
    );
  }
  const sorted = orders.map((o, index) => ({ o, index })).sort((a, b) => a.o.dueDay - b.o.dueDay || a.o.receivedDay - b.o.receivedDay || a.index - b.index);
  const steps: PrecedenceStep[] = [];
  const ties: string[][] = [];
  sorted.forEach(({ o }, rank) => {
    const prev = rank > 0 ? sorted[rank - 1]!.o : null;
    const decidedBy: PrecedenceBasis = !prev ? 'first' : o.dueDay !== prev.dueDay ? 'delivery-date' : o.receivedDay !== prev.receivedDay ? 'receipt-date' : 'unresolved-tie';
    if (decidedBy === 'unresolved-tie') {
      const last = ties[ties.length - 1];
      if (last && last[last.length - 1] === prev!.id) last.push(o.id);
      else ties.push([prev!.id, o.id]);
    }
    steps.push({ orderId: o.id, rank: rank + 1, dueDay: o.dueDay, receivedDay: o.receivedDay, decidedBy });
  });
  const precedence = steps.map((s) => s.orderId);
  const text =
    `Precedence by required delivery date, then earliest receipt (15 CFR 700.14(c)(1)): ${precedence.join(', ')}.` +
    (ties.length > 0 ? ` Not ordered by the rule (same delivery and receipt day): ${ties.map((t) => t.join(' = ')).join('; ')} — kept in the order given; if they cannot all be met, seek Special Priorities Assistance (700.14(c)(2), 700.50).` : '');
  return { priority: priorities[0] ?? null, precedence, steps, ties, rules: ['15 CFR 700.14(c)(1)'], text };
}
