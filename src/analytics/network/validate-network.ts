// Checks a supply network (supply-resilience.md §1) before any analysis, with errors that point
// at the node id, the edge index and, for imported files, the row and column. §2: "a cycle in
// the BOM is an input error" — one cycle is named in full.
import { AppError } from '../../domain/errors.js';
import { dfsPostOrder, edgePart, NODE_KINDS, type NetworkEdge, type NetworkNode, type SourceLocation, type SupplyNetwork } from './network-model.js';

export const NETWORK_ISSUE_CODES = [
  'TOO_MANY_NODES',
  'TOO_MANY_EDGES',
  'MISSING_ID',
  'DUPLICATE_ID',
  'UNKNOWN_KIND',
  'DANGLING_REFERENCE',
  'NEGATIVE_VALUE',
  'INVALID_NUMBER',
  'INVALID_PROGRAM',
  'DUPLICATE_EDGE',
  'CYCLE',
  'CSV_FORMAT',
  'MORE_ISSUES',
] as const;
export type NetworkIssueCode = (typeof NETWORK_ISSUE_CODES)[number];

export interface NetworkIssue {
  code: NetworkIssueCode;
  message: string;
  /** 'nodes/3/capacityPerDay', 'edges/12/to', … */
  field: string;
  nodeId?: string;
  nodeIndex?: number;
  edgeIndex?: number;
  /** From the imported file, when the node or edge carries its SourceLocation. */
  row?: number;
  column?: number;
  columnName?: string;
  /** CYCLE: the nodes in consumption order (the last one consumes the first one's output). */
  cycle?: string[];
  /** CYCLE: the edge indices along the cycle, cycleEdges[i] = cycle[i] → cycle[i+1]. */
  cycleEdges?: number[];
}

export interface ValidateNetworkOptions {
  /** Refused above this many nodes (default 2,000,000). */
  maxNodes?: number;
  /** Refused above this many edges (default 20,000,000). */
  maxEdges?: number;
  /** Issues listed before the rest are counted in one MORE_ISSUES entry (default 100). */
  maxIssues?: number;
}

export const DEFAULT_MAX_NODES = 2_000_000;
export const DEFAULT_MAX_EDGES = 20_000_000;

const NODE_NUMBERS = ['capacityPerDay', 'leadTimeDays', 'ttrDays', 'unitCost', 'demandPerDay'] as const;

function where(location: SourceLocation | undefined): Pick<NetworkIssue, 'row' | 'column' | 'columnName'> {
  if (!location) return {};
  const out: Pick<NetworkIssue, 'row' | 'column' | 'columnName'> = { row: location.row };
  if (location.column !== undefined) out.column = location.column;
  if (location.columnName !== undefined) out.columnName = location.columnName;
  return out;
}

function at(issue: NetworkIssue): string {
  return issue.row === undefined ? '' : ` (row ${issue.row}${issue.column === undefined ? '' : `, column ${issue.column}`})`;
}

/** All problems found, in a stable order (limit, nodes, edges, cycle); empty when valid. */
export function validateNetwork(network: SupplyNetwork, options: ValidateNetworkOptions = {}): NetworkIssue[] {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const maxEdges = options.maxEdges ?? DEFAULT_MAX_EDGES;
  const maxIssues = options.maxIssues ?? 100;
  const { nodes, edges } = network;
  if (nodes.length > maxNodes) {
    return [{ code: 'TOO_MANY_NODES', field: 'nodes', message: `the network has ${nodes.length.toLocaleString('en-US')} nodes; the limit is ${maxNodes.toLocaleString('en-US')} (maxNodes)` }];
  }
  if (edges.length > maxEdges) {
    return [{ code: 'TOO_MANY_EDGES', field: 'edges', message: `the network has ${edges.length.toLocaleString('en-US')} edges; the limit is ${maxEdges.toLocaleString('en-US')} (maxEdges)` }];
  }

  const issues: NetworkIssue[] = [];
  let dropped = 0;
  const add = (issue: NetworkIssue) => {
    if (issues.length < maxIssues) issues.push({ ...issue, message: issue.message + at(issue) });
    else dropped++;
  };

  // Nodes.
  const indexOf = new Map<string, number>();
  const nodeById = new Map<string, NetworkNode>();
  nodes.forEach((node, i) => {
    const loc = where(node.source);
    if (typeof node.id !== 'string' || node.id === '') {
      add({ code: 'MISSING_ID', field: `nodes/${i}/id`, nodeIndex: i, ...loc, message: `node ${i} has no id` });
      return;
    }
    const first = indexOf.get(node.id);
    if (first !== undefined) {
      const firstRow = nodes[first]!.source?.row;
      add({
        code: 'DUPLICATE_ID',
        field: `nodes/${i}/id`,
        nodeId: node.id,
        nodeIndex: i,
        ...loc,
        message: `node id "${node.id}" is used by nodes ${first} and ${i}${firstRow === undefined ? '' : ` (first at row ${firstRow})`}`,
      });
    } else {
      indexOf.set(node.id, i);
      nodeById.set(node.id, node);
    }
    const base = { nodeId: node.id, nodeIndex: i, ...loc };
    if (!(NODE_KINDS as readonly string[]).includes(node.kind)) {
      add({ code: 'UNKNOWN_KIND', field: `nodes/${i}/kind`, ...base, message: `node "${node.id}": kind "${String(node.kind)}" is not one of ${NODE_KINDS.join(', ')}` });
    }
    for (const key of NODE_NUMBERS) checkNonNegative(node[key], `nodes/${i}/${key}`, `node "${node.id}": ${key}`, base, add);
    // Coordinates (issue #15): both or neither, WGS 84 degrees in range.
    if ((node.latitude === undefined) !== (node.longitude === undefined)) {
      const missing = node.latitude === undefined ? 'latitude' : 'longitude';
      add({ code: 'INVALID_NUMBER', field: `nodes/${i}/${missing}`, ...base, message: `node "${node.id}": give both latitude and longitude, or neither (${missing} is missing)` });
    }
    for (const [key, limit] of [['latitude', 90], ['longitude', 180]] as const) {
      const value = node[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) add({ code: 'INVALID_NUMBER', field: `nodes/${i}/${key}`, ...base, message: `node "${node.id}": ${key} ${String(value)} is not between -${limit} and ${limit}` });
    }
    if (node.inventory) checkNonNegative(node.inventory.amount, `nodes/${i}/inventory/amount`, `node "${node.id}": inventory`, base, add);
    if (node.programs !== undefined && (!Array.isArray(node.programs) || node.programs.some((p) => typeof p !== 'string' || p === ''))) {
      add({ code: 'INVALID_PROGRAM', field: `nodes/${i}/programs`, ...base, message: `node "${node.id}": programs must be a list of non-empty names` });
    }
  });

  // Edges.
  const seen = new Map<string, number>();
  const validEdge = new Uint8Array(edges.length);
  edges.forEach((edge, e) => {
    const loc = where(edge.source);
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      if (!indexOf.has(edge[end])) {
        ok = false;
        add({
          code: 'DANGLING_REFERENCE',
          field: `edges/${e}/${end}`,
          edgeIndex: e,
          nodeId: String(edge[end]),
          ...loc,
          message: `edge ${e} (${edge.from} → ${edge.to}): ${end} "${String(edge[end])}" is not a node`,
        });
      }
    }
    const base = { edgeIndex: e, ...loc };
    if (typeof edge.quantity !== 'number' || !Number.isFinite(edge.quantity)) {
      add({ code: 'INVALID_NUMBER', field: `edges/${e}/quantity`, ...base, message: `edge ${e} (${edge.from} → ${edge.to}): quantity ${String(edge.quantity)} is not a finite number` });
    } else if (edge.quantity < 0) {
      add({ code: 'NEGATIVE_VALUE', field: `edges/${e}/quantity`, ...base, message: `edge ${e} (${edge.from} → ${edge.to}): quantity ${edge.quantity} is negative` });
    } else if (edge.quantity === 0) {
      add({ code: 'INVALID_NUMBER', field: `edges/${e}/quantity`, ...base, message: `edge ${e} (${edge.from} → ${edge.to}): quantity is 0; a bill-of-materials input needs a quantity > 0` });
    }
    checkNonNegative(edge.inputInventoryUnits, `edges/${e}/inputInventoryUnits`, `edge ${e} (${edge.from} → ${edge.to}): inputInventoryUnits`, base, add);
    if (!ok) return;
    validEdge[e] = 1;
    const key = `${edge.from}\u0000${edge.to}\u0000${edgePart(edge, nodeById)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      add({
        code: 'DUPLICATE_EDGE',
        field: `edges/${e}`,
        ...base,
        message: `edge ${e} repeats edge ${first}: ${edge.from} → ${edge.to} for part "${edgePart(edge, nodeById)}"`,
      });
    } else seen.set(key, e);
  });

  const cycle = findCycle(nodes.length, edges, indexOf, validEdge);
  if (cycle) {
    const names = cycle.nodes.map((v) => nodes[v]!.id);
    const rows = cycle.edges.map((e) => edges[e]!.source?.row).filter((r): r is number => r !== undefined);
    const first = edges[cycle.edges[0]!]!;
    add({
      code: 'CYCLE',
      field: `edges/${cycle.edges[0]}`,
      edgeIndex: cycle.edges[0]!,
      nodeId: names[0]!,
      ...where(first.source),
      cycle: names,
      cycleEdges: cycle.edges,
      message:
        `the bill of materials has a cycle: ${[...names, names[0]].join(' → ')} (edges ${cycle.edges.join(', ')}` +
        `${rows.length === cycle.edges.length ? `; rows ${rows.join(', ')}` : ''})`,
    });
  }
  if (dropped > 0) issues.push({ code: 'MORE_ISSUES', field: '', message: `… and ${dropped} more issue${dropped === 1 ? '' : 's'}` });
  return issues;
}

function checkNonNegative(
  value: unknown,
  field: string,
  what: string,
  base: Partial<NetworkIssue>,
  add: (issue: NetworkIssue) => void,
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) add({ ...base, code: 'INVALID_NUMBER', field, message: `${what} ${String(value)} is not a finite number` });
  else if (value < 0) add({ ...base, code: 'NEGATIVE_VALUE', field, message: `${what} ${value} is negative` });
}

/** One cycle among the valid edges (nodes in consumption order and the edge of each step), or null. */
function findCycle(
  n: number,
  edges: readonly NetworkEdge[],
  indexOf: ReadonlyMap<string, number>,
  validEdge: Uint8Array,
): { nodes: number[]; edges: number[] } | null {
  let m = 0;
  for (let e = 0; e < edges.length; e++) if (validEdge[e]) m++;
  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const original = new Int32Array(m);
  for (let e = 0, k = 0; e < edges.length; e++) {
    if (!validEdge[e]) continue;
    edgeFrom[k] = indexOf.get(edges[e]!.from)!;
    edgeTo[k] = indexOf.get(edges[e]!.to)!;
    original[k++] = e;
  }
  const inStart = new Int32Array(n + 1);
  const outStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    inStart[edgeTo[k]! + 1]!++;
    outStart[edgeFrom[k]! + 1]!++;
  }
  for (let v = 0; v < n; v++) {
    inStart[v + 1]! += inStart[v]!;
    outStart[v + 1]! += outStart[v]!;
  }
  const inEdge = new Int32Array(m);
  const fill = inStart.slice(0, n);
  for (let k = 0; k < m; k++) inEdge[fill[edgeTo[k]!]!++] = k;
  const result = dfsPostOrder(n, inStart, inEdge, edgeFrom, outStart, false);
  if (!('cycle' in result)) return null;
  const cycle = result.cycle;
  const steps: number[] = [];
  for (let i = 0; i < cycle.length; i++) {
    const a = cycle[i]!;
    const b = cycle[(i + 1) % cycle.length]!;
    for (let j = inStart[b]!; j < inStart[b + 1]!; j++) {
      const k = inEdge[j]!;
      if (edgeFrom[k] === a) {
        steps.push(original[k]!);
        break;
      }
    }
  }
  return { nodes: cycle, edges: steps };
}

/** Throws VALIDATION_FAILED listing every issue (field = the issue's path; extra.issues = all). */
export function assertValidNetwork(network: SupplyNetwork, options: ValidateNetworkOptions = {}): void {
  const issues = validateNetwork(network, options);
  if (issues.length === 0) return;
  throw networkValidationError(issues, `The supply network has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0]!.message}${issues.length > 1 ? ' …' : ''}`);
}

export function networkValidationError(issues: readonly NetworkIssue[], detail: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    detail,
    errors: issues.map((issue) => ({ field: issue.field, message: issue.message })),
    extra: { issues },
  });
}
