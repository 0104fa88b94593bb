/**
 * Independent oracle for the property tests: exhaustive search over every way of spending each
 * day's capacity on a single resource (memoised on day and remaining units), with no knowledge
 * of the engine's algorithm. Only for tiny books (a handful of orders of a few units).
 *
 * The objective is the DPAS order of concern, compared lexicographically:
 *   lateness (days) of each DX order in 700.14(c)(1) precedence (due, then receipt, then input),
 *   then of each DO order in precedence — rated dates first, higher priority first (700.14(b)) —
 *   then the completion day of each unrated order in the same order (as early as possible).
 */
import type { Priority } from './types.js';

export interface TinyLine {
  startDay: number;
  capacityPerDay: number;
  nonWorkingDays: readonly number[];
}

export interface TinyOrder {
  id: string;
  priority: Priority;
  quantity: number;
  dueDay: number;
  receivedDay: number;
}

const RANK: Record<Priority, number> = { DX: 0, DO: 1, unrated: 2 };

/** Orders in objective order: by priority, then due day, then receipt, then input position. */
export function objectiveOrder<T extends TinyOrder>(orders: readonly T[]): T[] {
  return orders
    .map((o, index) => ({ o, index }))
    .sort((a, b) => RANK[a.o.priority] - RANK[b.o.priority] || a.o.dueDay - b.o.dueDay || a.o.receivedDay - b.o.receivedDay || a.index - b.index)
    .map((x) => x.o);
}

/** The objective value of one order given its completion day. */
export function objectiveEntry(o: TinyOrder, completionDay: number): number {
  return o.priority === 'unrated' ? completionDay : Math.max(0, completionDay - o.dueDay);
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** The lexicographically least objective vector over all schedules (entries in objectiveOrder). */
export function bestObjectiveByExhaustiveSearch(line: TinyLine, orders: readonly TinyOrder[]): number[] {
  const sorted = objectiveOrder(orders);
  const n = sorted.length;
  const closed = new Set(line.nonWorkingDays);
  const total = sorted.reduce((s, o) => s + o.quantity, 0);
  const lastDay = line.startDay + total + [...closed].filter((d) => d >= line.startDay).length + 1;
  const memo = new Map<string, number[]>();

  const best = (day: number, rem: readonly number[]): number[] => {
    if (rem.every((r) => r === 0)) return new Array<number>(n).fill(0);
    if (day > lastDay) return new Array<number>(n).fill(Infinity);
    const key = `${day}|${rem.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const cap = closed.has(day) ? 0 : line.capacityPerDay;
    let winner: number[] | null = null;
    const alloc = new Array<number>(n).fill(0);
    const tryAll = (i: number, left: number) => {
      if (i === n) {
        const next = rem.map((r, k) => r - alloc[k]!);
        const future = best(day + 1, next);
        const value = rem.map((r, k) => (r > 0 && next[k] === 0 ? objectiveEntry(sorted[k]!, day) : r === 0 ? 0 : future[k]!));
        if (winner === null || lexLess(value, winner)) winner = value;
        return;
      }
      for (let a = 0; a <= Math.min(rem[i]!, left); a++) {
        alloc[i] = a;
        tryAll(i + 1, left - a);
      }
      alloc[i] = 0;
    };
    tryAll(0, cap);
    memo.set(key, winner!);
    return winner!;
  };
  return best(line.startDay, sorted.map((o) => o.quantity));
}

/** Whether every order can finish by its deadline day (exhaustive). */
export function feasibleByExhaustiveSearch(line: TinyLine, orders: ReadonlyArray<{ quantity: number; deadlineDay: number }>): boolean {
  const n = orders.length;
  const closed = new Set(line.nonWorkingDays);
  const memo = new Map<string, boolean>();
  const lastDay = Math.max(line.startDay, ...orders.map((o) => o.deadlineDay));
  const go = (day: number, rem: readonly number[]): boolean => {
    if (rem.every((r) => r === 0)) return true;
    if (rem.some((r, k) => r > 0 && orders[k]!.deadlineDay < day) || day > lastDay) return false;
    const key = `${day}|${rem.join(',')}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const cap = closed.has(day) ? 0 : line.capacityPerDay;
    const alloc = new Array<number>(n).fill(0);
    const tryAll = (i: number, left: number): boolean => {
      if (i === n) return go(day + 1, rem.map((r, k) => r - alloc[k]!));
      for (let a = Math.min(rem[i]!, left); a >= 0; a--) {
        alloc[i] = a;
        if (tryAll(i + 1, left - a)) return true;
      }
      alloc[i] = 0;
      return false;
    };
    const ok = tryAll(0, cap);
    memo.set(key, ok);
    return ok;
  };
  return go(line.startDay, orders.map((o) => o.quantity));
}

/**
 * 700.13(b) by brute force: the earliest day a new order of `quantity` can be finished while every
 * protected order still finishes by max(its due day, the day it finishes without the new order).
 * Protected orders' finishing days come from the lexicographic optimum of the protected set.
 */
export function earliestAcceptableDayByExhaustiveSearch(line: TinyLine, protectedOrders: readonly TinyOrder[], quantity: number): number {
  const sorted = objectiveOrder(protectedOrders);
  const lateness = bestObjectiveByExhaustiveSearch(line, sorted);
  const deadlines = sorted.map((o, k) => ({ quantity: o.quantity, deadlineDay: o.dueDay + lateness[k]! }));
  for (let day = line.startDay; ; day++) {
    if (feasibleByExhaustiveSearch(line, [...deadlines, { quantity, deadlineDay: day }])) return day;
  }
}
