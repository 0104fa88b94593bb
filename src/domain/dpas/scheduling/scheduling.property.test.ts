/**
 * Property-based tests (fast-check, fixed seeds) of the preferential-scheduling engine against
 * two baselines that share no code with it: exhaustive search over every schedule of a tiny book
 * (exhaustive-search.ts) and a unit-by-unit simulation (src/testing/simulate-per-unit.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkAcceptance } from './check-acceptance.js';
import {
  bestObjectiveByExhaustiveSearch,
  earliestAcceptableDayByExhaustiveSearch,
  feasibleByExhaustiveSearch,
  objectiveEntry,
  objectiveOrder,
  type TinyLine,
} from './exhaustive-search.js';
import { resolveEqualPriorityConflicts } from './resolve-equal-priority-conflicts.js';
import { scheduleOrders, unitsPerDay } from './schedule-orders.js';
import { simulatePerUnit } from '../../../testing/simulate-per-unit.js';
import type { BookOrder, OrderBook, Priority, ScheduleResult } from './types.js';

const RANK: Record<Priority, number> = { DX: 0, DO: 1, unrated: 2 };
const priority = fc.constantFrom<Priority>('DX', 'DO', 'unrated');

/** A one-resource book small enough for exhaustive search. */
const tinyBook = fc
  .record({
    startDay: fc.integer({ min: 0, max: 2 }),
    capacity: fc.integer({ min: 1, max: 2 }),
    closed: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 3 }),
    orders: fc.array(
      fc.record({ priority, quantity: fc.integer({ min: 1, max: 3 }), due: fc.integer({ min: -1, max: 7 }), received: fc.integer({ min: 0, max: 3 }), accepted: fc.boolean() }),
      { maxLength: 5 },
    ),
  })
  .map(
    ({ startDay, capacity, closed, orders }): OrderBook => ({
      startDay,
      resources: [{ id: 'L', capacityPerDay: capacity, nonWorkingDays: closed }],
      orders: orders.map((o, i) => ({ id: `O${i}`, resourceId: 'L', priority: o.priority, quantity: o.quantity, dueDay: startDay + o.due, receivedDay: o.received, accepted: o.accepted })),
    }),
  );

/** Several resources, more and larger orders: for invariants and the unit-by-unit simulation. */
const mediumBook = fc
  .record({
    startDay: fc.integer({ min: 0, max: 5 }),
    resources: fc.array(fc.record({ capacity: fc.integer({ min: 1, max: 4 }), closed: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { maxLength: 15 }) }), { minLength: 1, maxLength: 3 }),
    orders: fc.array(
      fc.record({ r: fc.nat(), priority, quantity: fc.integer({ min: 1, max: 20 }), due: fc.integer({ min: -2, max: 40 }), received: fc.integer({ min: 0, max: 5 }), accepted: fc.boolean() }),
      { maxLength: 40 },
    ),
  })
  .map(
    ({ startDay, resources, orders }): OrderBook => ({
      startDay,
      resources: resources.map((r, i) => ({ id: `R${i}`, capacityPerDay: r.capacity, nonWorkingDays: r.closed })),
      orders: orders.map((o, i) => ({
        id: `O${i}`,
        resourceId: `R${o.r % resources.length}`,
        priority: o.priority,
        quantity: o.quantity,
        dueDay: startDay + o.due,
        receivedDay: o.received,
        accepted: o.accepted,
      })),
    }),
  );

const lineOf = (book: OrderBook): TinyLine => ({ startDay: book.startDay ?? 0, capacityPerDay: book.resources[0]!.capacityPerDay, nonWorkingDays: book.resources[0]!.nonWorkingDays ?? [] });
const resourceOf = (book: OrderBook, id: string) => book.resources.find((r) => r.id === id)!;

/** Precedence key within a priority: due day, then receipt, then input position. */
const ahead = (book: OrderBook, a: number, b: number) => {
  const x = book.orders[a]!;
  const y = book.orders[b]!;
  return x.dueDay - y.dueDay || x.receivedDay - y.receivedDay || a - b;
};

function usage(book: OrderBook, result: ScheduleResult): Map<string, Map<number, Array<[number, number]>>> {
  // resource → day → [order index, units]
  const out = new Map<string, Map<number, Array<[number, number]>>>();
  result.orders.forEach((o, index) => {
    let days = out.get(o.resourceId);
    if (!days) out.set(o.resourceId, (days = new Map()));
    for (const { day, units } of unitsPerDay(o, resourceOf(book, o.resourceId), result.startDay)) {
      const list = days.get(day) ?? [];
      list.push([index, units]);
      days.set(day, list);
    }
  });
  return out;
}

describe('properties of scheduleOrders (fast-check, seeded)', () => {
  test('equals exhaustive search on the DPAS objective: DX lateness, then DO lateness, in precedence order, then unrated completions', () => {
    fc.assert(
      fc.property(tinyBook, (book) => {
        const best = bestObjectiveByExhaustiveSearch(lineOf(book), book.orders);
        for (const compact of [true, false]) {
          const result = scheduleOrders(book, { compact });
          const byId = new Map(result.orders.map((o) => [o.id, o]));
          const got = objectiveOrder(book.orders).map((o) => objectiveEntry(o, byId.get(o.id)!.completionDay));
          assert.deepEqual(got, best, `compact ${compact}`);
        }
      }),
      { seed: 20260101, numRuns: 250 },
    );
  });

  test('if some schedule meets every rated date, no rated order is late (700.14(a))', () => {
    fc.assert(
      fc.property(tinyBook, (book) => {
        const rated = book.orders.filter((o) => o.priority !== 'unrated');
        if (!feasibleByExhaustiveSearch(lineOf(book), rated.map((o) => ({ quantity: o.quantity, deadlineDay: o.dueDay })))) return;
        const result = scheduleOrders(book);
        for (const o of result.orders) if (o.priority !== 'unrated') assert.equal(o.daysLate, 0, o.id);
      }),
      { seed: 7, numRuns: 250 },
    );
  });

  test('no late order could finish a day earlier by taking capacity from lower-precedence orders or idle time (700.14(b),(c)(1))', () => {
    fc.assert(
      fc.property(mediumBook, fc.boolean(), (book, compact) => {
        const result = scheduleOrders(book, { compact });
        const used = usage(book, result);
        result.orders.forEach((k, ki) => {
          if (k.daysLate === 0) return;
          const resource = resourceOf(book, k.resourceId);
          const days = used.get(k.resourceId)!;
          const closed = new Set(resource.nonWorkingDays ?? []);
          const onLastDay = days.get(k.completionDay)!.find(([j]) => j === ki)![1];
          // Capacity before k's completion day held by orders after it in the DPAS order, or idle.
          let yieldable = 0;
          for (let d = result.startDay; d < k.completionDay; d++) {
            if (closed.has(d)) continue;
            let busy = 0;
            for (const [j, units] of days.get(d) ?? []) {
              busy += units;
              const o = book.orders[j]!;
              const behind = RANK[o.priority] > RANK[k.priority] || (RANK[o.priority] === RANK[k.priority] && ahead(book, j, ki) > 0);
              if (behind) yieldable += units;
            }
            yieldable += resource.capacityPerDay - busy;
          }
          assert.ok(yieldable < onLastDay, `${k.id} (${k.priority}, late) could move its ${onLastDay} units off day ${k.completionDay} into ${yieldable} units of lower-precedence or idle capacity`);
        });
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('capacity is never exceeded, nothing is made on a non-working day or before the start, and every unit is scheduled', () => {
    fc.assert(
      fc.property(mediumBook, fc.boolean(), (book, compact) => {
        const result = scheduleOrders(book, { compact });
        assert.equal(result.orders.length, book.orders.length);
        for (const [resourceId, days] of usage(book, result)) {
          const resource = resourceOf(book, resourceId);
          for (const [day, list] of days) {
            assert.ok(day >= result.startDay);
            assert.ok(!(resource.nonWorkingDays ?? []).includes(day), `work on closed day ${day}`);
            assert.ok(list.reduce((s, [, u]) => s + u, 0) <= resource.capacityPerDay, `over capacity on ${resourceId} day ${day}`);
          }
        }
        result.orders.forEach((o, i) => {
          const input = book.orders[i]!;
          assert.equal(o.id, input.id);
          const days = unitsPerDay(o, resourceOf(book, o.resourceId), result.startDay);
          assert.equal(days.reduce((s, d) => s + d.units, 0), input.quantity);
          assert.equal(o.segments.reduce((s, x) => s + x.units, 0), input.quantity);
          assert.equal(o.completionDay, days[days.length - 1]!.day);
          assert.equal(o.daysLate, Math.max(0, o.completionDay - input.dueDay));
          for (let s = 1; s < o.segments.length; s++) assert.ok(o.segments[s]!.firstDay >= o.segments[s - 1]!.lastDay);
        });
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  test('matches the unit-by-unit simulation exactly (completion days and units per day), compact or not', () => {
    fc.assert(
      fc.property(mediumBook, fc.boolean(), (book, compact) => {
        const result = scheduleOrders(book, { compact });
        const simulated = simulatePerUnit(book, { compact });
        result.orders.forEach((o, i) => {
          assert.equal(o.completionDay, simulated[i]!.completionDay, o.id);
          const days = unitsPerDay(o, resourceOf(book, o.resourceId), result.startDay).map((d) => [d.day, d.units]);
          assert.deepEqual(days, simulated[i]!.days, o.id);
        });
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  test('every late order is explained once, its window accounted for; on-time orders are not listed', () => {
    fc.assert(
      fc.property(mediumBook, (book) => {
        const result = scheduleOrders(book);
        const late = result.orders.filter((o) => o.daysLate > 0).map((o) => o.id).sort();
        assert.deepEqual(result.delays.map((d) => d.orderId).sort(), late);
        for (const d of result.delays) {
          const held = d.ownUnitsInWindow + d.higherPriorityUnitsInWindow + d.equalPriorityUnitsInWindow + d.lowerPriorityUnitsInWindow;
          assert.ok(held <= d.windowCapacity, d.orderId);
          assert.ok(d.ownUnitsInWindow < d.quantity);
          assert.ok(d.causes.length > 0);
          assert.equal(d.causes.includes('higher-priority'), d.higherPriorityUnitsInWindow > 0);
          for (const h of d.displacedBy) assert.ok(RANK[h.priority] < RANK[d.priority]);
          for (const h of d.aheadByPrecedence) {
            assert.equal(h.priority, d.priority);
            const rank = (id: string) => book.orders.findIndex((o) => o.id === id);
            assert.ok(ahead(book, rank(h.orderId), rank(d.orderId)) < 0, 'listed as ahead only when it precedes');
          }
          assert.equal(d.causes.includes('equal-priority-precedence'), d.aheadByPrecedence.length > 0);
        }
        for (const c of result.conflicts) {
          for (const id of c.delayed) assert.ok(late.includes(id));
          const rank = (id: string) => book.orders.findIndex((o) => o.id === id);
          for (let k = 1; k < c.precedence.length; k++) assert.ok(ahead(book, rank(c.precedence[k - 1]!), rank(c.precedence[k]!)) < 0, 'precedence by due, then receipt');
        }
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('properties of checkAcceptance (700.13(b)) and resolveEqualPriorityConflicts (700.14(c)(1))', () => {
  const newOrder = fc.record({ priority: fc.constantFrom<Priority>('DX', 'DO'), quantity: fc.integer({ min: 1, max: 3 }), due: fc.integer({ min: -1, max: 8 }), received: fc.integer({ min: 0, max: 3 }) });

  test('the decision and the earliest day equal exhaustive search over the protected orders', () => {
    fc.assert(
      fc.property(tinyBook, newOrder, (book, n) => {
        const start = book.startDay ?? 0;
        const candidate: BookOrder = { id: 'NEW', resourceId: 'L', priority: n.priority, quantity: n.quantity, dueDay: start + n.due, receivedDay: n.received, accepted: false };
        const protectedOrders = book.orders.filter((o) => o.accepted && RANK[o.priority] <= RANK[n.priority]);
        const earliest = earliestAcceptableDayByExhaustiveSearch(lineOf(book), protectedOrders, n.quantity);
        const decision = checkAcceptance(book, candidate);
        assert.equal(decision.earliestDay, earliest);
        assert.equal(decision.status, earliest <= candidate.dueDay ? 'accept' : 'cannot-accept-as-dated');
      }),
      { seed: 15, numRuns: 250 },
    );
  });

  test('lower-rated, unrated and not-yet-accepted orders never change the decision (700.13(b)(1))', () => {
    fc.assert(
      fc.property(tinyBook, newOrder, fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 30 }), due: fc.integer({ min: 0, max: 9 }), pending: fc.boolean() }), { maxLength: 4 }), (book, n, noise) => {
        const start = book.startDay ?? 0;
        const candidate: BookOrder = { id: 'NEW', resourceId: 'L', priority: n.priority, quantity: n.quantity, dueDay: start + n.due, receivedDay: n.received, accepted: false };
        const before = checkAcceptance(book, candidate);
        const extra: BookOrder[] = noise.map((x, i) => ({
          id: `NOISE${i}`,
          resourceId: 'L',
          // Below the new order's rating, or at/above it but not accepted.
          priority: x.pending ? n.priority : n.priority === 'DX' ? (i % 2 ? 'DO' : 'unrated') : 'unrated',
          quantity: x.quantity,
          dueDay: start + x.due,
          receivedDay: 0,
          accepted: !x.pending,
        }));
        const after = checkAcceptance({ ...book, orders: [...book.orders, ...extra] }, candidate);
        assert.equal(after.status, before.status);
        assert.equal(after.earliestDay, before.earliestDay);
      }),
      { seed: 16, numRuns: 200 },
    );
  });

  test('equal-priority precedence is by delivery date, then receipt, then the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ due: fc.integer({ min: 0, max: 5 }), received: fc.integer({ min: 0, max: 3 }) }), { maxLength: 12 }), (rows) => {
        const orders = rows.map((r, i) => ({ id: `E${i}`, priority: 'DO' as const, dueDay: r.due, receivedDay: r.received }));
        const { precedence, ties } = resolveEqualPriorityConflicts(orders);
        const expected = orders
          .map((o, i) => ({ o, i }))
          .sort((a, b) => a.o.dueDay - b.o.dueDay || a.o.receivedDay - b.o.receivedDay || a.i - b.i)
          .map((x) => x.o.id);
        assert.deepEqual(precedence, expected);
        for (const group of ties) {
          const rows2 = group.map((id) => orders.find((o) => o.id === id)!);
          assert.ok(rows2.every((o) => o.dueDay === rows2[0]!.dueDay && o.receivedDay === rows2[0]!.receivedDay));
        }
        // And the scheduler serves them in that order when they all compete for one line.
        const book: OrderBook = { resources: [{ id: 'L', capacityPerDay: 1 }], orders: orders.map((o) => ({ ...o, resourceId: 'L', quantity: 1, accepted: true })) };
        const result = scheduleOrders(book, { compact: false });
        const lateness = new Map(result.orders.map((o) => [o.id, o.daysLate]));
        for (let k = 1; k < precedence.length; k++) {
          const a = orders.find((o) => o.id === precedence[k - 1])!;
          const b = orders.find((o) => o.id === precedence[k])!;
          if (a.dueDay === b.dueDay) assert.ok(lateness.get(a.id)! <= lateness.get(b.id)!, `${a.id} before ${b.id}`);
        }
      }),
      { seed: 17, numRuns: 200 },
    );
  });
});
