import Holidays, { type HolidaysTypes } from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import type { CalendarDefinition, HolidayEntry, IsoDate } from './calendar-definition.js';
import { usFederalHolidays } from './us-federal-holidays.js';

export type { CalendarDefinition, HolidayEntry, IsoDate } from './calendar-definition.js';

export interface WorkingCalendar {
  readonly definition: CalendarDefinition;
  isWorkingDay(date: IsoDate): boolean;
  /** The holiday on that date (weekends included), or null. */
  holidayName(date: IsoDate): string | null;
  /** The year's holidays, sorted: library minus removed, plus added. */
  holidays(year: number): HolidayEntry[];
  /** The n-th working day strictly after `date` (n = 0: the date itself). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
}

export interface WorkingDayDeadline {
  /** End of the last working day (23:59:59.999 local time in the calendar's zone), as an instant. */
  dueAt: Date;
  /** Local date of the last day. */
  dueDate: IsoDate;
  /** The local date counting starts after (the close-of-business rule applied). */
  receivedDate: IsoDate;
  workingDays: number;
  calendarNation: string;
  timeZone: string;
  /** The counting rule used, recorded with the deadline (sources §5 A1, A2). */
  policy: string;
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const LIBRARY_TYPES: readonly string[] = ['public', 'bank', 'optional', 'school', 'observance'] satisfies HolidaysTypes.HolidayType[];

/** One year of a calendar, precomputed so counting is a lookup and a binary search. */
interface YearTable {
  readonly year: number;
  /** Epoch day (days since 1970-01-01) of 1 January. */
  readonly firstDay: number;
  /** The ISO date of each day of the year. */
  readonly dates: readonly IsoDate[];
  /** 1 = working day, 0 = weekend or holiday. */
  readonly working: Uint8Array;
  /** Working days from 1 January up to and including each day. */
  readonly cumulative: Int32Array;
  readonly total: number;
  /** Day of the year (0-based) → holiday name. */
  readonly names: ReadonlyMap<number, string>;
  readonly holidays: readonly HolidayEntry[];
}

/** Builds a calendar; each year's table is computed on first use and cached. */
export function createWorkingCalendar(def: CalendarDefinition): WorkingCalendar {
  const definition = validateDefinition(def);
  const weekend = new Uint8Array(8);
  for (const d of definition.weekend) weekend[d] = 1;
  const removed = new Set(definition.removed);
  const addedByYear = new Map<number, HolidayEntry[]>();
  for (const h of definition.added) {
    const y = yearOfIso(h.date);
    const list = addedByYear.get(y);
    if (list) list.push(h);
    else addedByYear.set(y, [h]);
  }
  const library = definition.library ? librarySource(definition.library) : null;
  const tables = new Map<number, YearTable>();

  const table = (year: number): YearTable => {
    const cached = tables.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw new RangeError(`Year out of range (${MIN_YEAR}–${MAX_YEAR}): ${year}`);
    const firstDay = daysFromCivil(year, 1, 1);
    const length = daysFromCivil(year + 1, 1, 1) - firstDay;
    const names = new Map<number, string>();
    if (library) {
      for (const h of library(year)) {
        if (removed.has(h.date) || yearOfIso(h.date) !== year) continue;
        const i = isoToEpochDay(h.date) - firstDay;
        const previous = names.get(i);
        names.set(i, previous && previous !== h.name ? `${previous}; ${h.name}` : h.name);
      }
    }
    const overridden = new Set<number>();
    for (const h of addedByYear.get(year) ?? []) {
      const i = isoToEpochDay(h.date) - firstDay;
      const previous = overridden.has(i) ? names.get(i) : undefined;
      names.set(i, previous && previous !== h.name ? `${previous}; ${h.name}` : h.name);
      overridden.add(i);
    }
    const dates: IsoDate[] = new Array<IsoDate>(length);
    const working = new Uint8Array(length);
    const cumulative = new Int32Array(length);
    let weekday = isoWeekdayOfEpochDay(firstDay);
    let month = 1;
    let dayOfMonth = 1;
    let total = 0;
    for (let i = 0; i < length; i++) {
      dates[i] = formatIso(year, month, dayOfMonth);
      if (weekend[weekday] === 0 && !names.has(i)) {
        working[i] = 1;
        total++;
      }
      cumulative[i] = total;
      weekday = weekday === 7 ? 1 : weekday + 1;
      if (++dayOfMonth > daysInMonth(year, month)) {
        dayOfMonth = 1;
        month++;
      }
    }
    const holidays = [...names.keys()].sort((a, b) => a - b).map((i) => Object.freeze({ date: dates[i]!, name: names.get(i)! }));
    const built: YearTable = { year, firstDay, dates, working, cumulative, total, names, holidays };
    tables.set(year, built);
    return built;
  };

  return {
    definition,
    isWorkingDay(date) {
      const day = isoToEpochDay(date);
      const t = table(yearOfIso(date));
      return t.working[day - t.firstDay] === 1;
    },
    holidayName(date) {
      const day = isoToEpochDay(date);
      const t = table(yearOfIso(date));
      return t.names.get(day - t.firstDay) ?? null;
    },
    holidays(year) {
      return [...table(year).holidays];
    },
    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, not ${n}`);
      const day = isoToEpochDay(date);
      let t = table(yearOfIso(date));
      const start = day - t.firstDay;
      if (n === 0) return t.dates[start]!;
      // The n-th working day after `date` is the first day whose running count reaches target.
      let target = t.cumulative[start]! + n;
      let emptyYears = 0;
      while (target > t.total) {
        target -= t.total;
        t = table(t.year + 1);
        if (t.total === 0 && ++emptyYears > 10) throw new RangeError(`The ${definition.nation} calendar has no working day in ten years after ${t.year - 10}`);
      }
      const cumulative = t.cumulative;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      return t.dates[lo]!;
    },
    workingDaysBetween(from, to) {
      const a = isoToEpochDay(from);
      const b = isoToEpochDay(to);
      if (a === b) return 0;
      const [early, late, sign] = a < b ? [from, to, 1] : [to, from, -1];
      // Running count at `late` minus running count at `early`, summing whole years between.
      let t = table(yearOfIso(early));
      let count = -t.cumulative[Math.min(a, b) - t.firstDay]!;
      const lateYear = yearOfIso(late);
      while (t.year < lateYear) {
        count += t.total;
        t = table(t.year + 1);
      }
      count += t.cumulative[Math.max(a, b) - t.firstDay]!;
      return sign * count;
    },
  };
}

/**
 * "N working days after receipt" (15 CFR 700.13(d)(1): accept or reject within 15 working days
 * of a DO order, 10 of a DX order; 5 to confirm a delay notice). Counted strictly after the
 * local date of receipt in the deciding party's calendar and zone; due at the end of the last
 * day (dpas-sosa-sources.md §5, A1). Without a close-of-business rule a receipt on a weekend or
 * holiday counts from that date, the same as a receipt on the working day before (S1). With one,
 * a receipt at or after the close, or on a non-working day, counts as received on the next
 * working day, and counting starts after that day (S1 A2; dpas-sosa.md §10).
 */
export function workingDayDeadline(cal: WorkingCalendar, receivedAt: Date, workingDays: number): WorkingDayDeadline {
  const { nation, timeZone, closeOfBusiness } = cal.definition;
  const ms = receivedAt.getTime();
  if (Number.isNaN(ms)) throw new RangeError('receivedAt is not a valid date');
  const zone = zoneCache(timeZone);
  const localMs = ms + offsetMinutes(zone, ms) * 60_000;
  const localDay = Math.floor(localMs / DAY_MS);
  const localMinute = Math.floor((localMs - localDay * DAY_MS) / 60_000);
  let receivedDate = epochDayToIso(localDay);
  let policy = `${nation} calendar (${timeZone}): ${workingDays} working day${workingDays === 1 ? '' : 's'} counted strictly after the local date of receipt; due at the end of the last day (23:59 local time)`;
  if (closeOfBusiness === null) {
    policy += '; receipt on a weekend or holiday counts from that date';
  } else {
    const afterClose = localMinute >= minutesOfDay(closeOfBusiness);
    if (afterClose || !cal.isWorkingDay(receivedDate)) receivedDate = cal.addWorkingDays(receivedDate, 1);
    policy += `; receipt at/after ${closeOfBusiness} local or on a non-working day counts as received the next working day (close-of-business rule)`;
  }
  const dueDate = cal.addWorkingDays(receivedDate, workingDays);
  return { dueAt: new Date(endOfLocalDay(zone, dueDate)), dueDate, receivedDate, workingDays, calendarNation: nation, timeZone, policy };
}

/**
 * Emergency preparedness orders state their response time in hours (15 CFR 700.13; minimums of
 * 6 h / 12 h unverified, dpas-sosa.md §4): elapsed hours from the instant of receipt, no calendar.
 */
export function hoursDeadline(receivedAt: Date, hours: number): Date {
  const ms = receivedAt.getTime();
  if (Number.isNaN(ms)) throw new RangeError('receivedAt is not a valid date');
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Hours must be a finite number ≥ 0, not ${hours}`);
  return new Date(ms + hours * 3_600_000);
}

// ——— definition checks ———

function validateDefinition(def: CalendarDefinition): CalendarDefinition {
  const problems: string[] = [];
  if (typeof def.nation !== 'string' || def.nation.length === 0) problems.push('nation is empty');
  if (!IANAZone.isValidZone(def.timeZone)) problems.push(`time zone "${def.timeZone}" is not an IANA zone`);
  if (!def.weekend.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) problems.push('weekend days must be ISO weekdays 1–7');
  else if (new Set(def.weekend).size >= 7) problems.push('the week has no working day');
  if (def.closeOfBusiness !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(def.closeOfBusiness)) problems.push(`close of business "${def.closeOfBusiness}" is not HH:mm`);
  if (def.library) {
    if (!/^[A-Za-z]{2}$/.test(def.library.country)) problems.push(`library country "${def.library.country}" is not ISO 3166 alpha-2`);
    else if (!(def.library.country.toUpperCase() in supportedLibraryCountries())) problems.push(`date-holidays has no country "${def.library.country}"`);
    for (const type of def.library.types) if (!LIBRARY_TYPES.includes(type)) problems.push(`library holiday type "${type}" is not one of ${LIBRARY_TYPES.join(', ')}`);
  }
  for (const h of def.added) {
    if (!isIsoDate(h.date)) problems.push(`added holiday date "${h.date}" is not a YYYY-MM-DD date`);
    if (typeof h.name !== 'string' || h.name.trim() === '') problems.push(`added holiday ${h.date} has no name`);
  }
  for (const d of def.removed) if (!isIsoDate(d)) problems.push(`removed holiday date "${d}" is not a YYYY-MM-DD date`);
  if (problems.length > 0) throw new RangeError(`Invalid ${def.nation || '?'} calendar: ${problems.join('; ')}`);
  return Object.freeze({
    nation: def.nation,
    timeZone: def.timeZone,
    weekend: Object.freeze([...def.weekend]) as number[],
    closeOfBusiness: def.closeOfBusiness,
    library: def.library ? Object.freeze({ country: def.library.country.toUpperCase(), types: Object.freeze([...def.library.types]) as string[] }) : null,
    added: Object.freeze(def.added.map((h) => Object.freeze({ date: h.date, name: h.name }))) as HolidayEntry[],
    removed: Object.freeze([...def.removed]) as IsoDate[],
  });
}

// ——— library holidays ———

let countries: Record<string, string> | undefined;
function supportedLibraryCountries(): Record<string, string> {
  countries ??= new Holidays().getCountries();
  return countries;
}

/** A year → holidays function for a library definition. */
function librarySource(library: { country: string; types: readonly string[] }): (year: number) => HolidayEntry[] {
  // 5 U.S.C. 6103: the US 'public' set is the federal list on its observed days.
  const federal = library.country === 'US' && library.types.includes('public');
  const otherTypes = library.types.filter((t) => !(federal && t === 'public')) as HolidaysTypes.HolidayType[];
  const source = otherTypes.length > 0 ? new Holidays(library.country, { types: otherTypes }) : null;
  return (year) => {
    const entries = federal ? usFederalHolidays(year) : [];
    if (source) for (const h of source.getHolidays(year)) entries.push({ date: h.date.slice(0, 10), name: h.name });
    return entries;
  };
}

// ——— dates and zones ———

const DAY_MS = 86_400_000;
const CACHE_LIMIT = 100_000;

/** Memoised offsets and day ends of one IANA zone (pure: derived from the zone rules only). */
interface ZoneCache {
  readonly zone: IANAZone;
  readonly timeZone: string;
  /** UTC epoch day → offset in minutes, for days without an offset change. */
  readonly dayOffsets: Map<number, number>;
  /** Local date → epoch ms of 23:59:59.999 local. */
  readonly dayEnds: Map<IsoDate, number>;
}

const zoneCaches = new Map<string, ZoneCache>();
function zoneCache(timeZone: string): ZoneCache {
  let cache = zoneCaches.get(timeZone);
  if (!cache) {
    if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Not an IANA time zone: "${timeZone}"`);
    cache = { zone: IANAZone.create(timeZone), timeZone, dayOffsets: new Map(), dayEnds: new Map() };
    zoneCaches.set(timeZone, cache);
  }
  return cache;
}

/** The zone's UTC offset (minutes) at an instant; cached per UTC day when the day has no change. */
function offsetMinutes(cache: ZoneCache, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const cached = cache.dayOffsets.get(day);
  if (cached !== undefined) return cached;
  const start = cache.zone.offset(day * DAY_MS);
  // Offsets change at most once a day (no zone changes and changes back within a day).
  if (start !== cache.zone.offset(day * DAY_MS + DAY_MS - 1)) return cache.zone.offset(ms);
  if (cache.dayOffsets.size >= CACHE_LIMIT) cache.dayOffsets.clear();
  cache.dayOffsets.set(day, start);
  return start;
}

/** Epoch ms of 23:59:59.999 local time on a local date. */
function endOfLocalDay(cache: ZoneCache, date: IsoDate): number {
  const cached = cache.dayEnds.get(date);
  if (cached !== undefined) return cached;
  const [year, month, day] = [yearOfIso(date), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const end = DateTime.fromObject({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, { zone: cache.timeZone }).toMillis();
  if (cache.dayEnds.size >= CACHE_LIMIT) cache.dayEnds.clear();
  cache.dayEnds.set(date, end);
  return end;
}

function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Value of `length` decimal digits at `start`, or -1 if any is not a digit. */
function digitsAt(s: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  return year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch day of a 'YYYY-MM-DD' string; throws on anything else (including 2026-02-30). */
function isoToEpochDay(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  return daysFromCivil(digitsAt(date, 0, 4), digitsAt(date, 5, 2), digitsAt(date, 8, 2));
}

/** Year of a date already checked by {@link isIsoDate}. */
function yearOfIso(date: IsoDate): number {
  return digitsAt(date, 0, 4);
}

function formatIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' of an epoch day (H. Hinnant's civil_from_days). */
function epochDayToIso(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatIso(yoe + era * 400 + (month <= 2 ? 1 : 0), month, day);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an epoch day; 1970-01-01 was a Thursday. */
function isoWeekdayOfEpochDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
