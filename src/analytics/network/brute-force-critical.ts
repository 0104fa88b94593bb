// The baseline of supply-resilience.md §2: remove each node in turn and re-propagate feasibility
// over the whole network, O(n · (n + m)). Kept as the reference for tests and the benchmark.
import type { NetworkCsr } from './network-model.js';

export interface BruteForceCriticalResult {
  endItems: Int32Array;
  /** Critical nodes of end item j (ascending, itself included): critical[criticalStart[j] .. criticalStart[j+1]). */
  criticalStart: Int32Array;
  critical: Int32Array;
}

/**
 * Which nodes work when the nodes flagged in `removed` are out (§2: a node works iff it is not
 * removed and every input part has a working source), by one pass in topological order.
 */
export function propagateWorking(csr: NetworkCsr, removed: Uint8Array, works = new Uint8Array(csr.nodeCount)): Uint8Array {
  const { topoOrder, groupStart, sourceStart, sources } = csr;
  for (let i = 0; i < csr.nodeCount; i++) {
    const v = topoOrder[i]!;
    let ok = removed[v] === 0;
    for (let g = groupStart[v]!; ok && g < groupStart[v + 1]!; g++) {
      let any = false;
      for (let s = sourceStart[g]!; s < sourceStart[g + 1]!; s++) {
        if (works[sources[s]!] === 1) {
          any = true;
          break;
        }
      }
      ok = any;
    }
    works[v] = ok ? 1 : 0;
  }
  return works;
}

/** For each end item (default csr.endItems), the nodes whose removal alone makes it fail. */
export function bruteForceCriticalNodes(csr: NetworkCsr, endItems: Int32Array = csr.endItems): BruteForceCriticalResult {
  const n = csr.nodeCount;
  const removed = new Uint8Array(n);
  const works = new Uint8Array(n);
  const lists: number[][] = Array.from({ length: endItems.length }, () => []);
  for (let x = 0; x < n; x++) {
    removed[x] = 1;
    propagateWorking(csr, removed, works);
    removed[x] = 0;
    for (let j = 0; j < endItems.length; j++) if (works[endItems[j]!] === 0) lists[j]!.push(x);
  }
  const criticalStart = new Int32Array(endItems.length + 1);
  lists.forEach((list, j) => (criticalStart[j + 1] = criticalStart[j]! + list.length));
  const critical = new Int32Array(criticalStart[endItems.length]!);
  lists.forEach((list, j) => critical.set(list, criticalStart[j]!));
  return { endItems, criticalStart, critical };
}
