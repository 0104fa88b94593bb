import { classOf } from './priority-class.js';
import { resourceTime, type EngineBook, type ResourceTime } from './slot-engine.js';
import type { BookOrder, OrderBook } from './types.js';
import { validateOrderBook } from './validate-order-book.js';

export interface PreparedBook {
  startDay: number;
  engine: EngineBook;
  /** The orders as given (book orders, then any extra ones), indexed like the engine arrays. */
  orders: readonly BookOrder[];
  times: readonly ResourceTime[];
}

/** Validates (throws VALIDATION_FAILED listing every problem) and lays the book out in columns. */
export function prepareEngineBook(book: OrderBook, extra: readonly BookOrder[] = []): PreparedBook {
  const { startDay, resourceIndex } = validateOrderBook(book, extra);
  const orders = extra.length === 0 ? book.orders : [...book.orders, ...extra];
  const n = orders.length;
  const times = book.resources.map((r) => resourceTime(startDay, r.capacityPerDay, r.nonWorkingDays));
  const resource = new Int32Array(n);
  const cls = new Uint8Array(n);
  const qty = new Float64Array(n);
  const due = new Int32Array(n);
  const received = new Int32Array(n);
  let lastId: string | undefined;
  let lastIndex = 0;
  for (let i = 0; i < n; i++) {
    const o = orders[i]!;
    if (o.resourceId !== lastId) {
      lastId = o.resourceId;
      lastIndex = resourceIndex.get(o.resourceId)!;
    }
    resource[i] = lastIndex;
    cls[i] = classOf(o.priority);
    qty[i] = o.quantity;
    due[i] = o.dueDay;
    received[i] = o.receivedDay;
  }
  return { startDay, engine: { n, resources: times, resource, cls, qty, due, received }, orders, times };
}
