/**
 * The preferential-scheduling engine on typed arrays (15 CFR 700.14). Internal: the public entry
 * points are `scheduleOrders` and `checkAcceptance`, which document the rules; this file holds
 * the algorithm and its proof sketch.
 *
 * THE SLOT LINE. A resource with capacity c per working day is a line of unit slots: working day
 * w (the w-th working day from the planning day, non-working days skipped) owns slots
 * [w·c, (w+1)·c). Units are interchangeable within a resource, there are no release dates, and
 * a unit in slot s is finished at the end of the day that owns s, so the whole problem lives on
 * this line: an order due on day d must end before slot S = c · (working days in [start, d]),
 * and an order ending before slot x completes on the day that owns slot x − 1. Every set below
 * is a sorted list of disjoint slot intervals, never a list of units, so a 10^9-unit order costs
 * the same as a 1-unit order.
 *
 * PER RESOURCE, per priority class in the order DX, DO, unrated (700.14(b)), with the orders of
 * a class sorted by (due day, day of receipt, input position) — the 700.14(c)(1) precedence — and
 * F the free intervals left by the classes above:
 *   1. Forward fill (Jackson's earliest-due-date rule): order k takes the next q_k free slots, so
 *      it would end at C_k = the slot after the (q_1+…+q_k)-th free slot. This is the earliest
 *      end any schedule can give the k-th order without taking capacity from an order ahead of
 *      it, so C_k − S_k is the lexicographically least lateness vector of the class given the
 *      classes above (an order late here is late in every schedule that respects precedence).
 *   2. Unrated class: the forward fill is final — unrated orders get the remaining capacity as
 *      early as possible (dpas-sosa-sources.md §5 S7).
 *   3. Rated classes: re-place the class "as late as possible" (ALAP) against the effective
 *      deadlines E_k = max(S_k, C_k): walk the free intervals backwards and give each order, in
 *      decreasing E (ties: lower precedence first), the latest free slots below min(cursor, E).
 *      The cursor only moves down, so the pass is linear. This is the backward work-conserving
 *      schedule, whose occupied set is unique and has the fewest units before every slot t of all
 *      schedules meeting E (at a free slot no order with E > t has units left, so the suffix from
 *      any t holds the most units it can). Hence: on-time orders stay on time, late orders keep
 *      exactly C_k (all orders ahead of k have E ≤ C_k and are placed after k in the backward
 *      pass, so k holds the highest of the first k orders' slots), and every lower class sees the
 *      most capacity before every day it possibly can. That is "modify schedules only when
 *      needed" (700.14(a)): a rated unit sits before a lower order's due day only if its own date
 *      (or an equal- or higher-priority order's) leaves it no later slot. DX then DO placed this
 *      way also give the fewest rated units before every slot jointly (the suffix argument
 *      applies to the union), so the unrated forward fill is the best the rated dates allow.
 *   4. Free list minus the placed intervals (a merge; each ALAP order splits at most one interval,
 *      so the list never exceeds orders + 1 intervals).
 * Then, optionally, COMPACTION: shift every interval left by the free capacity before it. All
 * idle capacity lies after the last unrated unit (an unrated order would have taken it), so this
 * only pulls rated work earlier into idle time; it never delays anything and keeps the sequence.
 *
 * Consequences, checked against exhaustive search in the property tests: if some schedule meets
 * every rated date, none is late; DX lateness (in precedence order) is least possible, then DO
 * lateness given DX, then unrated completion days given both; capacity is never exceeded and
 * every unit is placed.
 *
 * COMPLEXITY. Sorting is one stable LSD radix sort on (resource, class, due, receipt) — O(n) with
 * 16-bit digits, at most five passes. Each class pass is O(m + F) with F ≤ orders on the resource
 * + 1, so scheduling is O(n) after the sort plus O(segments) output; day ↔ slot conversion is a
 * binary search over the resource's non-working days, O(log h). Memory is O(n) typed arrays.
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

export interface EngineResult {
  /** Orders grouped by resource, then class, each group in precedence order. */
  perm: Int32Array;
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
  /** Units in the group's intervals before this one. */
  segCum: Float64Array;
  segGroupStart: Int32Array;
  /** Per order, its intervals ascending with adjacent ones merged: [orderSegFrom[i], +orderSegCount[i]). */
  orderSegFrom: Int32Array;
  orderSegCount: Int32Array;
  orderSegStart: Float64Array;
  orderSegEnd: Float64Array;
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
  private grow(): void {
    const size = this.start.length * 2;
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

/**
 * Stable LSD radix sort of order indices by (group, due, received), group = resource·3 + class.
 * Each key costs 0, 1 or 2 passes depending on its range.
 */
export function precedenceSort(keysMostSignificantFirst: readonly Int32Array[], n: number): Int32Array {
  let a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  let b = new Int32Array(n);
  const count = new Uint32Array(65537);
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
  return a;
}

export function runEngine(book: EngineBook, compact: boolean): EngineResult {
  const { n, resources, resource, cls, qty, due, received } = book;
  const R = resources.length;
  const G = R * CLASS_COUNT;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = resource[i]! * CLASS_COUNT + cls[i]!;
  const perm = precedenceSort([group, due, received], n);
  const groupStart = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) groupStart[group[i]! + 1]!++;
  for (let g = 0; g < G; g++) groupStart[g + 1]! += groupStart[g]!;

  let maxPerResource = 0;
  for (let r = 0; r < R; r++) maxPerResource = Math.max(maxPerResource, groupStart[(r + 1) * CLASS_COUNT]! - groupStart[r * CLASS_COUNT]!);
  const freeSize = maxPerResource + 4;
  let FS = new Float64Array(freeSize);
  let FE = new Float64Array(freeSize);
  let NS = new Float64Array(freeSize);
  let NE = new Float64Array(freeSize);
  const gS = new Float64Array(2 * maxPerResource + 8);
  const gE = new Float64Array(2 * maxPerResource + 8);
  const byE = new Int32Array(maxPerResource);

  const deadline = new Float64Array(n);
  const effective = new Float64Array(n);
  const end = new Float64Array(n);
  const segs = new IntervalBuffer(n + (n >> 2));
  const segGroupStart = new Int32Array(G + 1);

  for (let r = 0; r < R; r++) {
    const t = resources[r]!;
    const cap = t.capacity;
    let F = 1;
    FS[0] = 0;
    FE[0] = Infinity;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const g = r * CLASS_COUNT + c;
      segGroupStart[g] = segs.length;
      const lo = groupStart[g]!;
      const hi = groupStart[g + 1]!;
      if (lo === hi) continue;

      // Deadlines S: due days are non-decreasing within the group, so walk the non-working days once.
      const nw = t.nonWorking;
      let nwSeen = 0;
      for (let k = lo; k < hi; k++) {
        const i = perm[k]!;
        const d = due[i]!;
        if (d < t.startDay) {
          deadline[i] = 0;
          continue;
        }
        while (nwSeen < nw.length && nw[nwSeen]! <= d) nwSeen++;
        deadline[i] = cap * (d - t.startDay + 1 - nwSeen);
      }

      // Phase 1 — each order's effective deadline E (exclusive slot bound at a day's end).
      const m = hi - lo;
      const pad = m + 2;
      gS.set(FS.subarray(0, F), pad);
      gE.set(FE.subarray(0, F), pad);
      let h = pad;
      const gEnd = pad + F;
      const rated = c < CLASS_COUNT - 1;
      for (let k = lo; k < hi; k++) {
        const i = perm[k]!;
        let need = qty[i]!;
        let x = h;
        for (;;) {
          const avail = gE[x]! - gS[x]!;
          if (avail >= need) break;
          need -= avail;
          x++;
        }
        const C = gS[x]! + need; // the earliest this order can end, after the orders ahead of it
        if (rated && C <= deadline[i]!) {
          // On time: E = S; take the slots from the front.
          effective[i] = deadline[i]!;
          if (C === gE[x]) h = x + 1;
          else {
            gS[x] = C;
            h = x;
          }
          continue;
        }
        // Late (or unrated): it finishes on the day of slot C − 1 at the earliest; E = end of that
        // day. It takes the latest q free slots below E, leaving the earliest r = free slots in
        // [C, E) for the orders behind it (they may finish a day earlier; it cannot).
        const e = cap * Math.ceil(C / cap);
        effective[i] = e;
        let r = Math.min(gE[x]!, e) - C;
        let z = x + 1;
        while (z < gEnd && gS[z]! < e) {
          r += Math.min(gE[z]!, e) - gS[z]!;
          z++;
        }
        const cut = gE[z - 1]! > e;
        const next = cut ? z - 1 : z;
        if (r > 0) {
          // The kept prefix: intervals h..y, the last one cut to what remains of r.
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

      // Phase 2 — the placement. Order of placement: by E (and precedence on ties), ascending
      // for the unrated forward fill, descending for the rated ALAP pass.
      let monotone = true;
      for (let k = lo + 1; k < hi && monotone; k++) if (effective[perm[k]!]! < effective[perm[k - 1]!]!) monotone = false;
      if (monotone) for (let k = lo; k < hi; k++) byE[k - lo] = perm[k]!;
      else sortByEffective(perm, lo, hi, effective, byE);

      if (!rated) {
        // Unrated: forward fill in order of E — each as early as possible (Jackson's rule).
        let j = 0;
        let pos = FS[0]!;
        for (let x = 0; x < m; x++) {
          const i = byE[x]!;
          let need = qty[i]!;
          for (;;) {
            const avail = FE[j]! - pos;
            if (avail >= need) {
              segs.push(i, pos, pos + need);
              pos += need;
              break;
            }
            if (avail > 0) segs.push(i, pos, FE[j]!);
            need -= avail;
            j++;
            pos = FS[j]!;
          }
        }
        // Free list minus the first (sum of q) free slots.
        let f = 0;
        if (pos < FE[j]!) {
          NS[f] = pos;
          NE[f++] = FE[j]!;
        }
        for (let a = j + 1; a < F; a++) {
          NS[f] = FS[a]!;
          NE[f++] = FE[a]!;
        }
        [FS, NS] = [NS, FS];
        [FE, NE] = [NE, FE];
        F = f;
        segGroupStart[g + 1] = segs.length;
        continue;
      }

      // Rated: as late as E allows, latest E first (ties: lower precedence first), one backward sweep.
      const first = segs.length;
      let fi = F - 1;
      let pos = Infinity;
      for (let x = m - 1; x >= 0; x--) {
        const i = byE[x]!;
        const e = effective[i]!;
        if (e < pos) pos = e;
        while (fi >= 0 && FS[fi]! >= pos) fi--;
        if (fi < 0) throw new Error('slot engine: effective deadlines infeasible (bug)');
        let need = qty[i]!;
        for (;;) {
          const top = pos < FE[fi]! ? pos : FE[fi]!;
          const avail = top - FS[fi]!;
          if (avail >= need) {
            segs.push(i, top - need, top);
            pos = top - need;
            break;
          }
          if (avail > 0) segs.push(i, FS[fi]!, top);
          need -= avail;
          pos = FS[fi]!;
          fi--;
          if (fi < 0) throw new Error('slot engine: effective deadlines infeasible (bug)');
        }
      }
      // Ascending order for this group.
      for (let lo2 = first, hi2 = segs.length - 1; lo2 < hi2; lo2++, hi2--) {
        const s0 = segs.start[lo2]!;
        segs.start[lo2] = segs.start[hi2]!;
        segs.start[hi2] = s0;
        const e0 = segs.end[lo2]!;
        segs.end[lo2] = segs.end[hi2]!;
        segs.end[hi2] = e0;
        const o = segs.owner[lo2]!;
        segs.owner[lo2] = segs.owner[hi2]!;
        segs.owner[hi2] = o;
      }
      // Free list minus the placed intervals.
      let f = 0;
      let s = first;
      const last = segs.length;
      for (let q = 0; q < F; q++) {
        let cur = FS[q]!;
        const e = FE[q]!;
        while (s < last && segs.start[s]! < e) {
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
      [FS, NS] = [NS, FS];
      [FE, NE] = [NE, FE];
      F = f;
      segGroupStart[g + 1] = segs.length;
    }

    const from = segGroupStart[r * CLASS_COUNT]!;
    const to = segs.length;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const g = r * CLASS_COUNT + c;
      if (groupStart[g] === groupStart[g + 1]) segGroupStart[g + 1] = segGroupStart[g]!;
    }
    if (compact) {
      // Shift every interval left by the free capacity before it (groups are each ascending).
      for (let c = 0; c < CLASS_COUNT; c++) {
        const g = r * CLASS_COUNT + c;
        let q = 0;
        let shift = 0;
        for (let x = segGroupStart[g]!; x < segGroupStart[g + 1]!; x++) {
          const st = segs.start[x]!;
          while (q < F && FE[q]! <= st) {
            shift += FE[q]! - FS[q]!;
            q++;
          }
          if (shift > 0) {
            segs.start[x] = st - shift;
            segs.end[x] = segs.end[x]! - shift;
          }
        }
      }
    }
    for (let x = from; x < to; x++) {
      const o = segs.owner[x]!;
      if (segs.end[x]! > end[o]!) end[o] = segs.end[x]!;
    }
  }
  segGroupStart[G] = segs.length;

  // Cumulative units per group, for "units before slot x" queries.
  const T = segs.length;
  const segCum = new Float64Array(T);
  for (let g = 0; g < G; g++) {
    let acc = 0;
    for (let x = segGroupStart[g]!; x < segGroupStart[g + 1]!; x++) {
      segCum[x] = acc;
      acc += segs.end[x]! - segs.start[x]!;
    }
  }

  // Per-order intervals (CSR), adjacent intervals merged.
  const orderSegFrom = new Int32Array(n + 1);
  for (let x = 0; x < T; x++) orderSegFrom[segs.owner[x]! + 1]!++;
  for (let i = 0; i < n; i++) orderSegFrom[i + 1]! += orderSegFrom[i]!;
  const orderSegCount = new Int32Array(n);
  const orderSegStart = new Float64Array(T);
  const orderSegEnd = new Float64Array(T);
  for (let x = 0; x < T; x++) {
    const o = segs.owner[x]!;
    const base = orderSegFrom[o]!;
    const k = orderSegCount[o]!;
    if (k > 0 && orderSegEnd[base + k - 1] === segs.start[x]) {
      orderSegEnd[base + k - 1] = segs.end[x]!;
    } else {
      orderSegStart[base + k] = segs.start[x]!;
      orderSegEnd[base + k] = segs.end[x]!;
      orderSegCount[o] = k + 1;
    }
  }

  return {
    perm,
    groupStart,
    deadline,
    end,
    segStart: segs.start.subarray(0, T),
    segEnd: segs.end.subarray(0, T),
    segOwner: segs.owner.subarray(0, T),
    segCum,
    segGroupStart,
    orderSegFrom,
    orderSegCount,
    orderSegStart,
    orderSegEnd,
  };
}

/**
 * byE ← perm[lo..hi) ordered by (effective deadline, precedence position). Packs both into one
 * double and uses the native numeric sort when that is exact, else a comparator sort.
 */
function sortByEffective(perm: Int32Array, lo: number, hi: number, effective: Float64Array, byE: Int32Array): void {
  const m = hi - lo;
  let min = Infinity;
  let max = -Infinity;
  for (let k = lo; k < hi; k++) {
    const e = effective[perm[k]!]!;
    if (e < min) min = e;
    if (e > max) max = e;
  }
  if ((max - min + 1) * m < 2 ** 52) {
    const keys = new Float64Array(m);
    for (let k = lo; k < hi; k++) keys[k - lo] = (effective[perm[k]!]! - min) * m + (k - lo);
    keys.sort();
    for (let x = 0; x < m; x++) byE[x] = perm[lo + (keys[x]! % m)]!;
    return;
  }
  const order = Array.from({ length: m }, (_, x) => x);
  order.sort((a, b) => effective[perm[lo + a]!]! - effective[perm[lo + b]!]! || a - b);
  for (let x = 0; x < m; x++) byE[x] = perm[lo + order[x]!]!;
}

/** Units of group g's intervals below slot x. */
export function unitsBelow(result: EngineResult, g: number, x: number): number {
  const from = result.segGroupStart[g]!;
  let lo = from;
  let hi = result.segGroupStart[g + 1]!;
  // last interval with start < x
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (result.segStart[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo === from) return 0;
  const k = lo - 1;
  return result.segCum[k]! + Math.min(result.segEnd[k]!, x) - result.segStart[k]!;
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

/** Units of order i placed below slot x. */
export function orderUnitsBelow(result: EngineResult, i: number, x: number): number {
  let units = 0;
  const from = result.orderSegFrom[i]!;
  for (let k = from; k < from + result.orderSegCount[i]!; k++) {
    const s = result.orderSegStart[k]!;
    if (s >= x) break;
    units += Math.min(result.orderSegEnd[k]!, x) - s;
  }
  return units;
}
