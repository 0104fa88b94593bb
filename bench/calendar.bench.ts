import Holidays, { type HolidaysTypes } from 'date-holidays';
import { DateTime } from 'luxon';
import { createWorkingCalendar, libraryCalendar, US_FEDERAL_CALENDAR, workingDayDeadline, type CalendarDefinition } from '../src/domain/calendar/index.js';
import { elapsedMs, seededRandom, sized, type BenchOptions } from './measure.js';
import { formatCount, formatNumber, formatRatio, type BenchResult } from './table.js';

/**
 * A partner calendar exactly as seed-reference-data makes it: Monday–Friday, public holidays from
 * date-holidays, no close-of-business rule. The naive baselines compute the same thing with
 * luxon and date-holidays directly, so every answer can be compared.
 */
const GERMANY: CalendarDefinition = libraryCalendar('DE', 'Europe/Berlin');

// Receipts uniformly over 2024–2030; 15 CFR 700.13(d): 15 (DO) or 10 (DX) working days to accept,
// 5 to confirm a delay notice.
const FROM_MS = Date.UTC(2024, 0, 1);
const TO_MS = Date.UTC(2031, 0, 1);
const WORKING_DAYS = [15, 10, 5];

interface Receipts {
  ms: Float64Array;
  days: Uint8Array;
}

function randomReceipts(count: number, seed: number): Receipts {
  const random = seededRandom(seed);
  const ms = new Float64Array(count);
  const days = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    ms[i] = Math.floor(FROM_MS + random() * (TO_MS - FROM_MS));
    days[i] = WORKING_DAYS[Math.floor(random() * WORKING_DAYS.length)]!;
  }
  return { ms, days };
}

interface Due {
  dueAt: number;
  dueDate: string;
}

type DeadlineFn = (receivedAt: Date, workingDays: number) => Due;

/** The naive loop: step one day at a time with luxon, ask date-holidays about every day. */
function naiveDeadline(def: CalendarDefinition, cacheYears: boolean): DeadlineFn {
  const holidays = new Holidays(def.library!.country, { types: def.library!.types as HolidaysTypes.HolidayType[] });
  const byYear = new Map<number, Set<string>>();
  const isHoliday = cacheYears
    ? (day: DateTime) => {
        let set = byYear.get(day.year);
        if (!set) byYear.set(day.year, (set = new Set(holidays.getHolidays(day.year).map((h) => h.date.slice(0, 10)))));
        return set.has(day.toISODate()!);
      }
    : (day: DateTime) => holidays.isHoliday(day.set({ hour: 12 }).toJSDate()) !== false;
  return (receivedAt, workingDays) => {
    let day = DateTime.fromJSDate(receivedAt, { zone: def.timeZone }).startOf('day');
    for (let counted = 0; counted < workingDays; ) {
      day = day.plus({ days: 1 });
      if (!def.weekend.includes(day.weekday) && !isHoliday(day)) counted++;
    }
    return { dueAt: day.endOf('day').toMillis(), dueDate: day.toISODate()! };
  };
}

function timeRun(receipts: Receipts, count: number, fn: DeadlineFn): { perSecond: number; results: Due[] } {
  const results = new Array<Due>(count);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) results[i] = fn(new Date(receipts.ms[i]!), receipts.days[i]!);
  return { perSecond: (count / elapsedMs(started)) * 1000, results };
}

function compare(fast: readonly Due[], slow: readonly Due[], what: string): void {
  for (let i = 0; i < slow.length; i++) {
    if (fast[i]!.dueAt !== slow[i]!.dueAt || fast[i]!.dueDate !== slow[i]!.dueDate) {
      throw new Error(`${what} disagrees with workingDayDeadline on receipt ${i}: ${slow[i]!.dueDate} vs ${fast[i]!.dueDate}`);
    }
  }
}

/**
 * `workingDayDeadline` over random receipts (a fresh calendar, so building its year tables is
 * timed too), against two day-by-day loops on luxon + date-holidays measured in the same run on
 * the first receipts of the same set, every answer compared.
 */
export function benchCalendar(options: BenchOptions): BenchResult {
  const count = sized(options, 1_000_000);
  const naiveCount = sized(options, 300, 20);
  const cachedCount = sized(options, 10_000, 200);
  const receipts = randomReceipts(count, 20_240_822);

  // Year tables are built lazily, on first use: inside the timed loop.
  const calendar = createWorkingCalendar(GERMANY);
  const fast = timeRun(receipts, count, (at, n) => {
    const d = workingDayDeadline(calendar, at, n);
    return { dueAt: d.dueAt.getTime(), dueDate: d.dueDate };
  });
  const naive = timeRun(receipts, naiveCount, naiveDeadline(GERMANY, false));
  compare(fast.results, naive.results, 'The naive loop');
  const cached = timeRun(receipts, cachedCount, naiveDeadline(GERMANY, true));
  compare(fast.results, cached.results, 'The day-by-day loop');
  fast.results.length = 0;

  const usCalendar = createWorkingCalendar(US_FEDERAL_CALENDAR);
  const us = timeRun(receipts, count, (at, n) => {
    const d = workingDayDeadline(usCalendar, at, n);
    return { dueAt: d.dueAt.getTime(), dueDate: d.dueDate };
  });

  const input = `${formatCount(count)} random receipts 2024–2030`;
  const rate = (perSecond: number) => `${formatNumber(perSecond)} deadlines/s`;
  return {
    rows: [
      {
        figure: 'working-day deadline, DE calendar',
        on: 'pure code',
        input,
        result: rate(fast.perSecond),
        baseline: `naive loop: ${rate(naive.perSecond)} on ${formatCount(naiveCount)}`,
        ratio: formatRatio(fast.perSecond / naive.perSecond),
      },
      {
        figure: 'working-day deadline, DE calendar',
        on: 'pure code',
        input,
        result: rate(fast.perSecond),
        baseline: `holiday-set loop: ${rate(cached.perSecond)} on ${formatCount(cachedCount)}`,
        ratio: formatRatio(fast.perSecond / cached.perSecond),
      },
      { figure: 'working-day deadline, US federal', on: 'pure code', input, result: rate(us.perSecond) },
    ],
    notes: [
      'Deadlines: workingDayDeadline(calendar, receipt, 15|10|5 working days) on seeded random instants; the year tables are built inside the timed loop. ' +
        'Baselines on the first receipts of the same set, written in bench/calendar.bench.ts: "naive loop" steps day by day with luxon and asks date-holidays isHoliday() for each day; ' +
        '"holiday-set loop" steps day by day with luxon against a per-year Set of date-holidays dates. Both agree with workingDayDeadline on every receipt they ran (due instant and due date).',
    ],
  };
}
