import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { buildNetworkCsr, KIND_END_ITEM, KIND_PART, KIND_SITE, type NetworkCsr } from './network-model.js';
import { networkToCsr } from './network-to-csr.js';
import { generateSyntheticNetwork } from '../../testing/synthetic-network.js';

/** The input groups of node `id` as { part: [sources] }. */
function groupsOf(csr: NetworkCsr, id: string): Record<string, string[]> {
  const v = csr.ids!.indexOf(id);
  const out: Record<string, string[]> = {};
  for (let g = csr.groupStart[v]!; g < csr.groupStart[v + 1]!; g++) {
    const list: string[] = [];
    for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) list.push(csr.ids![csr.sources[s]!]!);
    out[csr.parts![csr.groupPart[g]!]!] = list;
  }
  return out;
}

describe('network CSR (§1: AND over input parts, OR over qualified sources)', () => {
  const csr = networkToCsr({
    nodes: [
      { id: 'A1', kind: 'part', part: 'ALLOY', country: 'NO' },
      { id: 'A2', kind: 'part', part: 'ALLOY', country: 'SE' },
      { id: 'B1', kind: 'site', country: 'US' },
      { id: 'E', kind: 'endItem', country: 'US', programs: ['P1', 'P2'] },
      { id: 'F', kind: 'endItem' },
    ],
    edges: [
      { from: 'A1', to: 'B1', quantity: 2 },
      { from: 'A2', to: 'B1', quantity: 2 },
      { from: 'B1', to: 'E', part: 'BLADE', quantity: 12 },
      { from: 'A1', to: 'E', quantity: 0.5 },
    ],
  });

  test('edges of the same part form one group (OR); different parts are separate groups (AND)', () => {
    assert.deepEqual(groupsOf(csr, 'B1'), { ALLOY: ['A1', 'A2'] });
    assert.deepEqual(groupsOf(csr, 'E'), { BLADE: ['B1'], ALLOY: ['A1'] });
    assert.deepEqual(groupsOf(csr, 'A1'), {});
    assert.equal(csr.groupCount, 3);
  });

  test('quantities and original edge indices travel with each source', () => {
    const e = csr.ids!.indexOf('E');
    const g = csr.groupStart[e]!;
    assert.equal(csr.sourceQuantity[csr.sourceStart[g]!], 12);
    assert.equal(csr.sourceEdge[csr.sourceStart[g]!], 2);
  });

  test('forward adjacency, topological order, kinds, countries and programs', () => {
    const a1 = csr.ids!.indexOf('A1');
    const consumers = [...csr.outTarget.subarray(csr.outStart[a1]!, csr.outStart[a1 + 1]!)].map((v) => csr.ids![v]).sort();
    assert.deepEqual(consumers, ['B1', 'E']);
    for (let g = 0; g < csr.groupCount; g++) {
      for (let s = csr.sourceStart[g]!; s < csr.sourceStart[g + 1]!; s++) {
        assert.ok(csr.topoPosition[csr.sources[s]!]! < csr.topoPosition[csr.groupNode[g]!]!, 'inputs come first');
      }
    }
    assert.deepEqual([...csr.kind], [KIND_PART, KIND_PART, KIND_SITE, KIND_END_ITEM, KIND_END_ITEM]);
    assert.deepEqual(csr.countries, ['NO', 'SE', 'US']);
    assert.equal(csr.country[csr.ids!.indexOf('F')], -1);
    assert.deepEqual(csr.programNames, ['P1', 'P2', 'F']);
    assert.deepEqual([...csr.programStart], [0, 1, 2, 3]);
    assert.deepEqual([...csr.programEndItems].map((v) => csr.ids![v]), ['E', 'E', 'F']);
  });

  test('buildNetworkCsr refuses indices out of range and names a cycle', () => {
    const base = { nodeCount: 3, kind: new Uint8Array(3), edgePart: Int32Array.from([0, 0, 0]), partCount: 1 };
    assert.throws(
      () => buildNetworkCsr({ ...base, edgeFrom: Int32Array.from([0, 1, 5]), edgeTo: Int32Array.from([1, 2, 0]) }),
      (e: unknown) => e instanceof AppError && /edge 2: from 5 is not a node index/.test(e.message),
    );
    assert.throws(
      () => buildNetworkCsr({ ...base, ids: ['X', 'Y', 'Z'], edgeFrom: Int32Array.from([0, 1, 2]), edgeTo: Int32Array.from([1, 2, 0]) }),
      (e: unknown) => e instanceof AppError && /cycle: (X → Y → Z → X|Y → Z → X → Y|Z → X → Y → Z)/.test(e.message),
    );
  });

  test('synthetic networks are seeded and exact in size', () => {
    const a = generateSyntheticNetwork({ nodes: 5000, seed: 3 });
    const b = generateSyntheticNetwork({ nodes: 5000, seed: 3 });
    const c = generateSyntheticNetwork({ nodes: 5000, seed: 4 });
    assert.equal(a.nodeCount, 5000);
    assert.deepEqual(a.edgeFrom, b.edgeFrom);
    assert.notDeepEqual(a.edgeFrom, c.edgeFrom);
    const csr = buildNetworkCsr(a);
    assert.equal(csr.endItems.length, 3);
    assert.equal(csr.programNames.length, 3);
  });
});
