import { ACCEPTANCE_WORKING_DAYS, formatRating, parseRating, type Rating, type RatingLevel } from './rating.js';
import { isRealDate } from '../calendar/real-date.js';

/**
 * Extension of ratings (15 CFR 700.15) and use of rated orders (700.17): what rating a supplier
 * puts on the order it places with its own supplier to fill a rated order.
 */
export const SUB_ORDER_PURPOSES = ['incorporated', 'packaging', 'services', 'mro', 'inventory_replacement'] as const;
export type SubOrderPurpose = (typeof SUB_ORDER_PURPOSES)[number];

export const SUB_ORDER_PURPOSE_LABELS: Record<SubOrderPurpose, string> = {
  incorporated: 'Items physically incorporated into the rated item',
  packaging: 'Containers and packaging',
  services: 'Services (not employment)',
  mro: 'Maintenance, repair and operating supplies (MRO)',
  inventory_replacement: 'Replacement of inventory used to fill the rated order',
};

/** 700.17(b): inventory used to fill rated orders may be replaced by a rated order placed within 90 days of its use. */
export const INVENTORY_REPLACEMENT_DAYS = 90;

export type SubOrderRatingError =
  | 'PARENT_UNRATED'
  | 'PARENT_RATING_INVALID'
  | 'UNKNOWN_PURPOSE'
  | 'DATES_REQUIRED'
  | 'DATE_INVALID'
  | 'ORDERED_BEFORE_USE'
  | 'REPLACEMENT_TOO_LATE';

export type SubOrderRating =
  | { ok: true; rating: string; level: RatingLevel; programSymbol: string; rules: string[]; text: string }
  | { ok: false; error: SubOrderRatingError; field: string; message: string };

export interface InventoryDates {
  /** The date the inventory was used to fill the rated order (YYYY-MM-DD). */
  usedOn?: string | undefined;
  /** The date the replacement order is placed (YYYY-MM-DD). */
  orderedOn?: string | undefined;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD, real dates). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The rating of a sub-order placed to fill a rated order (the parent).
 * - 700.15(a), 700.17(a): items incorporated, containers/packaging and services (not employment)
 *   carry the customer's rating unchanged, at every tier (DO-A3 ship → DO-A3 turbine).
 * - 700.17(a)(4): MRO carries program symbol H7 with the customer's rating symbol (DO-A3 → DO-H7).
 * - 700.17(b): inventory used to fill a rated order may be replaced by a rated order placed within
 *   90 days of the use, rated DO with the customer's program symbol — never DX (DX-A1 → DO-A1).
 *   Counting (sources A6): the day of use is day 0, so used 2026-01-10 → last day 2026-04-10
 *   (day 90); 2026-04-11 is too late; scenario 11: ordered 2026-04-20 (day 100) → not allowed.
 * An unrated parent has no rating to extend.
 *
 * Deadline: 700.15 as summarised in the spec (dpas-sosa.md §6, sources §1.6) sets NO time limit
 * within which the sub-order must be placed; the only time limit that flows down is the response
 * time of an emergency-preparedness order, which the sub-order must impose too (700.15(c),
 * sources §1.4) — see `subOrderAcceptanceRule`. The sub-supplier's own acceptance clock is the
 * ordinary 700.13(d) one. Nothing else is invented here.
 */
export function deriveSubOrderRating(parentRating: string | Rating | null, purpose: SubOrderPurpose, dates: InventoryDates = {}): SubOrderRating {
  if (parentRating === null || parentRating === '') {
    return { ok: false, error: 'PARENT_UNRATED', field: 'parentRating', message: 'The order is unrated: only a rated order’s rating can be extended to a sub-order (15 CFR 700.15(a)).' };
  }
  let parent: Rating;
  if (typeof parentRating === 'string') {
    const parsed = parseRating(parentRating);
    if (!parsed.ok) return { ok: false, error: 'PARENT_RATING_INVALID', field: 'parentRating', message: parsed.message };
    parent = parsed.rating;
  } else {
    parent = parentRating;
  }
  const parentText = formatRating(parent);
  const done = (rating: Rating, rules: string[], text: string): SubOrderRating => ({ ok: true, rating: formatRating(rating), level: rating.level, programSymbol: rating.programSymbol, rules, text });

  switch (purpose) {
    case 'incorporated':
    case 'packaging':
    case 'services':
      return done(parent, ['15 CFR 700.15(a)', '15 CFR 700.17(a)'], `${SUB_ORDER_PURPOSE_LABELS[purpose]} needed to fill a ${parentText} order carry the same rating: ${parentText} (15 CFR 700.15(a), 700.17(a)).`);
    case 'mro': {
      const rating: Rating = { level: parent.level, programSymbol: 'H7' };
      return done(rating, ['15 CFR 700.17(a)(4)'], `MRO for a ${parentText} order uses program symbol H7 with the customer's rating symbol ${parent.level}: ${formatRating(rating)} (15 CFR 700.17(a)(4)).`);
    }
    case 'inventory_replacement': {
      const { usedOn, orderedOn } = dates;
      if (!usedOn) return { ok: false, error: 'DATES_REQUIRED', field: 'usedOn', message: 'An inventory replacement order needs the date the inventory was used to fill the rated order (15 CFR 700.17(b)).' };
      if (!orderedOn) return { ok: false, error: 'DATES_REQUIRED', field: 'orderedOn', message: 'An inventory replacement order needs the date it is placed (15 CFR 700.17(b)).' };
      if (!isRealDate(usedOn)) return { ok: false, error: 'DATE_INVALID', field: 'usedOn', message: `"${usedOn}" is not a date as YYYY-MM-DD.` };
      if (!isRealDate(orderedOn)) return { ok: false, error: 'DATE_INVALID', field: 'orderedOn', message: `"${orderedOn}" is not a date as YYYY-MM-DD.` };
      const days = calendarDaysBetween(usedOn, orderedOn);
      if (days < 0) return { ok: false, error: 'ORDERED_BEFORE_USE', field: 'usedOn', message: `The inventory was used on ${usedOn}, after the replacement order date ${orderedOn}: a replacement follows the use (15 CFR 700.17(b)).` };
      if (days > INVENTORY_REPLACEMENT_DAYS) {
        const lastDay = new Date(Date.parse(`${usedOn}T00:00:00Z`) + INVENTORY_REPLACEMENT_DAYS * 86_400_000).toISOString().slice(0, 10);
        return {
          ok: false,
          error: 'REPLACEMENT_TOO_LATE',
          field: 'orderedOn',
          message: `Inventory used on ${usedOn} may be replaced by a rated order only within ${INVENTORY_REPLACEMENT_DAYS} days of its use (last day ${lastDay}); ${orderedOn} is ${days} days after: place it unrated (15 CFR 700.17(b)).`,
        };
      }
      const rating: Rating = { level: 'DO', programSymbol: parent.programSymbol };
      const never = parent.level === 'DX' ? ` — never DX, although the order it filled was ${parentText}` : '';
      return done(rating, ['15 CFR 700.17(b)'], `Inventory used on ${usedOn} to fill a ${parentText} order, replaced ${days} days later (within ${INVENTORY_REPLACEMENT_DAYS}): rated DO with the customer's program symbol, ${formatRating(rating)}${never} (15 CFR 700.17(b)).`);
    }
    default:
      return { ok: false, error: 'UNKNOWN_PURPOSE', field: 'purpose', message: `"${String(purpose)}" is not a purpose of a rated sub-order (${SUB_ORDER_PURPOSES.join(', ')}).` };
  }
}

export type AcceptanceRule = { kind: 'working_days'; workingDays: number; rule: string } | { kind: 'hours'; hours: number; rule: string };

/**
 * The clock the sub-supplier answers on. 700.13(d): 15 working days after receipt of a DO order,
 * 10 of a DX order, in the sub-supplier's own calendar (sources A1). 700.15(c): a sub-order of an
 * emergency-preparedness order imposes the same response time (in hours) as the parent.
 */
export function subOrderAcceptanceRule(level: RatingLevel, parentEmergencyHours?: number | null): AcceptanceRule {
  if (typeof parentEmergencyHours === 'number') {
    return { kind: 'hours', hours: parentEmergencyHours, rule: `15 CFR 700.15(c): the sub-order imposes the parent's emergency response time of ${parentEmergencyHours} hours` };
  }
  const days = ACCEPTANCE_WORKING_DAYS[level];
  return { kind: 'working_days', workingDays: days, rule: `15 CFR 700.13(d): ${days} working days after receipt of a ${level} order` };
}
