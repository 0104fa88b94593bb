/**
 * Baseline for tests and the benchmark: the same preferential-scheduling rules as
 * `scheduleOrders`, written the plain way — one array cell per unit of capacity, one loop step
 * per unit, comparator sorts, an explicit list of working days — sharing no code with the slot
 * engine. Its cost grows with the units and days in the book, not the orders; use it on books of
 * moderate size. Returns, per order in input order, the completion day and the units per day.
 */
import { validationError } from '../domain/errors.js';
import type { OrderBook } from '../domain/dpas/scheduling/types.js';
import { orderBookProblems } from '../domain/dpas/scheduling/validate-order-book.js';

export interface SimulatedOrder {
  id: string;
  completionDay: number;
  /** [day, units], ascending by day. */
  days: Array<[number, number]>;
}

const RANK = { DX: 0, DO: 1, unrated: 2 } as const;

export function simulatePerUnit(book: OrderBook, options: { compact?: boolean } = {}): SimulatedOrder[] {
  const problems = orderBookProblems(book);
  if (problems.length > 0) throw validationError(problems);
  const compact = options.compact ?? true;
  const startDay = book.startDay ?? 0;
  const out: SimulatedOrder[] = book.orders.map((o) => ({ id: o.id, completionDay: NaN, days: [] }));

  book.resources.forEach((res) => {
    const mine = book.orders.map((o, index) => ({ o, index })).filter(({ o }) => o.resourceId === res.id);
    if (mine.length === 0) return;
    const cap = res.capacityPerDay;
    const closed = new Set(res.nonWorkingDays ?? []);
    const total = mine.reduce((sum, { o }) => sum + o.quantity, 0);
    const latestDue = Math.max(...mine.map(({ o }) => o.dueDay));
    // Working days: through the latest due day, then enough more for every unit.
    const working: number[] = [];
    for (let d = startDay; d <= latestDue; d++) if (!closed.has(d)) working.push(d);
    const needed = working.length + Math.ceil(total / cap);
    for (let d = Math.max(startDay, latestDue + 1); working.length < needed; d++) if (!closed.has(d)) working.push(d);
    const slots = working.length * cap;
    const owner = new Int32Array(slots).fill(-1);
    const deadlineOf = (due: number) => {
      let count = 0;
      while (count < working.length && working[count]! <= due) count++;
      return cap * count;
    };

    for (const rank of [0, 1, 2]) {
      const list = mine
        .filter(({ o }) => RANK[o.priority] === rank)
        .sort((a, b) => a.o.dueDay - b.o.dueDay || a.o.receivedDay - b.o.receivedDay || a.index - b.index)
        .map((x, position) => ({ ...x, position }));
      if (list.length === 0) continue;
      // Phase 1, in precedence order: the earliest end C each order can have after the ones ahead
      // of it; on time (rated) → E = its due day, take the earliest units; otherwise E = the end of
      // C's day and take the latest units before E (the earlier ones stay for the orders behind).
      const claimed = Uint8Array.from(owner, (x) => (x === -1 ? 0 : 1));
      const effective = new Map<number, number>();
      let head = 0; // every unit before it is claimed
      for (const { o, index } of list) {
        while (claimed[head]) head++;
        let p = head;
        let counted = 0;
        while (counted < o.quantity) if (!claimed[p++]) counted++;
        const end = p;
        const due = deadlineOf(o.dueDay);
        if (rank < 2 && end <= due) {
          effective.set(index, due);
          for (let x = 0, got = 0; got < o.quantity; x++) if (!claimed[x]) (claimed[x] = 1), got++;
        } else {
          const e = Math.ceil(end / cap) * cap;
          effective.set(index, e);
          for (let x = e - 1, got = 0; got < o.quantity; x--) if (!claimed[x]) (claimed[x] = 1), got++;
        }
      }
      if (rank === 2) {
        // Unrated: forward, earliest E first, each unit as early as possible.
        const forward = [...list].sort((a, b) => effective.get(a.index)! - effective.get(b.index)! || a.position - b.position);
        let p = 0;
        for (const { o, index } of forward) {
          for (let u = 0; u < o.quantity; u++) {
            while (owner[p] !== -1) p++;
            owner[p++] = index;
          }
        }
        continue;
      }
      // Rated: as late as E allows, latest E first.
      const backward = [...list].sort((a, b) => effective.get(b.index)! - effective.get(a.index)! || b.position - a.position);
      let cursor = Infinity;
      for (const { o, index } of backward) {
        cursor = Math.min(cursor, effective.get(index)!);
        for (let u = 0; u < o.quantity; u++) {
          do cursor--;
          while (owner[cursor] !== -1);
          owner[cursor] = index;
        }
      }
    }

    let line = owner;
    if (compact) {
      line = new Int32Array(slots).fill(-1);
      let w = 0;
      for (let s = 0; s < slots; s++) if (owner[s] !== -1) line[w++] = owner[s]!;
    }
    for (let s = 0; s < slots; s++) {
      const index = line[s]!;
      if (index === -1) continue;
      const day = working[Math.floor(s / cap)]!;
      const days = out[index]!.days;
      const last = days[days.length - 1];
      if (last && last[0] === day) last[1]++;
      else days.push([day, 1]);
      out[index]!.completionDay = day;
    }
  });
  return out;
}
