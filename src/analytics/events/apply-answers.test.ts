// One store: pure analytics (no database).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SupplyNetwork } from '../network/network-model.js';
import { applySiteFacts, siteKey, type SiteFact } from './apply-answers.js';

const NET = 'net-1';
const network: SupplyNetwork = {
  nodes: [
    { id: 'A', kind: 'site', capacityPerDay: 2, inventory: { unit: 'days', amount: 5 }, ttrDays: 40 },
    { id: 'B', kind: 'site', capacityPerDay: 1, ttrDays: 20 },
    { id: 'C', kind: 'site' },
    { id: 'K', kind: 'endItem', demandPerDay: 1 },
  ],
  edges: [],
};
const answer = (extra: Partial<NonNullable<SiteFact['answer']>>): SiteFact => ({ answer: { company: 'BPF', answeredAt: '2026-12-04T00:00:00.000Z', affected: true, ...extra } });
const run = (facts: Record<string, SiteFact>, modelled = 30, struck = ['A', 'B', 'C']) =>
  applySiteFacts(network, NET, struck, new Map(Object.entries(facts).map(([id, f]) => [siteKey(NET, id), f])), () => modelled, 3650);

describe("a company's answer replaces the modelled assumption (issue #15)", () => {
  it('nobody answered: every struck node is out for the modelled outage, figures modelled, the network untouched', () => {
    const r = run({});
    assert.deepEqual([r.horizonDays, r.horizonFromAnswer, r.outForHorizon], [30, false, ['A', 'B', 'C']]);
    assert.equal(r.network, network);
    assert.deepEqual(r.assumptions.get('A'), { disrupted: true, disruptedFrom: 'modelled', outageDays: 30, outageFrom: 'modelled', stock: { unit: 'days', amount: 5 }, stockFrom: 'modelled', capacityDuringOutagePerDay: 0, capacityDuringOutageFrom: 'modelled', answer: null, status: null });
  });

  it('a No impact status takes the node out of the disruption, citing the answer that set it', () => {
    const r = run({ A: { ...answer({ affected: false }), status: { status: 'noImpact', setBy: 'in.supplier', setAt: '2026-12-04T00:00:00.000Z', via: 'answer' } } });
    assert.deepEqual(r.outForHorizon, ['B', 'C']);
    assert.deepEqual([r.assumptions.get('A')!.disrupted, r.assumptions.get('A')!.disruptedFrom, r.assumptions.get('A')!.outageDays], [false, 'answer', null]);
  });

  it('a shorter recovery averages the capacity over the window: (a·o + c·(T − o)) / T; stock replaces the inventory in units', () => {
    const r = run({ A: answer({ recoveryDays: 10, stockUnits: 7, alternativeCapacityPerDay: 0.5 }) });
    const a = r.network.nodes.find((n) => n.id === 'A')!;
    // (0.5·10 + 2·20) / 30 = 1.5 units/day over the 30-day window
    assert.deepEqual([a.capacityPerDay, a.inventory], [1.5, { unit: 'units', amount: 7 }]);
    assert.deepEqual(r.outForHorizon, ['B', 'C']);
    const seen = r.assumptions.get('A')!;
    assert.deepEqual([seen.outageDays, seen.outageFrom, seen.stockFrom, seen.capacityDuringOutagePerDay, seen.capacityDuringOutageFrom], [10, 'answer', 'answer', 0.5, 'answer']);
  });

  it('a later recovery lengthens the window; the unanswered nodes stay out only for the modelled days', () => {
    const r = run({ A: answer({ recoveryDays: 60 }) });
    assert.deepEqual([r.horizonDays, r.horizonFromAnswer, r.outForHorizon], [60, true, ['A']]);
    // B: out 30 of 60 days → 1 · 30 / 60 = 0.5/day; C has no capacity limit, so it is unlimited again after day 30.
    assert.equal(r.network.nodes.find((n) => n.id === 'B')!.capacityPerDay, 0.5);
    assert.equal(r.network.nodes.find((n) => n.id === 'C')!.capacityPerDay, undefined);
  });
});
