import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  INDIA_CENTRAL_CALENDAR,
  US_FEDERAL_CALENDAR,
  createWorkingCalendar,
  hoursDeadline,
  workingDayDeadline,
  type CalendarDefinition,
  type IsoDate,
  type WorkingCalendar,
} from './index.js';

// Expected dates below were counted by hand on a calendar and checked against
// dpas-sosa.md §11 and dpas-sosa-sources.md §4–§5.
const us = createWorkingCalendar(US_FEDERAL_CALENDAR);
const india = createWorkingCalendar(INDIA_CENTRAL_CALENDAR);
const usWithCloseOfBusiness = createWorkingCalendar({ ...US_FEDERAL_CALENDAR, closeOfBusiness: '17:00' });

const at = (iso: string) => new Date(iso);

describe('US federal holidays (sources §4.1: 5 USC 6103, observed days)', () => {
  const expected: Record<number, IsoDate[]> = {
    2024: ['2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25'],
    2025: ['2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25'],
    2026: ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'],
  };
  for (const [year, dates] of Object.entries(expected)) {
    test(`the ${year} list is exactly the observed federal holidays`, () => {
      assert.deepEqual(
        us.holidays(Number(year)).map((h) => h.date),
        dates,
      );
    });
  }

  test('a Saturday holiday is off on the Friday before, and the Saturday itself is not a holiday', () => {
    assert.equal(us.holidayName('2026-07-03'), 'Independence Day (observed)');
    assert.equal(us.isWorkingDay('2026-07-03'), false);
    assert.equal(us.holidayName('2026-07-04'), null);
  });

  test("New Year's Day on a Saturday is observed on 31 December of the year before", () => {
    // 2028-01-01 is a Saturday.
    assert.equal(us.holidayName('2027-12-31'), "New Year's Day (observed)");
    assert.equal(us.holidayName('2028-01-01'), null);
    assert.ok(!us.holidays(2028).some((h) => h.name.startsWith("New Year's Day")));
  });

  test('Veterans Day on a weekend moves too (2028-11-11 is a Saturday → Friday 11-10)', () => {
    assert.equal(us.holidayName('2028-11-10'), 'Veterans Day (observed)');
    assert.equal(us.holidayName('2028-11-11'), null);
  });

  test('Sunday holiday is observed on the Monday after (Juneteenth 2022)', () => {
    assert.equal(us.holidayName('2022-06-20'), 'Juneteenth National Independence Day (observed)');
  });
});

describe('India central government gazetted holidays (sources §4.2)', () => {
  test('the 2026 Delhi/New Delhi list, including holidays on weekends', () => {
    assert.deepEqual(
      india.holidays(2026).map((h) => h.date),
      ['2026-01-26', '2026-03-04', '2026-03-21', '2026-03-26', '2026-03-31', '2026-04-03', '2026-05-01', '2026-05-27', '2026-06-26', '2026-08-15', '2026-08-26', '2026-09-04', '2026-10-02', '2026-10-20', '2026-11-08', '2026-11-24', '2026-12-25'],
    );
    assert.equal(india.holidayName('2026-10-20'), 'Dussehra');
    assert.equal(india.holidayName('2026-11-24'), "Guru Nanak's Birthday");
  });

  test('the 2024 and 2025 lists have 17 and 16 dates (2025-10-02 is Gandhi Jayanti and Dussehra)', () => {
    assert.equal(india.holidays(2024).length, 17);
    assert.equal(india.holidays(2025).length, 16);
    assert.equal(india.holidayName('2025-10-02'), "Mahatma Gandhi's Birthday; Dussehra");
  });

  test('US federal holidays are working days in India', () => {
    assert.equal(india.isWorkingDay('2026-11-26'), true); // Thanksgiving
    assert.equal(india.isWorkingDay('2026-11-11'), true); // Veterans Day
  });
});

/** A hand-counted case: `n` working days after `from`, on `calendar`, fall on `due`. */
type Count = readonly [calendar: WorkingCalendar, from: IsoDate, n: number, due: IsoDate];

/** The counting scenarios of dpas-sosa.md §11 and sources §5, each with its hand-counted cases. */
const SCENARIOS: ReadonlyArray<readonly [scenario: string, counts: readonly Count[]]> = [
  ['§11.1 DO order received Mon 2026-11-23: 15 US working days skip Thanksgiving → Tue 2026-12-15', [[us, '2026-11-23', 15, '2026-12-15']]],
  ['§11.2 DX order received Fri 2026-12-18: 10 US working days skip 12-25 and 01-01 → Tue 2027-01-05', [[us, '2026-12-18', 10, '2027-01-05']]],
  ["S3 the supplier's calendar decides: US 2026-12-01, India 2026-11-30 for 15 days from Fri 2026-11-06", [[us, '2026-11-06', 15, '2026-12-01'], [india, '2026-11-06', 15, '2026-11-30']]],
  ['S3 reverse direction: 10 Indian working days from Fri 2026-10-16 skip Dussehra → Mon 2026-11-02', [[india, '2026-10-16', 10, '2026-11-02']]],
  ['S6 delay-notice confirmation: 5 working days from Wed 2025-12-31 → Thu 2026-01-08 (not 1 day → 01-02)', [[us, '2025-12-31', 5, '2026-01-08'], [us, '2025-12-31', 1, '2026-01-02']]],
  ['S11 amendment received Tue 2026-06-16 skips 06-19 and 07-03: DO → Thu 2026-07-09, DX → Wed 2026-07-01', [[us, '2026-06-16', 15, '2026-07-09'], [us, '2026-06-16', 10, '2026-07-01']]],
];

describe('working-day counting (dpas-sosa.md §11, sources §5)', () => {
  for (const [scenario, counts] of SCENARIOS) {
    test(scenario, () => {
      for (const [calendar, from, n, due] of counts) assert.equal(calendar.addWorkingDays(from, n), due, `${n} working days from ${from}`);
    });
  }

  test('S2 DX received Fri 2025-12-19 → Tue 2026-01-06; with ad-hoc closures 12-24 and 12-26 → Thu 2026-01-08', () => {
    assert.equal(us.addWorkingDays('2025-12-19', 10), '2026-01-06');
    const withClosures = createWorkingCalendar({
      ...US_FEDERAL_CALENDAR,
      added: [
        { date: '2025-12-24', name: 'Executive order closure' },
        { date: '2025-12-26', name: 'Executive order closure' },
      ],
    });
    assert.equal(withClosures.addWorkingDays('2025-12-19', 10), '2026-01-08');
  });

  test('n = 0 is the date itself, even on a holiday', () => {
    assert.equal(us.addWorkingDays('2026-11-26', 0), '2026-11-26');
    assert.equal(us.workingDaysBetween('2026-11-26', '2026-11-26'), 0);
  });

  test('workingDaysBetween counts (from, to] and is negative backwards', () => {
    assert.equal(us.workingDaysBetween('2026-11-23', '2026-12-15'), 15);
    assert.equal(us.workingDaysBetween('2026-12-15', '2026-11-23'), -15);
    assert.equal(us.workingDaysBetween('2026-11-20', '2026-11-22'), 0); // Fri → Sun
  });

  test('a removed library holiday becomes a working day', () => {
    const noThanksgiving = createWorkingCalendar({ ...US_FEDERAL_CALENDAR, removed: ['2026-11-26'] });
    assert.equal(noThanksgiving.isWorkingDay('2026-11-26'), true);
    assert.equal(noThanksgiving.holidayName('2026-11-26'), null);
    assert.equal(noThanksgiving.holidays(2026).length, 10);
    assert.equal(noThanksgiving.addWorkingDays('2026-11-23', 15), '2026-12-14');
  });

  test('an added holiday on a library date keeps counting as a holiday, under its added name', () => {
    const cal = createWorkingCalendar({ ...US_FEDERAL_CALENDAR, added: [{ date: '2026-11-26', name: 'Office closed' }] });
    assert.equal(cal.holidayName('2026-11-26'), 'Office closed');
    assert.equal(cal.holidays(2026).length, 11);
  });

  test('rejects impossible dates, negative counts and unusable definitions', () => {
    assert.throws(() => us.addWorkingDays('2026-02-29', 1), RangeError);
    assert.throws(() => us.isWorkingDay('2026-7-3'), RangeError);
    assert.throws(() => us.addWorkingDays('2026-11-23', -1), RangeError);
    assert.throws(() => us.addWorkingDays('2026-11-23', 1.5), RangeError);
    assert.throws(() => createWorkingCalendar({ ...US_FEDERAL_CALENDAR, weekend: [1, 2, 3, 4, 5, 6, 7] }), RangeError);
    assert.throws(() => createWorkingCalendar({ ...US_FEDERAL_CALENDAR, timeZone: 'Mars/Olympus' }), RangeError);
    assert.throws(() => createWorkingCalendar({ ...US_FEDERAL_CALENDAR, closeOfBusiness: '5pm' }), RangeError);
    assert.throws(() => createWorkingCalendar({ ...US_FEDERAL_CALENDAR, library: { country: 'ZZ', types: ['public'] } }), RangeError);
  });
});

describe('workingDayDeadline: local receipt date, close of business, end of day (sources §5 S1)', () => {
  test('S1 without a close-of-business rule: Fri 16:00, Fri 18:30 and Sat receipt are all due Mon 2025-12-15', () => {
    for (const receivedAt of ['2025-11-21T21:00:00Z', '2025-11-21T23:30:00Z', '2025-11-22T15:00:00Z']) {
      const d = workingDayDeadline(us, at(receivedAt), 15);
      assert.equal(d.dueDate, '2025-12-15', receivedAt);
      // 23:59:59.999 EST (UTC−5) on 12-15.
      assert.equal(d.dueAt.toISOString(), '2025-12-16T04:59:59.999Z');
      assert.equal(d.calendarNation, 'US');
      assert.equal(d.timeZone, 'America/New_York');
    }
    assert.equal(workingDayDeadline(us, at('2025-11-22T15:00:00Z'), 15).receivedDate, '2025-11-22');
  });

  test('S1 A2 with close of business 17:00: Fri 16:00 → Mon 12-15; Fri 18:30 or Sat count from Mon 11-24 → Tue 12-16', () => {
    const beforeClose = workingDayDeadline(usWithCloseOfBusiness, at('2025-11-21T21:00:00Z'), 15);
    assert.equal(beforeClose.receivedDate, '2025-11-21');
    assert.equal(beforeClose.dueDate, '2025-12-15');
    for (const receivedAt of ['2025-11-21T23:30:00Z', '2025-11-22T15:00:00Z']) {
      const d = workingDayDeadline(usWithCloseOfBusiness, at(receivedAt), 15);
      assert.equal(d.receivedDate, '2025-11-24', receivedAt);
      assert.equal(d.dueDate, '2025-12-16', receivedAt);
    }
  });

  test('close of business is inclusive: 17:00:00 counts next day, 16:59:59 the same day', () => {
    assert.equal(workingDayDeadline(usWithCloseOfBusiness, at('2025-11-21T22:00:00Z'), 15).receivedDate, '2025-11-24');
    assert.equal(workingDayDeadline(usWithCloseOfBusiness, at('2025-11-21T21:59:59Z'), 15).receivedDate, '2025-11-21');
  });

  test('the policy used is recorded on the deadline', () => {
    const plain = workingDayDeadline(us, at('2025-11-21T21:00:00Z'), 15).policy;
    const withClose = workingDayDeadline(usWithCloseOfBusiness, at('2025-11-21T21:00:00Z'), 15).policy;
    assert.match(plain, /strictly after the local date of receipt/);
    assert.doesNotMatch(plain, /17:00/);
    assert.match(withClose, /at\/after 17:00/);
  });

  test('time zones: an instant already Friday in Kolkata but still Thursday in New York', () => {
    // 2026-10-15T19:00Z = Thu 15:00 EDT = Fri 00:30 IST.
    const receivedAt = at('2026-10-15T19:00:00Z');
    const inIndia = workingDayDeadline(india, receivedAt, 10);
    assert.equal(inIndia.receivedDate, '2026-10-16');
    assert.equal(inIndia.dueDate, '2026-11-02');
    assert.equal(inIndia.dueAt.toISOString(), '2026-11-02T18:29:59.999Z'); // 23:59:59.999 IST (UTC+5:30)
    const inUs = workingDayDeadline(us, receivedAt, 10);
    assert.equal(inUs.receivedDate, '2026-10-15');
    assert.equal(inUs.dueDate, '2026-10-29');
    assert.equal(inUs.dueAt.toISOString(), '2026-10-30T03:59:59.999Z'); // 23:59:59.999 EDT (UTC−4)
  });

  test('0 working days is due at the end of the day of receipt', () => {
    const d = workingDayDeadline(us, at('2026-11-23T15:00:00Z'), 0);
    assert.equal(d.dueDate, '2026-11-23');
    assert.equal(d.dueAt.toISOString(), '2026-11-24T04:59:59.999Z');
  });

  test('hoursDeadline counts elapsed hours, across a DST change (700.13 emergency preparedness orders)', () => {
    assert.equal(hoursDeadline(at('2026-11-01T04:00:00Z'), 6).toISOString(), '2026-11-01T10:00:00.000Z');
    assert.throws(() => hoursDeadline(at('2026-11-01T04:00:00Z'), -1), RangeError);
  });
});

describe('properties', () => {
  const DAY_MS = 86_400_000;
  const dateArb = fc.integer({ min: Date.UTC(2019, 0, 1) / DAY_MS, max: Date.UTC(2031, 11, 31) / DAY_MS }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
  const nextDate = (date: IsoDate) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const isoWeekday = (date: IsoDate) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

  // Random weekends (never the whole week) and random ad-hoc holidays, plus the two real calendars.
  const customArb = fc
    .record({
      weekend: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 5 }),
      added: fc.uniqueArray(dateArb, { maxLength: 60 }),
    })
    .map(
      ({ weekend, added }): CalendarDefinition => ({
        nation: 'ZZ',
        timeZone: 'UTC',
        weekend,
        closeOfBusiness: null,
        library: null,
        added: added.map((date) => ({ date, name: 'Closure' })),
        removed: [],
      }),
    );
  // 'US' and 'IN' stand for the shared calendars, so a counterexample prints short.
  const calendarArb = fc.oneof(fc.constant('US' as const), fc.constant('IN' as const), customArb);
  const calendarOf = (c: 'US' | 'IN' | CalendarDefinition) => (c === 'US' ? us : c === 'IN' ? india : createWorkingCalendar(c));

  test('addWorkingDays(d, n) for n > 0 is a working day after d, and agrees with a day-by-day walk', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 1, max: 300 }), (c, date, n) => {
        const cal = calendarOf(c);
        const result = cal.addWorkingDays(date, n);
        assert.ok(result > date);
        assert.ok(cal.isWorkingDay(result));
        // Reference walk straight from the definition (weekend + holiday names), one day at a time.
        const weekend = new Set(cal.definition.weekend);
        let day = date;
        for (let left = n; left > 0; ) {
          day = nextDate(day);
          if (!weekend.has(isoWeekday(day)) && cal.holidayName(day) === null) left--;
        }
        assert.equal(result, day);
      }),
      { numRuns: 300 },
    );
  });

  test('workingDaysBetween(d, addWorkingDays(d, n)) === n, and the result grows with n', () => {
    fc.assert(
      fc.property(calendarArb, dateArb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 50 }), (c, date, n, more) => {
        const cal = calendarOf(c);
        const due = cal.addWorkingDays(date, n);
        assert.equal(cal.workingDaysBetween(date, due), n);
        assert.equal(cal.workingDaysBetween(due, date) + n, 0);
        assert.ok(cal.addWorkingDays(date, n + more) > due);
      }),
      { numRuns: 300 },
    );
  });

  test('deadlines start from the local date of receipt and end at 23:59:59.999 local time', () => {
    const instantArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));
    fc.assert(
      fc.property(fc.constantFrom(us, india, usWithCloseOfBusiness), instantArb, fc.integer({ min: 0, max: 30 }), (cal, receivedAt, n) => {
        const d = workingDayDeadline(cal, receivedAt, n);
        const local = DateTime.fromJSDate(receivedAt, { zone: cal.definition.timeZone });
        if (cal.definition.closeOfBusiness === null) assert.equal(d.receivedDate, local.toISODate());
        else assert.ok(d.receivedDate >= local.toISODate()! && cal.isWorkingDay(d.receivedDate));
        assert.equal(d.dueDate, cal.addWorkingDays(d.receivedDate, n));
        assert.equal(d.dueAt.getTime(), DateTime.fromISO(d.dueDate, { zone: cal.definition.timeZone }).endOf('day').toMillis());
      }),
      { numRuns: 300 },
    );
  });

  test('every observed US federal holiday falls on a weekday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2021, max: 2100 }), (year) => {
        for (const h of us.holidays(year)) assert.ok(isoWeekday(h.date) <= 5, `${h.date} ${h.name}`);
      }),
    );
  });
});
