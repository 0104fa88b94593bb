import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkingCalendar, INDIA_CENTRAL_CALENDAR, US_FEDERAL_CALENDAR } from '../calendar/index.js';
import { acceptanceClock, countdown, orderElements } from './acceptance-clock.js';
import { classifyChange, type OrderTerms } from './order-changes.js';
import { decisionProblems } from './order-decision.js';
import { keepUntil } from './records-retention.js';
import { checkAcceptance } from './scheduling/index.js';

const us = createWorkingCalendar(US_FEDERAL_CALENDAR);
const india = createWorkingCalendar(INDIA_CENTRAL_CALENDAR);

describe('700.13(d) acceptance clock in the supplier calendar', () => {
  test('scenario 1: DO-A1 received Mon 2026-11-23 (US) is due Tue 2026-12-15, skipping Thanksgiving and weekends', () => {
    const c = acceptanceClock({ rating: 'DO-A1', receivedAt: new Date('2026-11-23T15:00:00Z'), calendar: us });
    assert.equal(c.dueDate, '2026-12-15');
    assert.equal(c.workingDays, 15);
    assert.equal(c.dueAt.toISOString(), '2026-12-16T04:59:59.999Z'); // end of the day in New York
    assert.deepEqual(c.calendar, { nation: 'US', timeZone: 'America/New_York' });
  });
  test('scenario 2: DX-A2 received Fri 2026-12-18 is due Tue 2027-01-05, skipping Christmas and New Year', () => {
    const c = acceptanceClock({ rating: 'DX-A2', receivedAt: new Date('2026-12-18T15:00:00Z'), calendar: us });
    assert.equal(c.dueDate, '2027-01-05');
    assert.equal(c.workingDays, 10);
  });
  test('the same DO order received in India counts Indian holidays (Guru Nanak 2026-11-24) in Indian time', () => {
    const c = acceptanceClock({ rating: 'DO-A1', receivedAt: new Date('2026-11-23T05:00:00Z'), calendar: india });
    assert.equal(c.dueDate, '2026-12-15'); // 24 Nov holiday, 15 working days: 25,26,27,30, 1,2,3,4,7,8,9,10,11,14,15
    assert.deepEqual(c.calendar, { nation: 'IN', timeZone: 'Asia/Kolkata' });
  });
  test('an emergency preparedness order runs on the hours it states, clock time', () => {
    const c = acceptanceClock({ rating: 'DO-A6', receivedAt: new Date('2026-11-28T10:00:00Z'), calendar: us, emergencyBasis: 'hazard_occurred', emergencyResponseHours: 8 });
    assert.equal(c.hours, 8);
    assert.equal(c.workingDays, null);
    assert.equal(c.dueAt.toISOString(), '2026-11-28T18:00:00.000Z'); // a Saturday: hours are not working days
  });
  test('scenario 12: a stated 4 hours after a hazard is below the 6-hour minimum: the order is not yet a valid rated order', () => {
    const e = orderElements({ rating: 'DO-A6', requiredDeliveryDate: '2026-12-01', signedBy: 'A. Officer', certified: true, receivedDate: '2026-11-23', emergencyBasis: 'hazard_occurred', emergencyResponseHours: 4 });
    assert.equal(e.status, 'not_yet_rated');
    assert.deepEqual(e.missing.map((m) => m.field), ['emergency_response_hours']);
    // The clock never runs shorter than the minimum, even if asked to.
    const c = acceptanceClock({ rating: 'DO-A6', receivedAt: new Date('2026-11-23T10:00:00Z'), calendar: us, emergencyBasis: 'hazard_occurred', emergencyResponseHours: 4 });
    assert.equal(c.hours, 6);
    const imminent = acceptanceClock({ rating: 'DO-A6', receivedAt: new Date('2026-11-23T10:00:00Z'), calendar: us, emergencyBasis: 'imminent_hazard', emergencyResponseHours: 6 });
    assert.equal(imminent.hours, 12);
  });
});

describe('700.12 completeness', () => {
  test('scenario 3: "deliver ASAP" with no date is flagged not yet rated, naming the missing date', () => {
    const e = orderElements({ rating: 'DX-A1', requiredDeliveryDate: 'ASAP', signedBy: 'A. Officer', certified: true, receivedDate: '2026-11-23' });
    assert.equal(e.status, 'not_yet_rated');
    assert.deepEqual(e.missing.map((m) => m.field), ['required_delivery_date']);
    assert.match(e.missing[0]!.message, /700\.12\(a\)\(2\)/);
  });
  test('no signature and no certification: both named; an unrated order has no elements to miss; a complete one is rated', () => {
    assert.deepEqual(orderElements({ rating: 'DO-A4', requiredDeliveryDate: '2026-12-01', signedBy: undefined, certified: undefined, receivedDate: '2026-11-23' }).missing.map((m) => m.field), ['signed_by', 'certified']);
    assert.deepEqual(orderElements({ rating: undefined, requiredDeliveryDate: '2026-12-01', signedBy: undefined, certified: undefined, receivedDate: '2026-11-23' }), { status: 'unrated', missing: [] });
    assert.equal(orderElements({ rating: 'DO-A4', requiredDeliveryDate: '2026-12-01', signedBy: 'A. Officer', certified: true, receivedDate: '2026-11-23' }).status, 'rated');
  });
});

describe('countdown', () => {
  const due = acceptanceClock({ rating: 'DO-A1', receivedAt: new Date('2026-11-23T15:00:00Z'), calendar: us }).dueAt; // Tue 2026-12-15
  test('counts the working days after today through the due day; urgent under 2; overdue after the end of the due day', () => {
    assert.deepEqual(countdown(new Date('2026-11-23T15:00:00Z'), due, us), { workingDaysLeft: 15, hoursLeft: 541, overdue: false, urgent: false });
    assert.deepEqual(countdown(new Date('2026-12-11T15:00:00Z'), due, us), { workingDaysLeft: 2, hoursLeft: 109, overdue: false, urgent: false });
    assert.equal(countdown(new Date('2026-12-14T15:00:00Z'), due, us).workingDaysLeft, 1);
    assert.equal(countdown(new Date('2026-12-14T15:00:00Z'), due, us).urgent, true);
    assert.deepEqual(countdown(new Date('2026-12-15T15:00:00Z'), due, us), { workingDaysLeft: 0, hoursLeft: 13, overdue: false, urgent: true });
    assert.deepEqual(countdown(new Date('2026-12-16T05:00:00Z'), due, us), { workingDaysLeft: 0, hoursLeft: 0, overdue: true, urgent: true });
  });
  test('a weekend day does not count as a day left', () => {
    // Sat 2026-12-12: Mon 14 and Tue 15 remain.
    assert.equal(countdown(new Date('2026-12-12T15:00:00Z'), due, us).workingDaysLeft, 2);
  });
});

describe('700.13 decision content', () => {
  const base = { requiredDeliveryDate: '2026-02-02' };
  test('a rejection gives reasons', () => {
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject' }).map((e) => e.field), ['reasons']);
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject', reasons: '   ' }).map((e) => e.field), ['reasons']);
  });
  test('sources S4: "cannot meet date" needs an offered date later than the required date', () => {
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject', reasons: 'Line booked', rejectionGround: 'cannot_meet_date' }).map((e) => e.field), ['offeredDeliveryDate']);
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject', reasons: 'Line booked', rejectionGround: 'cannot_meet_date', offeredDeliveryDate: '2026-02-02' }).map((e) => e.field), ['offeredDeliveryDate']);
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject', reasons: 'Line booked', rejectionGround: 'cannot_meet_date', offeredDeliveryDate: '2026-03-16' }), []);
  });
  test('an optional ground needs no date; an acceptance carries no ground or offered date', () => {
    assert.deepEqual(decisionProblems({ ...base, decision: 'reject', reasons: 'Payment terms', rejectionGround: 'terms_of_sale_not_met' }), []);
    assert.deepEqual(decisionProblems({ ...base, decision: 'accept', rejectionGround: 'own_use_only', offeredDeliveryDate: '2026-03-01' }).map((e) => e.field), ['rejectionGround', 'offeredDeliveryDate']);
    assert.deepEqual(decisionProblems({ ...base, decision: 'accept' }), []);
  });
  test('scenario 8: a DO order the line cannot make by its date is refused for that date with the earliest date', () => {
    // One line, 1 unit a day, an accepted DO order fills days 0-9; the new DO order wants 3 units by day 5.
    const book = {
      startDay: 0,
      resources: [{ id: 'L', capacityPerDay: 1, nonWorkingDays: [] }],
      orders: [{ id: 'P', resourceId: 'L', priority: 'DO' as const, quantity: 10, dueDay: 9, receivedDay: 0, accepted: true }],
    };
    const d = checkAcceptance(book, { id: 'Q', resourceId: 'L', priority: 'DO', quantity: 3, dueDay: 5, receivedDay: 1, accepted: false });
    assert.equal(d.status, 'cannot-accept-as-dated');
    assert.equal(d.earliestDay, 12);
  });
});

describe('700.16 changes', () => {
  const order: OrderTerms = { rating: 'DO-A6', quantity: 10, requiredDeliveryDate: '2026-09-15', destination: 'Dock 1' };
  test('scenario 10: a new destination only is not a new rated order; the date moved 3 months earlier is', () => {
    assert.equal(classifyChange(order, { kind: 'destination', destination: 'Dock 2' }).newRatedOrder, false);
    const earlier = classifyChange(order, { kind: 'delivery_date', requiredDeliveryDate: '2026-06-15' });
    assert.equal(earlier.newRatedOrder, true);
    assert.equal(earlier.rule, '15 CFR 700.16(c)');
  });
  test('quantity: a reduction is not new; an increase is, unless recorded as negligible', () => {
    assert.equal(classifyChange(order, { kind: 'quantity', quantity: 8 }).newRatedOrder, false);
    assert.equal(classifyChange(order, { kind: 'quantity', quantity: 12 }).newRatedOrder, true);
    assert.equal(classifyChange(order, { kind: 'quantity', quantity: 11, negligibleDeliveryImpact: true }).newRatedOrder, false);
  });
  test('rating: unrated → rated and DO → DX are new rated orders; DX → DO, a program change or a cancelled rating are not', () => {
    assert.equal(classifyChange({ ...order, rating: null }, { kind: 'rating', rating: 'DO-A1' }).newRatedOrder, true);
    assert.equal(classifyChange(order, { kind: 'rating', rating: 'DX-A6' }).newRatedOrder, true);
    assert.equal(classifyChange({ ...order, rating: 'DX-A6' }, { kind: 'rating', rating: 'DO-A6' }).newRatedOrder, false);
    assert.equal(classifyChange(order, { kind: 'rating', rating: 'DO-A1' }).newRatedOrder, false);
    assert.equal(classifyChange(order, { kind: 'rating', rating: null }).newRatedOrder, false);
    assert.equal(classifyChange(order, { kind: 'delivery_date', requiredDeliveryDate: '2026-10-01' }).newRatedOrder, false);
  });
});

describe('700.91 records', () => {
  test('sources S12: closed 2025-03-15 → keep until 2028-03-15; an open order has no end yet', () => {
    assert.equal(keepUntil(new Date('2025-03-15T12:00:00Z')), '2028-03-15');
    assert.equal(keepUntil(new Date('2028-02-29T12:00:00Z')), '2031-03-01');
    assert.equal(keepUntil(null), null);
  });
});
