// §2: "a cycle in the BOM is an input error". A mitigation that adds an edge (a second source, a
// new site's supply) must never add one that closes a cycle: a node downstream of the consumer
// qualified as its second source would make the consumer an input of its own input. These
// helpers answer "would it?" on the object model, in O(V + E) per question.
import type { SupplyNetwork } from '../network/network-model.js';

/** Kahn's algorithm over the edges whose ends are known nodes: true when every node can be ordered. */
export function isAcyclic(network: SupplyNetwork): boolean {
  const index = new Map<string, number>();
  network.nodes.forEach((n, i) => index.set(n.id, i));
  const n = network.nodes.length;
  const indegree = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  const pairs: Array<[number, number]> = [];
  for (const e of network.edges) {
    const u = index.get(e.from);
    const v = index.get(e.to);
    if (u === undefined || v === undefined) continue;
    if (u === v) return false;
    pairs.push([u, v]);
    outStart[u + 1]!++;
    indegree[v]!++;
  }
  for (let i = 0; i < n; i++) outStart[i + 1]! += outStart[i]!;
  const fill = outStart.slice(0, n);
  const out = new Int32Array(pairs.length);
  for (const [u, v] of pairs) out[fill[u]!++] = v;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (indegree[v] === 0) queue[tail++] = v;
  while (head < tail) {
    const u = queue[head++]!;
    for (let i = outStart[u]!; i < outStart[u + 1]!; i++) {
      const v = out[i]!;
      if (--indegree[v]! === 0) queue[tail++] = v;
    }
  }
  return tail === n;
}

/**
 * `reaches(a, b)`: does a's output flow (through any chain of consumers) into b? Each start node's
 * downstream set is computed once and kept, so a consumer with many sole-source inputs is walked
 * once. Node indices are those of `network.nodes`.
 */
export function downstreamOracle(network: SupplyNetwork): (from: number, to: number) => boolean {
  const index = new Map<string, number>();
  network.nodes.forEach((n, i) => index.set(n.id, i));
  const consumers: number[][] = network.nodes.map(() => []);
  for (const e of network.edges) {
    const u = index.get(e.from);
    const v = index.get(e.to);
    if (u !== undefined && v !== undefined) consumers[u]!.push(v);
  }
  const cache = new Map<number, Uint8Array>();
  return (from, to) => {
    let seen = cache.get(from);
    if (!seen) {
      seen = new Uint8Array(network.nodes.length);
      const stack = [from];
      seen[from] = 1;
      while (stack.length > 0) {
        for (const v of consumers[stack.pop()!]!) {
          if (!seen[v]) {
            seen[v] = 1;
            stack.push(v);
          }
        }
      }
      cache.set(from, seen);
    }
    return seen[to] === 1;
  };
}
