import { resourceTime, type EngineBook, type ResourceTime } from './slot-engine.js';
import type { BookOrder, OrderBook } from './types.js';
import { validateOrderBook } from './validate-order-book.js';

export interface PreparedBook {
  startDay: number;
  engine: EngineBook;
  /** The orders as given (book orders, then any extra ones), indexed like the engine's input arrays. */
  orders: readonly BookOrder[];
  times: readonly ResourceTime[];
}

/** Validates (throws VALIDATION_FAILED listing every problem) and lays the book out in columns. */
export function prepareEngineBook(book: OrderBook, extra: readonly BookOrder[] = []): PreparedBook {
  const { startDay, n, resource, cls, qty, due, received } = validateOrderBook(book, extra);
  const orders = extra.length === 0 ? book.orders : [...book.orders, ...extra];
  const times = book.resources.map((r) => resourceTime(startDay, r.capacityPerDay, r.nonWorkingDays));
  return { startDay, engine: { n, resources: times, resource, cls, qty, due, received }, orders, times };
}
