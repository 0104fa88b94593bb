import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { bruteForceCriticalNodes } from '../../analytics/network/brute-force-critical.js';
import { networkToCsr } from '../../analytics/network/network-to-csr.js';
import { parseWillemsCsv } from '../../analytics/network/willems-csv.js';
import { failInterruptedAnalyses, INTERRUPTED, recoverAnalysesAtStart, settleRuns } from '../../services/networks/analysis-runner.js';
import { engineNetwork } from '../../services/networks/seed-demo-networks.js';
import { auditActions } from '../../testing/audit-actions.js';
import { userId } from '../../testing/request-builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { willemsChain } from '../../testing/willems-fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

const chain = willemsChain;

async function count(t: TestApp, table: 'supply_networks' | 'network_analyses' | 'network_scenarios'): Promise<number> {
  const row = await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('supply networks: import, read, structural analysis, national access', () => {
  const t = useTestApp({ config: { maxNetworkNodes: 1000 } });
  let inAnalyst: string;
  let usAnalyst: string;
  let willemsId: string;
  let engineId: string;
  before(async () => {
    inAnalyst = await t.login('in.analyst');
    usAnalyst = await t.login('us.analyst');
  });

  it('an analyst imports a JSON model; it is listed for its nation with its counts and audited', async () => {
    const res = await t.call(inAnalyst, 'POST', '/networks', { name: 'Engine (test)', program: 'LCA Tejas Mk2', format: 'json', network: engineNetwork(), countriesOfConcern: ['CN'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual({ nodes: res.body.nodeCount, edges: res.body.edgeCount, ends: res.body.endItemCount }, { nodes: 21, edges: 25, ends: 2 });
    engineId = res.body.id;
    const list = await t.call(inAnalyst, 'GET', '/networks?q=engine (test)');
    assert.deepEqual(list.body.items.map((i: { id: string }) => i.id), [engineId]);
    const detail = await t.call(inAnalyst, 'GET', `/networks/${engineId}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.model.nodes.length, 21);
    assert.deepEqual(detail.body.summary.byKind, { site: 13, part: 6, endItem: 2 });
    assert.deepEqual(detail.body.actions, ['analyse', 'delete']);
    assert.deepEqual(await auditActions(t, 'network.import'), ['network.import']);
  });

  it('imports a real Willems (2008) chain as it is, and also the same model sent as a JSON file text', async () => {
    const res = await t.call(inAnalyst, 'POST', '/networks', { format: 'willems', text: chain(8) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual({ name: res.body.name, nodes: res.body.nodeCount, edges: res.body.edgeCount, ends: res.body.endItemCount }, { name: 'Willems chain 8', nodes: 40, edges: 48, ends: 2 });
    willemsId = res.body.id;
    const asText = await t.call(inAnalyst, 'POST', '/networks', { format: 'json', name: 'Chain 8 as JSON', text: JSON.stringify(parseWillemsCsv(chain(8)).network) });
    assert.equal(asText.status, 201, JSON.stringify(asText.body));
    assert.equal(asText.body.nodeCount, 40);
  });

  it('the structural analysis of Willems chain 8 gives each end item’s critical nodes (equal to brute force) and the single points of failure', async () => {
    const res = await t.call(inAnalyst, 'POST', `/networks/${willemsId}/analyses`, { kind: 'structural' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'done');
    const result = res.body.result;
    // Every Willems arc is a required input with one source (AND only): a demand stage needs all
    // of its 33 upstream stages, each a single point of failure; all 48 inputs are sole-source.
    assert.deepEqual(result.endItems.map((e: { id: string; criticalCount: number }) => [e.id, e.criticalCount]), [['Retail_0001', 33], ['Retail_0002', 33]]);
    assert.equal(result.singlePointsOfFailure.total, 38);
    assert.equal(result.soleSourceParts.total, 48);
    assert.equal(result.singleCountryParts.total, 0);
    assert.ok(result.endItems[0].critical.includes('Dist_0001'));
    // The same sets as removing each stage in turn.
    const csr = networkToCsr(parseWillemsCsv(chain(8)).network);
    const brute = bruteForceCriticalNodes(csr);
    for (let j = 0; j < brute.endItems.length; j++) {
      const expected = Array.from(brute.critical.subarray(brute.criticalStart[j]!, brute.criticalStart[j + 1]!), (v) => csr.ids![v]!).filter((id) => id !== csr.ids![brute.endItems[j]!]).sort();
      assert.deepEqual([...result.endItems[j].critical].sort(), expected);
    }
    const listed = await t.call(inAnalyst, 'GET', `/networks/${willemsId}/analyses`);
    assert.deepEqual(listed.body.items.map((a: { id: string; status: string; result?: unknown }) => [a.id, a.status, a.result]), [[res.body.id, 'done', undefined]]);
    const one = await t.call(await t.login('in.auditor'), 'GET', `/networks/${willemsId}/analyses/${res.body.id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.result.singlePointsOfFailure.total, 38);
    assert.deepEqual(one.body.actions, []);
  });

  it('country exposure names the programs that stop without the countries of concern, and sole-source and single-country parts', async () => {
    const res = await t.call(inAnalyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'structural', countriesOfConcern: ['CN', 'XX'] });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { countryExposure, endItems, singlePointsOfFailure, soleSourceParts } = res.body.result;
    assert.deepEqual(countryExposure.countriesOfConcernNotFound, ['XX']);
    const tejas = countryExposure.programs.find((p: { program: string }) => p.program === 'LCA Tejas Mk2');
    // The magnets for the FADEC's actuator come only from CN: no engine without CN.
    assert.equal(tejas.producibleWithoutCountriesOfConcern, false);
    assert.deepEqual(tejas.producibleWithout, [{ country: 'CN', producible: false }, { country: 'XX', producible: true }]);
    const engine = endItems.find((e: { id: string }) => e.id === 'HAL-Bengaluru engine assembly');
    assert.ok(engine.critical.includes('NdFeB magnets (CN)'));
    assert.ok(engine.critical.includes('Ohio single-crystal castings'));
    // Blades are dual-sourced (US and IN): neither blade maker is critical for the engine.
    assert.ok(!engine.critical.includes('Lynn Turbine blades') && !engine.critical.includes('Bharat Precision blades'));
    // The castings feed both end items.
    assert.equal(singlePointsOfFailure.items.find((s: { id: string }) => s.id === 'Ohio single-crystal castings').endItemCount, 2);
    assert.ok(soleSourceParts.items.some((p: { node: string; source: string }) => p.node === 'Actuator & generator (IN)' && p.source === 'NdFeB magnets (CN)'));
  });

  it('a bad Willems file is refused with each problem’s row and column, and nothing is imported or audited', async () => {
    const lines = chain(8).split('\n');
    lines[2] = lines[2]!.replace('Dist_0001,Manuf_0001', 'Dist_0001,Manuf_9999'); // row 3: arc to no stage
    lines[50] = lines[50]!.replace(',9.5,', ',nine,'); // row 51: a stage time that is not a number
    const before = [await count(t, 'supply_networks'), (await auditActions(t, 'network.import')).length];
    const res = await t.call(inAnalyst, 'POST', '/networks', { format: 'willems', text: lines.join('\n') });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.match(res.body.detail, /Nothing was imported/);
    const at = res.body.issues.map((i: { code: string; row: number; column: number }) => [i.code, i.row, i.column]);
    assert.ok(at.some(([code, row, column]: [string, number, number]) => code === 'INVALID_NUMBER' && row === 51 && column === 15), JSON.stringify(at));
    assert.ok(at.some(([code, row, column]: [string, number, number]) => code === 'DANGLING_REFERENCE' && row === 3 && column === 7), JSON.stringify(at));
    assert.ok(res.body.errors.some((e: { field: string; message: string }) => e.field === 'rows/51/columns/15' && /"nine" is not a number/.test(e.message)));
    assert.deepEqual([await count(t, 'supply_networks'), (await auditActions(t, 'network.import')).length], before);
  });

  it('a bad JSON model names each field; a JSON file that does not parse names its row and column', async () => {
    const net = engineNetwork();
    const broken = { ...net, nodes: [{ ...net.nodes[0]!, kind: 'factory' }, ...net.nodes.slice(1)], edges: [{ ...net.edges[0]!, to: 'Nowhere' }, ...net.edges.slice(1)] };
    const shape = await t.call(inAnalyst, 'POST', '/networks', { network: broken });
    assert.equal(shape.status, 422);
    assert.ok(shape.body.errors.some((e: { field: string }) => e.field === 'network/nodes/0/kind'), JSON.stringify(shape.body.errors));
    const dangling = await t.call(inAnalyst, 'POST', '/networks', { network: { ...net, edges: [{ ...net.edges[0]!, to: 'Nowhere' }, ...net.edges.slice(1)] } });
    assert.equal(dangling.status, 422);
    assert.deepEqual(dangling.body.errors.map((e: { field: string }) => e.field), ['network/edges/0/to']);
    const cycle = await t.call(inAnalyst, 'POST', '/networks', { network: { ...net, edges: [...net.edges, { from: 'HAL-Bengaluru engine assembly', to: 'GE Evendale fan module', quantity: 1 }] } });
    assert.equal(cycle.status, 422);
    assert.match(cycle.body.detail, /cycle/);
    const text = await t.call(inAnalyst, 'POST', '/networks', { text: '{\n  "nodes": [\n    {"id": "a",, }\n  ]\n}' });
    assert.equal(text.status, 422);
    assert.match(text.body.errors[0].message, /row 3, column \d+/);
  });

  it('a network above the configured node limit is refused naming the limit, and nothing is stored', async () => {
    const small = await createTestApp({ config: { maxNetworkNodes: 30, maxNetworkBytes: 64 * 1024 } });
    try {
      const token = await small.login('in.analyst');
      const before = await count(small, 'supply_networks');
      const willems = await small.call(token, 'POST', '/networks', { format: 'willems', text: chain(8) });
      assert.equal(willems.status, 422);
      assert.match(willems.body.detail, /40 nodes; this server's limit is 30 nodes \(NETWORK_MAX_NODES\)/);
      assert.equal(willems.body.limit, 30);
      const nodes = Array.from({ length: 31 }, (_, i) => ({ id: `n${i}`, kind: 'part' }));
      const json = await small.call(token, 'POST', '/networks', { network: { nodes, edges: [] } });
      assert.equal(json.status, 422);
      assert.match(json.body.detail, /31 nodes; this server's limit is 30/);
      // A body above NETWORK_MAX_BYTES is refused before it is read whole.
      const huge = await small.call(token, 'POST', '/networks', { format: 'willems', text: chain(8).repeat(8) });
      assert.equal(huge.status, 413);
      assert.equal(await count(small, 'supply_networks'), before);
    } finally {
      await small.close();
    }
  });

  it('networks are national: another nation gets 404 on every route; other roles get 403', async () => {
    for (const [method, path] of [
      ['GET', `/networks/${engineId}`],
      ['GET', `/networks/${engineId}/analyses`],
      ['DELETE', `/networks/${engineId}`],
    ] as const) {
      assert.equal((await t.call(usAnalyst, method, path)).status, 404, `${method} ${path}`);
    }
    assert.equal((await t.call(usAnalyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'structural' })).status, 404);
    const usList = await t.call(usAnalyst, 'GET', '/networks');
    assert.ok(!usList.body.items.some((i: { id: string }) => i.id === engineId));
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/networks/${engineId}`)).status, 404);
    // Readers of the own nation read; only analysts write.
    const inSosa = await t.login('in.sosa');
    assert.equal((await t.call(inSosa, 'GET', `/networks/${engineId}`)).status, 200);
    assert.equal((await t.call(inSosa, 'POST', '/networks', { network: engineNetwork() })).status, 403);
    assert.equal((await t.call(await t.login('in.auditor'), 'POST', `/networks/${engineId}/analyses`, { kind: 'structural' })).status, 403);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', '/networks')).status, 403);
    assert.equal((await t.call(await t.login('in.admin'), 'GET', `/networks/${engineId}`)).status, 403);
    assert.equal((await t.call(inAnalyst, 'GET', '/networks/not-a-uuid')).status, 404);
    assert.equal((await t.call(inAnalyst, 'GET', `/networks/${engineId}/analyses/${randomUUID()}`)).status, 404);
  });

  it('saves named scenarios for the nation and lists them with the presets; a bad one names its field', async () => {
    const presets = await t.call(inAnalyst, 'GET', '/scenarios');
    assert.deepEqual(presets.body.presets.map((p: { key: string }) => p.key), ['peacetime', 'emergency', 'armedConflict']);
    const scenario = { kind: 'armedConflict', name: 'CN embargo', countriesOfConcern: ['CN'], closedLanes: ['Strait of Malacca'] };
    const saved = await t.call(inAnalyst, 'POST', '/scenarios', { scenario });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal((await t.call(inAnalyst, 'POST', '/scenarios', { scenario })).status, 409);
    const bad = await t.call(inAnalyst, 'POST', '/scenarios', { scenario: { kind: 'emergency', name: 'Too much', surge: { programs: ['X'], factor: 9 } } });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.errors.some((e: { field: string }) => e.field === 'scenario/surge/factor'), JSON.stringify(bad.body.errors));
    assert.deepEqual((await t.call(await t.login('in.auditor'), 'GET', '/scenarios')).body.saved.map((s: { name: string }) => s.name), ['CN embargo']);
    assert.deepEqual((await t.call(usAnalyst, 'GET', '/scenarios')).body.saved, []);
    assert.equal((await t.call(await t.login('in.sosa'), 'POST', '/scenarios', { scenario: { ...scenario, name: 'Other' } })).status, 403);
  });

  it('an analysis left running by a stopped server is marked failed (interrupted), never left running', async () => {
    const analyst = await userId(t, 'in.analyst');
    const stale = randomUUID();
    const fresh = randomUUID();
    const row = (id: string, heartbeat: Date) => ({ id, network_id: engineId, nation: 'IN', kind: 'scenario' as const, scenario: JSON.stringify({ kind: 'peacetime', name: 'p' }), parameters: '{}', status: 'running' as const, progress: 0.4, result: null, error: null, created_by: analyst, started_at: heartbeat, heartbeat_at: heartbeat, finished_at: null });
    await t.ctx.store.db.insertInto('network_analyses').values([row(stale, new Date(Date.now() - 120_000)), row(fresh, new Date())]).execute();
    // Read: the stale one (no heartbeat for two minutes, not running here) is failed as interrupted.
    const read = await t.call(inAnalyst, 'GET', `/networks/${engineId}/analyses/${stale}`);
    assert.deepEqual([read.body.status, read.body.error], ['failed', INTERRUPTED]);
    assert.equal((await t.call(inAnalyst, 'GET', `/networks/${engineId}/analyses/${fresh}`)).body.status, 'running');
    assert.equal(await failInterruptedAnalyses(t.ctx), 0);
    // At the next start on the embedded store (one process per data folder), every live one is.
    const marked = await recoverAnalysesAtStart(t.ctx);
    const after = await t.call(inAnalyst, 'GET', `/networks/${engineId}/analyses/${fresh}`);
    if (t.ctx.store.kind === 'pglite') {
      assert.equal(marked, 1);
      assert.deepEqual([after.body.status, after.body.error], ['failed', INTERRUPTED]);
    } else {
      // On PostgreSQL other instances may be running it: only a stale heartbeat counts.
      assert.equal(marked, 0);
      assert.equal(after.body.status, 'running');
    }
    const cancelled = await t.call(inAnalyst, 'POST', `/networks/${engineId}/analyses/${stale}/cancel`);
    assert.equal(cancelled.status, 409);
  });

  it('an analyst deletes a network of its nation with its analyses; it is audited and gone', async () => {
    const before = await count(t, 'network_analyses');
    const res = await t.call(inAnalyst, 'DELETE', `/networks/${willemsId}`);
    assert.equal(res.status, 204);
    assert.equal((await t.call(inAnalyst, 'GET', `/networks/${willemsId}`)).status, 404);
    assert.equal(await count(t, 'network_analyses'), before - 1);
    assert.deepEqual(await auditActions(t, 'network.delete'), ['network.delete']);
  });
});

describe('supply networks: scenario runs in the background, with progress, cancel and mitigations', () => {
  let t: TestApp;
  let analyst: string;
  let engineId: string;
  let willemsId: string;
  before(async () => {
    t = await createTestApp();
    analyst = await t.login('in.analyst');
    engineId = (await t.call(analyst, 'POST', '/networks', { name: 'Engine (scenarios)', network: engineNetwork(), countriesOfConcern: ['CN'] })).body.id;
    willemsId = (await t.call(analyst, 'POST', '/networks', { format: 'willems', text: chain(8) })).body.id;
  });
  after(async () => {
    await settleRuns(t.ctx);
    await t.close();
  });

  async function waitForEnd(networkId: string, id: string): Promise<{ body: any; seen: Array<{ status: string; progress: number }> }> {
    const seen: Array<{ status: string; progress: number }> = [];
    for (let i = 0; i < 6000; i++) {
      const res = await t.call(analyst, 'GET', `/networks/${networkId}/analyses/${id}`);
      assert.equal(res.status, 200);
      seen.push({ status: res.body.status, progress: res.body.progress });
      if (!['queued', 'running'].includes(res.body.status)) return { body: res.body, seen };
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail('the analysis did not end in 5 minutes');
  }

  it('a preset runs in the background: 202 at once, progress while it runs, then every node’s time-to-survive and the loss per program', async () => {
    const started = Date.now();
    const res = await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', preset: 'peacetime' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.status, 'queued');
    assert.match(res.headers.get('location') ?? '', new RegExp(`/networks/${engineId}/analyses/${res.body.id}$`));
    const { body, seen } = await waitForEnd(engineId, res.body.id);
    assert.equal(body.status, 'done', body.error);
    assert.equal(body.progress, 1);
    // Progress only grows, and is stored while the run goes.
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.progress >= seen[i - 1]!.progress, JSON.stringify(seen));
    if (Date.now() - started > 1500) assert.ok(seen.some((s) => s.status === 'running' && s.progress > 0 && s.progress < 1), JSON.stringify(seen));
    const result = body.result.scenario;
    assert.equal(result.rows.length, 21);
    const magnets = result.rows.find((r: { nodeId: string }) => r.nodeId === 'NdFeB magnets (CN)');
    // §4: 45 days of magnets and a few engines in stock do not cover a 365-day recovery.
    assert.equal(magnets.survives, false);
    assert.ok(magnets.tts < magnets.ttr);
    assert.deepEqual(result.programs.map((p: { program: string }) => p.program).sort(), ['F414 fleet spares', 'LCA Tejas Mk2']);
    assert.equal(body.result.mitigations, null);
    assert.deepEqual(await auditActions(t, 'network.analysis.start'), ['network.analysis.start']);
  });

  it('a run is cancelled at once and stays cancelled; a second cancel is refused', async () => {
    const res = await t.call(analyst, 'POST', `/networks/${willemsId}/analyses`, { kind: 'scenario', preset: 'peacetime' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const cancelled = await t.call(analyst, 'POST', `/networks/${willemsId}/analyses/${res.body.id}/cancel`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'cancelled');
    await settleRuns(t.ctx);
    const after = await t.call(analyst, 'GET', `/networks/${willemsId}/analyses/${res.body.id}`);
    assert.equal(after.body.status, 'cancelled');
    assert.equal(after.body.result, null);
    assert.equal((await t.call(analyst, 'POST', `/networks/${willemsId}/analyses/${res.body.id}/cancel`)).status, 409);
    assert.ok((await auditActions(t, 'network.analysis.cancel')).length === 1);
  });

  it('a saved scenario runs by id; a scenario naming what the network lacks is refused before it is queued', async () => {
    const saved = await t.call(analyst, 'POST', '/scenarios', { scenario: { kind: 'custom', name: 'Magnet works fire', events: [{ type: 'siteOut', nodeIds: ['NdFeB magnets (CN)'], days: 60 }] } });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const run = await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', scenarioId: saved.body.id });
    assert.equal(run.status, 202, JSON.stringify(run.body));
    const { body } = await waitForEnd(engineId, run.body.id);
    assert.equal(body.status, 'done', body.error);
    assert.equal(body.scenario.name, 'Magnet works fire');
    const before = await count(t, 'network_analyses');
    const unknown = await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', scenario: { kind: 'custom', name: 'x', events: [{ type: 'siteOut', nodeIds: ['No such plant'] }] } });
    assert.equal(unknown.status, 422);
    assert.ok(unknown.body.errors.every((e: { field: string }) => e.field.startsWith('scenario/')), JSON.stringify(unknown.body.errors));
    assert.equal((await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario' })).status, 422);
    assert.equal((await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', preset: 'war' })).status, 422);
    assert.equal(await count(t, 'network_analyses'), before);
    assert.equal((await t.call(await t.login('us.analyst'), 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', preset: 'peacetime' })).status, 404);
  });

  it('with a budget the run also ranks mitigations and picks a set within the budget', async () => {
    const scenario = { kind: 'custom', name: 'Magnets cut off for 200 days', events: [{ type: 'siteOut', nodeIds: ['NdFeB magnets (CN)'], days: 200 }] };
    const res = await t.call(analyst, 'POST', `/networks/${engineId}/analyses`, { kind: 'scenario', scenario, budget: 2_000_000 });
    assert.equal(res.status, 202);
    const { body } = await waitForEnd(engineId, res.body.id);
    assert.equal(body.status, 'done', body.error);
    const plan = body.result.mitigations;
    assert.equal(plan.budget, 2_000_000);
    assert.ok(plan.totalCost <= 2_000_000);
    assert.ok(plan.lostValueAfter <= plan.baselineLostValue);
    assert.ok(plan.ranked.length > 0);
  });
});
