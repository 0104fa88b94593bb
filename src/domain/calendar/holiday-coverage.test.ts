import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INDIA_CENTRAL_CALENDAR } from './india-central-holidays.js';
import { US_FEDERAL_CALENDAR } from './us-federal-holidays.js';
import { keepsHolidaysByHand, missingHolidayYears } from './holiday-coverage.js';

describe('holiday lists kept by hand', () => {
  it("India's gazetted list is kept by hand; the US federal list is computed", () => {
    assert.equal(keepsHolidaysByHand(INDIA_CENTRAL_CALENDAR), true);
    assert.equal(keepsHolidaysByHand(US_FEDERAL_CALENDAR), false);
  });

  it('a count from December 2026 into 2027 runs into a year India has no list for', () => {
    assert.deepEqual(missingHolidayYears(INDIA_CENTRAL_CALENDAR, '2026-12-21', '2027-01-05'), [2027]);
    assert.deepEqual(missingHolidayYears(INDIA_CENTRAL_CALENDAR, '2026-11-23', '2026-12-07'), []);
    assert.deepEqual(missingHolidayYears(INDIA_CENTRAL_CALENDAR, '2026-12-21', '2028-02-01'), [2027, 2028]);
    assert.deepEqual(missingHolidayYears({ ...INDIA_CENTRAL_CALENDAR, added: [...INDIA_CENTRAL_CALENDAR.added, { date: '2027-01-26', name: 'Republic Day' }] }, '2026-12-21', '2027-01-05'), []);
  });

  it('a computed calendar never misses a year', () => {
    assert.deepEqual(missingHolidayYears(US_FEDERAL_CALENDAR, '2026-12-21', '2030-01-05'), []);
  });
});
