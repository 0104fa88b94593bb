// The object model (supply-resilience.md §1) → the CSR the algorithms use, after validation.
import { buildNetworkCsr, edgePart, KIND_CODE, KIND_END_ITEM, type NetworkCsr, type NetworkNode, type SupplyNetwork } from './network-model.js';
import { assertValidNetwork, type ValidateNetworkOptions } from './validate-network.js';

/**
 * Validates (throws VALIDATION_FAILED with every issue) and builds the CSR. Node index i is
 * `network.nodes[i]`, edge index e is `network.edges[e]`; countries and parts are numbered in
 * order of first appearance; programs come from the end items' `programs` (an end item without
 * any is a program of its own, named by its id).
 */
export function networkToCsr(network: SupplyNetwork, options: ValidateNetworkOptions = {}): NetworkCsr {
  assertValidNetwork(network, options);
  const { nodes, edges } = network;
  const n = nodes.length;
  const m = edges.length;
  const indexOf = new Map<string, number>();
  const nodeById = new Map<string, NetworkNode>();
  nodes.forEach((node, i) => {
    indexOf.set(node.id, i);
    nodeById.set(node.id, node);
  });

  const kind = new Uint8Array(n);
  const country = new Int32Array(n).fill(-1);
  const countries: string[] = [];
  const countryIndex = new Map<string, number>();
  const programMembers = new Map<string, number[]>();
  nodes.forEach((node, i) => {
    kind[i] = KIND_CODE[node.kind];
    if (node.country !== undefined && node.country !== '') {
      let c = countryIndex.get(node.country);
      if (c === undefined) {
        c = countries.length;
        countries.push(node.country);
        countryIndex.set(node.country, c);
      }
      country[i] = c;
    }
    if (kind[i] === KIND_END_ITEM) {
      const names = node.programs && node.programs.length > 0 ? node.programs : [node.id];
      for (const name of new Set(names)) {
        const list = programMembers.get(name);
        if (list) list.push(i);
        else programMembers.set(name, [i]);
      }
    }
  });

  const edgeFrom = new Int32Array(m);
  const edgeTo = new Int32Array(m);
  const edgePartIndex = new Int32Array(m);
  const edgeQuantity = new Float64Array(m);
  const parts: string[] = [];
  const partIndex = new Map<string, number>();
  edges.forEach((edge, e) => {
    edgeFrom[e] = indexOf.get(edge.from)!;
    edgeTo[e] = indexOf.get(edge.to)!;
    const part = edgePart(edge, nodeById);
    let p = partIndex.get(part);
    if (p === undefined) {
      p = parts.length;
      parts.push(part);
      partIndex.set(part, p);
    }
    edgePartIndex[e] = p;
    edgeQuantity[e] = edge.quantity;
  });

  const names = [...programMembers.keys()];
  const start = new Int32Array(names.length + 1);
  names.forEach((name, p) => (start[p + 1] = start[p]! + programMembers.get(name)!.length));
  const endItems = Int32Array.from(names.flatMap((name) => programMembers.get(name)!));

  return buildNetworkCsr({
    nodeCount: n,
    kind,
    country,
    countries,
    edgeFrom,
    edgeTo,
    edgePart: edgePartIndex,
    partCount: parts.length,
    edgeQuantity,
    ids: nodes.map((node) => node.id),
    parts,
    programs: { names, start, endItems },
  });
}
