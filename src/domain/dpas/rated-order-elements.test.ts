import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ratedOrderProblems, type RatedOrderDraft } from './rated-order-elements.js';
import { parseRating } from './rating.js';

const complete: RatedOrderDraft = { rating: 'DO-A1', requiredDeliveryDate: '2027-03-31', signedBy: 'Dana Whitfield', certified: true, receivedDate: '2026-11-23' };
const fieldsOf = (order: RatedOrderDraft) => ratedOrderProblems(order).map((p) => p.field);

describe('DPAS ratings (15 CFR 700.11, Schedule I)', () => {
  it('reads DO and DX ratings with a Schedule I program symbol', () => {
    assert.deepEqual(parseRating('DO-A1'), { ok: true, rating: { level: 'DO', programSymbol: 'A1' } });
    assert.deepEqual(parseRating(' dx-a2 '), { ok: true, rating: { level: 'DX', programSymbol: 'A2' } });
    assert.deepEqual(parseRating('DO-H7'), { ok: true, rating: { level: 'DO', programSymbol: 'H7' } });
  });
  it('refuses a rating level other than DO or DX, and a program symbol not in Schedule I', () => {
    assert.equal(parseRating('DZ-A1').ok, false);
    assert.equal(parseRating('DO-Z9').ok, false);
    assert.equal(parseRating('DO A1').ok, false);
    assert.equal(parseRating('').ok, false);
  });
});

describe('elements of a rated order (15 CFR 700.12(a))', () => {
  it('accepts an order with rating, date, signature and certification', () => {
    assert.deepEqual(ratedOrderProblems(complete), []);
  });
  it('flags "deliver ASAP" as a missing required delivery date (dpas-sosa.md §11 scenario 3)', () => {
    assert.deepEqual(fieldsOf({ ...complete, requiredDeliveryDate: 'ASAP' }), ['required_delivery_date']);
    assert.deepEqual(fieldsOf({ ...complete, requiredDeliveryDate: undefined }), ['required_delivery_date']);
  });
  it('flags an order without certification or signature (sources §5 S9(iii))', () => {
    assert.deepEqual(fieldsOf({ ...complete, certified: false, signedBy: '  ' }), ['signed_by', 'certified']);
  });
  it('flags a delivery date before the receipt of the order', () => {
    assert.deepEqual(fieldsOf({ ...complete, requiredDeliveryDate: '2026-11-22' }), ['required_delivery_date']);
    assert.deepEqual(fieldsOf({ ...complete, requiredDeliveryDate: '2026-11-23' }), []);
  });
  it('flags a rated order without a rating or with an unknown one', () => {
    assert.deepEqual(fieldsOf({ ...complete, rating: undefined }), ['rating']);
    assert.deepEqual(fieldsOf({ ...complete, rating: 'DO-Q1' }), ['rating']);
  });
  it('refuses an emergency order for an occurred hazard stating 4 hours: below the 6-hour minimum (§11 scenario 12)', () => {
    assert.deepEqual(fieldsOf({ ...complete, emergencyBasis: 'hazard_occurred', emergencyResponseHours: 4 }), ['emergency_response_hours']);
    assert.deepEqual(fieldsOf({ ...complete, emergencyBasis: 'hazard_occurred', emergencyResponseHours: 6 }), []);
  });
  it('requires at least 12 hours for an order preparing for an imminent hazard', () => {
    assert.deepEqual(fieldsOf({ ...complete, emergencyBasis: 'imminent_hazard', emergencyResponseHours: 11 }), ['emergency_response_hours']);
    assert.deepEqual(fieldsOf({ ...complete, emergencyBasis: 'imminent_hazard', emergencyResponseHours: 12 }), []);
    assert.deepEqual(fieldsOf({ ...complete, emergencyBasis: 'imminent_hazard' }), ['emergency_response_hours']);
  });
});
