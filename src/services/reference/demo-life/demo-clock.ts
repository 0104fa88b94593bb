import { DateTime } from 'luxon';

/**
 * The clock of the demo's month. It only moves forward, a second at least per step, so events
 * recorded one after another never share or reverse a time; it never passes `end` (the real now).
 */
export class DemoClock {
  private current: number;
  constructor(
    start: Date,
    readonly end: Date,
  ) {
    this.current = start.getTime();
  }
  now = (): Date => new Date(this.current);
  moveTo(at: Date): void {
    this.current = Math.min(Math.max(at.getTime(), this.current + 1000), this.end.getTime());
  }
  /**
   * A time `workingDaysAgo` weekdays before the end's day, at hh:mm UTC. Weekends are skipped so
   * officials act on working days; holidays are not (a demo, not a calendar test).
   */
  workingDaysAgo(workingDaysAgo: number, hhmm: string): Date {
    let day = DateTime.fromJSDate(this.end, { zone: 'utc' }).startOf('day');
    let left = workingDaysAgo;
    while (left > 0) {
      day = day.minus({ days: 1 });
      if (day.weekday <= 5) left--;
    }
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    return day.set({ hour, minute }).toJSDate();
  }
  /** The clock's day plus `days`, as YYYY-MM-DD (UTC). */
  dateIn(days: number): string {
    return DateTime.fromJSDate(this.now(), { zone: 'utc' }).plus({ days }).toISODate()!;
  }
}
