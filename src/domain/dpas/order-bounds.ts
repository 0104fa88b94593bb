import { DATE_MAX, DATE_MIN, QUANTITY_MAX } from '../bounds.js';
import { isRealDate } from '../calendar/real-date.js';

/**
 * The domain bounds of an order on the supplier's desk (issue #10: bounds at every boundary): its
 * dates lie in 2000–2100 and its quantity is a whole number of units up to 10^9 that the line can
 * make before the end of that range. Outside them the preferential schedule (700.14) cannot date
 * the order, so the order is refused at the door, and a stored one is flagged, never fatal.
 */

/** Why a date is out of bounds, in words; null when it is a real date in 2000–2100. */
export function dateBoundsProblem(date: string): string | null {
  if (!isRealDate(date)) return `must be a date as YYYY-MM-DD, not "${date}"`;
  if (date < DATE_MIN || date > DATE_MAX) return `${date} is out of range: dates run from ${DATE_MIN} to ${DATE_MAX}`;
  return null;
}

/** Why a quantity is out of bounds; null when it is a whole number in 1 … 10^9. */
export function quantityBoundsProblem(quantity: number): string | null {
  if (!Number.isSafeInteger(quantity) || quantity < 1) return `must be a whole number of units, more than zero, not ${quantity}`;
  if (quantity > QUANTITY_MAX) return `${quantity} is more than ${QUANTITY_MAX.toLocaleString('en-US')} units`;
  return null;
}

export interface StoredOrderDates {
  quantity: number;
  requiredDeliveryDate: string;
  receivedDate: string;
}

/**
 * Why a stored order cannot be put on the schedule (a row written before the bounds, or by hand);
 * null when it can. The words are for the order desk: "cannot be scheduled: …".
 */
export function unschedulableReason(order: StoredOrderDates): string | null {
  const problems = [
    dateBoundsProblem(order.requiredDeliveryDate) && `the required delivery date ${order.requiredDeliveryDate} is out of range`,
    dateBoundsProblem(order.receivedDate) && `the date received ${order.receivedDate} is out of range`,
    quantityBoundsProblem(order.quantity) && `the quantity ${order.quantity} is out of range`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length === 0) return null;
  return `Cannot be scheduled: ${problems.join('; ')} (dates ${DATE_MIN} to ${DATE_MAX}, at most ${QUANTITY_MAX.toLocaleString('en-US')} units). Cancel it, or record the customer's corrected date or quantity.`;
}

/**
 * Whether a line making `capacityPerDay` units a working day could finish `units` by DATE_MAX,
 * counting every calendar day from `today` as a working day (an upper bound: an order that fails
 * this cannot be finished in range on any calendar).
 */
export function lineCanFinishInRange(capacityPerDay: number, units: number, daysToDateMax: number): boolean {
  return Math.ceil(units / capacityPerDay) <= daysToDateMax + 1;
}
