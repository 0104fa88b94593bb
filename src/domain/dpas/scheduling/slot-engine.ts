/**
 * The preferential-scheduling engine on typed arrays (15 CFR 700.14). Internal: the public entry
 * points are `scheduleOrders`, `scheduleOrderColumns` and `checkAcceptance`; this file holds the
 * algorithm, its proof sketch and its complexity.
 *
 * WHAT IS OPTIMISED. The DPAS order of concern, compared lexicographically: the lateness in days
 * of each DX order in 700.14(c)(1) precedence (due day, then receipt, then input position), then
 * of each DO order in precedence, then the completion day of each unrated order in the same order.
 * So every rated date is met if any schedule meets them all (700.14(a)); a DX order is served
 * before DO and unrated work only where its own date needs it, DO before unrated likewise
 * (700.14(b)); among equal priority, earlier delivery date, then earlier receipt, wins
 * (700.14(c)(1)); unrated orders get what is left as early as possible (S7). The property tests
 * compare this vector with exhaustive search over every schedule of small books.
 *
 * THE SLOT LINE. A resource with capacity c per working day is a line of unit slots: working day
 * w (the w-th working day from the planning day) owns slots [w·c, (w+1)·c). Units of a resource
 * are interchangeable and there are no release dates, so everything lives on this line: an order
 * due on day d must end by S = c · (working days from the start through d), and an order ending at
 * slot bound x completes on the day owning slot x − 1. Sets of slots are sorted lists of disjoint
 * intervals, never lists of units: a 10^12-unit order costs what a 1-unit order costs.
 *
 * PER RESOURCE AND CLASS (DX, then DO, then unrated), on the free intervals F the classes above
 * left, with the class's orders in precedence order:
 *   Phase 1 — effective deadlines. Keep G = F minus what phase 1 has claimed. For order k let C be
 *     where it would end taking the q_k earliest slots of G. A rated order with C ≤ S is on time:
 *     E = S, and it claims those slots. Otherwise (late, or any unrated order) its least possible
 *     completion day is the day of slot C − 1, so E = the end of that day; it claims the LATEST
 *     q_k slots of G below E and leaves the earliest ones — fewer than a day's capacity — to the
 *     orders behind it, which may then finish a day earlier while k loses nothing. Claiming the
 *     latest slots below E is how the backward schedule below grows by one order, so G always
 *     holds the most free slots before every bound that the claims so far allow; hence C is the
 *     earliest end k can have without delaying an order ahead of it, and E is its lexicographic
 *     optimum given them.
 *   Phase 2 — placement. Rated: one backward sweep, latest E first (ties: lower precedence first),
 *     each order taking the latest free slots below min(cursor, E). This backward work-conserving
 *     schedule has a unique occupied set with the fewest units before every slot of all schedules
 *     meeting E (at a free slot no order with E above it has units left, so each suffix holds the
 *     most it can). So no order misses its E, and every lower class sees the most capacity before
 *     every day it possibly can: a rated unit sits before a lower order's due day only where its own
 *     date, or an equal- or higher-priority order's, leaves it no later slot — "modify schedules
 *     only when needed" (700.14(a)). DX then DO placed this way give that minimum jointly too (the
 *     suffix argument holds for the union). Unrated: forward fill in order of E (Jackson's rule),
 *     each order as early as possible.
 *   Then the free list loses the placed intervals (a merge). Each rated order splits at most one
 *   free interval, so a resource never has more than (rated orders + 1) of them.
 * COMPACTION (optional, default on): shift every interval left by the free capacity before it. Idle
 * capacity only lies after the last unrated unit (an unrated order would have taken it), so this
 * just pulls rated work into otherwise idle time: nothing is delayed, the sequence is kept.
 *
 * COMPLEXITY. One stable LSD radix sort of (resource, class, due, receipt), O(n) with 16-bit digits.
 * Phase 1 is amortised O(m + F) per class: its head only moves forward except for the kept slots
 * (< one day's capacity) a late order hands back, which the next order consumes first. Phase 2 is
 * O(m + F), plus a radix sort of E by day when E does not already ascend. Output is O(n + intervals);
 * slot → day is a table lookup or a binary search over the non-working days. Memory: O(n) typed
 * arrays; temporaries are reused between calls. Measured (bench/scheduling.bench.ts, 2 cores):
 * 1,000,000 orders on one resource in 1.0–1.1 s through scheduleOrders, 0.6–0.8 s in columns.
 */
import { CLASS_COUNT } from './priority-class.js';

export interface ResourceTime {
  startDay: number;
  capacity: number;
  /** Sorted, unique non-working days on or after startDay. */
  nonWorking: Int32Array;
  /** nonWorking[i] − startDay − i: working days before the i-th non-working day (non-decreasing). */
  workingBefore: Int32Array;
}

export function resourceTime(startDay: number, capacity: number, nonWorkingDays: readonly number[] | undefined): ResourceTime {
  const days = [...new Set((nonWorkingDays ?? []).filter((d) => d >= startDay))].sort((a, b) => a - b);
  const nonWorking = Int32Array.from(days);
  const workingBefore = new Int32Array(nonWorking.length);
  for (let i = 0; i < nonWorking.length; i++) workingBefore[i] = nonWorking[i]! - startDay - i;
  return { startDay, capacity, nonWorking, workingBefore };
}

/** How many entries of a sorted array are ≤ x. */
function countAtMost(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days in [startDay, day]. */
export function workingDaysThrough(t: ResourceTime, day: number): number {
  if (day < t.startDay) return 0;
  return day - t.startDay + 1 - (t.nonWorking.length === 0 ? 0 : countAtMost(t.nonWorking, day));
}

/** The exclusive slot bound of "finished by the end of `day`". */
export function slotsThrough(t: ResourceTime, day: number): number {
  return t.capacity * workingDaysThrough(t, day);
}

/** The working day with index w (0 = the first working day on or after startDay). */
export function dayOfWorkingIndex(t: ResourceTime, w: number): number {
  return t.startDay + w + (t.workingBefore.length === 0 ? 0 : countAtMost(t.workingBefore, w));
}

/** The day at whose end slot `slot` is finished. */
export function dayOfSlot(t: ResourceTime, slot: number): number {
  return dayOfWorkingIndex(t, Math.floor(slot / t.capacity));
}

export function isWorkingDay(t: ResourceTime, day: number): boolean {
  if (day < t.startDay) return false;
  const k = countAtMost(t.nonWorking, day);
  return k === 0 || t.nonWorking[k - 1] !== day;
}

/** Columnar order data; `cls` is 0 = DX, 1 = DO, 2 = unrated. */
export interface EngineBook {
  n: number;
  resources: readonly ResourceTime[];
  resource: Int32Array;
  cls: Uint8Array;
  qty: Float64Array;
  due: Int32Array;
  received: Int32Array;
}

/**
 * Every per-order array below is indexed by the order's sorted position k (not its input index):
 * perm[k] is the input index, posOf[i] the position of input order i.
 */
export interface EngineResult {
  /** Orders grouped by resource, then class, each group in precedence order. */
  perm: Int32Array;
  posOf: Int32Array;
  /** Group g = resource·3 + class occupies perm[groupStart[g] .. groupStart[g+1]). */
  groupStart: Int32Array;
  /** Exclusive slot bound of each order's due day (S). */
  deadline: Float64Array;
  /** Exclusive end slot of each order's last unit. */
  end: Float64Array;
  /** Allocated intervals per group, ascending: [segStart, segEnd) to order segOwner. */
  segStart: Float64Array;
  segEnd: Float64Array;
  segOwner: Int32Array;
  segGroupStart: Int32Array;
  /**
   * Per order, its intervals: segment indices orderSegFrom[k] … + orderSegCount[k] − 1,
   * ascending (after compaction two of them may touch).
   */
  orderSegFrom: Int32Array;
  orderSegCount: Int32Array;
}

/**
 * Scratch arrays reused across calls (grow-only, per thread): the engine is synchronous, so no two
 * runs share them at once. Allocating ~100 MB of temporaries per call for a million orders would
 * otherwise trigger full garbage collections of the caller's heap ("external memory pressure").
 */
const scratch = new Map<string, Float64Array | Int32Array | Uint32Array>();
function scratchF64(name: string, size: number): Float64Array {
  let a = scratch.get(name) as Float64Array | undefined;
  if (!a || a.length < size) scratch.set(name, (a = new Float64Array(Math.max(16, Math.ceil(size * 1.25)))));
  return a;
}
function scratchI32(name: string, size: number): Int32Array {
  let a = scratch.get(name) as Int32Array | undefined;
  if (!a || a.length < size) scratch.set(name, (a = new Int32Array(Math.max(16, Math.ceil(size * 1.25)))));
  return a;
}
function scratchU32(name: string, size: number): Uint32Array {
  let a = scratch.get(name) as Uint32Array | undefined;
  if (!a || a.length < size) scratch.set(name, (a = new Uint32Array(Math.max(16, Math.ceil(size * 1.25)))));
  return a;
}

class IntervalBuffer {
  start: Float64Array;
  end: Float64Array;
  owner: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.start = new Float64Array(Math.max(16, capacity));
    this.end = new Float64Array(Math.max(16, capacity));
    this.owner = new Int32Array(Math.max(16, capacity));
  }
  push(owner: number, start: number, end: number): void {
    if (this.length === this.start.length) this.grow();
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.owner[this.length] = owner;
    this.length++;
  }
  /** Reverses entries [from, to) in place. */
  reverse(from: number, to: number): void {
    for (let a = from, b = to - 1; a < b; a++, b--) {
      const s = this.start[a]!;
      this.start[a] = this.start[b]!;
      this.start[b] = s;
      const e = this.end[a]!;
      this.end[a] = this.end[b]!;
      this.end[b] = e;
      const o = this.owner[a]!;
      this.owner[a] = this.owner[b]!;
      this.owner[b] = o;
    }
  }
  private grow(): void {
    const size = Math.ceil(this.start.length * 1.5);
    const start = new Float64Array(size);
    start.set(this.start);
    const end = new Float64Array(size);
    end.set(this.end);
    const owner = new Int32Array(size);
    owner.set(this.owner);
    this.start = start;
    this.end = end;
    this.owner = owner;
  }
}

/** One stable counting pass on 16 bits of (key − min); returns the array written. */
function radixPass(src: Int32Array, dst: Int32Array, keys: Int32Array, min: number, shift: number, count: Uint32Array): void {
  count.fill(0);
  const n = src.length;
  for (let i = 0; i < n; i++) count[(((keys[src[i]!]! - min) >>> shift) & 0xffff) + 1]!++;
  for (let d = 1; d < count.length; d++) count[d]! += count[d - 1]!;
  for (let i = 0; i < n; i++) {
    const o = src[i]!;
    dst[count[((keys[o]! - min) >>> shift) & 0xffff]!++] = o;
  }
}

/** Up to this many orders, precedenceSort compares instead of counting. */
const SMALL_SORT = 256;

/** The same order as the radix sort: keys most significant first, then the index (stability). */
export function smallPrecedenceSort(keys: readonly Int32Array[], n: number): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    for (const k of keys) {
      const d = k[x]! - k[y]!;
      if (d !== 0) return d;
    }
    return x - y;
  });
  return Int32Array.from(order);
}

/**
 * Stable LSD radix sort of order indices by (group, due, received), group = resource·3 + class.
 * Each key costs 0, 1 or 2 passes depending on its range.
 */
export function precedenceSort(keysMostSignificantFirst: readonly Int32Array[], n: number): Int32Array {
  // A small book: a comparison sort beats clearing the radix sort's 65,537 buckets per pass (issue #14).
  return n <= SMALL_SORT ? smallPrecedenceSort(keysMostSignificantFirst, n) : radixPrecedenceSort(keysMostSignificantFirst, n);
}

/** The radix path of precedenceSort, whatever n (exported for the test that compares both paths). */
export function radixPrecedenceSort(keysMostSignificantFirst: readonly Int32Array[], n: number): Int32Array {
  let a = scratchI32('sortA', n).subarray(0, n);
  for (let i = 0; i < n; i++) a[i] = i;
  let b = scratchI32('sortB', n).subarray(0, n);
  const count = scratchU32('radix', 65537);
  for (let k = keysMostSignificantFirst.length - 1; k >= 0; k--) {
    const keys = keysMostSignificantFirst[k]!;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = keys[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(max > min)) continue;
    const range = max - min;
    for (let shift = 0; shift < 32 && range >= 2 ** shift; shift += 16) {
      radixPass(a, b, keys, min, shift, count);
      [a, b] = [b, a];
    }
  }
  return a.slice();
}

/** The free intervals of one resource's slot line, with a second buffer to rebuild into. */
interface FreeList {
  s: Float64Array;
  e: Float64Array;
  ns: Float64Array;
  ne: Float64Array;
  count: number;
}

function swapFreeList(free: FreeList, count: number): void {
  [free.s, free.ns] = [free.ns, free.s];
  [free.e, free.ne] = [free.ne, free.e];
  free.count = count;
}

/** S per order of a group: cap · working days from the start through the due day (due days ascend). */
function computeDeadlines(t: ResourceTime, due: Int32Array, lo: number, hi: number, deadline: Float64Array): void {
  const nw = t.nonWorking;
  const cap = t.capacity;
  let seen = 0;
  for (let k = lo; k < hi; k++) {
    const d = due[k]!;
    if (d < t.startDay) {
      deadline[k] = 0;
      continue;
    }
    while (seen < nw.length && nw[seen]! <= d) seen++;
    deadline[k] = cap * (d - t.startDay + 1 - seen);
  }
}

/**
 * Phase 1 for one group, in precedence order: each order's effective deadline E. C = where it
 * would end taking the earliest free slots left by the orders ahead. A rated order with C ≤ S is
 * on time: E = S, and it takes those slots. Otherwise (late, or unrated) it cannot finish before
 * the day of slot C − 1: E = the end of that day, and it takes the LATEST free slots below E,
 * leaving the earliest ones (fewer than a day's capacity) to the orders behind it — they may still
 * finish a day earlier. Works on a copy g of the free list, consumed from the head h.
 */
function effectiveDeadlines(
  free: FreeList,
  gS: Float64Array,
  gE: Float64Array,
  qty: Float64Array,
  deadline: Float64Array,
  effective: Float64Array,
  lo: number,
  hi: number,
  cap: number,
  rated: boolean,
): void {
  const pad = hi - lo + 2; // the head moves back by at most one per order
  gS.set(free.s.subarray(0, free.count), pad);
  gE.set(free.e.subarray(0, free.count), pad);
  let h = pad;
  const gEnd = pad + free.count;
  for (let k = lo; k < hi; k++) {
    let need = qty[k]!;
    let x = h;
    while (gE[x]! - gS[x]! < need) {
      need -= gE[x]! - gS[x]!;
      x++;
    }
    const C = gS[x]! + need;
    if (rated && C <= deadline[k]!) {
      effective[k] = deadline[k]!;
      if (C === gE[x]) h = x + 1;
      else {
        gS[x] = C;
        h = x;
      }
      continue;
    }
    const e = cap * Math.ceil(C / cap);
    effective[k] = e;
    // r = free slots in [C, e): they stay free, as the first r free slots from the head.
    let r = Math.min(gE[x]!, e) - C;
    let z = x + 1;
    while (z < gEnd && gS[z]! < e) {
      r += Math.min(gE[z]!, e) - gS[z]!;
      z++;
    }
    const cut = gE[z - 1]! > e;
    const next = cut ? z - 1 : z;
    if (r > 0) {
      // Keep intervals h..y (the last one shortened), moved to end just before `next`.
      let y = h;
      let left = r;
      while (gE[y]! - gS[y]! < left) {
        left -= gE[y]! - gS[y]!;
        y++;
      }
      const lastEnd = gS[y]! + left;
      const shift = next - y - 1;
      if (shift < 0) {
        for (let j = h; j <= y; j++) {
          gS[j + shift] = gS[j]!;
          gE[j + shift] = gE[j]!;
        }
      } else if (shift > 0) {
        for (let j = y; j >= h; j--) {
          gS[j + shift] = gS[j]!;
          gE[j + shift] = gE[j]!;
        }
      }
      gE[y + shift] = lastEnd;
      h += shift;
    } else {
      h = next;
    }
    if (cut) gS[next] = e;
  }
}

/** byE ← lo..hi−1 by (E, position): as is when E already ascends, else a radix sort. */
function orderByEffective(effective: Float64Array, lo: number, hi: number, cap: number, byE: Int32Array, count: Uint32Array): void {
  let monotone = true;
  for (let k = lo + 1; k < hi; k++) {
    if (effective[k]! < effective[k - 1]!) {
      monotone = false;
      break;
    }
  }
  if (monotone) for (let k = lo; k < hi; k++) byE[k - lo] = k;
  else sortByEffective(lo, hi, effective, cap, byE, count);
}

/** Unrated: forward fill in order of E — each as early as possible (Jackson's rule); the free list loses its first Σq slots. */
function placeForward(free: FreeList, byE: Int32Array, m: number, qty: Float64Array, segs: IntervalBuffer): void {
  const FS = free.s;
  const FE = free.e;
  let j = 0;
  let pos = FS[0]!;
  for (let x = 0; x < m; x++) {
    const k = byE[x]!;
    let need = qty[k]!;
    for (;;) {
      const avail = FE[j]! - pos;
      if (avail >= need) {
        segs.push(k, pos, pos + need);
        pos += need;
        break;
      }
      if (avail > 0) segs.push(k, pos, FE[j]!);
      need -= avail;
      j++;
      pos = FS[j]!;
    }
  }
  let f = 0;
  if (pos < FE[j]!) {
    free.ns[f] = pos;
    free.ne[f++] = FE[j]!;
  }
  for (let a = j + 1; a < free.count; a++) {
    free.ns[f] = FS[a]!;
    free.ne[f++] = FE[a]!;
  }
  swapFreeList(free, f);
}

/**
 * Rated: one backward sweep, latest E first (ties: lower precedence first), each order taking the
 * latest free slots below min(cursor, E). Emits the group's intervals, then reverses them to ascend.
 */
function placeBackward(free: FreeList, byE: Int32Array, m: number, qty: Float64Array, effective: Float64Array, segs: IntervalBuffer): void {
  const FS = free.s;
  const FE = free.e;
  const first = segs.length;
  let fi = free.count - 1;
  let pos = Infinity;
  for (let x = m - 1; x >= 0; x--) {
    const k = byE[x]!;
    const e = effective[k]!;
    if (e < pos) pos = e;
    while (fi >= 0 && FS[fi]! >= pos) fi--;
    let need = qty[k]!;
    for (;;) {
      if (fi < 0) throw new Error('slot engine: effective deadlines infeasible (bug)');
      const top = pos < FE[fi]! ? pos : FE[fi]!;
      const avail = top - FS[fi]!;
      if (avail >= need) {
        segs.push(k, top - need, top);
        pos = top - need;
        break;
      }
      if (avail > 0) segs.push(k, FS[fi]!, top);
      need -= avail;
      pos = FS[fi]!;
      fi--;
    }
  }
  segs.reverse(first, segs.length);
  subtractPlaced(free, segs, first, segs.length);
}

/** Free list minus the (ascending) intervals [from, to) of the buffer, which lie inside it. */
function subtractPlaced(free: FreeList, segs: IntervalBuffer, from: number, to: number): void {
  const FS = free.s;
  const FE = free.e;
  const NS = free.ns;
  const NE = free.ne;
  let f = 0;
  let s = from;
  for (let q = 0; q < free.count; q++) {
    let cur = FS[q]!;
    const e = FE[q]!;
    while (s < to && segs.start[s]! < e) {
      if (segs.start[s]! > cur) {
        NS[f] = cur;
        NE[f++] = segs.start[s]!;
      }
      cur = segs.end[s]!;
      s++;
    }
    if (cur < e) {
      NS[f] = cur;
      NE[f++] = e;
    }
  }
  swapFreeList(free, f);
}

/** Shift every interval of [from, to) (ascending) left by the free capacity before it. */
function compactGroup(free: FreeList, segs: IntervalBuffer, from: number, to: number): void {
  const FS = free.s;
  const FE = free.e;
  let q = 0;
  let shift = 0;
  for (let x = from; x < to; x++) {
    const st = segs.start[x]!;
    while (q < free.count && FE[q]! <= st) {
      shift += FE[q]! - FS[q]!;
      q++;
    }
    if (shift > 0) {
      segs.start[x] = st - shift;
      segs.end[x] = segs.end[x]! - shift;
    }
  }
}

function gatherSorted(book: EngineBook, perm: Int32Array, posOf: Int32Array, qty: Float64Array, due: Int32Array): void {
  const n = perm.length;
  for (let k = 0; k < n; k++) {
    const i = perm[k]!;
    posOf[i] = k;
    qty[k] = book.qty[i]!;
    due[k] = book.due[i]!;
  }
}

function endsOf(segs: IntervalBuffer, from: number, to: number, end: Float64Array): void {
  for (let x = from; x < to; x++) {
    const o = segs.owner[x]!;
    if (segs.end[x]! > end[o]!) end[o] = segs.end[x]!;
  }
}

export function runEngine(book: EngineBook, compact: boolean): EngineResult {
  const { n, resources, resource, cls } = book;
  const R = resources.length;
  const G = R * CLASS_COUNT;
  const group = scratchI32('group', n);
  for (let i = 0; i < n; i++) group[i] = resource[i]! * CLASS_COUNT + cls[i]!;
  const perm = precedenceSort([group, book.due, book.received], n);
  // From here on orders are addressed by their sorted position k (perm[k] is the input index):
  // one gather pass, then every sweep reads memory in order.
  const posOf = new Int32Array(n);
  const qty = scratchF64('qty', n);
  const due = scratchI32('due', n);
  gatherSorted(book, perm, posOf, qty, due);
  const groupStart = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) groupStart[group[i]! + 1]!++;
  for (let g = 0; g < G; g++) groupStart[g + 1]! += groupStart[g]!;

  // Each rated order splits at most one free interval: a resource never has more than its rated
  // orders + 1. Phase 1 works on a copy with room in front for its head to move back.
  let maxRated = 0;
  let maxClass = 0;
  for (let r = 0; r < R; r++) {
    const base = r * CLASS_COUNT;
    maxRated = Math.max(maxRated, groupStart[base + CLASS_COUNT - 1]! - groupStart[base]!);
    for (let c = 0; c < CLASS_COUNT; c++) maxClass = Math.max(maxClass, groupStart[base + c + 1]! - groupStart[base + c]!);
  }
  const freeSize = maxRated + 4;
  const free: FreeList = { s: scratchF64('FS', freeSize), e: scratchF64('FE', freeSize), ns: scratchF64('NS', freeSize), ne: scratchF64('NE', freeSize), count: 0 };
  const gS = scratchF64('gS', freeSize + maxClass + 4);
  const gE = scratchF64('gE', freeSize + maxClass + 4);
  const byE = scratchI32('byE', maxClass);
  const radixCount = scratchU32('radix', 65537);

  const deadline = new Float64Array(n);
  const effective = scratchF64('effective', n);
  const end = new Float64Array(n);
  const segs = new IntervalBuffer(n + 64);
  const segGroupStart = new Int32Array(G + 1);

  for (let r = 0; r < R; r++) {
    const t = resources[r]!;
    free.s[0] = 0;
    free.e[0] = Infinity;
    free.count = 1;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const g = r * CLASS_COUNT + c;
      const lo = groupStart[g]!;
      const hi = groupStart[g + 1]!;
      segGroupStart[g] = segs.length;
      if (lo === hi) continue;
      const rated = c < CLASS_COUNT - 1;
      computeDeadlines(t, due, lo, hi, deadline);
      effectiveDeadlines(free, gS, gE, qty, deadline, effective, lo, hi, t.capacity, rated);
      orderByEffective(effective, lo, hi, t.capacity, byE, radixCount);
      if (rated) placeBackward(free, byE, hi - lo, qty, effective, segs);
      else placeForward(free, byE, hi - lo, qty, segs);
    }
    segGroupStart[r * CLASS_COUNT + CLASS_COUNT] = segs.length;
    const from = segGroupStart[r * CLASS_COUNT]!;
    if (compact) for (let g = r * CLASS_COUNT; g < (r + 1) * CLASS_COUNT; g++) compactGroup(free, segs, segGroupStart[g]!, segGroupStart[g + 1]!);
    endsOf(segs, from, segs.length, end);
  }
  segGroupStart[G] = segs.length;

  // Each order's intervals form one ascending run in the buffer (both passes emit an order's
  // pieces together); index the runs.
  const T = segs.length;
  const orderSegFrom = new Int32Array(n);
  const orderSegCount = new Int32Array(n);
  for (let x = 0; x < T; x++) {
    const o = segs.owner[x]!;
    if (orderSegCount[o]!++ === 0) orderSegFrom[o] = x;
  }

  return {
    perm,
    posOf,
    groupStart,
    deadline,
    end,
    segStart: segs.start.subarray(0, T),
    segEnd: segs.end.subarray(0, T),
    segOwner: segs.owner.subarray(0, T),
    segGroupStart,
    orderSegFrom,
    orderSegCount,
  };
}

/**
 * byE ← positions lo..hi−1 ordered by (effective deadline, position). Effective deadlines are
 * day boundaries (multiples of the capacity), so this is a stable radix sort on day numbers —
 * one or two 16-bit passes — with a comparator sort only for day ranges beyond 2^32.
 */
function sortByEffective(lo: number, hi: number, effective: Float64Array, cap: number, byE: Int32Array, count: Uint32Array): void {
  const m = hi - lo;
  let min = Infinity;
  let max = -Infinity;
  for (let k = lo; k < hi; k++) {
    const e = effective[k]!;
    if (e < min) min = e;
    if (e > max) max = e;
  }
  const range = (max - min) / cap;
  if (range >= 2 ** 32) {
    const order = Array.from({ length: m }, (_, x) => x);
    order.sort((a, b) => effective[lo + a]! - effective[lo + b]! || a - b);
    for (let x = 0; x < m; x++) byE[x] = lo + order[x]!;
    return;
  }
  const day = scratchU32('day', m);
  for (let k = lo; k < hi; k++) day[k - lo] = (effective[k]! - min) / cap;
  let src = scratchI32('daySrc', m);
  for (let x = 0; x < m; x++) src[x] = x;
  let dst = scratchI32('dayDst', m);
  for (let shift = 0; shift < 32 && range >= 2 ** shift; shift += 16) {
    count.fill(0);
    for (let x = 0; x < m; x++) count[((day[src[x]!]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d < count.length; d++) count[d]! += count[d - 1]!;
    for (let x = 0; x < m; x++) {
      const o = src[x]!;
      dst[count[(day[o]! >>> shift) & 0xffff]!++] = o;
    }
    [src, dst] = [dst, src];
  }
  for (let x = 0; x < m; x++) byE[x] = lo + src[x]!;
}

/** Units in each group's intervals before each interval (for "units below slot x" queries). */
export function cumulativeUnits(result: EngineResult): Float64Array {
  const cum = new Float64Array(result.segStart.length);
  const G = result.segGroupStart.length - 1;
  for (let g = 0; g < G; g++) {
    let acc = 0;
    for (let x = result.segGroupStart[g]!; x < result.segGroupStart[g + 1]!; x++) {
      cum[x] = acc;
      acc += result.segEnd[x]! - result.segStart[x]!;
    }
  }
  return cum;
}

/** Index of the last interval of group g that starts below x, or −1. */
export function lastIntervalBelow(result: EngineResult, g: number, x: number): number {
  const from = result.segGroupStart[g]!;
  let lo = from;
  let hi = result.segGroupStart[g + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (result.segStart[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo === from ? -1 : lo - 1;
}

/** Units of group g's intervals below slot x. */
export function unitsBelow(result: EngineResult, cum: Float64Array, g: number, x: number): number {
  const k = lastIntervalBelow(result, g, x);
  if (k < 0) return 0;
  return cum[k]! + Math.min(result.segEnd[k]!, x) - result.segStart[k]!;
}

/** Units of the order at position k placed below slot x. */
export function orderUnitsBelow(result: EngineResult, k: number, x: number): number {
  let units = 0;
  const from = result.orderSegFrom[k]!;
  for (let s = from; s < from + result.orderSegCount[k]!; s++) {
    const start = result.segStart[s]!;
    if (start >= x) break;
    units += Math.min(result.segEnd[s]!, x) - start;
  }
  return units;
}
