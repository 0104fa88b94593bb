import { validationError, type FieldError } from '../../errors.js';
import { PRIORITIES, type BookOrder, type OrderBook } from './types.js';

/** Day indices are whole numbers in ±1e9, so they fit 32-bit arrays and slot arithmetic stays exact. */
export const MAX_DAY_INDEX = 1_000_000_000;
const MAX_LISTED_ERRORS = 1000;
const EXACT = 2 ** 53;

const isDay = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= MAX_DAY_INDEX;
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const CLASS: Record<string, number> = { DX: 0, DO: 1, unrated: 2 };

/** The book in columns (book orders, then the extra ones), ready for the engine. */
export interface OrderColumns {
  startDay: number;
  n: number;
  resource: Int32Array;
  cls: Uint8Array;
  qty: Float64Array;
  due: Int32Array;
  received: Int32Array;
}

/**
 * Every problem with an order book, each naming the order or resource and the field, e.g.
 * `Order "U-7": quantity must be a positive whole number of units, not -3.` At most 1,000 are
 * listed, then a count of the rest.
 */
export function orderBookProblems(book: OrderBook, extra: readonly BookOrder[] = []): FieldError[] {
  return scanOrderBook(book, extra).problems;
}

/** Throws VALIDATION_FAILED with every problem, or returns the book in columns. */
export function validateOrderBook(book: OrderBook, extra: readonly BookOrder[] = []): OrderColumns {
  const { problems, columns } = scanOrderBook(book, extra);
  if (problems.length > 0) throw validationError(problems, 'The order book has invalid entries.');
  return columns;
}

/**
 * One pass over the orders with cheap checks only; messages are built for the orders that fail.
 * Duplicate ids are found by sorting 32-bit hashes of the ids and comparing strings only where
 * hashes collide — a Set of a million strings costs several times more.
 */
function scanOrderBook(book: OrderBook, extra: readonly BookOrder[]): { problems: FieldError[]; columns: OrderColumns } {
  const problems: FieldError[] = [];
  let omitted = 0;
  const add = (field: string, message: string) => {
    if (problems.length < MAX_LISTED_ERRORS) problems.push({ field, message });
    else omitted++;
  };
  const startDay = book.startDay ?? 0;
  if (!isDay(startDay)) add('startDay', `The planning day must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(startDay)}.`);

  const resourceIndex = new Map<string, number>();
  book.resources.forEach((r, i) => {
    const where = `resources/${i}`;
    const name = typeof r.id === 'string' && r.id !== '' ? `Resource "${r.id}"` : `Resource #${i}`;
    if (typeof r.id !== 'string' || r.id === '') add(`${where}/id`, `${name}: an id (a non-empty string) is required.`);
    else if (resourceIndex.has(r.id)) add(`${where}/id`, `${name}: the id is used by another resource.`);
    else resourceIndex.set(r.id, i);
    if (typeof r.capacityPerDay !== 'number' || !Number.isSafeInteger(r.capacityPerDay) || r.capacityPerDay < 1) {
      add(`${where}/capacityPerDay`, `${name}: capacity per day must be a positive whole number of units, not ${show(r.capacityPerDay)}.`);
    }
    if (r.nonWorkingDays !== undefined) {
      if (!Array.isArray(r.nonWorkingDays)) add(`${where}/nonWorkingDays`, `${name}: non-working days must be a list of day indices.`);
      else
        r.nonWorkingDays.forEach((d, j) => {
          if (!isDay(d)) add(`${where}/nonWorkingDays/${j}`, `${name}: non-working day ${show(d)} is not a whole day index within ±${MAX_DAY_INDEX}.`);
        });
    }
  });

  const nBook = book.orders.length;
  const n = nBook + extra.length;
  const at = (i: number) => (i < nBook ? book.orders[i]! : extra[i - nBook]!);
  const resource = new Int32Array(n);
  const cls = new Uint8Array(n);
  const qty = new Float64Array(n);
  const due = new Int32Array(n);
  const received = new Int32Array(n);
  const hashes = new Uint32Array(n);
  const bad: number[] = [];
  let lastId: unknown;
  let lastIndex: number | undefined;
  for (let i = 0; i < n; i++) {
    const o = at(i);
    const id = o.id;
    let ok = typeof id === 'string' && id !== '';
    if (ok) {
      let h = 2166136261;
      for (let c = 0; c < id.length; c++) h = Math.imul(h ^ id.charCodeAt(c), 16777619);
      hashes[i] = h >>> 0;
    }
    if (o.resourceId !== lastId) {
      lastId = o.resourceId;
      lastIndex = typeof lastId === 'string' ? resourceIndex.get(lastId) : undefined;
    }
    if (lastIndex === undefined) ok = false;
    else resource[i] = lastIndex;
    const c = CLASS[o.priority as string];
    if (c === undefined || !Object.hasOwn(CLASS, o.priority)) ok = false;
    else cls[i] = c;
    const q = o.quantity;
    if (typeof q === 'number' && Number.isSafeInteger(q) && q >= 1) qty[i] = q;
    else ok = false;
    if (isDay(o.dueDay)) due[i] = o.dueDay;
    else ok = false;
    if (isDay(o.receivedDay)) received[i] = o.receivedDay;
    else ok = false;
    if (typeof o.accepted !== 'boolean') ok = false;
    if (!ok) bad.push(i);
  }
  const duplicates = new Set(duplicateIds(n, at, hashes));

  const where = (i: number) => (i < nBook ? `orders/${i}` : extra.length === 1 ? 'newOrder' : `newOrders/${i - nBook}`);
  const failing = [...new Set([...bad, ...duplicates])].sort((a, b) => a - b);
  for (const i of failing) {
    const o = at(i);
    const w = where(i);
    const name = typeof o.id === 'string' && o.id !== '' ? `Order "${o.id}"` : i < nBook ? `Order #${i}` : 'The new order';
    if (typeof o.id !== 'string' || o.id === '') add(`${w}/id`, `${name}: an id (a non-empty string) is required.`);
    else if (duplicates.has(i)) add(`${w}/id`, `${name}: the id is used by another order.`);
    if (typeof o.resourceId !== 'string' || !resourceIndex.has(o.resourceId)) add(`${w}/resourceId`, `${name}: resource ${show(o.resourceId)} is not among the resources.`);
    if (!(PRIORITIES as readonly unknown[]).includes(o.priority)) add(`${w}/priority`, `${name}: priority must be DX, DO or unrated (15 CFR 700.11), not ${show(o.priority)}.`);
    if (!(typeof o.quantity === 'number' && Number.isSafeInteger(o.quantity) && o.quantity >= 1)) {
      add(`${w}/quantity`, `${name}: quantity must be a positive whole number of units, not ${show(o.quantity)}.`);
    }
    if (!isDay(o.dueDay)) add(`${w}/dueDay`, `${name}: the due day must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(o.dueDay)}.`);
    if (!isDay(o.receivedDay)) add(`${w}/receivedDay`, `${name}: the day of receipt must be a whole day index within ±${MAX_DAY_INDEX}, not ${show(o.receivedDay)}.`);
    if (typeof o.accepted !== 'boolean') add(`${w}/accepted`, `${name}: accepted must be true or false.`);
  }

  // Slot positions (capacity × working days + units) must stay exact in double precision.
  if (problems.length === 0 && isDay(startDay)) {
    const load = new Float64Array(book.resources.length);
    const latestDue = new Float64Array(book.resources.length).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const r = resource[i]!;
      load[r] = load[r]! + qty[i]!;
      if (due[i]! > latestDue[r]!) latestDue[r] = due[i]!;
    }
    book.resources.forEach((r, i) => {
      const days = Math.max(0, latestDue[i]! - startDay + 2);
      if (r.capacityPerDay * days + load[i]! >= EXACT) {
        add(`resources/${i}`, `Resource "${r.id}": capacity ${r.capacityPerDay}/day over ${days} days plus ${load[i]} units of orders is too large to schedule exactly (limit 2^53 units).`);
      }
    });
  }
  if (omitted > 0) problems.push({ field: '', message: `… and ${omitted} more problems.` });
  return { problems, columns: { startDay, n, resource, cls, qty, due, received } };
}

/** Indices of orders whose id an earlier order already has. */
function duplicateIds(n: number, at: (i: number) => BookOrder, hashes: Uint32Array): number[] {
  const sorted = radixSortU32(hashes);
  const colliding = new Set<number>();
  for (let k = 1; k < n; k++) if (sorted[k] === sorted[k - 1]) colliding.add(sorted[k]!);
  if (colliding.size === 0) return [];
  const seen = new Set<string>();
  const duplicates: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!colliding.has(hashes[i]!)) continue;
    const id = at(i).id;
    if (typeof id !== 'string' || id === '') continue;
    if (seen.has(id)) duplicates.push(i);
    else seen.add(id);
  }
  return duplicates;
}

/** A sorted copy (two 16-bit counting passes). */
function radixSortU32(values: Uint32Array): Uint32Array {
  const n = values.length;
  let src = values.slice();
  let dst = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let shift = 0; shift < 32; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((src[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d < 65537; d++) count[d]! += count[d - 1]!;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[count[(v >>> shift) & 0xffff]!++] = v;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
