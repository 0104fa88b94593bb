// Seeded synthetic networks WITH the §1 numbers the §4 LPs need (capacity, inventory, TTR, value,
// demand, sea lanes), for tests and the benchmark. Structure from generateSyntheticNetwork (the
// network analytics' generator); numbers drawn from one seeded stream:
//   demand per end item 1–10/day; capacity = planned flow × U(1.05, 2.5) (30 % of raw-material
//   part nodes unlimited); inventory 0–20 days (40 % of nodes none); TTR 5–120 days; unit cost
//   grows with the tier; edges between two countries use one of `lanes` sea lanes (by country pair).
import { seededRandom } from '../domain/seeded-random.js';
import { KIND_END_ITEM, KIND_PART, type NetworkEdge, type NetworkNode, type SupplyNetwork } from '../analytics/network/network-model.js';
import { generateSyntheticNetwork, type SyntheticNetworkOptions } from './synthetic-network.js';

export function syntheticResilienceNetwork(options: SyntheticNetworkOptions & { lanes?: number }): SupplyNetwork {
  const arrays = generateSyntheticNetwork(options);
  const random = seededRandom(options.seed ^ 0x5eed);
  const n = arrays.nodeCount;
  const m = arrays.edgeFrom.length;
  const ids = Array.from({ length: n }, (_, v) => `N${v}`);
  const countries = arrays.countries ?? [];
  const lanes = options.lanes ?? 4;
  const programOf = new Map<number, string>();
  if (arrays.programs) {
    const { names, start, endItems } = arrays.programs;
    for (let p = 0; p < names.length; p++) for (let i = start[p]!; i < start[p + 1]!; i++) programOf.set(endItems[i]!, names[p]!);
  }
  const demand = new Float64Array(n);
  for (let v = 0; v < n; v++) if (arrays.kind[v] === KIND_END_ITEM) demand[v] = 1 + Math.floor(random() * 10);
  // Planned flow: demand down the BOM, split equally among a group's sources (same rule as lp-network.ts).
  const inEdges: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < m; e++) inEdges[arrays.edgeTo[e]!]!.push(e);
  const flow = Float64Array.from(demand);
  // Tiers are laid out in index order (inputs have smaller indices), so a reverse scan is a topological order.
  const tier = new Int32Array(n);
  for (let v = 0; v < n; v++) for (const e of inEdges[v]!) tier[v] = Math.max(tier[v]!, tier[arrays.edgeFrom[e]!]! + 1);
  for (let v = n - 1; v >= 0; v--) {
    const f = flow[v]!;
    if (f === 0) continue;
    const byPart = new Map<number, number[]>();
    for (const e of inEdges[v]!) {
      const list = byPart.get(arrays.edgePart[e]!);
      if (list) list.push(e);
      else byPart.set(arrays.edgePart[e]!, [e]);
    }
    for (const list of byPart.values()) {
      const r = Math.max(...list.map((e) => arrays.edgeQuantity?.[e] ?? 1));
      for (const e of list) flow[arrays.edgeFrom[e]!] = flow[arrays.edgeFrom[e]!]! + (f * r) / list.length;
    }
  }
  const nodes: NetworkNode[] = [];
  for (let v = 0; v < n; v++) {
    const kind = arrays.kind[v] === KIND_END_ITEM ? 'endItem' : arrays.kind[v] === KIND_PART ? 'part' : 'site';
    const c = arrays.country?.[v] ?? -1;
    const node: NetworkNode = {
      id: ids[v]!,
      kind,
      ttrDays: 5 + Math.floor(random() * 116),
      unitCost: Math.round((10 + random() * 90) * 4 ** tier[v]!),
    };
    if (c >= 0) node.country = countries[c]!;
    const unlimited = kind === 'part' && random() < 0.3;
    if (!unlimited) node.capacityPerDay = Math.max(1, flow[v]!) * (1.05 + random() * 1.45);
    if (random() >= 0.4) node.inventory = { unit: 'days', amount: Math.round(random() * 20) };
    if (kind === 'endItem') {
      node.demandPerDay = demand[v]!;
      const p = programOf.get(v);
      if (p) node.programs = [p];
    }
    nodes.push(node);
  }
  const edges: NetworkEdge[] = [];
  for (let e = 0; e < m; e++) {
    const u = arrays.edgeFrom[e]!;
    const v = arrays.edgeTo[e]!;
    const edge: NetworkEdge = { from: ids[u]!, to: ids[v]!, part: `P${arrays.edgePart[e]!}`, quantity: arrays.edgeQuantity?.[e] ?? 1 };
    const cu = arrays.country?.[u] ?? -1;
    const cv = arrays.country?.[v] ?? -1;
    if (cu >= 0 && cv >= 0 && cu !== cv && lanes > 0) edge.route = `lane-${String.fromCharCode(65 + ((cu * 7 + cv * 3) % lanes))}`;
    edges.push(edge);
  }
  // Part names: nodes making the same part share the edge part name.
  for (let e = 0; e < m; e++) nodes[arrays.edgeFrom[e]!]!.part ??= `P${arrays.edgePart[e]!}`;
  return { name: `synthetic ${n} nodes, seed ${options.seed}`, nodes, edges };
}
