/**
 * Domain bounds every boundary shares (issue #10): what the registers, the ledger, orders and
 * threads accept. A value outside them is an input error (422 naming the field), never something
 * to store: a far-future date once overflowed a derived date in the database (a 500), and one
 * stored row must never make a later read fail.
 *
 * - Dates: 2000-01-01 … 2100-12-31 inclusive. The arrangements date from the 2020s; 2000 leaves
 *   room for records of older agreements, 2100 for any plan or settlement period anyone keeps.
 * - Quantities: at most 10^9 (a rated order's quantity, a capacity), exact in a double.
 * - Money: integer minor units up to 10^15 (exact in a double and in bigint).
 */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';
export const DATE_BOUNDS_MESSAGE = `must be between ${DATE_MIN} and ${DATE_MAX}`;

export const QUANTITY_MAX = 1_000_000_000;
export const AMOUNT_MAX_MINOR = 1_000_000_000_000_000;

/** An ISO date (YYYY-MM-DD) within the bounds; compares as text, so check the format first. */
export function isDateInBounds(isoDate: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) && isoDate >= DATE_MIN && isoDate <= DATE_MAX;
}

/** An instant whose UTC date is within the bounds. */
export function isInstantInBounds(instant: Date): boolean {
  const t = instant.getTime();
  return Number.isFinite(t) && t >= Date.parse(`${DATE_MIN}T00:00:00Z`) && t < Date.parse(`${DATE_MAX}T00:00:00Z`) + 86_400_000;
}

/**
 * The latest calendar date anywhere on earth at `now` (UTC+14, the Line Islands): a date recorded
 * where something happened (a port in Guam, a depot in India) is "in the future" only beyond it.
 */
export function latestDateAnywhere(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}
