/**
 * Mandatory rejection of a rated order for a date (15 CFR 700.13(b); dpas-sosa.md §4,
 * dpas-sosa-sources.md §1.4, §5 S4–S5):
 * - (b)(1) do not accept a rated order for a date you cannot meet: tell the customer the earliest
 *   date you can and offer to accept for it. Conflicts with lower-rated or unrated orders are
 *   NOT a reason — they are rescheduled (700.14(b)).
 * - (b)(2) a DO order may not be accepted for a date that interferes with previously accepted DO
 *   or DX orders; (b)(3) a DX order only with previously accepted DX orders (accepted DO orders do
 *   not shield against a new DX order). In both cases offer the earliest date otherwise possible.
 *
 * "Interferes" = some protected order (accepted, same resource, priority at or above the new
 * order's) would finish later than it does without the new order. Unaccepted orders in the book
 * are not "previously accepted" and protect nothing.
 *
 * Method: schedule the protected orders alone (the preferential-scheduling engine) to get each
 * one's finish; its effective deadline is max(due, that finish). On the slot line (capacity c per
 * working day as unit slots) a set of orders with deadlines is feasible iff for every slot bound t
 * the units due by t fit in t slots (Hall's condition for nested windows). Adding the new order
 * with bound T keeps it feasible iff g(t) = t − D(t) ≥ q for t = T and every protected deadline
 * after T, where D(t) is the protected demand due by t. The least such T is D(e_{j−1}) + q for the
 * first breakpoint j from which the suffix minimum of g is ≥ q. O(p log p) for p protected orders.
 * When the order can be accepted, the whole book is scheduled with and without it to list the
 * orders it would delay (for 700.13(d) delay notices — the S5 → S6 path).
 */
import { validationError } from '../../errors.js';
import type { RatingLevel } from '../rating.js';
import { prepareEngineBook } from './prepare-engine-book.js';
import { classOf } from './priority-class.js';
import { dayOfSlot, runEngine, slotsThrough, type EngineBook } from './slot-engine.js';
import type { BookOrder, OrderBook, Priority } from './types.js';

export interface ProtectedOrder {
  orderId: string;
  priority: RatingLevel;
  dueDay: number;
  quantity: number;
  /** The day it finishes without the new order (its due day when on time, later when already late). */
  mustFinishBy: number;
}

export interface ScheduleImpact {
  orderId: string;
  priority: Priority;
  accepted: boolean;
  dueDay: number;
  completionBefore: number;
  completionAfter: number;
  becomesLate: boolean;
  /** 700.13(d): an accepted rated order that will now be (later than) late — notify its customer. */
  notifyCustomer: boolean;
}

interface DecisionBase {
  orderId: string;
  resourceId: string;
  priority: RatingLevel;
  requestedDay: number;
  /** Earliest completion day without interfering with protected orders (the counter-offer when rejecting). */
  earliestDay: number;
  /** Priorities whose previously accepted orders are protected: DO → DX and DO; DX → DX only. */
  protects: RatingLevel[];
  rules: string[];
  text: string;
}

export type AcceptanceDecision =
  | (DecisionBase & {
      status: 'accept';
      /** Orders (of lower or unprotected priority) that accepting would delay. */
      impact: ScheduleImpact[];
    })
  | (DecisionBase & {
      status: 'cannot-accept-as-dated';
      /** capacity: the line alone cannot make it by the date; interferes-with-accepted: protected orders hold the capacity. */
      reason: 'capacity' | 'interferes-with-accepted';
      /** Protected orders that must finish inside the binding window, latest deadline first. */
      blocking: ProtectedOrder[];
      moreBlockingOrders: number;
    });

export interface AcceptanceOptions {
  /** How many blocking orders to name. Default 5. */
  maxListedOrders?: number;
}

export function checkAcceptance(book: OrderBook, newOrder: BookOrder, options: AcceptanceOptions = {}): AcceptanceDecision {
  if (newOrder.priority !== 'DO' && newOrder.priority !== 'DX') {
    throw validationError([{ field: 'newOrder/priority', message: `Order "${newOrder.id}": 15 CFR 700.13 acceptance rules apply to rated (DO or DX) orders, not ${JSON.stringify(newOrder.priority)}.` }]);
  }
  const level: RatingLevel = newOrder.priority;
  const prepared = prepareEngineBook(book, [newOrder]);
  const { engine: all, times } = prepared;
  const nBook = book.orders.length;
  const newIndex = nBook;
  const r = all.resource[newIndex]!;
  const t = times[r]!;
  const cap = t.capacity;
  const q = newOrder.quantity;
  const newClass = classOf(level);
  const protects: RatingLevel[] = level === 'DX' ? ['DX'] : ['DX', 'DO'];

  // Protected orders: previously accepted, same resource, priority at or above the new order's.
  const picked: number[] = [];
  for (let i = 0; i < nBook; i++) {
    if (all.resource[i] === r && all.cls[i]! <= newClass && book.orders[i]!.accepted) picked.push(i);
  }
  const p = picked.length;
  const sub: EngineBook = {
    n: p,
    resources: [t],
    resource: new Int32Array(p),
    cls: Uint8Array.from(picked, (i) => all.cls[i]!),
    qty: Float64Array.from(picked, (i) => all.qty[i]!),
    due: Int32Array.from(picked, (i) => all.due[i]!),
    received: Int32Array.from(picked, (i) => all.received[i]!),
  };
  const alone = runEngine(sub, false);
  const effective = new Float64Array(p);
  // A protected order may finish on its due day or, if already late, on the day it finishes anyway.
  for (let k = 0; k < p; k++) {
    const at = alone.posOf[k]!;
    effective[k] = Math.max(alone.deadline[at]!, cap * Math.ceil(alone.end[at]! / cap));
  }

  // Breakpoints e_j (sorted effective deadlines), cumulative demand D_j, g_j = e_j − D_j, suffix minima.
  const byDeadline = Array.from({ length: p }, (_, k) => k).sort((a, b) => effective[a]! - effective[b]! || b - a);
  const e: number[] = [];
  const D: number[] = [];
  let demand = 0;
  for (const k of byDeadline) {
    demand += sub.qty[k]!;
    if (e.length > 0 && e[e.length - 1] === effective[k]) D[D.length - 1] = demand;
    else {
      e.push(effective[k]!);
      D.push(demand);
    }
  }
  const suffixMin = new Float64Array(e.length + 1).fill(Infinity);
  for (let j = e.length - 1; j >= 0; j--) suffixMin[j] = Math.min(e[j]! - D[j]!, suffixMin[j + 1]!);
  let first = 0;
  while (first < e.length && suffixMin[first]! < q) first++;
  const earliestBound = (first === 0 ? 0 : D[first - 1]!) + q;
  const earliestDay = dayOfSlot(t, earliestBound - 1);
  const requestedBound = slotsThrough(t, newOrder.dueDay);
  const base = {
    orderId: newOrder.id,
    resourceId: newOrder.resourceId,
    priority: level,
    requestedDay: newOrder.dueDay,
    earliestDay,
    protects,
  };

  if (earliestBound <= requestedBound) {
    const impact = impactOf(book, newOrder);
    const notify = impact.filter((x) => x.notifyCustomer);
    const rules = ['15 CFR 700.13(a)', '15 CFR 700.13(b)(1)', level === 'DX' ? '15 CFR 700.13(b)(3)' : '15 CFR 700.13(b)(2)', '15 CFR 700.14(b)'];
    if (notify.length > 0) rules.push('15 CFR 700.13(d)');
    const displaced = impact.length === 0 ? 'No other order is delayed.' : `Accepting it delays ${impact.length} order${impact.length === 1 ? '' : 's'} of lower or unprotected priority (${impact.slice(0, 5).map((x) => `${x.orderId}: day ${x.completionBefore} → day ${x.completionAfter}`).join('; ')}${impact.length > 5 ? '; …' : ''}); that is no reason to reject (700.13(b)(1)) — they are rescheduled (700.14(b)).`;
    const dxNote = level === 'DX' ? ' Previously accepted DO orders do not shield against a DX order (700.13(b)(3)).' : '';
    const notifyNote = notify.length > 0 ? ` Notify the customers of ${notify.map((x) => x.orderId).slice(0, 5).join(', ')}${notify.length > 5 ? ' …' : ''} at once with reasons and new dates (700.13(d)).` : '';
    return {
      ...base,
      status: 'accept',
      impact,
      rules,
      text: `Accept ${newOrder.id} (${level}, ${q} units) for day ${newOrder.dueDay}: it can be finished by day ${earliestDay} without delaying previously accepted ${protects.join(' or ')} orders (700.13(a)-(b)).${dxNote} ${displaced}${notifyNote}`,
    };
  }

  const capacityOnly = q > requestedBound;
  const limit = options.maxListedOrders ?? 5;
  // Binding window: the last breakpoint before `first` (its g < q); protected orders due inside it.
  const windowEnd = first === 0 ? -Infinity : e[first - 1]!;
  const inside = capacityOnly ? [] : byDeadline.filter((k) => effective[k]! <= windowEnd).reverse();
  const blocking: ProtectedOrder[] = inside.slice(0, limit).map((k) => {
    const o = book.orders[picked[k]!]!;
    return { orderId: o.id, priority: o.priority as RatingLevel, dueDay: o.dueDay, quantity: o.quantity, mustFinishBy: dayOfSlot(t, effective[k]! - 1) };
  });
  const rule = capacityOnly ? '15 CFR 700.13(b)(1)' : level === 'DX' ? '15 CFR 700.13(b)(3)' : '15 CFR 700.13(b)(2)';
  const why = capacityOnly
    ? `the line can make only ${requestedBound} units through day ${newOrder.dueDay}, even with no other order (700.13(b)(1))`
    : `that would interfere with previously accepted ${protects.join(' or ')} orders (${rule}): ${blocking
        .map((b) => `${b.orderId} (${b.priority}, ${b.quantity} units, must finish by day ${b.mustFinishBy})`)
        .join('; ')}${inside.length > limit ? `; ${inside.length - limit} more` : ''} leave too little capacity through day ${dayOfSlot(t, windowEnd - 1)}`;
  return {
    ...base,
    status: 'cannot-accept-as-dated',
    reason: capacityOnly ? 'capacity' : 'interferes-with-accepted',
    blocking,
    moreBlockingOrders: Math.max(0, inside.length - limit),
    rules: [rule, '15 CFR 700.13(b)(1)', '15 CFR 700.13(d)'].filter((x, i, a) => a.indexOf(x) === i),
    text:
      `Do not accept ${newOrder.id} (${level}, ${q} units) for day ${newOrder.dueDay}: ${why}. ` +
      `The earliest date possible is day ${earliestDay}: tell the customer and offer to accept the order for that date; ` +
      `the rejection is in writing or electronic, with reasons, within ${level === 'DX' ? 10 : 15} working days of receipt (700.13(d)). ` +
      'Conflicts with lower-rated or unrated orders are not a reason to reject (700.13(b)(1)).',
  };
}

/** Orders that finish later once the new order is in the book (whole-book schedules, with and without). */
function impactOf(book: OrderBook, newOrder: BookOrder): ScheduleImpact[] {
  const before = prepareEngineBook(book);
  const after = prepareEngineBook(book, [{ ...newOrder, accepted: true }]);
  const runBefore = runEngine(before.engine, true);
  const runAfter = runEngine(after.engine, true);
  const impact: ScheduleImpact[] = [];
  for (let i = 0; i < book.orders.length; i++) {
    const t = before.times[before.engine.resource[i]!]!;
    const was = dayOfSlot(t, runBefore.end[runBefore.posOf[i]!]! - 1);
    const now = dayOfSlot(t, runAfter.end[runAfter.posOf[i]!]! - 1);
    if (now <= was) continue;
    const o = book.orders[i]!;
    const becomesLate = now > o.dueDay && was <= o.dueDay;
    impact.push({
      orderId: o.id,
      priority: o.priority,
      accepted: o.accepted,
      dueDay: o.dueDay,
      completionBefore: was,
      completionAfter: now,
      becomesLate,
      notifyCustomer: o.accepted && o.priority !== 'unrated' && now > o.dueDay,
    });
  }
  return impact;
}
