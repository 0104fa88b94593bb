// The fast path (shortcuts + warm-started models + workers) equals the plain per-row LP sweep on
// random networks; cancellation stops the pool; a real Willems (2008) chain with pinned results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWillemsCsv } from '../network/willems-csv.js';
import type { ScenarioInput, ScenarioResult } from './index.js';
import { lpTasksInFlight } from './lp-worker-pool.js';
import { runScenarioImpl, runSequentialSweep } from './run-analysis.js';
import { syntheticResilienceNetwork } from '../../testing/synthetic-resilience.js';
import { withWillemsDefaults } from './willems-defaults.js';
import { willemsChain } from '../../testing/willems-fixtures.js';

const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b)));

function assertSameResults(fast: ScenarioResult, base: ScenarioResult, what: string) {
  assert.equal(fast.rows.length, base.rows.length);
  fast.rows.forEach((f, i) => {
    const b = base.rows[i]!;
    const where = `${what}, row ${f.nodeId} (${f.method})`;
    assert.equal(f.nodeId, b.nodeId);
    assert.equal(f.status, 'optimal', where);
    assert.equal(b.status, 'optimal', where);
    assert.ok(same(f.tts, b.tts), `${where}: TTS ${f.tts} vs baseline ${b.tts}`);
    assert.equal(f.survives, b.survives, `${where}: survives`);
    assert.ok(same(f.lostValue, b.lostValue), `${where}: PI ${f.lostValue} vs baseline ${b.lostValue}`);
    assert.ok(same(f.riskExposureIndex, b.riskExposureIndex), `${where}: REI`);
  });
}

describe('disruption sweep (§4, §5)', () => {
  it('fast path equals the plain per-node LP sweep on random networks (peacetime and conflict sweeps)', async () => {
    let shortcuts = 0;
    let rows = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const nodes = 30 + seed * 7;
      const network = syntheticResilienceNetwork({ nodes, seed, endItems: 2 + (seed % 3), soleSourceShare: 0.3 + 0.1 * (seed % 4), countries: 4 });
      const scenarios: ScenarioInput[] = [
        { kind: 'peacetime', name: 'p', horizonDays: 90 },
        { kind: 'armedConflict', name: 'c', horizonDays: 60, countriesOfConcern: ['C3'], closedLanes: ['lane-A'], surge: { programs: ['P0'], factor: 1.5 }, sweepNodes: true },
      ];
      for (const scenario of scenarios) {
        const fast = await runScenarioImpl(network, scenario, { workers: seed % 2 === 0 ? 2 : 0 });
        const base = await runSequentialSweep(network, scenario);
        assertSameResults(fast, base, `seed ${seed} ${scenario.kind}`);
        shortcuts += fast.stats.shortcutRows;
        rows += fast.rows.length;
      }
    }
    assert.ok(shortcuts > 0 && shortcuts < rows, `the comparison covers both shortcut rows (${shortcuts}) and LP rows (${rows - shortcuts})`);
  });

  it('cancellation mid-run stops its LP tasks and rejects with an AbortError', async () => {
    const network = syntheticResilienceNetwork({ nodes: 1500, seed: 11, endItems: 30 });
    const controller = new AbortController();
    let progressAfterAbort = 0;
    let aborted = false;
    const run = runScenarioImpl(
      network,
      { kind: 'peacetime', name: 'p' },
      {
        workers: 2,
        signal: controller.signal,
        onProgress: ({ done, total }) => {
          if (aborted) progressAfterAbort++;
          else if (done > 0 && done < total && lpTasksInFlight() > 0) {
            aborted = true;
            controller.abort();
          }
        },
      },
    );
    await assert.rejects(run, (error: Error) => error.name === 'AbortError');
    assert.equal(aborted, true, 'aborted mid-run (after some rows, before the last)');
    assert.equal(lpTasksInFlight(), 0, 'no LP task is left running');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(progressAfterAbort, 0, 'no progress after the abort');
  });

  it('an already aborted signal rejects before any work', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(runScenarioImpl(syntheticResilienceNetwork({ nodes: 50, seed: 1 }), { kind: 'peacetime', name: 'p' }, { signal: controller.signal }), { name: 'AbortError' });
  });

  it('Willems chain 01 (real data, documented defaults): pinned results', async () => {
    const chain = parseWillemsCsv(willemsChain(1));
    const network = withWillemsDefaults(chain.network);
    const result = await runScenarioImpl(network, { kind: 'peacetime', name: 'each stage out' }, { workers: 0 });
    const row = (id: string) => result.rows.find((r) => r.nodeId === id)!;
    // Planned flow: Retail 1/2/3 demand 253/45/75; Manuf_0001 feeds R1, R2 → 298/day; Manuf_0002
    // feeds R2, R3 → 120/day; every part feeds both → 418/day. Inventory = @stageTime days of flow.
    // Part_0001 out (stageTime 28 → 11,704 units; TTR = max(30, 56) = 56): the manufacturers' own
    // stock (10 days: 2,980 + 1,200 units of finished goods) plus Part_0001's stock lasts
    // (11,704 + 4,180) / 418 = 38 days < 56.
    assert.ok(same(row('Part_0001').tts, 38), `TTS(Part_0001) = ${row('Part_0001').tts}`);
    assert.equal(row('Part_0001').ttr, 56);
    // PI over 56 days: Retail_0001 (value 65 = 39 + 12 + 5 + 9, the rolled-up stage costs) is
    // served in full with 11,188 of Part_0001's units; the other 516 and Manuf_0002's 1,200
    // finished units serve Retail_0002 (value 127) and Retail_0003 (62): 516×127 + 684×62 =
    // 107,940 delivered of 2,520×127 + 4,200×62 = 580,440 demanded → 472,500 lost.
    assert.ok(same(row('Part_0001').lostValue, 472_500), `PI(Part_0001) = ${row('Part_0001').lostValue}`);
    // Retail stages hold no stock (stageTime 0): out for 30 days loses 30 × demand × value.
    assert.ok(same(row('Retail_0001').lostValue, 30 * 253 * 65));
    assert.equal(row('Retail_0001').tts, 0);
    assert.equal(result.rows.filter((r) => r.survives).length, 0, 'a pure assembly chain has no alternative source: every stage out loses output');
    assert.equal(result.rows.reduce((best, r) => (r.riskExposureIndex > best.riskExposureIndex ? r : best)).riskExposureIndex, 1);
  });
});
