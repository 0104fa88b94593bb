import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { INDIA_CENTRAL_CALENDAR, INDIA_CENTRAL_GAZETTED_HOLIDAYS, INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR } from './india-central-holidays.js';

describe("India's gazetted holiday lists", () => {
  it('hold the DoPT lists: 17, 16 and 17 dates, in date order, each in its year', () => {
    assert.deepEqual(
      Object.entries(INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR).map(([year, list]) => [year, list.length]),
      [['2024', 17], ['2025', 16], ['2026', 17]],
    );
    for (const [year, list] of Object.entries(INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR)) assert.ok(list.every((h) => h.date.startsWith(`${year}-`)));
    const dates = INDIA_CENTRAL_GAZETTED_HOLIDAYS.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort());
    assert.deepEqual(INDIA_CENTRAL_CALENDAR.added, INDIA_CENTRAL_GAZETTED_HOLIDAYS);
  });

  it('are, date for date and name for name, the lists as transcribed from the memoranda', () => {
    // The digest of the lists as first written out; a change to any date or name must change it knowingly.
    const digest = createHash('sha256').update(JSON.stringify(INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR)).digest('hex');
    assert.equal(digest, '8b40648611ea1e6ec72c6a9be62daa9b54a196e80d92e426b9576b0f579f5777');
    assert.deepEqual(INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR[2026]![1], { date: '2026-03-04', name: 'Holi' });
  });
});
