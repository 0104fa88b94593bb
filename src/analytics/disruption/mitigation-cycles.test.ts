// §2/§6: a mitigation never closes a cycle in the bill of materials (issue #10 item 6).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NetworkEdge, NetworkNode, SupplyNetwork } from '../network/network-model.js';
import { validateNetwork } from '../network/validate-network.js';
import { DENSE_EDGE_COUNT, denseCycleTrapNetwork } from '../../testing/dense-network-fixture.js';
import { applyMitigation, rankMitigations, runScenario } from './index.js';
import type { MitigationPlan } from './mitigation-types.js';
import { downstreamOracle, isAcyclic } from './mitigation-cycles.js';

const cycles = (network: SupplyNetwork) => validateNetwork(network).filter((i) => i.code === 'CYCLE');

/** Every ranked mitigation alone, and the chosen ones in order, leave the network acyclic. */
function assertPlanAcyclic(network: SupplyNetwork, plan: MitigationPlan): void {
  for (const r of plan.ranked) assert.deepEqual(cycles(applyMitigation(network, r.mitigation)), [], `ranked alone: ${r.description}`);
  let current = network;
  for (const c of plan.chosen) {
    current = applyMitigation(current, c.mitigation);
    assert.deepEqual(cycles(current), [], `after choosing ${c.description}`);
  }
}

describe('mitigations never close a cycle (§2, §6)', () => {
  it('isAcyclic and the downstream oracle agree with the validator on a small case', () => {
    const net: SupplyNetwork = {
      nodes: [{ id: 'a', kind: 'site' }, { id: 'b', kind: 'site' }, { id: 'c', kind: 'endItem', demandPerDay: 1 }],
      edges: [{ from: 'a', to: 'b', quantity: 1 }, { from: 'b', to: 'c', quantity: 1 }],
    };
    assert.equal(isAcyclic(net), true);
    assert.equal(isAcyclic({ ...net, edges: [...net.edges, { from: 'c', to: 'a', quantity: 1 }] }), false);
    const reaches = downstreamOracle(net);
    assert.equal(reaches(0, 2), true, 'a flows into c');
    assert.equal(reaches(2, 0), false);
  });

  it('the dense 400-node / 72,039-edge network: a budgeted armed-conflict run succeeds and its plan stays acyclic', async () => {
    const network = denseCycleTrapNetwork();
    assert.equal(network.nodes.length, 400);
    assert.equal(network.edges.length, DENSE_EDGE_COUNT);
    assert.deepEqual(validateNetwork(network), [], 'the network as imported is valid and acyclic');
    const scenario = { kind: 'armedConflict' as const, name: 'Armed conflict', countriesOfConcern: ['CN'] };
    const result = await runScenario(network, scenario, { workers: 0 });
    assert.ok(result.rows[0]!.lostValue > 0, 'the conflict costs output: there is something to mitigate');
    // The sole-source inputs come first among the candidates (second sources, new sites); they are
    // where a downstream maker of the same part (N10-0 makes T0) could be offered. The rest of the
    // 200 default candidates are buffer sizes, each another 2-second LP run: left out for time.
    const plan = await rankMitigations(network, result, { budget: 1e6, workers: 0, maxCandidates: 6 });
    assert.ok(plan.ranked.length > 0);
    assert.ok(!plan.ranked.some((r) => r.mitigation.type === 'secondSource' && r.mitigation.fromNodeId === 'N10-0'), 'N10-0 is downstream of every tier-1 site: never their second source');
    assertPlanAcyclic(network, plan);
  });

  it('property: random acyclic networks and budgets — every plan leaves the network acyclic and the run succeeds', async () => {
    // Few part names over many nodes, so a part is often made both upstream and downstream of a
    // consumer; one country of concern.
    const arb = fc.record({
      n: fc.integer({ min: 3, max: 9 }),
      parts: fc.integer({ min: 1, max: 3 }),
      seedEdges: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 2, maxLength: 30 }),
      nodeBits: fc.array(fc.record({ part: fc.nat(), country: fc.constantFrom('CN', 'US', 'IN', 'FR'), capacity: fc.integer({ min: 1, max: 50 }), inventory: fc.integer({ min: 0, max: 10 }), ttr: fc.integer({ min: 1, max: 90 }), cost: fc.integer({ min: 1, max: 5000 }) }), { minLength: 9, maxLength: 9 }),
      budget: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 }), fc.constant(1e9)),
      kind: fc.constantFrom('peacetime', 'armedConflict'),
    });
    await fc.assert(
      fc.asyncProperty(arb, async ({ n, parts, seedEdges, nodeBits, budget, kind }) => {
        // Edges only from a lower to a higher index: acyclic by construction. The last node is the end item.
        const nodes: NetworkNode[] = Array.from({ length: n }, (_, i) => {
          const b = nodeBits[i]!;
          const end = i === n - 1;
          return {
            id: `n${i}`,
            kind: end ? 'endItem' : 'site',
            ...(end ? { demandPerDay: 3, unitCost: 10_000 } : { part: `P${b.part % parts}`, unitCost: b.cost }),
            country: b.country,
            capacityPerDay: b.capacity,
            ...(b.inventory ? { inventory: { unit: 'days' as const, amount: b.inventory } } : {}),
            ttrDays: b.ttr,
          };
        });
        const seen = new Set<string>();
        const edges: NetworkEdge[] = [];
        for (const [x, y] of seedEdges) {
          const a = x % n;
          const b = y % n;
          if (a === b) continue;
          const [from, to] = a < b ? [a, b] : [b, a];
          if (seen.has(`${from}>${to}`)) continue;
          seen.add(`${from}>${to}`);
          edges.push({ from: `n${from}`, to: `n${to}`, quantity: 1 });
        }
        // Everyone feeds the end item, so every node is relevant.
        for (let i = 0; i < n - 1; i++) if (!edges.some((e) => e.from === `n${i}`)) edges.push({ from: `n${i}`, to: `n${n - 1}`, quantity: 1 });
        const network: SupplyNetwork = { nodes, edges };
        assert.deepEqual(validateNetwork(network), []);
        const scenario = kind === 'peacetime' ? { kind: 'peacetime' as const, name: 'p', horizonDays: 120 } : { kind: 'armedConflict' as const, name: 'c', horizonDays: 120, countriesOfConcern: ['CN'] };
        const plan = await rankMitigations(network, scenario, { budget, workers: 0, costModel: { secondSourceFixed: 1_000 } });
        assertPlanAcyclic(network, plan);
      }),
      { seed: 20_261_006, numRuns: 60 },
    );
  });
});
