// One store: the CLI talks to the server through the API; the API's own tests run on both stores.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sosa } from '../testing/run-sosa-cli.js';
import { WILLEMS_DIR as WILLEMS } from '../testing/willems-fixtures.js';
import { useDemoServer } from '../testing/demo-server.js';

const PASSWORD = 'network-cli-password';

describe('sosa network import and sosa network analyse act through the API as the analyst', () => {
  const server = useDemoServer(PASSWORD);
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sosa-network-cli-'));
    env = { SOSA_TOKEN: await server.token('in.analyst'), SOSA_URL: server.url };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a Willems file with a bad cell naming its row and column, imports the real chain, and prints its structural analysis as JSON', async () => {
    const text = readFileSync(join(WILLEMS, '08.csv'), 'utf8');
    const bad = join(dir, 'bad.csv');
    const lines = text.split('\n');
    lines[50] = lines[50]!.replace(',9.5,', ',-3,');
    writeFileSync(bad, lines.join('\n'));
    const refused = await sosa(['network', 'import', bad], env);
    assert.equal(refused.code, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /rows\/51\/columns\/15: row 51, column 15 \(\/stages\/stage\/@stageTime\): -3 is negative/);

    const good = join(dir, '08.csv');
    writeFileSync(good, text);
    const imported = await sosa(['network', 'import', good, '--name', 'Chain 8 from the CLI'], env);
    assert.equal(imported.code, 0, imported.stderr);
    const id = /: ([0-9a-f-]{36})$/m.exec(imported.stdout)?.[1];
    assert.ok(id, imported.stdout);
    assert.match(imported.stdout, /Imported "Chain 8 from the CLI" \(40 nodes, 48 edges, 2 end items\)/);

    const analysed = await sosa(['network', 'analyse', id!, '--json'], env);
    assert.equal(analysed.code, 0, analysed.stderr);
    const result = JSON.parse(analysed.stdout) as { singlePointsOfFailure: { total: number }; endItems: Array<{ id: string; criticalCount: number }> };
    assert.equal(result.singlePointsOfFailure.total, 38);
    assert.deepEqual(result.endItems.map((e) => e.criticalCount), [33, 33]);

    const table = await sosa(['network', 'analyse', id!], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /Single points of failure: 38; sole-source parts: 48/);
  });

  it('runs a scenario in the background, showing its progress, and prints the result (as JSON with --json)', async () => {
    const list = await fetch(`${server.url}/api/v1/networks`, { headers: { authorization: `Bearer ${env.SOSA_TOKEN}` } });
    const engine = ((await list.json()) as { items: Array<{ id: string; name: string }> }).items.find((n) => n.name === 'F414-INS6 engine co-production')!;
    const run = await sosa(['network', 'analyse', engine.id, '--scenario', 'peacetime'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /progress \d+%/);
    assert.match(run.stdout, /Peacetime: each site out for its time-to-recover: 21 disruptions, horizon 365 days/);
    assert.match(run.stdout, /LCA Tejas Mk2: worst lost units [\d.]+ .* when NdFeB magnets \(CN\) is out/);

    const file = join(dir, 'fire.json');
    writeFileSync(file, JSON.stringify({ kind: 'custom', name: 'Castings plant fire', events: [{ type: 'siteOut', nodeIds: ['Ohio single-crystal castings'], days: 90 }] }));
    const json = await sosa(['network', 'analyse', engine.id, '--scenario', file, '--budget', '500000', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { scenario: { scenario: { name: string }; rows: Array<{ nodeIds: string[]; ttr: number }> }; mitigations: { budget: number } };
    assert.equal(result.scenario.scenario.name, 'Castings plant fire');
    assert.deepEqual(result.scenario.rows.map((r) => [r.nodeIds, r.ttr]), [[['Ohio single-crystal castings'], 90]]);
    assert.equal(result.mitigations.budget, 500000);
  });

  it('says what is wrong with an unknown network and a user who is not an analyst', async () => {
    const missing = await sosa(['network', 'analyse', '00000000-0000-4000-8000-000000000000'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /404/);
    const officer = await server.token('in.sosa');
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify({ nodes: [{ id: 'a', kind: 'endItem' }], edges: [] }));
    const refused = await sosa(['network', 'import', file], { ...env, SOSA_TOKEN: officer });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /403/);
  });
});
