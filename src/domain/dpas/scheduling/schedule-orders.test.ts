import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkingCalendar, US_FEDERAL_CALENDAR } from '../../calendar/index.js';
import { AppError } from '../../errors.js';
import { dateOfDayIndex, dayIndexOf, nonWorkingDayIndices } from './calendar-day-indices.js';
import { scheduleOrderColumns, scheduleOrders, unitsPerDay, validateScheduleInput } from './schedule-orders.js';
import type { BookOrder, OrderBook, ScheduleResult } from './types.js';
import { bookLine as line, bookOrder as order } from '../../../testing/book-orders.js';

const byId = (result: ScheduleResult, id: string) => result.orders.find((o) => o.id === id)!;
const daysOf = (result: ScheduleResult, book: OrderBook, id: string) => unitsPerDay(byId(result, id), book.resources.find((r) => r.id === byId(result, id).resourceId)!, result.startDay);
const unitsBy = (result: ScheduleResult, book: OrderBook, id: string, day: number) => daysOf(result, book, id).filter((d) => d.day <= day).reduce((s, d) => s + d.units, 0);

/** Scenario S8's book: DO orders A (due 5, received 3), B (due 4, received 1) and C (due 4, received 2) on one line, in these quantities. */
const scheduleS8 = (quantity: { A: number; B: number; C: number }) =>
  scheduleOrders({ resources: [line(1)], orders: [order('A', 'DO', quantity.A, 5, 3), order('B', 'DO', quantity.B, 4, 1), order('C', 'DO', quantity.C, 4, 2)] });

describe('dpas-sosa.md §11 scenarios 4–8 (15 CFR 700.14)', () => {
  test('scenario 4 — DO order D is produced as needed to meet day 6; unrated U is delayed and the schedule says why (700.14(b))', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('U', 'unrated', 10, 10, 0), order('D', 'DO', 5, 6, 1)] };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'D').completionDay <= 6, true);
    assert.equal(byId(result, 'D').daysLate, 0);
    // 15 units on a 1/day line from day 0: U finishes on day 14 whatever the order of work.
    assert.equal(byId(result, 'U').completionDay, 14);
    assert.equal(byId(result, 'U').daysLate, 4);
    assert.equal(unitsBy(result, book, 'U', 10), 6);
    assert.equal(result.delays.length, 1);
    const delay = result.delays[0]!;
    assert.equal(delay.orderId, 'U');
    assert.deepEqual(delay.causes, ['higher-priority']);
    assert.deepEqual(delay.displacedBy.map((h) => [h.orderId, h.priority, h.unitsInWindow]), [['D', 'DO', 5]]);
    assert.equal(delay.higherPriorityUnitsInWindow, 5);
    assert.ok(delay.rules.includes('15 CFR 700.14(b)'));
    assert.match(delay.text, /D \(DO, due day 6\): 5 units/);
    assert.match(delay.text, /700\.14\(b\)/);
    assert.equal(delay.notifyCustomer, false, 'an unrated order carries no 700.13(d) notice duty');
  });

  test('scenario 5 — DO D1 due day 2 and DX X due day 15 can both be met, so X displaces nothing (700.14(b) example)', () => {
    for (const compact of [true, false]) {
      const book: OrderBook = { resources: [line(1)], orders: [order('D1', 'DO', 2, 2, 0), order('X', 'DX', 3, 15, 1)] };
      const result = scheduleOrders(book, { compact });
      const alone = scheduleOrders({ resources: [line(1)], orders: [order('D1', 'DO', 2, 2, 0)] }, { compact });
      assert.equal(byId(result, 'D1').daysLate, 0);
      assert.equal(byId(result, 'X').daysLate, 0);
      assert.deepEqual(byId(result, 'D1').segments, byId(alone, 'D1').segments, `D1 is scheduled as if X were not there (compact ${compact})`);
      assert.deepEqual(result.delays, []);
      assert.deepEqual(result.conflicts, []);
    }
    // Just in time, X sits against its own date: days 13–15.
    const jit = scheduleOrders({ resources: [line(1)], orders: [order('D1', 'DO', 2, 2, 0), order('X', 'DX', 3, 15, 1)] }, { compact: false });
    assert.deepEqual(jit.orders.map((o) => [o.id, o.segments[0]!.firstDay, o.completionDay]), [['D1', 1, 2], ['X', 13, 15]]);
  });

  test('scenario 6 — accepted DO A (due 5, received 3) and B (due 4, received 1) conflict → B first (700.14(c)(1))', () => {
    const book: OrderBook = { startDay: 1, resources: [line(1)], orders: [order('A', 'DO', 3, 5, 3), order('B', 'DO', 3, 4, 1)] };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'B').daysLate, 0);
    assert.equal(byId(result, 'A').completionDay, 6);
    assert.deepEqual(result.conflicts.map((c) => [c.priority, c.precedence, c.delayed]), [['DO', ['B', 'A'], ['A']]]);
    assert.deepEqual(result.delays[0]!.causes, ['equal-priority-precedence']);
    assert.deepEqual(result.delays[0]!.aheadByPrecedence.map((h) => h.orderId), ['B']);
  });

  test('scenario 6 — the delivery date decides, not the receipt: B due 4 but received after A still goes first', () => {
    const book: OrderBook = { startDay: 1, resources: [line(1)], orders: [order('A', 'DO', 3, 5, 1), order('B', 'DO', 3, 4, 3)] };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'B').daysLate, 0);
    assert.equal(byId(result, 'A').daysLate, 1);
    assert.deepEqual(result.conflicts[0]!.precedence, ['B', 'A']);
  });

  test('scenario 7 — two DO orders due the same day: the earlier received goes first (700.14(c)(1))', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('LATE-RECEIPT', 'DO', 3, 3, 2), order('EARLY-RECEIPT', 'DO', 3, 3, 1)] };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'EARLY-RECEIPT').daysLate, 0);
    assert.equal(byId(result, 'LATE-RECEIPT').daysLate, 2);
    assert.deepEqual(result.conflicts[0]!.precedence, ['EARLY-RECEIPT', 'LATE-RECEIPT']);
    assert.deepEqual(result.conflicts[0]!.delayed, ['LATE-RECEIPT']);
  });

  test('scenario 8 — a DO date the line cannot meet even alone is reported as a capacity cause (700.13(b)(1)); acceptance is in check-acceptance.test.ts', () => {
    const result = scheduleOrders({ resources: [line(2)], orders: [order('BIG', 'DO', 9, 2, 0)] });
    assert.equal(byId(result, 'BIG').completionDay, 4);
    assert.deepEqual(result.delays[0]!.causes, ['capacity']);
    assert.ok(result.delays[0]!.rules.includes('15 CFR 700.13(b)(1)'));
    assert.equal(result.delays[0]!.notifyCustomer, true);
    assert.ok(result.delays[0]!.rules.includes('15 CFR 700.13(d)'));
  });
});

describe('dpas-sosa-sources.md §5 S7 and S8 (15 CFR 700.14)', () => {
  const s7: OrderBook = {
    startDay: 3,
    resources: [line(1)],
    orders: [order('Z', 'unrated', 3, 6, 0), order('Y', 'DO', 2, 5, 1), order('X', 'DX', 3, 8, 3)],
  };

  test('S7 — minimal displacement: Y done ≤ 5, X done ≤ 8, Z gets 1 unit by day 6 and completes day 10 (700.14(a),(b))', () => {
    for (const compact of [true, false]) {
      const result = scheduleOrders(s7, { compact });
      assert.ok(byId(result, 'Y').completionDay <= 5);
      assert.ok(byId(result, 'X').completionDay <= 8);
      assert.equal(unitsBy(result, s7, 'Z', 6), 1);
      assert.equal(byId(result, 'Z').completionDay, 10);
    }
  });

  test('S7 — "DX first" (X on days 3–5) would make Y late, so X is not put first', () => {
    const result = scheduleOrders(s7);
    assert.notDeepEqual(daysOf(result, s7, 'X').map((d) => d.day), [3, 4, 5]);
    assert.equal(byId(result, 'Y').daysLate, 0);
  });

  test('S7 — invariants and the explanation (A4: several schedules are valid)', () => {
    const result = scheduleOrders(s7);
    const used = new Map<number, number>();
    for (const o of result.orders) for (const d of daysOf(result, s7, o.id)) used.set(d.day, (used.get(d.day) ?? 0) + d.units);
    for (const [day, units] of used) {
      assert.ok(day >= 3, 'nothing before the start day');
      assert.ok(units <= 1, `day ${day} within capacity`);
    }
    const delay = result.delays.find((d) => d.orderId === 'Z')!;
    assert.equal(delay.windowCapacity, 4);
    assert.equal(delay.ownUnitsInWindow, 1);
    assert.equal(delay.higherPriorityUnitsInWindow, 3);
    assert.deepEqual(delay.displacedBy.map((h) => h.orderId).sort(), ['X', 'Y']);
    assert.match(delay.text, /700\.14\(b\)/);
    assert.match(delay.text, /700\.14\(a\)/);
    assert.deepEqual(result.conflicts, []);
  });

  test('S8 — DO orders A (due 5, rec 3), B (due 4, rec 1), C (due 4, rec 2) that cannot all be met: precedence B, C, A and SPA suggested (700.14(c))', () => {
    const result = scheduleS8({ A: 3, B: 2, C: 2 });
    assert.equal(byId(result, 'B').daysLate, 0);
    assert.equal(byId(result, 'C').daysLate, 0);
    assert.equal(byId(result, 'A').daysLate, 1);
    assert.equal(result.conflicts.length, 1);
    const conflict = result.conflicts[0]!;
    assert.deepEqual(conflict.precedence, ['B', 'C', 'A']);
    assert.deepEqual(conflict.delayed, ['A']);
    assert.ok(conflict.rules.includes('15 CFR 700.14(c)(2)') && conflict.rules.includes('15 CFR 700.50'));
    assert.match(conflict.suggestion, /Special Priorities Assistance/);
    assert.match(conflict.suggestion, /notify the delayed customers/);
    const delay = result.delays.find((d) => d.orderId === 'A')!;
    assert.equal(delay.notifyCustomer, true);
    assert.ok(delay.rules.includes('15 CFR 700.13(d)'));
  });

  test('S8 — when B and C cannot both be met, C is late before A is considered: B, C, A', () => {
    const result = scheduleS8({ A: 1, B: 3, C: 3 });
    assert.equal(byId(result, 'B').daysLate, 0);
    assert.equal(byId(result, 'C').completionDay, 5);
    assert.equal(byId(result, 'A').completionDay, 6);
    assert.deepEqual(result.conflicts[0]!.precedence, ['B', 'C', 'A']);
    assert.deepEqual(result.conflicts[0]!.delayed, ['C', 'A']);
  });
});

describe('preferential scheduling: more rules and edge cases', () => {
  test('DX displaces DO only when needed: a DO order is late only because a DX order needs the capacity (700.14(b))', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('DO-1', 'DO', 3, 2, 0), order('DX-1', 'DX', 2, 1, 5)] };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'DX-1').daysLate, 0);
    assert.equal(byId(result, 'DO-1').completionDay, 4);
    const delay = result.delays[0]!;
    assert.deepEqual(delay.causes, ['higher-priority']);
    assert.match(delay.text, /DX orders take production preference over DO orders/);
    assert.deepEqual(result.conflicts, [], 'a cross-priority displacement is not an equal-priority conflict');
  });

  test('zero orders, and zero resources', () => {
    assert.deepEqual(scheduleOrders({ resources: [line(3)], orders: [] }), { startDay: 0, orders: [], delays: [], conflicts: [] });
    assert.deepEqual(scheduleOrders({ startDay: 5, resources: [], orders: [] }), { startDay: 5, orders: [], delays: [], conflicts: [] });
  });

  test('all unrated: earliest due first, each as early as possible; lateness explained by precedence without an SPA suggestion', () => {
    const book: OrderBook = { resources: [line(2)], orders: [order('U1', 'unrated', 4, 9, 0), order('U2', 'unrated', 3, 1, 2), order('U3', 'unrated', 2, 1, 1)] };
    const result = scheduleOrders(book);
    assert.deepEqual(result.orders.map((o) => [o.id, o.completionDay]), [['U1', 4], ['U2', 2], ['U3', 0]]);
    assert.deepEqual(daysOf(result, book, 'U2'), [{ day: 1, units: 2 }, { day: 2, units: 1 }]);
    assert.deepEqual(result.conflicts, [], 'no SPA for unrated orders');
    assert.deepEqual(result.delays.map((d) => [d.orderId, d.causes]), [['U2', ['equal-priority-precedence']]]);
    assert.ok(!result.delays[0]!.rules.includes('15 CFR 700.14(c)(2)'));
  });

  test('an infeasible rated set is reported: an equal-priority conflict and a delay notice for each accepted late order', () => {
    const book: OrderBook = {
      resources: [line(1)],
      orders: [order('X1', 'DX', 3, 1, 0), order('X2', 'DX', 2, 2, 0), order('D1', 'DO', 2, 3, 0), order('P', 'DO', 1, 9, 0, { accepted: false })],
    };
    const result = scheduleOrders(book);
    assert.deepEqual(result.orders.map((o) => [o.id, o.completionDay, o.daysLate]), [['X1', 2, 1], ['X2', 4, 2], ['D1', 6, 3], ['P', 7, 0]]);
    assert.deepEqual(result.conflicts.map((c) => [c.priority, c.precedence, c.delayed]), [['DX', ['X1', 'X2'], ['X1', 'X2']]], 'D1 is late only because of DX orders: not an equal-priority conflict');
    assert.deepEqual(result.delays.map((d) => [d.orderId, d.causes, d.notifyCustomer]), [
      ['X1', ['capacity'], true],
      ['X2', ['equal-priority-precedence'], true],
      ['D1', ['higher-priority'], true],
    ]);
  });

  test('non-working days on the resource get no units, and completion skips them', () => {
    const book: OrderBook = { resources: [line(2, [2, 3, 7])], orders: [order('D', 'DO', 7, 6, 0), order('U', 'unrated', 4, 4, 0)] };
    const result = scheduleOrders(book);
    for (const o of result.orders) for (const d of daysOf(result, book, o.id)) assert.ok(![2, 3, 7].includes(d.day), `${o.id} on non-working day ${d.day}`);
    // Days 0,1,4,5,6 give 10 units by day 6: D needs 7, so U gets 3 by day 6 and its last unit on day 8.
    assert.equal(byId(result, 'D').daysLate, 0);
    assert.equal(byId(result, 'U').completionDay, 8);
    assert.equal(result.delays[0]!.windowCapacity, 6, 'days 0, 1 and 4 through day 4');
  });

  test('a US federal calendar: Thanksgiving and the weekend are skipped (dpas-sosa-sources.md §4.1)', () => {
    const us = createWorkingCalendar(US_FEDERAL_CALENDAR);
    const day0 = '2026-11-23'; // Monday; Thanksgiving Thu 2026-11-26
    const closed = nonWorkingDayIndices(us, day0, 60);
    assert.deepEqual(closed.slice(0, 3), [3, 5, 6]);
    const book: OrderBook = { resources: [{ id: 'L1', capacityPerDay: 10, nonWorkingDays: closed }], orders: [order('DX-A2', 'DX', 40, dayIndexOf(day0, '2026-12-04'), 0)] };
    const result = scheduleOrders(book);
    // Mon, Tue, Wed, Fri = 40 units.
    assert.equal(dateOfDayIndex(day0, byId(result, 'DX-A2').completionDay), '2026-11-27');
    assert.deepEqual(daysOf(result, book, 'DX-A2').map((d) => dateOfDayIndex(day0, d.day)), ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27']);
  });

  test('partial days: capacity 5/day, segments give first/last-day units', () => {
    const book: OrderBook = { resources: [line(5)], orders: [order('A', 'unrated', 7, 9, 0), order('B', 'unrated', 9, 9, 1)] };
    const result = scheduleOrders(book);
    assert.deepEqual(byId(result, 'B').segments, [{ firstDay: 1, lastDay: 3, units: 9, firstDayUnits: 3, lastDayUnits: 1 }]);
    assert.deepEqual(daysOf(result, book, 'B'), [{ day: 1, units: 3 }, { day: 2, units: 5 }, { day: 3, units: 1 }]);
  });

  test('quantities are handled in bulk: a 10^12-unit order costs no more than a small one', () => {
    const book: OrderBook = { resources: [line(1_000_000)], orders: [order('HUGE', 'DO', 1_000_000_000_000, 2_000_000, 0), order('U', 'unrated', 5, 3, 0)] };
    const result = scheduleOrders(book);
    // In bulk: the million days of output are one segment, not a million day records (a timing
    // bound here would only measure the machine; bench/ measures the speed).
    assert.equal(byId(result, 'HUGE').segments.length, 1);
    assert.equal(byId(result, 'U').completionDay, 0, 'the DO order is placed against its date, so unrated U gets day 0');
    assert.equal(byId(result, 'HUGE').completionDay, 1_000_000, '5 + 10^12 units at 10^6 a day');
    assert.equal(byId(result, 'HUGE').daysLate, 0);
  });

  test('an order due before the planning day is late from the start', () => {
    const result = scheduleOrders({ startDay: 10, resources: [line(1)], orders: [order('OLD', 'DO', 2, 8, 0)] });
    assert.deepEqual([byId(result, 'OLD').completionDay, byId(result, 'OLD').daysLate], [11, 3]);
    assert.equal(result.delays[0]!.windowCapacity, 0);
  });

  test('resources are independent', () => {
    const book: OrderBook = {
      resources: [line(1), { id: 'L2', capacityPerDay: 1 }],
      orders: [order('A', 'DX', 3, 2, 0), { ...order('B', 'unrated', 3, 2, 0), resourceId: 'L2' }],
    };
    const result = scheduleOrders(book);
    assert.equal(byId(result, 'B').completionDay, 2);
    assert.deepEqual(result.delays, []);
  });

  test('compact: false leaves rated work just in time; compact (default) pulls it into idle capacity, never later', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('D', 'DO', 2, 9, 0), order('X', 'DX', 1, 20, 0)] };
    const jit = scheduleOrders(book, { compact: false });
    const packed = scheduleOrders(book);
    assert.deepEqual(jit.orders.map((o) => o.completionDay), [9, 20]);
    assert.deepEqual(packed.orders.map((o) => o.completionDay), [1, 2]);
  });
});

describe('result forms', () => {
  const book: OrderBook = { startDay: 3, resources: [line(1)], orders: [order('Z', 'unrated', 3, 6, 0), order('Y', 'DO', 2, 5, 1), order('X', 'DX', 3, 8, 3)] };

  test('scheduleOrderColumns gives the same schedule as typed arrays, segments on request', () => {
    const objects = scheduleOrders(book);
    const columns = scheduleOrderColumns(book);
    assert.deepEqual([...columns.completionDay], objects.orders.map((o) => o.completionDay));
    assert.deepEqual([...columns.daysLate], objects.orders.map((o) => o.daysLate));
    assert.deepEqual(columns.segments(0), objects.orders[0]!.segments);
    assert.deepEqual(columns.delays.map((d) => d.text), objects.delays.map((d) => d.text));
  });

  test('JSON carries every field, including segments and the delay text built on access', () => {
    const json = JSON.parse(JSON.stringify(scheduleOrders(book)));
    assert.deepEqual(json.orders[0], {
      id: 'Z',
      resourceId: 'L1',
      priority: 'unrated',
      quantity: 3,
      dueDay: 6,
      receivedDay: 0,
      completionDay: 10,
      daysLate: 4,
      segments: [
        { firstDay: 3, lastDay: 3, units: 1, firstDayUnits: 1, lastDayUnits: 1 },
        { firstDay: 9, lastDay: 10, units: 2, firstDayUnits: 1, lastDayUnits: 1 },
      ],
    });
    assert.equal(json.delays[0].orderId, 'Z');
    assert.deepEqual(json.delays[0].displacedBy.map((h: { orderId: string }) => h.orderId), ['X', 'Y']);
    assert.match(json.delays[0].text, /700\.14\(b\)/);
  });
});

describe('validation: precise errors per order and resource', () => {
  test('capacity 0 and a negative quantity are each named', () => {
    const book: OrderBook = {
      resources: [{ id: 'L1', capacityPerDay: 0 }, { id: 'L2', capacityPerDay: 2.5 }],
      orders: [order('OK', 'DO', 1, 3, 0), order('NEG', 'DO', -3, 3, 0), { ...order('GHOST', 'DX', 1, 3, 0), resourceId: 'L9' }],
    };
    const problems = validateScheduleInput(book);
    assert.deepEqual(
      problems.map((p) => p.field),
      ['resources/0/capacityPerDay', 'resources/1/capacityPerDay', 'orders/1/quantity', 'orders/2/resourceId'],
    );
    assert.equal(problems[0]!.message, 'Resource "L1": capacity per day must be a positive whole number of units, not 0.');
    assert.equal(problems[2]!.message, 'Order "NEG": quantity must be a positive whole number of units, not -3.');
    assert.throws(
      () => scheduleOrders(book),
      (error: unknown) => error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.errors.length === 4,
    );
  });

  test('duplicate ids, unknown priority, fractional days, non-boolean accepted, zero quantity', () => {
    const bad = { ...order('A', 'DO', 0, 1.5, 0), priority: 'DZ', accepted: 'yes' } as unknown as BookOrder;
    const problems = validateScheduleInput({ resources: [line(1)], orders: [order('A', 'DO', 1, 1, 0), bad] });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['orders/1/id', 'orders/1/priority', 'orders/1/quantity', 'orders/1/dueDay', 'orders/1/accepted'],
    );
  });
});
