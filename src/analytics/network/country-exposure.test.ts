import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeCountryExposure } from './country-exposure.js';
import { analyzeCriticalNodes } from './critical-nodes.js';
import type { NetworkNode, SupplyNetwork } from './network-model.js';
import { networkToCsr } from './network-to-csr.js';
import { describeInputGroup, findSourcingRisks } from './sourcing-risks.js';

// ENGINE (US) needs BLADE from B1 (US) or B2 (DE) and CASING from C1 (CN) only. B1 takes ALLOY
// from A1 or A2 (both NO); B2 only from A1. SPARE (no country) needs ALLOY from A2 or X (unknown).
const site = (id: string, country?: string, extra: Partial<NetworkNode> = {}): NetworkNode => ({ id, kind: 'site', ...(country ? { country } : {}), ...extra });
const net: SupplyNetwork = {
  nodes: [
    site('A1', 'NO', { part: 'ALLOY' }),
    site('A2', 'NO', { part: 'ALLOY' }),
    site('X', undefined, { part: 'ALLOY' }),
    site('B1', 'US', { part: 'BLADE' }),
    site('B2', 'DE', { part: 'BLADE' }),
    site('C1', 'CN', { part: 'CASING' }),
    site('ENGINE', 'US', { kind: 'endItem', programs: ['JET'] }),
    site('SPARE', 'US', { kind: 'endItem', programs: ['SPARES'] }),
  ],
  edges: [
    { from: 'A1', to: 'B1', quantity: 3 },
    { from: 'A2', to: 'B1', quantity: 3 },
    { from: 'A1', to: 'B2', quantity: 3 },
    { from: 'B1', to: 'ENGINE', quantity: 40 },
    { from: 'B2', to: 'ENGINE', quantity: 40 },
    { from: 'C1', to: 'ENGINE', quantity: 1 },
    { from: 'A2', to: 'SPARE', quantity: 1 },
    { from: 'X', to: 'SPARE', quantity: 1 },
  ],
};
const csr = networkToCsr(net);

describe('sourcing risks (§2 related outputs, §3 concentration)', () => {
  const risks = findSourcingRisks(csr);
  const describe_ = (groups: Int32Array) => [...groups].map((g) => describeInputGroup(csr, g));

  test('sole-source parts: exactly one qualified source', () => {
    assert.deepEqual(describe_(risks.soleSourceGroups), [
      { node: 'B2', part: 'ALLOY', sources: ['A1'] },
      { node: 'ENGINE', part: 'CASING', sources: ['C1'] },
    ]);
  });

  test('single-country parts: all sources in one known country (sole sources included)', () => {
    assert.deepEqual(
      describe_(risks.singleCountryGroups).map((d, i) => [d.node, d.part, csr.countries[risks.singleCountryOf[i]!], risks.distinctSources[risks.singleCountryGroups[i]!]]),
      [
        ['B1', 'ALLOY', 'NO', 2],
        ['B2', 'ALLOY', 'NO', 1],
        ['ENGINE', 'CASING', 'CN', 1],
      ],
    );
    assert.equal(risks.unknownCountryGroups, 1);
  });

  test('concentration index per part: 1 for one country, 0.5 for two equal countries, NaN when unknown', () => {
    const hhi = (node: string, part: string) => {
      for (let g = 0; g < csr.groupCount; g++) {
        const d = describeInputGroup(csr, g);
        if (d.node === node && d.part === part) return risks.groupConcentration[g];
      }
      return undefined;
    };
    assert.equal(hhi('B1', 'ALLOY'), 1);
    assert.equal(hhi('ENGINE', 'BLADE'), 0.5);
    assert.ok(Number.isNaN(hhi('SPARE', 'ALLOY')));
  });
});

describe('country exposure per program (§3)', () => {
  const critical = analyzeCriticalNodes(csr);
  const risks = findSourcingRisks(csr);
  const run = (countriesOfConcern: string[]) => analyzeCountryExposure(csr, critical, { countriesOfConcern }, risks.groupConcentration);

  test('shares of critical and upstream nodes per country', () => {
    const jet = run(['CN']).programs.find((p) => p.program === 'JET')!;
    assert.equal(jet.criticalCount, 2); // ENGINE, C1
    assert.equal(jet.upstreamCount, 6); // ENGINE, B1, B2, C1, A1, A2
    assert.deepEqual(
      jet.byCountry.map((c) => [c.country, c.critical, c.upstream, c.ofConcern]),
      [
        ['US', 1, 2, false], // ties on critical nodes: more upstream nodes first
        ['CN', 1, 1, true],
        ['NO', 0, 2, false],
        ['DE', 0, 1, false],
      ],
    );
    assert.equal(jet.byCountry[0]!.criticalShare, 0.5);
    assert.equal(jet.byCountry[2]!.upstreamShare, 2 / 6);
    assert.deepEqual(jet.ofConcern, { critical: 1, criticalShare: 0.5, upstream: 1, upstreamShare: 1 / 6 });
    assert.equal(jet.meanConcentration, (1 + 1 + 0.5 + 1) / 4);
  });

  test('country-level kill: a country can stop a program although none of its nodes is critical alone', () => {
    const result = run(['NO', 'DE', 'XX']);
    const jet = result.programs.find((p) => p.program === 'JET')!;
    assert.equal(jet.ofConcern.critical, 0);
    assert.deepEqual(jet.producibleWithout, [
      { country: 'NO', producible: false }, // A1 and A2 both out: no alloy for either blade maker
      { country: 'DE', producible: true },
      { country: 'XX', producible: true },
    ]);
    assert.equal(jet.producibleWithoutCountriesOfConcern, false);
    assert.deepEqual(result.countriesOfConcernNotFound, ['XX']);
    const spare = result.programs.find((p) => p.program === 'SPARES')!;
    assert.equal(spare.producibleWithoutCountriesOfConcern, true); // X (no country) still makes alloy
    assert.deepEqual(
      spare.byCountry.map((c) => c.country),
      ['US', 'NO', null],
    );
  });

  test('no countries of concern: everything producible, zero shares', () => {
    const jet = run([]).programs.find((p) => p.program === 'JET')!;
    assert.equal(jet.producibleWithoutCountriesOfConcern, true);
    assert.deepEqual(jet.producibleWithout, []);
    assert.equal(jet.ofConcern.criticalShare, 0);
  });
});
