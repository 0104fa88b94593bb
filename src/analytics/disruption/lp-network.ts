// The numeric network the §4 LPs are built from (supply-resilience.md §1, §4), as flat arrays
// that can be posted to worker threads (structured clone). Built from the typed model under a
// scenario's base conditions (§5: capacity scaling, demand surges, closed sea lanes).
//
// Defaults where the model leaves a field out (documented in the result, the same everywhere):
//   - capacityPerDay absent → unlimited (the node limits nothing but can still be disrupted);
//   - inventory absent → 0; inventory in days → days × the node's planned daily flow, where the
//     planned flow is the end items' planned demand (no surge) propagated down the bill of
//     materials, each input group's need split equally among its qualified sources (an end item's
//     planned flow is its demand);
//   - ttrDays absent → DEFAULT_TTR_DAYS (30);
//   - end-item value w[k] = unitCost, else the rolled-up Willems stage cost (own @stageCost + Σ r ×
//     input value over the first source of each input), else 1;
//   - r[v,q] of an input group whose edges give different quantities = the largest (conservative);
//     s[v,q] = the sum of the group's edges' inputInventoryUnits.
import type { SupplyNetwork } from '../network/network-model.js';
import type { NetworkNode } from '../network/network-model.js';
import { networkToCsr } from '../network/network-to-csr.js';

export const DEFAULT_TTR_DAYS = 30;

export interface LpNetwork {
  n: number;
  ids: string[];
  /** 1 = end item. */
  isEnd: Uint8Array;
  /** c[v] units/day after the base capacity factor; Infinity = unlimited. */
  capacity: Float64Array;
  /** s[v], units. */
  inventory: Float64Array;
  ttr: Float64Array;
  /** d[k] units/day after the surge (0 for non-end items). */
  demand: Float64Array;
  /** w[k] (value per unit) for end items; unit value for other nodes (used by mitigation costs). */
  value: Float64Array;
  /** Planned daily flow (no surge): converts inventory days, sizes buffers. */
  plannedFlow: Float64Array;
  /** Input groups of v: g ∈ [groupStart[v], groupStart[v+1]). */
  groupStart: Int32Array;
  /** r[v,q] per group. */
  groupQty: Float64Array;
  /** s[v,q] per group, units. */
  groupInventory: Float64Array;
  /** Sources of group g: sourceNode[s], s ∈ [sourceStart[g], sourceStart[g+1]) (closed lanes already removed). */
  sourceStart: Int32Array;
  sourceNode: Int32Array;
  /** 1 = an ancestor of (or is) an end item with positive demand through the remaining edges. */
  relevant: Uint8Array;
  programs: Array<{ name: string; endItems: number[] }>;
  name: string | null;
}

export interface BaseConditions {
  demandFactor?: ReadonlyMap<number, number>;
  capacityFactor?: ReadonlyMap<number, number>;
  removedEdges?: ReadonlySet<number>;
}

function rolledUpValue(network: SupplyNetwork, order: Int32Array, firstSource: Int32Array[], qty: Float64Array[]): Float64Array {
  const n = network.nodes.length;
  const value = new Float64Array(n);
  for (const v of order) {
    const node = network.nodes[v]!;
    let x = node.willems?.stageCost ?? 0;
    const srcs = firstSource[v]!;
    for (let i = 0; i < srcs.length; i++) x += qty[v]![i]! * value[srcs[i]!]!;
    value[v] = x;
  }
  for (let v = 0; v < n; v++) {
    const own = network.nodes[v]!.unitCost;
    value[v] = own !== undefined ? own : value[v]! > 0 ? value[v]! : 1;
  }
  return value;
}

/** Validates the network (throws VALIDATION_FAILED) and builds the LP arrays under the base conditions. */
export function buildLpNetwork(network: SupplyNetwork, base: BaseConditions = {}, options: { defaultTtrDays?: number } = {}): LpNetwork {
  const csr = networkToCsr(network, { maxNodes: 2_000_000 });
  const n = csr.nodeCount;
  const nodes = network.nodes;
  const removed = base.removedEdges ?? new Set<number>();
  const defaultTtr = options.defaultTtrDays ?? DEFAULT_TTR_DAYS;
  const isEnd = new Uint8Array(n);
  nodes.forEach((node, v) => (isEnd[v] = node.kind === 'endItem' ? 1 : 0));

  // Groups from the CSR (all edges), then drop closed-lane sources.
  const groupStart = new Int32Array(n + 1);
  const G = csr.groupCount;
  const groupQty = new Float64Array(G);
  const groupInventory = new Float64Array(G);
  const sourceStart = new Int32Array(G + 1);
  const sourceTmp: number[] = [];
  const firstSource: Int32Array[] = new Array(n);
  const firstQty: Float64Array[] = new Array(n);
  for (let v = 0; v < n; v++) {
    groupStart[v] = csr.groupStart[v]!;
    const gs = csr.groupStart[v]!;
    const ge = csr.groupStart[v + 1]!;
    firstSource[v] = new Int32Array(ge - gs);
    firstQty[v] = new Float64Array(ge - gs);
    for (let g = gs; g < ge; g++) {
      sourceStart[g] = sourceTmp.length;
      let r = 0;
      let inv = 0;
      for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) {
        const e = csr.sourceEdge[s]!;
        const q = csr.sourceQuantity[s]!;
        if (q > r) r = q;
        inv += network.edges[e]!.inputInventoryUnits ?? 0;
        if (!removed.has(e)) sourceTmp.push(csr.sources[s]!);
      }
      groupQty[g] = r;
      groupInventory[g] = inv;
      firstSource[v]![g - gs] = csr.sources[csr.sourceStart[g]!]!;
      firstQty[v]![g - gs] = r;
    }
  }
  groupStart[n] = G;
  sourceStart[G] = sourceTmp.length;
  const sourceNode = Int32Array.from(sourceTmp);

  // Planned flow (all edges, planned demand), consumers before inputs.
  const plannedFlow = new Float64Array(n);
  const topo = csr.topoOrder; // inputs first
  for (let v = 0; v < n; v++) if (isEnd[v]) plannedFlow[v] = nodes[v]!.demandPerDay ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    const v = topo[i]!;
    const f = plannedFlow[v]!;
    if (f === 0) continue;
    for (let g = csr.groupStart[v]!; g < csr.groupStart[v + 1]!; g++) {
      const k = csr.sourceStart[g + 1]! - csr.sourceStart[g]!;
      for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) plannedFlow[csr.sources[s]!] = plannedFlow[csr.sources[s]!]! + (f * groupQty[g]!) / k;
    }
  }

  const capacity = new Float64Array(n);
  const inventory = new Float64Array(n);
  const ttr = new Float64Array(n);
  const demand = new Float64Array(n);
  nodes.forEach((node: NetworkNode, v) => {
    const factor = base.capacityFactor?.get(v) ?? 1;
    const c = node.capacityPerDay ?? Infinity;
    capacity[v] = factor === 0 ? 0 : c * factor;
    const inv = node.inventory;
    inventory[v] = !inv ? 0 : inv.unit === 'units' ? inv.amount : inv.amount * plannedFlow[v]!;
    ttr[v] = node.ttrDays ?? defaultTtr;
    demand[v] = isEnd[v] ? (node.demandPerDay ?? 0) * (base.demandFactor?.get(v) ?? 1) : 0;
  });
  const value = rolledUpValue(network, topo, firstSource, firstQty);

  // Relevant: ancestors of end items with demand, through the remaining sources.
  const relevant = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const v = topo[i]!;
    if (isEnd[v] && demand[v]! > 0) relevant[v] = 1;
    if (!relevant[v]) continue;
    for (let g = groupStart[v]!; g < groupStart[v + 1]!; g++) for (let s = sourceStart[g]!; s < sourceStart[g + 1]!; s++) relevant[sourceNode[s]!] = 1;
  }

  const programs: LpNetwork['programs'] = [];
  for (let p = 0; p < csr.programNames.length; p++) {
    programs.push({ name: csr.programNames[p]!, endItems: Array.from(csr.programEndItems.subarray(csr.programStart[p]!, csr.programStart[p + 1]!)) });
  }
  return {
    n,
    ids: nodes.map((node) => node.id),
    isEnd,
    capacity,
    inventory,
    ttr,
    demand,
    value,
    plannedFlow,
    groupStart,
    groupQty,
    groupInventory,
    sourceStart,
    sourceNode,
    relevant,
    programs,
    name: network.name ?? null,
  };
}
