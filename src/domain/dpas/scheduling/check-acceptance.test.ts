import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkingCalendar, US_FEDERAL_CALENDAR } from '../../calendar/index.js';
import { AppError } from '../../errors.js';
import { dateOfDayIndex, dayIndexOf, nonWorkingDayIndices } from './calendar-day-indices.js';
import { checkAcceptance } from './check-acceptance.js';
import type { OrderBook } from './types.js';
import { bookLine as line, bookOrder as order } from '../../../testing/book-orders.js';

describe('dpas-sosa-sources.md §5 S5 — new rated order vs accepted DO (700.13(b)(2),(3))', () => {
  const book: OrderBook = { resources: [line(1)], orders: [order('P', 'DO', 11, 10, 0)] };

  test('S5 — new DO Q for day 8 would delay accepted DO P: cannot-accept-as-dated, counter-offer day 14 (700.13(b)(2))', () => {
    const decision = checkAcceptance(book, order('Q', 'DO', 4, 8, 2));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(decision.earliestDay, 14);
    assert.equal(decision.requestedDay, 8);
    if (decision.status !== 'cannot-accept-as-dated') return;
    assert.equal(decision.reason, 'interferes-with-accepted');
    assert.deepEqual(decision.blocking.map((b) => [b.orderId, b.mustFinishBy]), [['P', 10]]);
    assert.equal(decision.rules[0], '15 CFR 700.13(b)(2)');
    assert.deepEqual(decision.protects, ['DX', 'DO']);
    assert.match(decision.text, /earliest date possible is day 14/);
    assert.match(decision.text, /offer to accept/);
    assert.match(decision.text, /within 15 working days/);
  });

  test('S5 — the same Q rated DX must be accepted for day 8; P is rescheduled and its customer notified (700.13(b)(3) → S6)', () => {
    const decision = checkAcceptance(book, order('Q', 'DX', 4, 8, 2));
    assert.equal(decision.status, 'accept');
    assert.deepEqual(decision.protects, ['DX']);
    if (decision.status !== 'accept') return;
    assert.deepEqual(decision.impact, [
      { orderId: 'P', priority: 'DO', accepted: true, dueDay: 10, completionBefore: 10, completionAfter: 14, becomesLate: true, notifyCustomer: true },
    ]);
    assert.ok(decision.rules.includes('15 CFR 700.13(b)(3)'));
    assert.ok(decision.rules.includes('15 CFR 700.13(d)'));
    assert.match(decision.text, /do not shield against a DX order/);
  });

  test('an accepted DX order does shield against a new DX order (700.13(b)(3))', () => {
    const decision = checkAcceptance({ resources: [line(1)], orders: [order('PX', 'DX', 11, 10, 0)] }, order('QX', 'DX', 4, 8, 2));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(decision.earliestDay, 14);
    assert.equal(decision.rules[0], '15 CFR 700.13(b)(3)');
  });
});

describe('dpas-sosa-sources.md §5 S4 and §11 scenario 8 — dates that cannot be met (700.13(b)(1))', () => {
  const us = createWorkingCalendar(US_FEDERAL_CALENDAR);
  const day0 = '2026-01-05';
  const closed = nonWorkingDayIndices(us, day0, 200);
  const resource = { id: 'L1', capacityPerDay: 1, nonWorkingDays: closed };
  const idx = (date: string) => dayIndexOf(day0, date);
  const filled = us.workingDaysBetween('2026-01-04', '2026-03-13');

  test('S4 — DO order for 2026-02-02 when the earliest possible is 2026-03-16: do not accept for 02-02, state 03-16 and offer it', () => {
    const book: OrderBook = { resources: [resource], orders: [order('DX-BACKLOG', 'DX', filled, idx('2026-03-13'), 0)] };
    const decision = checkAcceptance(book, order('DO-NEW', 'DO', 1, idx('2026-02-02'), idx('2026-01-20')));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(dateOfDayIndex(day0, decision.earliestDay), '2026-03-16');
    assert.match(decision.text, /offer to accept the order for that date/);
    assert.match(decision.text, /in writing or electronic, with reasons, within 15 working days/);
  });

  test('S4 — a backlog of unrated orders alone is not a reason to reject: accept for 02-02 and reschedule them (700.13(b)(1) last sentence)', () => {
    const book: OrderBook = { resources: [resource], orders: [order('UNRATED-BACKLOG', 'unrated', filled, idx('2026-03-13'), 0), order('DO-LOWER', 'DO', 2, idx('2026-06-01'), 0)] };
    const decision = checkAcceptance(book, order('DX-NEW', 'DX', 1, idx('2026-02-02'), idx('2026-01-20')));
    assert.equal(decision.status, 'accept');
    if (decision.status !== 'accept') return;
    assert.deepEqual(decision.impact.map((x) => [x.orderId, x.becomesLate, x.notifyCustomer]), [
      ['UNRATED-BACKLOG', true, false],
      ['DO-LOWER', false, false],
    ]);
    assert.match(decision.text, /no reason to reject \(700\.13\(b\)\(1\)\)/);
    const asDo = checkAcceptance(book, order('DO-NEW', 'DO', 1, idx('2026-02-02'), idx('2026-01-20')));
    assert.equal(asDo.status, 'accept', 'the same for a DO order against unrated work');
  });

  test('scenario 8 — a DO date the line cannot meet even when empty: reason capacity, earliest date offered', () => {
    const decision = checkAcceptance({ resources: [line(2)], orders: [] }, order('BIG', 'DO', 9, 2, 0));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(decision.earliestDay, 4);
    if (decision.status !== 'cannot-accept-as-dated') return;
    assert.equal(decision.reason, 'capacity');
    assert.deepEqual(decision.blocking, []);
    assert.equal(decision.rules[0], '15 CFR 700.13(b)(1)');
  });
});

describe('acceptance: what is protected', () => {
  test('a new DO order is not accepted over an accepted DX order that needs the capacity', () => {
    const decision = checkAcceptance({ resources: [line(1)], orders: [order('X', 'DX', 5, 4, 0)] }, order('D', 'DO', 1, 4, 1));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(decision.earliestDay, 5);
  });

  test('orders not yet accepted protect nothing; lower-rated and unrated orders never decide', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('PENDING', 'DO', 11, 10, 0, { accepted: false }), order('U', 'unrated', 50, 3, 0)] };
    const decision = checkAcceptance(book, order('Q', 'DO', 4, 8, 2));
    assert.equal(decision.status, 'accept');
    assert.equal(decision.earliestDay, 3);
  });

  test('an accepted order that is already late is not made later: the new order waits for it', () => {
    const book: OrderBook = { resources: [line(1)], orders: [order('A', 'DO', 5, 2, 0)] };
    assert.equal(checkAcceptance(book, order('B', 'DO', 1, 5, 1)).status, 'accept');
    const tooEarly = checkAcceptance(book, order('B', 'DO', 1, 4, 1));
    assert.equal(tooEarly.status, 'cannot-accept-as-dated');
    assert.equal(tooEarly.earliestDay, 5);
  });

  test('gaps between protected orders are used: the counter-offer is the first window that fits', () => {
    // Accepted DO: 2 units due day 1, 3 units due day 9 (free capacity on days 2–6 is usable).
    const book: OrderBook = { resources: [line(1)], orders: [order('A', 'DO', 2, 1, 0), order('B', 'DO', 3, 9, 0)] };
    const decision = checkAcceptance(book, order('N', 'DO', 4, 3, 1));
    assert.equal(decision.status, 'cannot-accept-as-dated');
    assert.equal(decision.earliestDay, 5, 'A on days 0–1, N on days 2–5, B still by day 9');
    assert.equal(checkAcceptance(book, order('N', 'DO', 6, 20, 1)).earliestDay, 10, '2 + 3 + 6 units: B must still finish by day 9');
    assert.equal(checkAcceptance(book, order('N', 'DO', 5, 6, 1)).status, 'accept');
  });

  test('non-working days push the counter-offer', () => {
    const decision = checkAcceptance({ resources: [line(1, [3, 4])], orders: [order('A', 'DO', 3, 2, 0)] }, order('N', 'DO', 2, 3, 1));
    assert.equal(decision.earliestDay, 6);
  });

  test('the new order must be rated and valid', () => {
    assert.throws(() => checkAcceptance({ resources: [line(1)], orders: [] }, order('U', 'unrated', 1, 3, 0)), (e: unknown) => e instanceof AppError && e.errors[0]!.field === 'newOrder/priority');
    assert.throws(
      () => checkAcceptance({ resources: [line(1)], orders: [order('A', 'DO', 1, 1, 0)] }, order('A', 'DO', -1, 3, 0)),
      (e: unknown) => e instanceof AppError && e.errors.map((x) => x.field).join() === 'newOrder/id,newOrder/quantity',
    );
  });
});
