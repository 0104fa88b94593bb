// The supply network (supply-resilience.md §1) and the compact CSR form the algorithms run on.
//
// §1: nodes are stages — a site making or holding one part; an end item of a program is a part
// too. To make one unit at node v you need r[v,q] units of EVERY input part q (AND, the bill of
// materials); input q may come from ANY node of S(v,q), its qualified sources (OR), each an
// edge u → v ("v consumes u's output").
//
// Two entry points build the CSR:
//   - `networkToCsr(network)`: from the typed object model (validated first, see validate-network.ts);
//   - `buildNetworkCsr(arrays)`: from flat typed arrays (synthetic networks of 10⁶ nodes, imports),
//     which only checks what the algorithms need (indices in range, no cycle).
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';

export const NODE_KINDS = ['site', 'part', 'endItem'] as const;
/** §1: a site (plant, depot), a part, or an end item of a program (a part too). */
export type NodeKind = (typeof NODE_KINDS)[number];

/** Numeric codes of NodeKind in the CSR (`NetworkCsr.kind`). */
export const KIND_SITE = 0;
export const KIND_PART = 1;
export const KIND_END_ITEM = 2;
export const KIND_CODE: Readonly<Record<NodeKind, number>> = { site: KIND_SITE, part: KIND_PART, endItem: KIND_END_ITEM };

/** Where a node or edge came from in an imported file (1-based line and column). */
export interface SourceLocation {
  row: number;
  column?: number;
  /** The header of that column, e.g. '/arcs/arc/@to'. */
  columnName?: string;
}

/** §1 finished-goods inventory s[v]: as days of the node's output or as units. */
export type Inventory = { unit: 'days'; amount: number } | { unit: 'units'; amount: number };

export const WILLEMS_CLASSES = ['Part', 'Manuf', 'Trans', 'Dist', 'Retail'] as const;
export type WillemsClass = (typeof WILLEMS_CLASSES)[number];

/** The stage attributes of Willems (2008) kept as given (data README; "not given" = absent). */
export interface WillemsStageAttributes {
  /** Normalised class ('Parts' in chain 19 becomes 'Part'). */
  classification: WillemsClass;
  /** The class as written in the file. */
  classificationRaw: string;
  /** Processing / lead time, days. */
  stageTime?: number;
  /** Cost added at the stage. */
  stageCost?: number;
  avgDemand?: number;
  stDevDemand?: number;
  serviceLevel?: number;
  maxServiceTime?: number;
  /** Tier. */
  relDepth?: number;
  xPos?: number;
  yPos?: number;
  stDevStageTime?: number;
  /** Stochastic stage time: P(stageTime = value) = probability (`@StageTime_k_p/_v`). */
  stageTimeDistribution?: ReadonlyArray<{ probability: number; value: number }>;
}

// A node and an edge are declared once, as zod schemas: the API parses an imported network with
// them (the bounds and messages are what an analyst reads on a bad file), and their types are
// inferred from them.
const idString = z.string().min(1, 'must not be empty').max(200, 'at most 200 characters');
const nonNegative = z.number().finite('must be a finite number').min(0, 'must not be negative');
const country = z.string().trim().min(1, 'must not be empty').max(100);
const location = z.strictObject({ row: z.number().int().min(1), column: z.number().int().min(1).optional(), columnName: z.string().max(200).optional() }) satisfies z.ZodType<SourceLocation>;

export const NETWORK_NODE_SCHEMA = z.strictObject({
  /** Unique within the network. */
  id: idString,
  kind: z.enum(NODE_KINDS),
  /** §1: the one part this node makes or holds. Defaults to `id`. */
  part: idString.optional(),
  country: country.optional(),
  owner: z.string().max(200).optional(),
  /**
   * The company of the instance that runs this site: the short name of an organisation of the
   * network's nation (issue #15: an event's impact survey goes to it). `owner` stays the name as
   * the analyst writes it; this is the link, optional.
   */
  organisation: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters').optional().describe("Short name of the company of the network's nation that runs this site (its impact surveys go to it)"),
  /** Where the site is (WGS 84 degrees, both or neither): matched against an event's region (issue #15). */
  latitude: z.number().finite('must be a finite number').min(-90, 'a latitude is between -90 and 90').max(90, 'a latitude is between -90 and 90').optional(),
  longitude: z.number().finite('must be a finite number').min(-180, 'a longitude is between -180 and 180').max(180, 'a longitude is between -180 and 180').optional(),
  /** §1 c[v], units per day. */
  capacityPerDay: nonNegative.optional(),
  /** §1 s[v]. */
  inventory: z.strictObject({ unit: z.enum(['days', 'units']), amount: nonNegative }).optional() satisfies z.ZodType<Inventory | undefined>,
  leadTimeDays: nonNegative.optional(),
  /** §1 TTR[v]: days to restore after a disruption. */
  ttrDays: nonNegative.optional(),
  /** §1 unit cost / value. */
  unitCost: nonNegative.optional(),
  /** §1 d[k], end items only. */
  demandPerDay: nonNegative.optional(),
  /**
   * Programs this node belongs to. On an end item it defines the program's end items (an end item
   * without programs is a program of its own, named by its id); on other nodes it is informational.
   */
  programs: z.array(idString).max(100).optional(),
  /** The stage attributes of Willems (2008), as the Willems import gives them (typed in NetworkNode). */
  willems: z
    .object({ classification: z.enum(WILLEMS_CLASSES), classificationRaw: z.string().max(50) })
    .catchall(z.union([z.number(), z.string().max(50), z.array(z.strictObject({ probability: z.number(), value: z.number() })).max(100)]))
    .optional(),
  source: location.optional(),
});
/** A node; its Willems attributes typed field by field (the schema can only bound their values). */
export type NetworkNode = Omit<z.infer<typeof NETWORK_NODE_SCHEMA>, 'programs' | 'willems'> & { programs?: readonly string[]; willems?: WillemsStageAttributes };

/** u → v: "v consumes u's output" as (one qualified source of) input part `part` of v. */
export const NETWORK_EDGE_SCHEMA = z.strictObject({
  from: idString,
  to: idString,
  /** The input part q of `to` this edge supplies; defaults to the part `from` makes. */
  part: idString.optional(),
  /** §1 r[v,q], units of q per unit of v; > 0. */
  quantity: z.number().finite('must be a finite number').positive('must be more than zero'),
  /** §1 s[v,q], input inventory of q held at v, units. */
  inputInventoryUnits: nonNegative.optional(),
  /** §1/§5: a sea lane or route the edge uses. */
  route: z.string().max(200).optional(),
  source: location.optional(),
});
export type NetworkEdge = z.infer<typeof NETWORK_EDGE_SCHEMA>;

export interface SupplyNetwork {
  name?: string;
  /** ISO 4217 code of every unit cost (and so of lost values and mitigation costs); absent: USD. */
  currency?: string;
  nodes: readonly NetworkNode[];
  edges: readonly NetworkEdge[];
}

/** The part an edge supplies: its own, else what `from` makes, else `from`'s id. */
export function edgePart(edge: NetworkEdge, nodeById: ReadonlyMap<string, NetworkNode>): string {
  return edge.part ?? nodeById.get(edge.from)?.part ?? edge.from;
}

export const DEFAULT_NETWORK_CURRENCY = 'USD';

/** Flat input of `buildNetworkCsr`. Node and part numbers are 0-based indices. */
export interface NetworkArrays {
  nodeCount: number;
  /** KIND_SITE / KIND_PART / KIND_END_ITEM per node. */
  kind: Uint8Array;
  /** Index into `countries`, −1 = unknown. Absent: all unknown. */
  country?: Int32Array;
  countries?: readonly string[];
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  /** The input part each edge supplies (groups edges into input groups). */
  edgePart: Int32Array;
  partCount: number;
  /** r[v,q] per edge; absent = 1. */
  edgeQuantity?: Float64Array;
  ids?: readonly string[];
  parts?: readonly string[];
  /**
   * Programs: names, and for each the end items (node indices) in
   * programEndItems[programStart[p] .. programStart[p+1]). Absent: every end item is its own program.
   */
  programs?: { names: readonly string[]; start: Int32Array; endItems: Int32Array };
}

/**
 * The compact network. Node v's input groups (AND) are g ∈ [groupStart[v], groupStart[v+1]);
 * group g's qualified sources (OR) are sources[s] for s ∈ [sourceStart[g], sourceStart[g+1]).
 * The forward adjacency out* lists for node u each consumer (outTarget) and the group it feeds.
 */
export interface NetworkCsr {
  nodeCount: number;
  edgeCount: number;
  ids: readonly string[] | null;
  kind: Uint8Array;
  country: Int32Array;
  countries: readonly string[];
  parts: readonly string[] | null;
  groupCount: number;
  groupStart: Int32Array;
  groupNode: Int32Array;
  groupPart: Int32Array;
  sourceStart: Int32Array;
  sources: Int32Array;
  /** The input edge index of each source slot. */
  sourceEdge: Int32Array;
  sourceQuantity: Float64Array;
  outStart: Int32Array;
  outTarget: Int32Array;
  outGroup: Int32Array;
  /** A topological order, inputs before consumers (DFS post-order over inputs, from the sinks). */
  topoOrder: Int32Array;
  /** topoPosition[v] = index of v in topoOrder. */
  topoPosition: Int32Array;
  /** Nodes of kind endItem, ascending. */
  endItems: Int32Array;
  programNames: readonly string[];
  programStart: Int32Array;
  programEndItems: Int32Array;
}

/** The id of node v (its index as a string when the CSR has no ids). */
export function nodeLabel(csr: NetworkCsr, v: number): string {
  return csr.ids?.[v] ?? String(v);
}

function fail(message: string, field: string, extra: Record<string, unknown> = {}): never {
  throw new AppError('VALIDATION_FAILED', { detail: message, errors: [{ field, message }], extra });
}

/**
 * Builds the CSR from flat arrays in O(n + m + parts). Throws VALIDATION_FAILED for an index out
 * of range or a cycle (naming one; §2: "a cycle in the BOM is an input error"). Duplicate sources
 * within a group are kept (they change nothing in §2's semantics).
 */
export function buildNetworkCsr(input: NetworkArrays): NetworkCsr {
  const n = input.nodeCount;
  const m = input.edgeFrom.length;
  if (!Number.isInteger(n) || n < 0) fail(`nodeCount must be a whole number ≥ 0, not ${n}`, 'nodeCount');
  if (input.kind.length !== n) fail(`kind has ${input.kind.length} entries for ${n} nodes`, 'kind');
  if (input.edgeTo.length !== m || input.edgePart.length !== m) fail('edgeFrom, edgeTo and edgePart must have the same length', 'edges');
  if (input.edgeQuantity && input.edgeQuantity.length !== m) fail('edgeQuantity must have one entry per edge', 'edgeQuantity');
  if (input.ids && input.ids.length !== n) fail(`ids has ${input.ids.length} entries for ${n} nodes`, 'ids');
  const partCount = input.partCount;
  for (let e = 0; e < m; e++) {
    const u = input.edgeFrom[e]!;
    const v = input.edgeTo[e]!;
    const p = input.edgePart[e]!;
    if (u < 0 || u >= n) fail(`edge ${e}: from ${u} is not a node index (0..${n - 1})`, `edges/${e}/from`, { edgeIndex: e });
    if (v < 0 || v >= n) fail(`edge ${e}: to ${v} is not a node index (0..${n - 1})`, `edges/${e}/to`, { edgeIndex: e });
    if (p < 0 || p >= partCount) fail(`edge ${e}: part ${p} is not a part index (0..${partCount - 1})`, `edges/${e}/part`, { edgeIndex: e });
  }
  const country = input.country ?? new Int32Array(n).fill(-1);
  const countries = input.countries ?? [];
  for (let v = 0; v < n; v++) {
    const c = country[v]!;
    if (c < -1 || c >= countries.length) fail(`node ${v}: country ${c} is not a country index`, `nodes/${v}/country`, { nodeIndex: v });
  }

  // In-edges by consumer (counting sort, stable in edge order).
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) inStart[input.edgeTo[e]! + 1]!++;
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inEdge = new Int32Array(m);
  {
    const fill = inStart.slice(0, n);
    for (let e = 0; e < m; e++) inEdge[fill[input.edgeTo[e]!]!++] = e;
  }

  // Input groups: one per (consumer, part), numbered consumer by consumer.
  const partStamp = new Int32Array(partCount).fill(-1);
  const partSlot = new Int32Array(partCount);
  const groupStart = new Int32Array(n + 1);
  const groupNodeAll = new Int32Array(m);
  const groupPartAll = new Int32Array(m);
  const groupSize = new Int32Array(m + 1);
  const edgeGroup = new Int32Array(m);
  let groupCount = 0;
  for (let v = 0; v < n; v++) {
    groupStart[v] = groupCount;
    for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
      const e = inEdge[i]!;
      const p = input.edgePart[e]!;
      if (partStamp[p] !== v) {
        partStamp[p] = v;
        partSlot[p] = groupCount;
        groupNodeAll[groupCount] = v;
        groupPartAll[groupCount] = p;
        groupCount++;
      }
      const g = partSlot[p]!;
      edgeGroup[e] = g;
      groupSize[g + 1]!++;
    }
  }
  groupStart[n] = groupCount;
  const sourceStart = groupSize.slice(0, groupCount + 1);
  for (let g = 0; g < groupCount; g++) sourceStart[g + 1]! += sourceStart[g]!;
  const sources = new Int32Array(m);
  const sourceEdge = new Int32Array(m);
  const sourceQuantity = new Float64Array(m);
  {
    const fill = sourceStart.slice(0, groupCount);
    for (let i = 0; i < m; i++) {
      const e = inEdge[i]!;
      const slot = fill[edgeGroup[e]!]!++;
      sources[slot] = input.edgeFrom[e]!;
      sourceEdge[slot] = e;
      sourceQuantity[slot] = input.edgeQuantity ? input.edgeQuantity[e]! : 1;
    }
  }

  // Forward adjacency.
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) outStart[input.edgeFrom[e]! + 1]!++;
  for (let v = 0; v < n; v++) outStart[v + 1]! += outStart[v]!;
  const outTarget = new Int32Array(m);
  const outGroup = new Int32Array(m);
  {
    const fill = outStart.slice(0, n);
    for (let e = 0; e < m; e++) {
      const slot = fill[input.edgeFrom[e]!]!++;
      outTarget[slot] = input.edgeTo[e]!;
      outGroup[slot] = edgeGroup[e]!;
    }
  }

  const topo = dfsPostOrder(n, inStart, inEdge, input.edgeFrom, outStart, false);
  if ('cycle' in topo) {
    const names = topo.cycle.map((v) => input.ids?.[v] ?? String(v));
    fail(`the bill of materials has a cycle: ${names.join(' → ')} → ${names[0]}`, 'edges', { cycle: names });
  }
  const topoOrder = topo.order;
  const topoPosition = new Int32Array(n);
  for (let i = 0; i < n; i++) topoPosition[topoOrder[i]!] = i;

  let endCount = 0;
  for (let v = 0; v < n; v++) if (input.kind[v] === KIND_END_ITEM) endCount++;
  const endItems = new Int32Array(endCount);
  for (let v = 0, j = 0; v < n; v++) if (input.kind[v] === KIND_END_ITEM) endItems[j++] = v;

  let programNames: readonly string[];
  let programStart: Int32Array;
  let programEndItems: Int32Array;
  if (input.programs) {
    ({ names: programNames, start: programStart, endItems: programEndItems } = input.programs);
    if (programStart.length !== programNames.length + 1) fail('programs.start must have one entry more than programs.names', 'programs');
    for (const k of programEndItems) if (k < 0 || k >= n || input.kind[k] !== KIND_END_ITEM) fail(`program end item ${k} is not an end item`, 'programs');
  } else {
    programNames = Array.from(endItems, (v) => input.ids?.[v] ?? String(v));
    programStart = Int32Array.from({ length: endCount + 1 }, (_, i) => i);
    programEndItems = endItems.slice();
  }

  return {
    nodeCount: n,
    edgeCount: m,
    ids: input.ids ?? null,
    kind: input.kind,
    country,
    countries,
    parts: input.parts ?? null,
    groupCount,
    groupStart,
    groupNode: groupNodeAll.slice(0, groupCount),
    groupPart: groupPartAll.slice(0, groupCount),
    sourceStart,
    sources,
    sourceEdge,
    sourceQuantity,
    outStart,
    outTarget,
    outGroup,
    topoOrder,
    topoPosition,
    endItems,
    programNames,
    programStart,
    programEndItems,
  };
}

/**
 * Iterative DFS over input edges, numbering each node after all its inputs (post-order): a
 * topological order with inputs first. Roots: the sinks (no consumers) first, then every other
 * node (only reached on a cycle). `reverse` walks each node's inputs in reverse order (a second,
 * different topological order). The inputs of v are edgeFrom[inEdge[i]] (edgeFrom[i] when inEdge
 * is null) for i ∈ [inStart[v], inStart[v+1]). Returns one cycle, in consumption order, if any.
 */
export function dfsPostOrder(
  n: number,
  inStart: Int32Array,
  inEdge: Int32Array | null,
  edgeFrom: Int32Array,
  outStart: Int32Array,
  reverse: boolean,
): { order: Int32Array } | { cycle: number[] } {
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const stackNode = new Int32Array(n);
  const stackNext = new Int32Array(n);
  const order = new Int32Array(n);
  let count = 0;
  const visit = (root: number): number[] | null => {
    let top = 0;
    stackNode[0] = root;
    stackNext[0] = reverse ? inStart[root + 1]! - 1 : inStart[root]!;
    state[root] = 1;
    while (top >= 0) {
      const v = stackNode[top]!;
      const i = stackNext[top]!;
      const more = reverse ? i >= inStart[v]! : i < inStart[v + 1]!;
      if (more) {
        stackNext[top] = reverse ? i - 1 : i + 1;
        const u = edgeFrom[inEdge ? inEdge[i]! : i]!;
        if (state[u] === 0) {
          state[u] = 1;
          top++;
          stackNode[top] = u;
          stackNext[top] = reverse ? inStart[u + 1]! - 1 : inStart[u]!;
        } else if (state[u] === 1) {
          // u is on the stack. Each stack entry is an input of the entry below it, so
          // v → stack[top-1] → … → stack[j] = u, and u → v closes the cycle.
          let j = top;
          while (stackNode[j] !== u) j--;
          const cycle = [u];
          for (let k = top; k > j; k--) cycle.push(stackNode[k]!);
          return cycle;
        }
      } else {
        state[v] = 2;
        order[count++] = v;
        top--;
      }
    }
    return null;
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let v = 0; v < n; v++) {
      if (state[v] !== 0) continue;
      if (pass === 0 && outStart[v + 1]! > outStart[v]!) continue;
      const cycle = visit(v);
      if (cycle) return { cycle };
    }
  }
  return { order };
}
