import type { RatingLevel } from '../rating.js';

/**
 * Production priority of an order on a line. 15 CFR 700.14(b): DX orders take preference over DO
 * and unrated orders, DO orders over unrated orders — in each case only where necessary to meet
 * the rated order's required delivery date. Listed highest first.
 */
export const PRIORITIES = ['DX', 'DO', 'unrated'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type { RatingLevel };

/**
 * A production resource (a line, a cell, a shop): a whole number of units it completes on every
 * working day. Days are whole-number indices (day 0, 1, 2 …, e.g. days since a planning epoch);
 * a unit produced on day d is finished at the end of day d. `nonWorkingDays` lists the indices on
 * which the resource makes nothing (weekends, holidays, maintenance) — see
 * `nonWorkingDayIndices` to derive them from a working-day calendar.
 */
export interface ProductionResource {
  id: string;
  capacityPerDay: number;
  nonWorkingDays?: readonly number[] | undefined;
}

/**
 * One order in a supplier's book. `dueDay` is the required delivery day (700.12(a)(2)): the
 * order is on time when its last unit is finished by the end of that day. `receivedDay` is the
 * day of receipt, used only to break ties between equal-priority orders due the same day
 * (700.14(c)(1)); it is not a release date — work for any order in the book may start on the
 * planning day (700.14(b) allows even items in process to be diverted). `accepted` matters to
 * acceptance checks (700.13(b): previously accepted orders are protected); the scheduler plans
 * every order it is given.
 */
export interface BookOrder {
  id: string;
  resourceId: string;
  priority: Priority;
  quantity: number;
  dueDay: number;
  receivedDay: number;
  accepted: boolean;
}

export interface OrderBook {
  /** The planning day: the first day on which capacity can be used. Default 0. */
  startDay?: number | undefined;
  resources: readonly ProductionResource[];
  orders: readonly BookOrder[];
}

export interface ScheduleOptions {
  /**
   * After the preferential placement, move rated units earlier into capacity nobody uses (all of
   * it lies after the last unrated unit), keeping the sequence. It only ever makes completions
   * earlier. Default true; false leaves rated orders "just in time" against their dates.
   */
  compact?: boolean;
  /** How many displacing orders a delay explanation names (the rest are counted). Default 5. */
  maxListedOrders?: number;
}

/**
 * A run of consecutive capacity given to one order: `firstDayUnits` on `firstDay`, the full
 * `capacityPerDay` on every working day strictly between, `lastDayUnits` on `lastDay`
 * (non-working days in between get nothing). When firstDay === lastDay all three counts are equal.
 */
export interface AllocationSegment {
  firstDay: number;
  lastDay: number;
  units: number;
  firstDayUnits: number;
  lastDayUnits: number;
}

/**
 * One order's place in the schedule: the book order's own fields (all but `accepted`) and where
 * its units fall. scheduleOrders returns records that read the order's own fields from the input
 * order (do not mutate the book while using the result) and build `segments` on first access;
 * JSON.stringify gives every field.
 */
export interface ScheduledOrder extends Omit<BookOrder, 'accepted'> {
  /** Day on which the last unit is finished. */
  completionDay: number;
  /** max(0, completionDay − dueDay), in calendar days. */
  daysLate: number;
  /** Ascending; units sum to `quantity`. One segment's last day may be the next one's first day. */
  segments: AllocationSegment[];
}

/** An order holding capacity inside a delayed order's window (the days up to its due day). */
export interface CapacityHolder {
  orderId: string;
  priority: Priority;
  dueDay: number;
  /** Units it is given on days up to the delayed order's due day. */
  unitsInWindow: number;
  /** Whether it is itself on time. */
  onTime: boolean;
}

export const DELAY_CAUSES = ['higher-priority', 'equal-priority-precedence', 'capacity'] as const;
export type DelayCause = (typeof DELAY_CAUSES)[number];

/**
 * Why an order is late. `displacedBy` names the higher-priority orders that took capacity in its
 * window (700.14(b)); `aheadByPrecedence` the equal-priority orders that precede it by delivery
 * date, then receipt (700.14(c)(1)).
 */
export interface DelayExplanation {
  orderId: string;
  resourceId: string;
  priority: Priority;
  dueDay: number;
  completionDay: number;
  daysLate: number;
  quantity: number;
  /** Capacity of the resource from the planning day through the due day. */
  windowCapacity: number;
  /** Of the order's own units, how many are finished by its due day. */
  ownUnitsInWindow: number;
  higherPriorityUnitsInWindow: number;
  /** Units of other orders of the same priority in the window (mostly those ahead of it). */
  equalPriorityUnitsInWindow: number;
  /**
   * Units of lower-priority orders in the window: capacity this order cannot use to finish even
   * a day earlier (it still needs capacity on its completion day), so it goes to them.
   */
  lowerPriorityUnitsInWindow: number;
  causes: readonly DelayCause[];
  /** Higher-priority orders holding capacity in the window, nearest to the due day first. */
  displacedBy: CapacityHolder[];
  /** Higher-priority orders in the window not named in `displacedBy`. */
  moreDisplacingOrders: number;
  /** Equal-priority orders ahead of it (700.14(c)(1)) holding capacity in the window, nearest first. */
  aheadByPrecedence: CapacityHolder[];
  /** How many equal-priority orders on the resource precede it by delivery date, then receipt. */
  ordersAhead: number;
  rules: readonly string[];
  /** 700.13(d): an accepted rated order that will be late — notify the customer with reasons and the new date. */
  notifyCustomer: boolean;
  text: string;
}

/**
 * Rated orders of equal priority on one resource that cannot all meet their dates (700.14(c)):
 * recorded when some late order of that rating has equal-priority orders ahead of it holding
 * capacity in its window. Precedence by delivery date, then receipt; what remains unresolved goes
 * to Special Priorities Assistance (700.14(c)(2), 700.50–700.54) and the delayed customers are
 * notified (700.13(d)). An order late only because higher-priority orders need the capacity is
 * not an equal-priority conflict (see its DelayExplanation).
 */
export interface EqualPriorityConflict {
  resourceId: string;
  priority: RatingLevel;
  /** The competing orders (capacity up to the last delayed order's due day), in precedence order. */
  precedence: string[];
  /** Every late order of this rating on the resource, in precedence order. */
  delayed: string[];
  rules: string[];
  suggestion: string;
}

/** scheduleOrderColumns: the schedule without one object per order. */
export interface ColumnarSchedule {
  startDay: number;
  /** Per order, indexed like book.orders. */
  completionDay: Float64Array;
  daysLate: Float64Array;
  /** The allocation of book.orders[index], built on request. */
  segments(index: number): AllocationSegment[];
  delays: DelayExplanation[];
  conflicts: EqualPriorityConflict[];
}

export interface ScheduleResult {
  startDay: number;
  /** One per input order, in input order. */
  orders: ScheduledOrder[];
  /** One per late order, by resource then precedence. */
  delays: DelayExplanation[];
  conflicts: EqualPriorityConflict[];
}
