import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveSubOrderRating, subOrderAcceptanceRule, type SubOrderPurpose } from './flow-down.js';

const ratingOf = (...args: Parameters<typeof deriveSubOrderRating>) => {
  const r = deriveSubOrderRating(...args);
  assert.ok(r.ok, JSON.stringify(r));
  return r.rating;
};
const errorOf = (...args: Parameters<typeof deriveSubOrderRating>) => {
  const r = deriveSubOrderRating(...args);
  assert.ok(!r.ok, JSON.stringify(r));
  return r;
};

describe('flow-down of ratings to sub-orders (15 CFR 700.15, 700.17)', () => {
  it('scenario 9: a DO-A3 ship order needing a turbine → the turbine sub-order carries DO-A3; MRO for it carries DO-H7', () => {
    assert.equal(ratingOf('DO-A3', 'incorporated'), 'DO-A3');
    assert.equal(ratingOf('DO-A3', 'mro'), 'DO-H7');
  });

  it('packaging and services carry the customer rating unchanged, DX included (700.17(a))', () => {
    for (const purpose of ['incorporated', 'packaging', 'services'] as SubOrderPurpose[]) {
      assert.equal(ratingOf('DX-A1', purpose), 'DX-A1');
      assert.equal(ratingOf({ level: 'DO', programSymbol: 'A7' }, purpose), 'DO-A7');
    }
  });

  it('MRO keeps the customer rating symbol: DX-A2 → DX-H7 (700.17(a)(4))', () => {
    assert.equal(ratingOf('DX-A2', 'mro'), 'DX-H7');
    assert.deepEqual(deriveSubOrderRating('DX-A2', 'mro').ok && deriveSubOrderRating('DX-A2', 'mro'), {
      ok: true, rating: 'DX-H7', level: 'DX', programSymbol: 'H7', rules: ['15 CFR 700.17(a)(4)'],
      text: "MRO for a DX-A2 order uses program symbol H7 with the customer's rating symbol DX: DX-H7 (15 CFR 700.17(a)(4)).",
    });
  });

  it('the rating flows on at every tier: a sub-sub-order of DO-A3 is still DO-A3', () => {
    const tier2 = ratingOf('DO-A3', 'incorporated');
    assert.equal(ratingOf(tier2, 'incorporated'), 'DO-A3');
    assert.equal(ratingOf(ratingOf(tier2, 'mro'), 'mro'), 'DO-H7');
  });

  it('scenario 11: inventory used for a DX order on 2026-01-10, replacement ordered 2026-04-20 (100 days) → not a rated replacement', () => {
    const e = errorOf('DX-A1', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-04-20' });
    assert.equal(e.error, 'REPLACEMENT_TOO_LATE');
    assert.equal(e.field, 'orderedOn');
    assert.match(e.message, /within 90 days of its use \(last day 2026-04-10\); 2026-04-20 is 100 days after/);
  });

  it('in time, the replacement is DO with the customer program symbol, never DX (700.17(b), sources S10)', () => {
    assert.equal(ratingOf('DX-A1', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-02-01' }), 'DO-A1');
    assert.equal(ratingOf('DO-A6', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-01-10' }), 'DO-A6');
    const r = deriveSubOrderRating('DX-A1', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-02-01' });
    assert.ok(r.ok && /never DX/.test(r.text));
  });

  it('day 90 is the last day: used 2026-01-10 → 2026-04-10 allowed, 2026-04-11 refused (sources A6)', () => {
    assert.equal(ratingOf('DX-A1', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-04-10' }), 'DO-A1');
    assert.equal(errorOf('DX-A1', 'inventory_replacement', { usedOn: '2026-01-10', orderedOn: '2026-04-11' }).error, 'REPLACEMENT_TOO_LATE');
    // Across a leap day: 2028-01-01 + 90 days = 2028-03-31.
    assert.equal(ratingOf('DO-A1', 'inventory_replacement', { usedOn: '2028-01-01', orderedOn: '2028-03-31' }), 'DO-A1');
    assert.equal(errorOf('DO-A1', 'inventory_replacement', { usedOn: '2028-01-01', orderedOn: '2028-04-01' }).error, 'REPLACEMENT_TOO_LATE');
  });

  it('an inventory replacement needs both dates, real ones, in order', () => {
    assert.deepEqual([errorOf('DO-A1', 'inventory_replacement').error, errorOf('DO-A1', 'inventory_replacement').field], ['DATES_REQUIRED', 'usedOn']);
    assert.equal(errorOf('DO-A1', 'inventory_replacement', { usedOn: '2026-01-10' }).field, 'orderedOn');
    assert.equal(errorOf('DO-A1', 'inventory_replacement', { usedOn: '2026-02-30', orderedOn: '2026-03-01' }).error, 'DATE_INVALID');
    assert.equal(errorOf('DO-A1', 'inventory_replacement', { usedOn: '2026-03-02', orderedOn: '2026-03-01' }).error, 'ORDERED_BEFORE_USE');
  });

  it('an unrated order has no rating to extend; a malformed rating or unknown purpose is named', () => {
    assert.equal(errorOf(null, 'incorporated').error, 'PARENT_UNRATED');
    assert.equal(errorOf('', 'mro').error, 'PARENT_UNRATED');
    assert.equal(errorOf('DO-Z9', 'incorporated').error, 'PARENT_RATING_INVALID');
    assert.equal(errorOf('DO-A1', 'employment' as SubOrderPurpose).error, 'UNKNOWN_PURPOSE');
  });

  it('the sub-supplier answers in 15 working days (DO) or 10 (DX); an emergency order imposes its hours on the sub-order (700.13(d), 700.15(c))', () => {
    assert.deepEqual(subOrderAcceptanceRule('DO'), { kind: 'working_days', workingDays: 15, rule: '15 CFR 700.13(d): 15 working days after receipt of a DO order' });
    assert.deepEqual(subOrderAcceptanceRule('DX', null), { kind: 'working_days', workingDays: 10, rule: '15 CFR 700.13(d): 10 working days after receipt of a DX order' });
    assert.deepEqual(subOrderAcceptanceRule('DX', 12), { kind: 'hours', hours: 12, rule: "15 CFR 700.15(c): the sub-order imposes the parent's emergency response time of 12 hours" });
  });
});
