// Display helpers: dates in a given time zone, countdowns, sizes and labels.
import type { Urgency, User } from './api/types.js';

export const URGENCY_LABEL: Record<Urgency, string> = {
  routine: 'Routine',
  emergency: 'Emergency',
  armed_conflict: 'Armed conflict',
};

export const URGENCY_RANK: Record<string, number> = { armed_conflict: 0, emergency: 1, routine: 2 };

export const ROLE_LABEL: Record<string, string> = {
  sosa_officer: 'SOSA officer',
  program_determination: 'Program determination',
  rating_authority: 'Rating authority',
  supplier: 'Supplier',
  analyst: 'Analyst',
  auditor: 'Auditor',
  admin: 'Admin',
};

export const ALL_ROLES = Object.keys(ROLE_LABEL) as Array<User['roles'][number]>;

export function roleLabel(role: string): string {
  return ROLE_LABEL[role] ?? humanise(role);
}

/** "approved_program" → "Approved program". */
export function humanise(name: string): string {
  const s = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** A short name for a zone at an instant: "EST", "IST", else "GMT+5:30". */
function zoneName(d: Date, timeZone: string | undefined): string {
  const pick = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  for (const locale of ['en-US', 'en-IN', 'en-GB']) {
    const name = pick(locale);
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  return pick('en-GB');
}

/** The user's locale (the browser's): dates read as the user writes them. */
const LOCALE: string | undefined = undefined;

/** "Eastern Time", "India Standard Time": a zone as people name it, in the user's language. */
export function zoneLongName(timeZone: string | undefined, at = new Date()): string {
  const zone = safeZone(timeZone);
  const pick = (style: 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  try {
    return pick('longGeneric') || pick('long');
  } catch {
    return pick('long');
  }
}

/** "12 Mar 2026, 17:30 IST" (in the user's locale) in the given zone (or the browser's). */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const zone = safeZone(timeZone);
  const text = new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  }).format(d);
  return `${text} ${zoneName(d, zone)}`;
}

/** A calendar date "2026-03-12" → "12 Mar 2026" in the user's locale (no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** "2 days ago", "in 3 hours": for lists. */
export function relative(iso: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (abs < 60_000) return 'just now';
  if (abs < 3_600_000) return rtf.format(Math.round(diff / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(Math.round(diff / 3_600_000), 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

/** "due in 3 days", "due today", "overdue by 2 days": for list cells. */
export function dueText(dueIso: string, overdue: boolean, now = Date.now()): string {
  const ms = new Date(dueIso).getTime() - now;
  if (overdue || ms < 0) {
    const late = Math.max(0, -ms);
    if (late < 86_400_000) return `overdue by ${plural(Math.max(1, Math.round(late / 3_600_000)), 'hour')}`;
    return `overdue by ${plural(Math.floor(late / 86_400_000), 'day')}`;
  }
  if (ms < 86_400_000) return `due in ${plural(Math.max(1, Math.round(ms / 3_600_000)), 'hour')}`;
  return `due in ${plural(Math.round(ms / 86_400_000), 'day')}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The calendar date of an instant in a time zone, as a UTC-midnight Date. */
function dayIn(d: Date, timeZone: string | undefined): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: safeZone(timeZone) }).format(d);
  return new Date(`${parts}T00:00:00Z`);
}

export interface WorkWeek {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekend: number[];
  /** Holiday dates, YYYY-MM-DD. */
  holidays: Set<string>;
}

const DEFAULT_WEEK: WorkWeek = { weekend: [6, 7], holidays: new Set() };

/**
 * Working days from today to the due day, in the deciding nation's zone, counting its weekend and
 * holidays when its calendar is known (else Monday–Friday). The server's due date stays the authority.
 */
export function workingDaysUntil(dueIso: string, timeZone: string | undefined, now = new Date(), week: WorkWeek = DEFAULT_WEEK): number {
  const from = dayIn(now, timeZone);
  const to = dayIn(new Date(dueIso), timeZone);
  let count = 0;
  for (let d = new Date(from); d < to; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = ((d.getUTCDay() + 6) % 7) + 1;
    if (!week.weekend.includes(iso) && !week.holidays.has(d.toISOString().slice(0, 10))) count++;
  }
  return count;
}

export interface Countdown {
  text: string;
  overdue: boolean;
}

export function countdown(dueIso: string, timeZone: string | undefined, overdue: boolean, now = new Date(), week?: WorkWeek): Countdown {
  const ms = new Date(dueIso).getTime() - now.getTime();
  if (overdue || ms < 0) {
    const late = Math.max(0, -ms);
    if (late < 86_400_000) return { text: `overdue by ${plural(Math.max(1, Math.round(late / 3_600_000)), 'hour')}`, overdue: true };
    return { text: `overdue by ${plural(Math.floor(late / 86_400_000), 'day')}`, overdue: true };
  }
  const days = workingDaysUntil(dueIso, timeZone, now, week);
  if (days === 0) return { text: `due today — ${plural(Math.max(1, Math.round(ms / 3_600_000)), 'hour')} left`, overdue: false };
  return { text: `${plural(days, 'working day')} left`, overdue: false };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? formatDate(s) : s;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDaysIso(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Server and engine text with ISO dates ("due 2026-12-05") made readable ("due 5 Dec 2026"). */
export function datesInWords(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b(?!T)/g, (date) => formatDate(date));
}
