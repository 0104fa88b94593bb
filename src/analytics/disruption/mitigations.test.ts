// §6 mitigations: candidates, costs, ranking by lost value avoided per unit cost, budgeted greedy.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import { rankMitigations, runScenario } from './index.js';
import { applyMitigation } from './mitigations.js';
import { MITIGATION_NETWORK } from './test-fixtures.js';

describe('mitigations (§6)', () => {
  it('ranks qualifying the second source of the sole-source part first and picks it under the budget', async () => {
    const scenario = { kind: 'peacetime', name: 'each site out' } as const;
    const result = await runScenario(MITIGATION_NETWORK, scenario, { workers: 0 });
    // SA out for 200 days: E's 50 finished units + SA's 50 units of A last 100 / 5 = 20 days;
    // 1,000 − 100 = 900 E short × 50,000 = 45,000,000. Nothing else loses (SB and E ride out their TTR).
    assert.equal(result.rows.find((r) => r.nodeId === 'SA')!.tts, 20);
    const plan = await rankMitigations(MITIGATION_NETWORK, result, { budget: 300_000 });
    assert.equal(plan.baselineLostValue, 45_000_000);

    // Qualifying SA2 (FR) for E: SA out → SA2 makes 10/day ≥ 5 → nothing lost; cost 250,000 → score 180.
    const first = plan.ranked[0]!;
    assert.deepEqual(first.mitigation, { type: 'secondSource', consumer: 'E', part: 'A', fromNodeId: 'SA2', country: 'FR' });
    assert.equal(first.cost, 250_000);
    assert.equal(first.reduction, 45_000_000);
    assert.equal(first.score, 180);
    // 60 days of buffer at SA: +300 A → 300 more E → 15,000,000 avoided for 20,000 × 5/day × 60 × 0.25 = 1,500,000 → score 10.
    const buffer60 = plan.ranked.find((r) => r.mitigation.type === 'bufferStock' && r.mitigation.nodeId === 'SA' && r.mitigation.days === 60)!;
    assert.equal(buffer60.cost, 1_500_000);
    assert.equal(buffer60.reduction, 15_000_000);
    assert.equal(buffer60.score, 10);

    assert.deepEqual(plan.chosen.map((c) => c.mitigation.type), ['secondSource'], 'the buffers do not fit the 50,000 left');
    assert.equal(plan.totalCost, 250_000);
    assert.equal(plan.lostValueAfter, 0);
    assert.doesNotThrow(() => JSON.stringify(plan));
  });

  it('re-evaluates after each pick: with a large budget the buffer at SA adds nothing once SA2 is qualified', async () => {
    const plan = await rankMitigations(MITIGATION_NETWORK, { kind: 'peacetime', name: 'p' }, { budget: 10_000_000 });
    assert.deepEqual(plan.chosen.map((c) => c.mitigation.type), ['secondSource']);
    assert.equal(plan.chosen[0]!.lostValueAfter, 0);
  });

  it('takes at most one buffer size per node: the other sizes are alternatives, not additions', async () => {
    // Without SA2 and with second sources priced out, only buffers at SA can cut the loss; each
    // size cuts part of it, so a greedy that stacked them would take 15, 30 and 60 days together.
    const onlyBuffers = { ...MITIGATION_NETWORK, nodes: MITIGATION_NETWORK.nodes.filter((n) => n.id !== 'SA2'), edges: MITIGATION_NETWORK.edges.filter((e) => e.from !== 'SA2' && e.to !== 'SA2') };
    const plan = await rankMitigations(onlyBuffers, { kind: 'peacetime', name: 'p' }, { budget: 100_000_000, costModel: { secondSourceFixed: 1e12, newSiteCapacityFactor: 1e9, relocateFixed: 1e12 } });
    const buffers = plan.chosen.filter((c) => c.mitigation.type === 'bufferStock');
    assert.ok(buffers.length >= 1, 'a buffer is chosen');
    const nodes = buffers.map((c) => (c.mitigation.type === 'bufferStock' ? c.mitigation.nodeId : ''));
    assert.equal(new Set(nodes).size, nodes.length, `one size per node, got ${JSON.stringify(buffers.map((b) => b.mitigation))}`);
  });

  it('a zero budget chooses nothing but still ranks; a negative budget is refused', async () => {
    const plan = await rankMitigations(MITIGATION_NETWORK, { kind: 'peacetime', name: 'p' }, { budget: 0 });
    assert.equal(plan.chosen.length, 0);
    assert.ok(plan.ranked.length > 0);
    await assert.rejects(rankMitigations(MITIGATION_NETWORK, { kind: 'peacetime', name: 'p' }, { budget: -1 }), (e: unknown) => e instanceof AppError && e.errors[0]!.field === 'budget');
  });

  it('relocation and a new site are offered when a country is out and no other node makes the part', async () => {
    const plan = await rankMitigations(MITIGATION_NETWORK, { kind: 'armedConflict', name: 'c', horizonDays: 60, countriesOfConcern: ['US'] }, { budget: 0, costModel: { safeCountries: ['DE'] } });
    const types = new Set(plan.ranked.map((r) => r.mitigation.type));
    assert.ok(types.has('relocate'), 'SB (US) can be relocated');
    assert.ok(types.has('newSite'), 'no other node makes B: a new site');
    const relocated = applyMitigation(MITIGATION_NETWORK, { type: 'relocate', nodeId: 'SB', toCountry: 'DE' });
    assert.equal(relocated.nodes.find((n) => n.id === 'SB')!.country, 'DE');
    assert.equal(MITIGATION_NETWORK.nodes.find((n) => n.id === 'SB')!.country, 'US', 'pure: the input is unchanged');
  });
});
