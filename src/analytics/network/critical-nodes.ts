// Single points of failure for every end item at once (supply-resilience.md §2).
//
// PROBLEM. A node works iff it is not removed and, for every input part q, at least one source in
// S(v,q) works (§1: AND over input parts, OR over qualified sources). x is critical for end item k
// iff removing x alone makes k fail. With K(v) = {x : removing x makes v fail} ("kill set"), §2:
//
//     K(v) = {v} ∪ ⋃_{q ∈ inputs(v)} ⋂_{u ∈ S(v,q)} K(u)                                   (1)
//
// (1) holds on a DAG by induction in topological order: with x removed, v ≠ x fails iff some
// input q has every source failing, i.e. x ∈ K(u) for all u ∈ S(v,q).
//
// LEMMA (transitivity). x ∈ K(y) and y ∈ K(v) imply x ∈ K(v). Removing x makes y fail; removing
// a node that already fails changes nothing, so "x removed" = "x and y removed", which is at
// least as bad (feasibility is monotone) as "y removed", where v fails. So "x ∈ K(v)" is a partial
// order (the kill order) and every K(v) is a down-set (ideal) of it.
//
// REPRESENTATION: the kill DAG R. Every node v gets a list of generators gens(v) ⊆ K(v) \ {v}
// such that K(v) = {v} ∪ ⋃_{g ∈ gens(v)} K(g), i.e. K(v) = the nodes reachable from v in R
// (v included). By the lemma any subset of K(v) \ {v} whose ideals cover it will do; we build
//   - a sole-source input q (one distinct source u): generator u — the AND/union part of (1);
//   - a multi-source input q: generators of the ideal ⋂_u K(u) — the OR/intersection part.
// With only OR inputs every ideal is a chain and R is the dominator tree; with AND the ideals
// are not chains (K of an assembly is the union of its inputs') and R is a DAG. Either way its
// reachability closure is exactly the answer, so the per-end-item sets are read off R.
// (Bitsets per node would cost n²/8 bytes — 125 GB at 10⁶ nodes; R is O(n + m) in practice.)
//
// INTERSECTION ⋂_u K(u) for a multi-source input, three ways, cheapest first:
//  (a) CHAINS. A node whose generators number ≤ 1, all the way down, has a chain ideal: the path to
//      the root of a tree of single generators. If every source is such a node the intersection
//      is the path above their lowest common ancestor (empty across different trees): one LCA
//      query with skew-binary jump pointers (parent + one jump per node, O(log n) per query). This
//      is the whole OR-only (dominator) case and every part of a network where AND inputs are
//      few; it replaces Cooper–Harvey–Kennedy's path walk, which is O(depth).
//  (b) MEMO. Consumers qualified on the same set of makers ask the same question: cache by the
//      sorted set of source positions.
//  (c) EXPLORATION of the ideals I_1 … I_s (side i given by roots whose R-closure is I_i; s ≤ 31
//      per round, wider OR groups are folded in rounds with the result so far as side 0). Work in
//      topological positions (inputs first; R edges always go to smaller positions). Pop nodes
//      from a max-heap by position, each with the bitmask of sides that reached it; a node holding
//      every side is common: report it and do not expand it; otherwise push its R-generators with
//      its mask OR-ed in. R edges go down in position, so a node's mask is final when it is
//      popped. Pruning, each safe because it only skips nodes whose ideal holds no common node:
//      every ideal ↓p lies in [minPos(p), pos(p)] (minPos = min over ↓p) for this topological order
//      and for a second one (DFS taking inputs in reverse, t2); a common node lies in the window
//      [max_i min_{roots of i} minPos, min_i max_{roots of i} pos] of both — empty window: empty
//      intersection at once; pop below the window: stop; ↓p outside the window: do not expand p.
//      Also stop when some side has nothing pending (no node can gain its bit any more).
//      Correctness: reported nodes are common (reached from every side). Every common node c is ≤
//      a reported node: take, for each side i, an R-path P_i from a root of i to c. No node of P_i
//      is pruned (its ideal contains c, which is in the window) or below the window; if no node of
//      any P_i before c is reported, each P_i is expanded down to c, side i keeps a pending node
//      until c holds bit i, so c is popped with a full mask and reported; otherwise c is below a
//      reported node. So ↓(reported) = ⋂ I_i — and by induction over positions ↓_R(v) = K(v).
//
// COMPLEXITY. CSR and the two DFS orders O(n + m); kill DAG O((n + m) log n + Σ_q W_q log W_q),
// W_q = nodes touched by exploration (c) for input q (0 for (a), (b) and empty windows); the
// sets for end items are output-sensitive, O(Σ_k |K(k)| (d_R + log |K(k)|)) with d_R the
// average generators per node; memory O(n + m + |R| + output). OR-only networks never reach
// (c): O((n + m) log n) guaranteed. On the seeded synthetic networks of the benchmark (10⁶ nodes,
// 3·10⁶ edges, 20–90 % of inputs multi-sourced) exploration touches < 0.5 node per node, and
// 10⁶ nodes take about a second. Adversarial AND/OR inputs can make W_q ≈ n (two long AND chains
// whose DFS positions interleave, many consumers dual-sourced across them at different depths:
// 50,000 nodes took 4 s here, the brute force 27 s), worst case O(m · n log n). We know of
// no algorithm that avoids this in general: with AND inputs only, K(k) is all of k's ancestors,
// so even |K(k)| for every k is ancestor counting in a DAG, and deciding whether the sources of
// an OR input share any critical node is a common-ancestor query — neither is known to be
// solvable in near-linear time for n queries. Figures: bench/network.bench.ts.
import { dfsPostOrder, type NetworkCsr } from './network-model.js';

/** K(v) = {v} ∪ the nodes reachable from v along targets[start[v] .. start[v+1]) (node indices). */
export interface KillDag {
  start: Int32Array;
  targets: Int32Array;
}

export interface CriticalNodesStats {
  /** Generators in the kill DAG (its edges). */
  killDagEdges: number;
  /** Input groups with two or more distinct sources. */
  multiSourceGroups: number;
  /** Of those, groups whose sources all have chain ideals: one LCA query (O(log n)). */
  lcaQueries: number;
  /** Groups whose set of sources was already intersected (result reused). */
  memoHits: number;
  /** Intersections decided by the windows alone (empty, nothing explored). */
  emptyByWindow: number;
  /** Intersections that explored the kill DAG. */
  explorations: number;
  /** Nodes popped in those explorations. */
  explored: number;
  /** Σ_k |K(k)| over the analysed end items. */
  criticalPairs: number;
}

export interface CriticalNodesResult {
  /** The analysed end items (node indices); j below indexes this array. */
  endItems: Int32Array;
  /** Critical nodes of end item j (ascending node indices, the end item itself included): critical[criticalStart[j] .. criticalStart[j+1]). */
  criticalStart: Int32Array;
  critical: Int32Array;
  /** For node x, the end-item indices j it is critical for: nodeEndItems[nodeEndItemStart[x] .. nodeEndItemStart[x+1]) (ascending). */
  nodeEndItemStart: Int32Array;
  nodeEndItems: Int32Array;
  killDag: KillDag;
  stats: CriticalNodesStats;
}

export interface AnalyzeCriticalNodesOptions {
  /** Nodes to report kill sets for (default: every end item, `csr.endItems`). */
  endItems?: Int32Array;
}

/** Growable Int32 list (typed array storage). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Builds the kill DAG of the whole network (every node, not only end items). See the header for
 * the method and its proof.
 */
export function buildKillDag(csr: NetworkCsr): { killDag: KillDag; stats: Omit<CriticalNodesStats, 'criticalPairs'> } {
  const n = csr.nodeCount;
  const { topoOrder: order, topoPosition: pos, groupStart, sourceStart, sources } = csr;

  // Second topological labeling t2 (by position): DFS post-order taking inputs in reverse order.
  const inStart = new Int32Array(n + 1);
  for (let v = 0; v <= n; v++) inStart[v] = sourceStart[groupStart[v]!]!;
  const second = dfsPostOrder(n, inStart, null, sources, csr.outStart, true);
  if ('cycle' in second) throw new Error('buildKillDag: the network has a cycle (buildNetworkCsr refuses those)');
  const t2 = new Int32Array(n);
  for (let i = 0; i < n; i++) t2[pos[second.order[i]!]!] = i;

  let maxGroup = 1;
  for (let g = 0; g < csr.groupCount; g++) maxGroup = Math.max(maxGroup, sourceStart[g + 1]! - sourceStart[g]!);

  const rStart = new Int32Array(n + 1);
  const r = new IntList(csr.edgeCount + n);
  const minT1 = new Int32Array(n);
  const minT2 = new Int32Array(n);
  const genStamp = new Int32Array(n).fill(-1);
  const srcStamp = new Int32Array(n).fill(-1);
  const groupRoots = new Int32Array(maxGroup);

  // Exploration scratch, reset through `touched` after each use.
  const mask = new Uint32Array(n);
  const heap = new Int32Array(n);
  const touched = new Int32Array(n);
  const pending = new Int32Array(32);
  const lo1 = new Int32Array(32);
  const hi1 = new Int32Array(32);
  const lo2 = new Int32Array(32);
  const hi2 = new Int32Array(32);
  const roots = new IntList(64);
  const rootSides = new IntList(64);
  let result = new IntList(64);
  let accumulated = new IntList(64);

  const stats = { killDagEdges: 0, multiSourceGroups: 0, lcaQueries: 0, memoHits: 0, emptyByWindow: 0, explorations: 0, explored: 0 };

  // Chain nodes: K(p) is a path p → parent → … → root (every node on it has ≤ 1 generator).
  // chainDepth −1 = not a chain node.
  const chainDepth = new Int32Array(n).fill(-1);
  const chainRoot = new Int32Array(n);
  const chainParent = new Int32Array(n);
  const chainJump = new Int32Array(n);
  /** Lowest common ancestor of two chain nodes, −1 when they are in different trees. */
  const chainLca = (u0: number, v0: number): number => {
    if (chainRoot[u0] !== chainRoot[v0]) return -1;
    let u = u0;
    let v = v0;
    if (chainDepth[u]! < chainDepth[v]!) {
      u = v0;
      v = u0;
    }
    const d = chainDepth[v]!;
    while (chainDepth[u]! > d) u = chainDepth[chainJump[u]!]! >= d ? chainJump[u]! : chainParent[u]!;
    while (u !== v) {
      if (chainJump[u] !== chainJump[v]) {
        u = chainJump[u]!;
        v = chainJump[v]!;
      } else {
        u = chainParent[u]!;
        v = chainParent[v]!;
      }
    }
    return u;
  };
  const EMPTY = new Int32Array(0);
  const memo = new Map<number | string, Int32Array>();

  // Exploration state shared by `offer` and `explore` (closures created once: tsx/esbuild wraps
  // every closure creation in a naming helper, costly inside per-node loops).
  let heapSize = 0;
  let touchedCount = 0;
  let zeroSides = 0;
  /** Adds `bits` to node q's sides, pushing q on the heap the first time. */
  const offer = (q: number, bits: number): void => {
    const old = mask[q]!;
    let add = bits & ~old;
    if (add === 0) return;
    if (old === 0) {
      touched[touchedCount++] = q;
      // sift up
      let i = heapSize++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const pv = heap[parent]!;
        if (pv >= q) break;
        heap[i] = pv;
        i = parent;
      }
      heap[i] = q;
    }
    mask[q] = old | add;
    while (add !== 0) {
      const b = 31 - Math.clz32(add & -add);
      if (pending[b]! === 0) zeroSides--;
      pending[b]!++;
      add &= add - 1;
    }
  };

  // Generators of ⋂ over sides of ↓(roots of that side), into `result`.
  const explore = (sideCount: number): void => {
    result.length = 0;
    for (let i = 0; i < sideCount; i++) {
      lo1[i] = 0x7fffffff;
      hi1[i] = -1;
      lo2[i] = 0x7fffffff;
      hi2[i] = -1;
    }
    for (let i = 0; i < roots.length; i++) {
      const p = roots.data[i]!;
      const s = rootSides.data[i]!;
      if (minT1[p]! < lo1[s]!) lo1[s] = minT1[p]!;
      if (p > hi1[s]!) hi1[s] = p;
      if (minT2[p]! < lo2[s]!) lo2[s] = minT2[p]!;
      if (t2[p]! > hi2[s]!) hi2[s] = t2[p]!;
    }
    let LO1 = -1;
    let HI1 = 0x7fffffff;
    let LO2 = -1;
    let HI2 = 0x7fffffff;
    for (let i = 0; i < sideCount; i++) {
      if (lo1[i]! > LO1) LO1 = lo1[i]!;
      if (hi1[i]! < HI1) HI1 = hi1[i]!;
      if (lo2[i]! > LO2) LO2 = lo2[i]!;
      if (hi2[i]! < HI2) HI2 = hi2[i]!;
    }
    if (LO1 > HI1 || LO2 > HI2) {
      stats.emptyByWindow++;
      return;
    }
    stats.explorations++;
    const full = 2 ** sideCount - 1;
    heapSize = 0;
    touchedCount = 0;
    zeroSides = sideCount;
    pending.fill(0, 0, sideCount);

    for (let i = 0; i < roots.length; i++) offer(roots.data[i]!, 1 << rootSides.data[i]!);

    while (heapSize > 0 && zeroSides === 0) {
      // pop max
      const p = heap[0]!;
      const last = heap[--heapSize]!;
      if (heapSize > 0) {
        let i = 0;
        for (;;) {
          let child = 2 * i + 1;
          if (child >= heapSize) break;
          if (child + 1 < heapSize && heap[child + 1]! > heap[child]!) child++;
          if (heap[child]! <= last) break;
          heap[i] = heap[child]!;
          i = child;
        }
        heap[i] = last;
      }
      if (p < LO1) break;
      stats.explored++;
      const m = mask[p]!;
      for (let b = m; b !== 0; b &= b - 1) {
        const side = 31 - Math.clz32(b & -b);
        if (--pending[side]! === 0) zeroSides++;
      }
      if (m === full) {
        result.push(p);
      } else if (minT1[p]! <= HI1 && t2[p]! >= LO2 && minT2[p]! <= HI2) {
        for (let e = rStart[p]!; e < rStart[p + 1]!; e++) offer(r.data[e]!, m);
      }
    }
    for (let i = 0; i < touchedCount; i++) mask[touched[i]!] = 0;
  };

  // The node being built, and the minimum positions over its ideal so far.
  let current = -1;
  let low1 = 0;
  let low2 = 0;
  const addGenerator = (q: number): void => {
    if (genStamp[q] === current) return;
    genStamp[q] = current;
    r.push(q);
    if (minT1[q]! < low1) low1 = minT1[q]!;
    if (minT2[q]! < low2) low2 = minT2[q]!;
  };

  for (let p = 0; p < n; p++) {
    const v = order[p]!;
    rStart[p] = r.length;
    current = p;
    low1 = p;
    low2 = t2[p]!;
    for (let g = groupStart[v]!; g < groupStart[v + 1]!; g++) {
      let k = 0;
      for (let s = sourceStart[g]!; s < sourceStart[g + 1]!; s++) {
        const q = pos[sources[s]!]!;
        if (srcStamp[q] !== g) {
          srcStamp[q] = g;
          groupRoots[k++] = q;
        }
      }
      if (k === 1) {
        addGenerator(groupRoots[0]!);
        continue;
      }
      stats.multiSourceGroups++;

      // Every source's ideal a chain (a path to the root of a tree of single generators):
      // the intersection is the path above their lowest common ancestor, or empty across trees.
      let chains = true;
      for (let i = 0; i < k && chains; i++) chains = chainDepth[groupRoots[i]!]! >= 0;
      if (chains) {
        stats.lcaQueries++;
        let c = groupRoots[0]!;
        for (let i = 1; i < k && c >= 0; i++) c = chainLca(c, groupRoots[i]!);
        if (c >= 0) addGenerator(c);
        continue;
      }

      // The same set of sources again (consumers qualified on the same makers): reuse.
      let key: number | string;
      if (k === 2) {
        const a = groupRoots[0]!;
        const b = groupRoots[1]!;
        key = a < b ? a * n + b : b * n + a;
      } else {
        key = Array.from(groupRoots.subarray(0, k)).sort((x, y) => x - y).join(',');
      }
      const cached = memo.get(key);
      if (cached !== undefined) {
        stats.memoHits++;
        for (let i = 0; i < cached.length; i++) addGenerator(cached[i]!);
        continue;
      }

      // Fold the sources in rounds of ≤ 31 sides; from the second round on, side 0 is the
      // intersection so far.
      let next = 0;
      let first = true;
      while (next < k) {
        roots.length = 0;
        rootSides.length = 0;
        let sideCount = 0;
        if (!first) {
          if (accumulated.length === 0) break;
          for (let i = 0; i < accumulated.length; i++) {
            roots.push(accumulated.data[i]!);
            rootSides.push(0);
          }
          sideCount = 1;
        }
        while (sideCount < 31 && next < k) {
          roots.push(groupRoots[next++]!);
          rootSides.push(sideCount++);
        }
        explore(sideCount);
        const swap = accumulated;
        accumulated = result;
        result = swap;
        first = false;
      }
      memo.set(key, accumulated.length === 0 ? EMPTY : accumulated.data.slice(0, accumulated.length));
      for (let i = 0; i < accumulated.length; i++) addGenerator(accumulated.data[i]!);
      accumulated.length = 0;
    }
    // Chain bookkeeping (skew-binary jump pointers: ancestor and LCA queries in O(log n)).
    const degree = r.length - rStart[p]!;
    if (degree === 0) {
      chainDepth[p] = 0;
      chainRoot[p] = p;
      chainParent[p] = p;
      chainJump[p] = p;
    } else if (degree === 1 && chainDepth[r.data[rStart[p]!]!]! >= 0) {
      const g = r.data[rStart[p]!]!;
      const j = chainJump[g]!;
      chainDepth[p] = chainDepth[g]! + 1;
      chainRoot[p] = chainRoot[g]!;
      chainParent[p] = g;
      chainJump[p] = chainDepth[g]! - chainDepth[j]! === chainDepth[j]! - chainDepth[chainJump[j]!]! ? chainJump[j]! : g;
    }
    minT1[p] = low1;
    minT2[p] = low2;
  }
  rStart[n] = r.length;
  stats.killDagEdges = r.length;

  // Position space → node space.
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v]! + (rStart[pos[v]! + 1]! - rStart[pos[v]!]!);
  const targets = new Int32Array(r.length);
  for (let v = 0; v < n; v++) {
    const p = pos[v]!;
    let o = start[v]!;
    for (let e = rStart[p]!; e < rStart[p + 1]!; e++) targets[o++] = order[r.data[e]!]!;
  }
  return { killDag: { start, targets }, stats };
}

/** Enumerates K(v) (ascending node indices) from the kill DAG, reusing `visited` (stamp array) when given. */
export function killSet(killDag: KillDag, v: number, scratch?: { visited: Int32Array; stamp: number; stack: Int32Array }): Int32Array {
  const n = killDag.start.length - 1;
  const visited = scratch?.visited ?? new Int32Array(n).fill(-1);
  const stamp = scratch?.stamp ?? 0;
  const stack = scratch?.stack ?? new Int32Array(n);
  const out: number[] = [];
  let top = 0;
  stack[top++] = v;
  visited[v] = stamp;
  while (top > 0) {
    const x = stack[--top]!;
    out.push(x);
    for (let e = killDag.start[x]!; e < killDag.start[x + 1]!; e++) {
      const y = killDag.targets[e]!;
      if (visited[y] !== stamp) {
        visited[y] = stamp;
        stack[top++] = y;
      }
    }
  }
  return Int32Array.from(out).sort();
}

/**
 * §2 for all end items at once: the kill DAG, each end item's critical nodes (itself included)
 * and, per node, the end items it is critical for.
 */
export function analyzeCriticalNodes(csr: NetworkCsr, options: AnalyzeCriticalNodesOptions = {}): CriticalNodesResult {
  const n = csr.nodeCount;
  const endItems = options.endItems ?? csr.endItems;
  for (const k of endItems) if (k < 0 || k >= n) throw new RangeError(`analyzeCriticalNodes: end item ${k} is not a node index`);
  const { killDag, stats } = buildKillDag(csr);

  const visited = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const parts: Int32Array[] = [];
  const criticalStart = new Int32Array(endItems.length + 1);
  const endItemCount = new Int32Array(n + 1);
  for (let j = 0; j < endItems.length; j++) {
    const set = killSet(killDag, endItems[j]!, { visited, stamp: j, stack });
    parts.push(set);
    criticalStart[j + 1] = criticalStart[j]! + set.length;
    for (const x of set) endItemCount[x + 1]!++;
  }
  const critical = new Int32Array(criticalStart[endItems.length]!);
  parts.forEach((set, j) => critical.set(set, criticalStart[j]!));

  const nodeEndItemStart = endItemCount;
  for (let x = 0; x < n; x++) nodeEndItemStart[x + 1]! += nodeEndItemStart[x]!;
  const nodeEndItems = new Int32Array(critical.length);
  const fill = nodeEndItemStart.slice(0, n);
  for (let j = 0; j < endItems.length; j++) {
    for (let i = criticalStart[j]!; i < criticalStart[j + 1]!; i++) nodeEndItems[fill[critical[i]!]!++] = j;
  }
  return {
    endItems,
    criticalStart,
    critical,
    nodeEndItemStart,
    nodeEndItems,
    killDag,
    stats: { ...stats, criticalPairs: critical.length },
  };
}

/** The critical nodes of end item j of a result (ascending node indices). */
export function criticalNodesOf(result: CriticalNodesResult, j: number): Int32Array {
  return result.critical.subarray(result.criticalStart[j]!, result.criticalStart[j + 1]!);
}

export interface ProgramCriticalNodes {
  program: string;
  /** Node indices of the program's end items. */
  endItems: Int32Array;
  /**
   * Nodes whose removal makes the program fail, i.e. at least one of its end items (ascending):
   * the union of its end items' kill sets.
   */
  critical: Int32Array;
}

/** Per program (csr.programNames), the union of its end items' critical sets. */
export function criticalNodesByProgram(csr: NetworkCsr, result: CriticalNodesResult): ProgramCriticalNodes[] {
  const n = csr.nodeCount;
  const indexOfEndItem = new Int32Array(n).fill(-1);
  result.endItems.forEach((k, j) => (indexOfEndItem[k] = j));
  const seen = new Int32Array(n).fill(-1);
  return csr.programNames.map((program, p) => {
    const endItems = csr.programEndItems.slice(csr.programStart[p]!, csr.programStart[p + 1]!);
    const out: number[] = [];
    for (const k of endItems) {
      const j = indexOfEndItem[k]!;
      const set = j >= 0 ? criticalNodesOf(result, j) : killSet(result.killDag, k);
      for (const x of set) {
        if (seen[x] !== p) {
          seen[x] = p;
          out.push(x);
        }
      }
    }
    return { program, endItems, critical: Int32Array.from(out).sort() };
  });
}
