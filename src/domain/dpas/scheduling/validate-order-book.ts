import { validationError, type FieldError } from '../../errors.js';
import { PRIORITIES, type BookOrder, type OrderBook, type Priority } from './types.js';

/** Day indices are whole numbers in ±1e9, so they fit 32-bit arrays and slot arithmetic stays exact. */
export const MAX_DAY_INDEX = 1_000_000_000;
const MAX_LISTED_ERRORS = 1000;
const EXACT = 2 ** 53;

const isDay = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_DAY_INDEX;
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** What the engine needs after validation: resource ids → index, per-resource order counts. */
export interface ValidatedBook {
  startDay: number;
  resourceIndex: Map<string, number>;
}

/**
 * Every problem with an order book, each naming the order or resource and the field, e.g.
 * `Order "U-7": quantity must be a positive whole number of units, not -3.` At most 1,000 are
 * listed, then a count of the rest.
 */
export function orderBookProblems(book: OrderBook): FieldError[] {
  return checkOrderBook(book).problems;
}

/** Throws VALIDATION_FAILED with every problem, or returns what the engine needs. */
export function validateOrderBook(book: OrderBook, extra: readonly BookOrder[] = []): ValidatedBook {
  const { problems, validated } = checkOrderBook(book, extra);
  if (problems.length > 0) throw validationError(problems, 'The order book has invalid entries.');
  return validated;
}

function checkOrderBook(book: OrderBook, extra: readonly BookOrder[] = []): { problems: FieldError[]; validated: ValidatedBook } {
  const problems: FieldError[] = [];
  let omitted = 0;
  const add = (field: string, message: string) => {
    if (problems.length < MAX_LISTED_ERRORS) problems.push({ field, message });
    else omitted++;
  };
  const startDay = book.startDay ?? 0;
  if (!isDay(startDay)) add('startDay', `The planning day must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(startDay)}.`);

  const resourceIndex = new Map<string, number>();
  const capacities: number[] = [];
  book.resources.forEach((r, i) => {
    const where = `resources/${i}`;
    const name = typeof r.id === 'string' && r.id !== '' ? `Resource "${r.id}"` : `Resource #${i}`;
    if (typeof r.id !== 'string' || r.id === '') add(`${where}/id`, `${name}: an id (a non-empty string) is required.`);
    else if (resourceIndex.has(r.id)) add(`${where}/id`, `${name}: the id is used by another resource.`);
    else resourceIndex.set(r.id, i);
    if (typeof r.capacityPerDay !== 'number' || !Number.isSafeInteger(r.capacityPerDay) || r.capacityPerDay < 1) {
      add(`${where}/capacityPerDay`, `${name}: capacity per day must be a positive whole number of units, not ${show(r.capacityPerDay)}.`);
    }
    capacities[i] = r.capacityPerDay;
    if (r.nonWorkingDays !== undefined) {
      if (!Array.isArray(r.nonWorkingDays)) add(`${where}/nonWorkingDays`, `${name}: non-working days must be a list of day indices.`);
      else
        r.nonWorkingDays.forEach((d, j) => {
          if (!isDay(d)) add(`${where}/nonWorkingDays/${j}`, `${name}: non-working day ${show(d)} is not a whole day index within ±${MAX_DAY_INDEX}.`);
        });
    }
  });

  const ids = new Set<string>();
  const load = new Float64Array(book.resources.length);
  const latestDue = new Float64Array(book.resources.length).fill(-Infinity);
  const checkOrder = (o: BookOrder, where: string, label: string) => {
    const name = typeof o.id === 'string' && o.id !== '' ? `Order "${o.id}"` : label;
    if (typeof o.id !== 'string' || o.id === '') add(`${where}/id`, `${name}: an id (a non-empty string) is required.`);
    else if (ids.has(o.id)) add(`${where}/id`, `${name}: the id is used by another order.`);
    else ids.add(o.id);
    const r = typeof o.resourceId === 'string' ? resourceIndex.get(o.resourceId) : undefined;
    if (r === undefined) add(`${where}/resourceId`, `${name}: resource ${show(o.resourceId)} is not among the resources.`);
    if (!(PRIORITIES as readonly string[]).includes(o.priority as Priority)) {
      add(`${where}/priority`, `${name}: priority must be DX, DO or unrated (15 CFR 700.11), not ${show(o.priority)}.`);
    }
    const quantityOk = typeof o.quantity === 'number' && Number.isSafeInteger(o.quantity) && o.quantity >= 1;
    if (!quantityOk) add(`${where}/quantity`, `${name}: quantity must be a positive whole number of units, not ${show(o.quantity)}.`);
    if (!isDay(o.dueDay)) add(`${where}/dueDay`, `${name}: the due day must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(o.dueDay)}.`);
    if (!isDay(o.receivedDay)) add(`${where}/receivedDay`, `${name}: the day of receipt must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(o.receivedDay)}.`);
    if (typeof o.accepted !== 'boolean') add(`${where}/accepted`, `${name}: accepted must be true or false.`);
    if (r !== undefined && quantityOk) {
      load[r] = load[r]! + o.quantity;
      if (isDay(o.dueDay) && o.dueDay > latestDue[r]!) latestDue[r] = o.dueDay;
    }
  };
  book.orders.forEach((o, i) => checkOrder(o, `orders/${i}`, `Order #${i}`));
  extra.forEach((o, i) => checkOrder(o, i === 0 && extra.length === 1 ? 'newOrder' : `newOrders/${i}`, 'The new order'));

  // Slot positions (capacity × working days + units) must stay exact in double precision.
  book.resources.forEach((r, i) => {
    const cap = capacities[i]!;
    if (!Number.isSafeInteger(cap) || cap < 1 || !isDay(startDay)) return;
    const days = Math.max(0, latestDue[i]! - startDay + 2);
    if (cap * days + load[i]! >= EXACT) {
      add(`resources/${i}`, `Resource "${r.id}": capacity ${cap}/day over ${days} days plus ${load[i]} units of orders is too large to schedule exactly (limit 2^53 units).`);
    }
  });
  if (omitted > 0) problems.push({ field: '', message: `… and ${omitted} more problems.` });
  return { problems, validated: { startDay, resourceIndex } };
}
