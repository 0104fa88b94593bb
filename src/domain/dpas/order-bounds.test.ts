import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATE_MAX, DATE_MIN, QUANTITY_MAX } from '../bounds.js';
import { dateBoundsProblem, lineCanFinishInRange, quantityBoundsProblem, unschedulableReason } from './order-bounds.js';
import { latePromiseProblem } from './order-decision.js';

describe('order desk bounds (issue #10: dates 2000–2100, quantities up to 10^9 that a line can make)', () => {
  test('dates: the bounds themselves are in, a day outside is out, a date that does not exist is refused as such', () => {
    assert.equal(dateBoundsProblem(DATE_MIN), null);
    assert.equal(dateBoundsProblem(DATE_MAX), null);
    assert.match(dateBoundsProblem('1999-12-31')!, /out of range: dates run from 2000-01-01 to 2100-12-31/);
    assert.match(dateBoundsProblem('9999-12-31')!, /out of range/);
    assert.match(dateBoundsProblem('2027-02-30')!, /YYYY-MM-DD/);
  });

  test('quantities: 1 … 10^9 whole units', () => {
    assert.equal(quantityBoundsProblem(1), null);
    assert.equal(quantityBoundsProblem(QUANTITY_MAX), null);
    assert.match(quantityBoundsProblem(QUANTITY_MAX + 1)!, /more than 1,000,000,000 units/);
    assert.match(quantityBoundsProblem(0)!, /more than zero/);
    assert.match(quantityBoundsProblem(2.5)!, /whole number/);
  });

  test('a stored order with a date or quantity out of range gets a reason naming each, and one in range none', () => {
    assert.equal(unschedulableReason({ quantity: 5, requiredDeliveryDate: '2027-01-15', receivedDate: '2026-11-23' }), null);
    const reason = unschedulableReason({ quantity: 0, requiredDeliveryDate: '9999-12-31', receivedDate: '2026-11-23' })!;
    assert.match(reason, /^Cannot be scheduled: the required delivery date 9999-12-31 is out of range; the quantity 0 is out of range/);
    assert.match(reason, /Cancel it/);
  });

  test('a line can finish an order in range when its units at its capacity fit in the days left to 2100-12-31', () => {
    assert.equal(lineCanFinishInRange(1, 1000, 999), true);
    assert.equal(lineCanFinishInRange(1, 1001, 999), false);
    assert.equal(lineCanFinishInRange(5, 1_000_000_000, 27_000), false);
    assert.equal(lineCanFinishInRange(1_000_000, 1_000_000_000, 27_000), true);
  });
});

describe('700.13(b)(1): an acceptance is for a date the supplier can meet', () => {
  test('issue #11 item 2: DO-A1 required 2027-01-15, promise 2027-02-10 → not an acceptance: reject for "cannot meet the date" and offer 2027-02-10', () => {
    const problem = latePromiseProblem({ promisedDeliveryDate: '2027-02-10', requiredDeliveryDate: '2027-01-15' })!;
    assert.match(problem, /2027-02-10 is after the required delivery date 2027-01-15/);
    assert.match(problem, /Reject it instead for "cannot meet the date", stating 2027-02-10 as the earliest date possible/);
    assert.match(problem, /15 CFR 700\.13\(b\)\(1\)/);
  });
  test('a promise on or before the required date is an acceptance', () => {
    assert.equal(latePromiseProblem({ promisedDeliveryDate: '2027-01-15', requiredDeliveryDate: '2027-01-15' }), null);
    assert.equal(latePromiseProblem({ promisedDeliveryDate: '2027-01-08', requiredDeliveryDate: '2027-01-15' }), null);
  });
});
