// §4 TTS and PI on networks small enough to compute by hand, plus solver trouble as a row status.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScenario } from './index.js';
import { buildLpNetwork } from './lp-network.js';
import { HAND_NETWORK } from './test-fixtures.js';
import { buildLpForm, loadHighs, PersistentEngine, TextEngine } from './time-to-survive.js';

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-6 * Math.max(1, expected), `${what}: expected ${expected}, got ${actual}`);
};

describe('time-to-survive and performance impact (§4)', () => {
  for (const method of ['fast', 'baseline'] as const) {
    it(`computes the hand example exactly (${method})`, async () => {
      const result = await runScenario(HAND_NETWORK, { kind: 'peacetime', name: 'each site out' }, { method, workers: 0 });
      const row = (id: string) => result.rows.find((r) => r.nodeId === id)!;

      // SA out for 20 days: E can use SA's 50 units of A at 5/day → TTS = 50 / 5 = 10 < TTR 20.
      // PI: over 20 days E needs 100 A and gets 50 → 50 units short × 1,000 = 50,000.
      close(row('SA').tts, 10, 'TTS(SA)');
      assert.equal(row('SA').survives, false);
      close(row('SA').lostValue, 50_000, 'PI(SA)');
      close(row('SA').lostByEndItem.E!, 50, 'lost E units (SA)');

      // SB1 out: SB2 alone makes 6/day ≥ 5 → the network survives the horizon: TTS = ∞, PI = 0.
      assert.equal(row('SB1').tts, null);
      assert.equal(row('SB1').ttsAtLeastHorizon, true);
      assert.equal(row('SB1').survives, true);
      assert.equal(row('SB1').lostValue, 0);

      // SB2 out for 10 days: SB1 makes 3/day of B, no B stock → TTS = 0; 10 × (5 − 3) = 20 short → 20,000.
      close(row('SB2').tts, 0, 'TTS(SB2)');
      close(row('SB2').lostValue, 20_000, 'PI(SB2)');

      // E out for 5 days with no finished stock: TTS 0, 5 × 5 = 25 short → 25,000.
      close(row('E').tts, 0, 'TTS(E)');
      close(row('E').lostValue, 25_000, 'PI(E)');

      // Risk exposure index: PI / worst PI (SA's 50,000).
      close(row('SA').riskExposureIndex, 1, 'REI(SA)');
      close(row('E').riskExposureIndex, 0.5, 'REI(E)');
      close(row('SB2').riskExposureIndex, 0.4, 'REI(SB2)');
      assert.equal(row('SB1').riskExposureIndex, 0);

      const jet = result.programs.find((p) => p.program === 'Jet')!;
      assert.deepEqual(jet.endItems, ['E']);
      assert.equal(jet.worstNodeId, 'SA');
      close(jet.worstLostUnits, 50, 'worst lost units of Jet');
      assert.equal(jet.rowsWithLoss, 3);
      assert.equal(result.baseTts, null, 'nothing out: the network lasts the whole horizon');
      assert.equal(result.stats.errors, 0);
      assert.doesNotThrow(() => JSON.stringify(result));
      assert.deepEqual(JSON.parse(JSON.stringify(result.rows)), result.rows, 'rows are plain JSON');
    });
  }

  it('a second source with enough capacity gives TTS = ∞ without an LP on the fast path', async () => {
    const result = await runScenario(HAND_NETWORK, { kind: 'peacetime', name: 'SB1', nodeIds: ['SB1'] }, { workers: 0 });
    assert.equal(result.rows[0]!.tts, null);
    assert.equal(result.rows[0]!.survives, true);
    assert.equal(result.rows[0]!.method, 'certificate');
    assert.equal(result.stats.ttsLps, 0);
  });

  it('caps TTS at the horizon and generalises the disrupted node to a set', async () => {
    // SA and SB2 out together for 10 days: B only from SB1 at 3/day → TTS 0; E makes 3/day for 10
    // days (A from SA's stock, 30 of its 50 units) → 20 short → 20,000.
    const result = await runScenario(HAND_NETWORK, { kind: 'custom', name: 'pair', horizonDays: 30, events: [{ type: 'siteOut', nodeIds: ['SA', 'SB2'], days: 10 }] }, { workers: 0 });
    const row = result.rows[0]!;
    assert.deepEqual(row.nodeIds, ['SA', 'SB2']);
    close(row.tts, 0, 'TTS');
    close(row.lostValue, 20_000, 'PI');
  });

  it('reports an infeasible LP as the row status, never a throw (both engines)', async () => {
    const lp = buildLpNetwork(HAND_NETWORK);
    lp.inventory[3] = -5; // bad data that validation would refuse: E "owes" 5 units
    const highs = await loadHighs();
    for (const engine of [new TextEngine(highs, buildLpForm(lp, false)), new PersistentEngine(highs, buildLpForm(lp, true))]) {
      // E out: 0 − l ≤ −5 − 5t with l ≤ 5·TTR has no solution.
      const out = engine.solveRow({ nodes: [3], ttr: 5, cap: 365 });
      assert.equal(out.status, 'infeasible');
      assert.equal(out.survives, false);
      assert.equal(out.tts, null);
      // The next row on the same engine still solves.
      const next = engine.solveRow({ nodes: [0], ttr: 20, cap: 365 });
      assert.notEqual(next.status, 'solver_error');
      engine.dispose();
    }
  });
});
