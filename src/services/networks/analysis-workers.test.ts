// Issue #14, analysis on many workers: real `sosa serve` (SOSA_WORKERS=0: it only queues) and real
// `sosa worker` processes on one PostgreSQL database. The job queue exists on PostgreSQL only: on
// the PGlite pass this file is skipped (the embedded store runs analyses in the server's threads,
// tested in analysis-crash.test.ts and the network route tests).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { closeLpWorkerPools, parseScenario, runScenario, type ScenarioResult } from '../../analytics/disruption/index.js';
import { openStore, type Store } from '../../store/database.js';
import { scenarioResultDifferences } from '../../testing/scenario-result-diff.js';
import { killHard, startServerProcess, type ServerProcess } from '../../testing/server-process.js';
import { syntheticResilienceNetwork } from '../../testing/synthetic-resilience.js';
import { createTestDatabaseUrl, TEST_STORE } from '../../testing/test-store.js';
import { startWorkerProcess, stopProcess, type WorkerProcess } from '../../testing/worker-process.js';

const PASSWORD = 'analysis-workers-password';
// 400 nodes, 8 end items: about a hundred rows need their own LPs (the rest a shortcut), in
// chunks of 8 rows. A job active 10 s after it started is taken as its worker's death.
const NETWORK = syntheticResilienceNetwork({ nodes: 400, seed: 7, endItems: 8 });
const SCENARIO = parseScenario({ kind: 'peacetime', name: 'each site out for its time-to-recover' });
const JOB_ENV = { SOSA_CHUNK_ROWS: '8', SOSA_JOB_EXPIRE_SECONDS: '10' };

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs: number, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The same rows as the in-process run: statuses and methods exactly, numbers to solver tolerance. */
function assertSameResult(actual: ScenarioResult, expected: ScenarioResult): void {
  assert.deepEqual(scenarioResultDifferences(actual, expected), []);
}

describe('scenario runs on many `sosa worker` processes (PostgreSQL job queue)', { skip: TEST_STORE !== 'postgres' && 'the job queue is PostgreSQL only (SOSA_TEST_STORE=postgres)' }, () => {
  let pg: Awaited<ReturnType<typeof createTestDatabaseUrl>>;
  let server: ServerProcess;
  let env: Record<string, string>;
  let store: Store;
  const workers: WorkerProcess[] = [];
  let token: string;
  let networkId: string;
  let expected: ScenarioResult;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const startRun = async () => {
    const started = await call('POST', `/networks/${networkId}/analyses`, { kind: 'scenario', scenario: SCENARIO });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    return started.body.id as string;
  };
  const chunks = (analysisId: string) =>
    store.db.selectFrom('network_analysis_chunks').select(['chunk', 'worker', 'tries', 'done_at', 'rows_total']).where('analysis_id', '=', analysisId).orderBy('chunk').execute();
  const readRun = (analysisId: string) => call('GET', `/networks/${networkId}/analyses/${analysisId}`);
  const finished = (analysisId: string) => until('the run ends', async () => {
    const read = await readRun(analysisId);
    return read.body.status !== 'queued' && read.body.status !== 'running' ? read.body : undefined;
  }, 120_000, 200);

  before(async () => {
    pg = await createTestDatabaseUrl();
    env = { DATABASE_URL: pg.url, SOSA_DEMO_PASSWORD: PASSWORD, ...JOB_ENV };
    server = await startServerProcess(['--demo'], { ...env, SOSA_WORKERS: '0' });
    store = await openStore({ databaseUrl: pg.url, poolSize: 2 });
    workers.push(await startWorkerProcess(env), await startWorkerProcess(env));
    const session = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'in.analyst', password: PASSWORD }) });
    token = ((await session.json()) as { token: string }).token;
    const imported = await call('POST', '/networks', { format: 'json', name: 'Synthetic 400', network: NETWORK });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    networkId = imported.body.id;
    expected = await runScenario(NETWORK, SCENARIO, { workers: 1 });
    await closeLpWorkerPools();
    assert.ok(expected.rows.length - expected.stats.shortcutRows >= 40, 'the network leaves enough rows for several chunks');
  });

  after(async () => {
    await Promise.all(workers.map((w) => stopProcess(w.child)));
    if (server) await killHard(server);
    await store?.close();
    await pg?.drop();
  });

  it('a run split across two worker processes gives the in-process result, its progress visible through the API while chunks are worked', { timeout: 180_000 }, async () => {
    const analysisId = await startRun();
    const seen: number[] = [];
    const ended = await until('the run ends', async () => {
      const read = await readRun(analysisId);
      assert.equal(read.status, 200);
      if (read.body.status === 'running') seen.push(read.body.progress);
      return read.body.status !== 'queued' && read.body.status !== 'running' ? read.body : undefined;
    }, 150_000, 100);
    assert.equal(ended.status, 'done', JSON.stringify({ error: ended.error, workers: workers.map((w) => w.output().slice(-3000)) }));
    assertSameResult(ended.result.scenario as ScenarioResult, expected);
    const parts = await chunks(analysisId);
    assert.ok(parts.length >= 5, `${parts.length} chunks`);
    assert.ok(parts.every((c) => c.done_at !== null));
    const by = new Set(parts.map((c) => c.worker));
    assert.equal(by.size, 2, `both workers worked chunks: ${[...by].join(', ')}`);
    // Progress read through the API moved between 0 and 1 while the chunks were worked, never back.
    const between = seen.filter((p) => p > 0 && p < 1);
    assert.ok(new Set(between).size >= 2, `progress seen: ${seen.join(', ')}`);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'progress never goes back');
  });

  it('a worker SIGKILLed mid-chunk loses no result: its chunk is solved again by the other worker after the expiry', { timeout: 180_000 }, async () => {
    const [victim, survivor] = workers as [WorkerProcess, WorkerProcess];
    // The survivor is paused until the victim dies, or it could work every chunk before the victim
    // takes one (a worker that ends a job takes the next at once; the other polls). The victim is
    // frozen before the kill and its chunk read then, so the chunk in hand is the one it dies with.
    survivor.child.kill('SIGSTOP');
    const analysisId = await startRun();
    const held = await until('the victim is frozen holding a chunk', async () => {
      const inHand = (await chunks(analysisId)).find((c) => c.worker?.endsWith(`:${victim.pid}`) && c.done_at === null);
      if (!inHand) return undefined;
      victim.child.kill('SIGSTOP');
      const frozen = (await chunks(analysisId)).find((c) => c.worker?.endsWith(`:${victim.pid}`) && c.done_at === null);
      if (!frozen) victim.child.kill('SIGCONT');
      return frozen;
    }, 120_000, 20);
    await stopProcess(victim.child);
    survivor.child.kill('SIGCONT');
    const ended = await finished(analysisId);
    assert.equal(ended.status, 'done', JSON.stringify({ error: ended.error }));
    assertSameResult(ended.result.scenario as ScenarioResult, expected);
    const retried = (await chunks(analysisId)).find((c) => c.chunk === held.chunk)!;
    assert.ok(retried.done_at !== null);
    assert.ok(retried.tries >= 2, `tries ${retried.tries}`);
    assert.ok(retried.worker?.endsWith(`:${survivor.pid}`), `solved again by ${retried.worker}`);
    workers.splice(0, 1, await startWorkerProcess(env));
  });

  it('a cancel stops the remaining chunks: none is solved after it, and no job of the run is left', { timeout: 180_000 }, async () => {
    const analysisId = await startRun();
    await until('a chunk is solved', async () => (await chunks(analysisId)).some((c) => c.done_at !== null), 120_000, 20);
    const cancelled = await call('POST', `/networks/${networkId}/analyses/${analysisId}/cancel`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    // A chunk in hand stops at its worker's next heartbeat (5 s); the queued ones are not worked.
    await new Promise((r) => setTimeout(r, 7_000));
    const afterCancel = (await chunks(analysisId)).filter((c) => c.done_at !== null).length;
    await until('no job of the run is left in the queue', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where data->>'analysisId' = ${analysisId} and state in ('created', 'retry', 'active')`.execute(store.db);
      return rows[0]?.n === 0;
    }, 60_000, 500);
    await new Promise((r) => setTimeout(r, 2_000));
    const later = await chunks(analysisId);
    assert.equal(later.filter((c) => c.done_at !== null).length, afterCancel, 'no chunk solved after the cancel took effect');
    assert.ok(afterCancel < later.length, `${afterCancel} of ${later.length} chunks solved: the rest were not worked`);
    const read = await readRun(analysisId);
    assert.equal(read.body.status, 'cancelled');
  });
});
