import type { BookOrder } from '../domain/dpas/scheduling/types.js';

/** An accepted order on line L1 of a supplier's order book, in day indices; `extra` changes any other field. */
export const bookOrder = (id: string, priority: BookOrder['priority'], quantity: number, dueDay: number, receivedDay: number, extra: Partial<BookOrder> = {}): BookOrder => ({
  id,
  resourceId: 'L1',
  priority,
  quantity,
  dueDay,
  receivedDay,
  accepted: true,
  ...extra,
});

/** Production line L1 of `capacityPerDay` units, idle on `nonWorkingDays` (day indices) if given. */
export const bookLine = (capacityPerDay = 1, nonWorkingDays?: number[]) => ({ id: 'L1', capacityPerDay, nonWorkingDays });
