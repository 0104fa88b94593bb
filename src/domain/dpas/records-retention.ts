/**
 * 15 CFR 700.91(a): records of every transaction covered by Part 700 are kept for at least three
 * years (verify: dpas-sosa.md §9 marks the period "(verify)"; the start event is not stated,
 * ambiguity A8 — the latest closing event is used: cancellation, rejection or delivery). Orders are
 * never deleted; the "keep until" date is shown so nobody deletes them earlier elsewhere.
 */
export const RETENTION_YEARS = 3;

export function keepUntil(closedAt: Date | null): string | null {
  if (!closedAt) return null;
  const d = new Date(closedAt.getTime());
  const year = d.getUTCFullYear() + RETENTION_YEARS;
  // 29 February + 3 years has no 29 February: keep through 1 March (at least three full years).
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(year, month, day));
  if (target.getUTCMonth() !== month) return new Date(Date.UTC(year, month + 1, 1)).toISOString().slice(0, 10);
  return target.toISOString().slice(0, 10);
}
