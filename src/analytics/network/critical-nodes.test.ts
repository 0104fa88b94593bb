import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bruteForceCriticalNodes } from './brute-force-critical.js';
import { analyzeCriticalNodes, criticalNodesByProgram, criticalNodesOf, killSet } from './critical-nodes.js';
import { buildNetworkCsr, KIND_END_ITEM, KIND_SITE, type NetworkCsr, type NetworkNode, type NodeKind, type SupplyNetwork } from './network-model.js';
import { networkToCsr } from './network-to-csr.js';
import { generateSyntheticNetwork } from '../../testing/synthetic-network.js';

/** nodes: 'ID' or 'ID:kind'; edges: 'FROM>TO' or 'FROM>TO:PART' (default part: FROM's output). */
function network(nodes: string[], edges: string[], extra: Record<string, Partial<NetworkNode>> = {}): SupplyNetwork {
  return {
    nodes: nodes.map((spec) => {
      const [id, kind] = spec.split(':') as [string, NodeKind | undefined];
      return { id, kind: kind ?? 'site', ...extra[id] };
    }),
    edges: edges.map((spec) => {
      const [arc, part] = spec.split(':') as [string, string | undefined];
      const [from, to] = arc.split('>') as [string, string];
      return part === undefined ? { from, to, quantity: 1 } : { from, to, part, quantity: 1 };
    }),
  };
}

/** Critical node ids of end item `id`, sorted. */
function criticalIds(csr: NetworkCsr, id: string): string[] {
  const result = analyzeCriticalNodes(csr);
  const j = [...result.endItems].findIndex((k) => csr.ids![k] === id);
  assert.ok(j >= 0, `${id} is an end item`);
  return [...criticalNodesOf(result, j)].map((x) => csr.ids![x]!).sort();
}

function sameAsBruteForce(csr: NetworkCsr, endItems: Int32Array = csr.endItems): void {
  const fast = analyzeCriticalNodes(csr, { endItems });
  const slow = bruteForceCriticalNodes(csr, endItems);
  assert.deepEqual([...fast.criticalStart], [...slow.criticalStart]);
  assert.deepEqual([...fast.critical], [...slow.critical]);
}

// The engine of §1/§2: ENGINE needs BLADE (from B1 or B2) AND CASING (from C1 only); both blade
// makers need ALLOY, which only A1 makes.
const engine = () =>
  network(['A1', 'B1', 'B2', 'C1', 'ENGINE:endItem'], ['A1>B1:ALLOY', 'A1>B2:ALLOY', 'B1>ENGINE:BLADE', 'B2>ENGINE:BLADE', 'C1>ENGINE:CASING']);

describe('critical nodes: hand-built examples (§2)', () => {
  test('a dual-sourced part is not critical, its sole-sourced input shared by both sources is', () => {
    const csr = networkToCsr(engine());
    assert.deepEqual(criticalIds(csr, 'ENGINE'), ['A1', 'C1', 'ENGINE']);
  });

  test('two sources with independent suppliers: neither they nor their suppliers are critical', () => {
    const net = network(['A1', 'A2', 'B1', 'B2', 'C1', 'ENGINE:endItem'], ['A1>B1:ALLOY', 'A2>B2:ALLOY', 'B1>ENGINE:BLADE', 'B2>ENGINE:BLADE', 'C1>ENGINE:CASING']);
    assert.deepEqual(criticalIds(networkToCsr(net), 'ENGINE'), ['C1', 'ENGINE']);
  });

  test('a source that itself consumes the other source makes that other source critical', () => {
    // BLADE from B1 or B2, but B2 finishes B1's output: losing B1 loses both.
    const net = network(['B1', 'B2', 'ENGINE:endItem'], ['B1>B2:RAW', 'B1>ENGINE:BLADE', 'B2>ENGINE:BLADE']);
    assert.deepEqual(criticalIds(networkToCsr(net), 'ENGINE'), ['B1', 'ENGINE']);
  });

  test('a critical ancestor shared through different paths (AND below OR) is found', () => {
    // B1 needs A1 and X1; B2 needs A1 and X2 — only A1 is common to both blade makers.
    const net = network(
      ['A1', 'X1', 'X2', 'B1', 'B2', 'ENGINE:endItem'],
      ['A1>B1:ALLOY', 'X1>B1:WIRE', 'A1>B2:ALLOY', 'X2>B2:WIRE', 'B1>ENGINE:BLADE', 'B2>ENGINE:BLADE'],
    );
    assert.deepEqual(criticalIds(networkToCsr(net), 'ENGINE'), ['A1', 'ENGINE']);
  });

  test('three-way OR whose sources meet two tiers up', () => {
    const net = network(
      ['R', 'S1', 'S2', 'S3', 'T1', 'T2', 'T3', 'END:endItem'],
      ['R>S1', 'R>S2', 'R>S3', 'S1>T1', 'S2>T2', 'S3>T3', 'T1>END:P', 'T2>END:P', 'T3>END:P'],
    );
    assert.deepEqual(criticalIds(networkToCsr(net), 'END'), ['END', 'R']);
  });

  test('the same supplier for two different input parts is critical when both are sole-sourced', () => {
    const net = network(['M', 'N', 'END:endItem'], ['M>END:BOLT', 'M>END:NUT', 'N>END:NUT']);
    assert.deepEqual(criticalIds(networkToCsr(net), 'END'), ['END', 'M']);
  });

  test('an end item is critical for itself, and an end item consumed by another passes its set on', () => {
    const net = network(['A1', 'B1', 'B2', 'C1', 'ENGINE:endItem', 'KIT:endItem', 'BOX'], [
      'A1>B1:ALLOY',
      'A1>B2:ALLOY',
      'B1>ENGINE:BLADE',
      'B2>ENGINE:BLADE',
      'C1>ENGINE:CASING',
      'ENGINE>KIT',
      'BOX>KIT',
    ]);
    const csr = networkToCsr(net);
    assert.deepEqual(criticalIds(csr, 'KIT'), ['A1', 'BOX', 'C1', 'ENGINE', 'KIT']);
    assert.deepEqual(criticalIds(csr, 'ENGINE'), ['A1', 'C1', 'ENGINE']);
  });

  test('per node: the end items it is critical for', () => {
    const net = network(['A1', 'B1', 'B2', 'C1', 'ENGINE:endItem', 'SPARE:endItem'], ['A1>B1:ALLOY', 'A1>B2:ALLOY', 'B1>ENGINE:BLADE', 'B2>ENGINE:BLADE', 'C1>ENGINE:CASING', 'B1>SPARE']);
    const csr = networkToCsr(net);
    const result = analyzeCriticalNodes(csr);
    const forNode = (id: string) => {
      const x = csr.ids!.indexOf(id);
      return [...result.nodeEndItems.subarray(result.nodeEndItemStart[x]!, result.nodeEndItemStart[x + 1]!)].map((j) => csr.ids![result.endItems[j]!]);
    };
    assert.deepEqual(forNode('A1'), ['ENGINE', 'SPARE']);
    assert.deepEqual(forNode('B1'), ['SPARE']);
    assert.deepEqual(forNode('B2'), []);
    assert.deepEqual(forNode('C1'), ['ENGINE']);
  });

  test('programs: a program fails when any of its end items does (union of kill sets)', () => {
    const net = network(['A', 'B', 'E1:endItem', 'E2:endItem', 'E3:endItem'], ['A>E1', 'B>E2', 'B>E3'], {
      E1: { programs: ['F-35'] },
      E2: { programs: ['F-35', 'Typhoon'] },
      E3: { programs: ['Typhoon'] },
    });
    const csr = networkToCsr(net);
    const programs = criticalNodesByProgram(csr, analyzeCriticalNodes(csr));
    const byName = Object.fromEntries(programs.map((p) => [p.program, [...p.critical].map((x) => csr.ids![x]).sort()]));
    assert.deepEqual(byName, { 'F-35': ['A', 'B', 'E1', 'E2'], Typhoon: ['B', 'E2', 'E3'] });
  });
});

describe('critical nodes: edge cases', () => {
  test('empty network', () => {
    const csr = networkToCsr({ nodes: [], edges: [] });
    const result = analyzeCriticalNodes(csr);
    assert.equal(result.endItems.length, 0);
    assert.deepEqual([...result.criticalStart], [0]);
    assert.equal(result.critical.length, 0);
    assert.equal(bruteForceCriticalNodes(csr).critical.length, 0);
  });

  test('an isolated end item depends only on itself; disconnected parts never kill each other', () => {
    const net = network(['LONE:endItem', 'A', 'B:endItem', 'X', 'Y:endItem', 'ORPHAN'], ['A>B', 'X>Y']);
    const csr = networkToCsr(net);
    assert.deepEqual(criticalIds(csr, 'LONE'), ['LONE']);
    assert.deepEqual(criticalIds(csr, 'B'), ['A', 'B']);
    assert.deepEqual(criticalIds(csr, 'Y'), ['X', 'Y']);
    const result = analyzeCriticalNodes(csr);
    const orphan = csr.ids!.indexOf('ORPHAN');
    assert.equal(result.nodeEndItemStart[orphan + 1]! - result.nodeEndItemStart[orphan]!, 0);
  });

  test('duplicate sources in one group (arrays input) change nothing', () => {
    const csr = buildNetworkCsr({
      nodeCount: 3,
      kind: Uint8Array.from([KIND_SITE, KIND_SITE, KIND_END_ITEM]),
      edgeFrom: Int32Array.from([0, 0, 1]),
      edgeTo: Int32Array.from([2, 2, 2]),
      edgePart: Int32Array.from([0, 0, 1]),
      partCount: 2,
    });
    const result = analyzeCriticalNodes(csr);
    assert.deepEqual([...criticalNodesOf(result, 0)], [0, 1, 2]);
    sameAsBruteForce(csr);
  });

  test('an OR group wider than 31 sources is folded in rounds', () => {
    // 40 makers of P, each needing R (sole source) — R is critical, no maker is; then one maker
    // gets a second qualified source for R and R stays critical (39 still need it alone).
    const ids = ['R', 'R2', ...Array.from({ length: 40 }, (_, i) => `M${i}`), 'END:endItem'];
    const edges = [...Array.from({ length: 40 }, (_, i) => `R>M${i}:RAW`), ...Array.from({ length: 40 }, (_, i) => `M${i}>END:P`)];
    assert.deepEqual(criticalIds(networkToCsr(network(ids, edges)), 'END'), ['END', 'R']);
    assert.deepEqual(criticalIds(networkToCsr(network(ids, [...edges, 'R2>M39:RAW'])), 'END'), ['END']);
    assert.deepEqual(criticalIds(networkToCsr(network(ids, [...edges, 'R2>M7:RAW'])), 'END'), ['END']);
  });

  test('kill sets of any node, not only end items', () => {
    const csr = networkToCsr(engine());
    const { killDag } = analyzeCriticalNodes(csr);
    const names = (v: string) => [...killSet(killDag, csr.ids!.indexOf(v))].map((x) => csr.ids![x]).sort();
    assert.deepEqual(names('B1'), ['A1', 'B1']);
    assert.deepEqual(names('A1'), ['A1']);
  });
});

// Random AND/OR DAGs: node v's 0–3 input groups take sources among nodes < v, half of them among
// the last three (long chains and reconvergence), sometimes repeating a source.
const randomDag = (maxNodes: number, maxSources: number) =>
  fc
    .array(
      fc.array(fc.array(fc.record({ near: fc.boolean(), pick: fc.nat(10_000) }), { minLength: 1, maxLength: maxSources, size: 'max' }), { maxLength: 3 }),
      // size 'max': lengths spread over the whole range (fast-check's default keeps them ≤ ~10).
      { minLength: 0, maxLength: maxNodes, size: 'max' },
    )
    .map((spec) => {
      const from: number[] = [];
      const to: number[] = [];
      const part: number[] = [];
      let parts = 0;
      spec.forEach((groups, v) => {
        if (v === 0) return;
        for (const group of groups) {
          const p = parts++;
          for (const { near, pick } of group) {
            from.push(near ? v - 1 - (pick % Math.min(v, 3)) : pick % v);
            to.push(v);
            part.push(p);
          }
        }
      });
      return { nodeCount: spec.length, from, to, part, parts };
    });

function csrOf(dag: { nodeCount: number; from: number[]; to: number[]; part: number[]; parts: number }, endMask?: boolean[]): NetworkCsr {
  const kind = new Uint8Array(dag.nodeCount).map((_, i) => (endMask === undefined || endMask[i % endMask.length] ? KIND_END_ITEM : KIND_SITE));
  return buildNetworkCsr({
    nodeCount: dag.nodeCount,
    kind,
    edgeFrom: Int32Array.from(dag.from),
    edgeTo: Int32Array.from(dag.to),
    edgePart: Int32Array.from(dag.part),
    partCount: Math.max(1, dag.parts),
  });
}

describe('critical nodes: property-based, equal to the brute force (seeded)', () => {
  const cases: Array<{ name: string; property: fc.IProperty<any>; seed: number; numRuns: number }> = [
    { name: 'small random AND/OR DAGs, every node as an end item', property: fc.property(randomDag(14, 4), (dag) => sameAsBruteForce(csrOf(dag))), seed: 20_250_601, numRuns: 1500 },
    { name: 'medium random AND/OR DAGs, a random subset of end items', property: fc.property(randomDag(70, 3), fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }), (dag, endMask) => sameAsBruteForce(csrOf(dag, endMask))), seed: 7, numRuns: 300 },
    { name: 'wide OR groups (up to 45 sources, several rounds of 31)', property: fc.property(randomDag(60, 45), (dag) => sameAsBruteForce(csrOf(dag))), seed: 99, numRuns: 60 },
  ];
  for (const { name, property, seed, numRuns } of cases) {
    test(name, () => fc.assert(property, { seed, numRuns }));
  }

  test('the kill set of every node, from the kill DAG, equals the brute force', () => {
    fc.assert(
      fc.property(randomDag(30, 3), (dag) => {
        const csr = csrOf(dag);
        const all = Int32Array.from({ length: csr.nodeCount }, (_, i) => i);
        const slow = bruteForceCriticalNodes(csr, all);
        const { killDag } = analyzeCriticalNodes(csr, { endItems: new Int32Array(0) });
        for (let v = 0; v < csr.nodeCount; v++) {
          assert.deepEqual([...killSet(killDag, v)], [...slow.critical.subarray(slow.criticalStart[v]!, slow.criticalStart[v + 1]!)]);
        }
      }),
      { seed: 31_337, numRuns: 400 },
    );
  });

  test('OR-only DAGs (one input part per node): the dominator-tree case, answered by LCA queries', () => {
    const orOnly = fc.array(fc.array(fc.record({ near: fc.boolean(), pick: fc.nat(10_000) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 120, size: 'max' });
    fc.assert(
      fc.property(orOnly, (spec) => {
        const from: number[] = [];
        const to: number[] = [];
        const part: number[] = [];
        spec.forEach((group, v) => {
          if (v === 0) return;
          for (const { near, pick } of group) {
            from.push(near ? v - 1 - (pick % Math.min(v, 2)) : pick % v);
            to.push(v);
            part.push(v);
          }
        });
        const csr = csrOf({ nodeCount: spec.length, from, to, part, parts: spec.length });
        const result = analyzeCriticalNodes(csr);
        assert.equal(result.stats.explorations, 0, 'every intersection is an LCA query');
        sameAsBruteForce(csr);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  test('interleaved chains (a hard case for the position windows) with and without chain ideals', () => {
    for (const privateInputs of [false, true]) {
      // a_i needs a_{i−1} and X from {b_{i−1}, z}; b_i symmetric; with privateInputs each also
      // needs its own raw part (ideals stop being chains). Consumer j: OR {a_i, b_i}.
      const L = 60;
      const nodes = 2 * L + 1 + L + (privateInputs ? 2 * L : 0);
      const from: number[] = [];
      const to: number[] = [];
      const part: number[] = [];
      let parts = 0;
      const z = 2 * L;
      const add = (sources: number[], v: number) => {
        const p = parts++;
        for (const u of sources) {
          from.push(u);
          to.push(v);
          part.push(p);
        }
      };
      for (let i = 1; i < L; i++) {
        add([i - 1], i);
        add([L + i - 1, z], i);
        add([L + i - 1], L + i);
        add([i - 1, z], L + i);
        if (privateInputs) {
          add([3 * L + 1 + i], i);
          add([4 * L + 1 + i], L + i);
        }
      }
      for (let j = 0; j < L; j++) add([j, L + j], 2 * L + 1 + j);
      const kind = new Uint8Array(nodes);
      for (let j = 0; j < L; j++) kind[2 * L + 1 + j] = KIND_END_ITEM;
      const csr = buildNetworkCsr({ nodeCount: nodes, kind, edgeFrom: Int32Array.from(from), edgeTo: Int32Array.from(to), edgePart: Int32Array.from(part), partCount: parts });
      sameAsBruteForce(csr);
    }
  });

  for (const soleSourceShare of [0.1, 0.5, 0.9]) {
    test(`synthetic tiered network, 3,000 nodes, sole-source share ${soleSourceShare}`, () => {
      const csr = buildNetworkCsr(generateSyntheticNetwork({ nodes: 3000, seed: 11, endItems: 12, soleSourceShare }));
      sameAsBruteForce(csr);
    });
  }
});
