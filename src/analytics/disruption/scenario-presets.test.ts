// §5 scenarios: schema errors name the field, presets map to the right base conditions and rows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
import type { SupplyNetwork } from '../network/network-model.js';
import { applyScenario, parseScenario, runScenario, SCENARIO_PRESETS, SCENARIO_SCHEMA, type ScenarioInput } from './index.js';
import { HAND_NETWORK } from './test-fixtures.js';

function fieldErrors(run: () => unknown): Array<{ field: string; message: string }> {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.errors;
  }
  assert.fail('expected VALIDATION_FAILED');
}

describe('scenario schema and presets (§5)', () => {
  it('every preset template parses and survives a JSON round trip', () => {
    for (const preset of Object.values(SCENARIO_PRESETS)) {
      const parsed = SCENARIO_SCHEMA.parse(preset);
      assert.deepEqual(SCENARIO_SCHEMA.parse(JSON.parse(JSON.stringify(parsed))), parsed);
    }
  });

  it('names the offending field with a precise message', () => {
    assert.deepEqual(
      fieldErrors(() => parseScenario({ kind: 'emergency', name: 'x', surge: { programs: ['Jet'], factor: 5 } })),
      [{ field: 'surge/factor', message: 'an emergency surge is at most ×3' }],
    );
    assert.deepEqual(
      fieldErrors(() => parseScenario({ kind: 'custom', name: 'x', events: [{ type: 'siteOut', nodeIds: ['SA'], days: -1 }] })).map((e) => e.field),
      ['events/0/days'],
    );
    assert.deepEqual(
      fieldErrors(() => parseScenario({ kind: 'peacetime', name: 'x', horizonDays: 0.5 })),
      [{ field: 'horizonDays', message: 'whole days' }],
    );
    assert.equal(fieldErrors(() => parseScenario({ kind: 'war', name: 'x' }))[0]!.field, 'kind');
    assert.equal(fieldErrors(() => parseScenario({ kind: 'peacetime', name: 'x', extra: 1 }))[0]!.field, '(scenario)');
  });

  it('refuses a scenario that names nodes or programs the network lacks, with their position', () => {
    const errors = fieldErrors(() =>
      applyScenario(HAND_NETWORK, {
        kind: 'custom',
        name: 'x',
        events: [
          { type: 'siteOut', nodeIds: ['SA', 'NOPE'], days: 3 },
          { type: 'demandSurge', programs: ['Tank'], factor: 2 },
        ],
      }),
    );
    assert.deepEqual(errors, [
      { field: 'events/0/nodeIds/1', message: "no node 'NOPE' in the network" },
      { field: 'events/1/programs/0', message: "no program 'Tank' in the network" },
    ]);
  });

  it('peacetime: one row per node, each out for its own TTR', () => {
    const applied = applyScenario(HAND_NETWORK, SCENARIO_PRESETS.peacetime);
    assert.deepEqual(
      applied.disruptions.map((d) => [d.id, d.nodes, d.days]),
      [
        ['SA', [0], 'ttr'],
        ['SB1', [1], 'ttr'],
        ['SB2', [2], 'ttr'],
        ['E', [3], 'ttr'],
      ],
    );
    assert.equal(applied.demandFactor.size + applied.capacityFactor.size + applied.removedEdges.size, 0);
  });

  it('emergency: surge on the chosen programs and the region out for 30 days', async () => {
    const scenario: ScenarioInput = { kind: 'emergency', name: 'e', surge: { programs: ['Jet'], factor: 2 }, regionCountries: ['US'] };
    const applied = applyScenario(HAND_NETWORK, scenario);
    assert.deepEqual([...applied.demandFactor], [[3, 2]]);
    assert.deepEqual(applied.disruptions.map((d) => [d.nodes, d.days]), [[[2, 3], 30]]);
    // US out (SB2 and E) with demand 10/day for 30 days and no E stock: TTS 0, 300 short → 300,000.
    const result = await runScenario(HAND_NETWORK, scenario, { workers: 0 });
    assert.equal(result.rows[0]!.tts, 0);
    assert.equal(result.rows[0]!.lostValue, 300_000);
  });

  it('armed conflict: countries of concern out for the horizon, lanes closed, surge; one row for the horizon', async () => {
    const network: SupplyNetwork = {
      ...HAND_NETWORK,
      nodes: HAND_NETWORK.nodes.map((n) => (n.id === 'SB2' ? { ...n, country: 'TW' } : n)),
    };
    const scenario: ScenarioInput = { kind: 'armedConflict', name: 'c', horizonDays: 100, countriesOfConcern: ['TW', 'XX'], closedLanes: ['malacca'], surge: { endItems: ['E'], factor: 1.5 } };
    const applied = applyScenario(network, scenario);
    assert.deepEqual([...applied.capacityFactor], [[2, 0]], 'SB2 (TW) out for the horizon');
    assert.deepEqual([...applied.removedEdges], [1], 'the SB1 → E edge uses the closed lane');
    assert.deepEqual([...applied.demandFactor], [[3, 1.5]]);
    assert.deepEqual(applied.warnings, ["countriesOfConcern: no node of the network is in country 'XX'"]);
    assert.deepEqual(applied.disruptions.map((d) => [d.id, d.nodes, d.days]), [['conflict', [], 100]]);
    // No B at all: TTS 0; E short 7.5/day × 100 days = 750 units → 750,000.
    const result = await runScenario(network, scenario, { workers: 0 });
    assert.equal(result.rows[0]!.tts, 0);
    assert.equal(result.rows[0]!.ttr, 100);
    assert.ok(Math.abs(result.rows[0]!.lostValue - 750_000) < 1e-3);
  });

  it('custom: a fire for N days is a row; an embargo for the horizon is a base condition', () => {
    const applied = applyScenario(HAND_NETWORK, {
      kind: 'custom',
      name: 'x',
      events: [
        { type: 'siteOut', nodeIds: ['SA'], days: 12, label: 'fire at SA' },
        { type: 'countryOut', countries: ['CN'], days: 'horizon' },
        { type: 'capacityScale', nodeIds: ['SB2'], factor: 0.5 },
      ],
    });
    assert.deepEqual(applied.disruptions.map((d) => [d.label, d.nodes, d.days]), [['fire at SA', [0], 12]]);
    assert.deepEqual([...applied.capacityFactor].sort(), [
      [1, 0],
      [2, 0.5],
    ]);
  });
});
