// Working-day calendars of nations, fetched once per nation and year, for deadline countdowns.
import { useEffect, useState } from 'react';
import { api } from './api/client.js';
import type { WorkWeek } from './format.js';

const cache = new Map<string, Promise<{ weekend: number[]; holidays: string[] } | null>>();

function fetchYear(nation: string, year: number) {
  const key = `${nation}:${year}`;
  let p = cache.get(key);
  if (!p) {
    p = api.calendar(nation, year).then(
      (c) => ({ weekend: c.weekend, holidays: c.holidays.filter((h) => h.source !== 'removed').map((h) => h.date) }),
      () => null,
    );
    cache.set(key, p);
  }
  return p;
}

/** The work week of each nation over the given years; a nation whose calendar cannot be read is left out. */
export function useWorkWeeks(nations: string[], years: number[]): Record<string, WorkWeek> {
  const [weeks, setWeeks] = useState<Record<string, WorkWeek>>({});
  const key = `${[...new Set(nations)].sort().join(',')}|${[...new Set(years)].sort().join(',')}`;
  useEffect(() => {
    let live = true;
    const [ns = '', ys = ''] = key.split('|');
    const nationList = ns ? ns.split(',') : [];
    const yearList = ys ? ys.split(',').map(Number) : [];
    void Promise.all(
      nationList.map(async (n) => {
        const parts = await Promise.all(yearList.map((y) => fetchYear(n, y)));
        if (parts.some((p) => p === null)) return null;
        const holidays = new Set(parts.flatMap((p) => p!.holidays));
        return [n, { weekend: parts[0]?.weekend ?? [6, 7], holidays }] as const;
      }),
    ).then((entries) => {
      if (!live) return;
      setWeeks(Object.fromEntries(entries.filter((e): e is NonNullable<typeof e> => e !== null)));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return weeks;
}

/** Invalidate after an admin changes a calendar. */
export function forgetCalendar(nation: string): void {
  for (const k of [...cache.keys()]) if (k.startsWith(`${nation}:`)) cache.delete(k);
}
