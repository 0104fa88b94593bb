import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from './store/database.js';
import { F414_BLADES } from './testing/fixtures.js';
import { startOwnPostgresCluster, type OwnPostgresCluster } from './testing/own-postgres-cluster.js';
import { killHard, startServerProcess, type ServerProcess } from './testing/server-process.js';
import { TEST_STORE } from './testing/test-store.js';

// A PostgreSQL crash or failover under load, as operations meet it: the database server stops
// with `-m immediate` (no shutdown, connections reset), stays away a few seconds, comes back.
// The test runs its own cluster (initdb on a free port), so it runs only in the PostgreSQL pass.

const PASSWORD = 'outage-test-password';
const CYCLES = 3;
const CLIENTS = 4;
const DOWN_MS = 3_000;
/** No answer may take longer than this, outage or not. */
const ANSWER_BOUND_MS = 15_000;
/** The server must serve writes again within this long after PostgreSQL is back. */
const RECOVERY_BOUND_MS = 30_000;

type Phase = 'up' | 'down' | 'back';
interface Outcome {
  phase: Phase;
  cycle: number;
  status: number | 'network-error' | 'timeout';
  retryAfter: string | null;
  contentType: string | null;
  detail?: string;
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }), signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

const alive = (server: ServerProcess) => server.child.exitCode === null && server.child.signalCode === null;

describe('a PostgreSQL outage under load (its own cluster, crashed with -m immediate and restarted)', { skip: TEST_STORE !== 'postgres' ? 'runs in the PostgreSQL pass (it starts its own PostgreSQL cluster)' : false }, () => {
  let cluster: OwnPostgresCluster | null = null;
  let server: ServerProcess | null = null;

  before(async () => {
    cluster = await startOwnPostgresCluster();
  });
  after(async () => {
    if (server) await killHard(server);
    await cluster?.destroy();
  });

  it(`the server stays up through ${CYCLES} crashes: 503 with Retry-After while the database is away, serving again after, no acknowledged write lost`, { timeout: 300_000 }, async (t) => {
    server = await startServerProcess(['--demo'], {
      DATABASE_URL: cluster!.url,
      SOSA_DEMO_PASSWORD: PASSWORD,
      // The background loops run through the outage too: the scheduler and the mail sender
      // (pointed at a port where no mail server listens) tick every second.
      SCHEDULER_INTERVAL_SECONDS: '1',
      SOSA_MAIL_INTERVAL_SECONDS: '1',
      SOSA_SMTP_URL: 'smtp://127.0.0.1:9',
      LOG_LEVEL: 'warn',
    });
    const url = server.url;
    const token = await login(url, 'in.sosa');
    const state = { phase: 'up' as Phase, cycle: 0, stop: false };
    const outcomes: Outcome[] = [];
    const acknowledged: string[] = [];

    const client = async () => {
      while (!state.stop) {
        const { phase, cycle } = state;
        try {
          const res = await fetch(`${url}/api/v1/requests`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(F414_BLADES),
            signal: AbortSignal.timeout(ANSWER_BOUND_MS),
          });
          const text = await res.text();
          if (res.status === 201) acknowledged.push((JSON.parse(text) as { id: string }).id);
          outcomes.push({ phase, cycle, status: res.status, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type'), ...(res.status === 201 ? {} : { detail: text.slice(0, 300) }) });
          // A client told to come back later waits a little, as a well-behaved one would.
          if (res.status === 503) await new Promise((r) => setTimeout(r, 200));
        } catch (error) {
          const timeout = (error as Error).name === 'TimeoutError';
          outcomes.push({ phase, cycle, status: timeout ? 'timeout' : 'network-error', retryAfter: null, contentType: null, detail: String((error as Error).message) });
          if (!timeout) await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const health = async (path: string) => {
      const res = await fetch(`${url}/api/v1${path}`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) }).catch((error: Error) => {
        assert.ok(alive(server!), `the server process ended (GET ${path}: ${error.message}):\n${server!.output().slice(-3000)}`);
        throw error;
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
    };
    const waitFor = async (what: string, done: () => boolean, boundMs: number) => {
      const until = Date.now() + boundMs;
      while (!done()) {
        assert.ok(alive(server!), `the server process ended ${what}:\n${server!.output().slice(-3000)}`);
        assert.ok(Date.now() < until, `${what}: not within ${boundMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const clients = Array.from({ length: CLIENTS }, client);
    try {
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        state.cycle = cycle;
        state.phase = 'up';
        const before201 = acknowledged.length;
        await waitFor(`before crash ${cycle}: writes acknowledged under load`, () => acknowledged.length >= before201 + 10, RECOVERY_BOUND_MS);

        await cluster!.crash();
        state.phase = 'down';
        const downUntil = Date.now() + DOWN_MS;
        await new Promise((r) => setTimeout(r, 1_000));
        const live = await health('/health');
        const ready = await health('/health/ready');
        await waitFor(`while PostgreSQL is down (crash ${cycle})`, () => Date.now() >= downUntil, DOWN_MS + 1_000);
        assert.equal(live.status, 200, `/health answers while the database is away: ${JSON.stringify(live)}`);
        assert.equal(live.body.database, 'unavailable', JSON.stringify(live));
        assert.equal(ready.status, 503, JSON.stringify(ready));
        assert.ok(ready.retryAfter && Number(ready.retryAfter) > 0, `/health/ready says when to retry: ${JSON.stringify(ready)}`);

        await cluster!.start();
        state.phase = 'back';
        const after201 = acknowledged.length;
        await waitFor(`after restart ${cycle}: writes acknowledged again`, () => acknowledged.length >= after201 + 5, RECOVERY_BOUND_MS);
        const readyAgain = await health('/health/ready');
        assert.equal(readyAgain.status, 200, JSON.stringify(readyAgain));
        assert.equal((await health('/health')).body.database, 'up');
        assert.ok(alive(server), `the server process ended after restart ${cycle}:\n${server.output().slice(-3000)}`);
      }
    } finally {
      state.stop = true;
      await Promise.all(clients);
    }

    const byPhase = (phase: Phase) => outcomes.filter((o) => o.phase === phase);
    const summary = (list: Outcome[]) => {
      const counts = new Map<string, number>();
      for (const o of list) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1);
      return [...counts].map(([s, n]) => `${s}×${n}`).join(', ') || 'none';
    };
    t.diagnostic(`${acknowledged.length} acknowledged writes; up: ${summary(byPhase('up'))}; down: ${summary(byPhase('down'))}; back: ${summary(byPhase('back'))}`);

    // While the database is away the answer is 503 with Retry-After as a problem document: never
    // a 500, a dropped connection or a hang.
    const down = byPhase('down');
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      assert.ok(down.some((o) => o.cycle === cycle && o.status === 503), `crash ${cycle}: no 503 while the database was away (${summary(down.filter((o) => o.cycle === cycle))})`);
    }
    const bad = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    assert.deepEqual(bad, [], 'every answer is 201 or 503');
    for (const o of outcomes.filter((x) => x.status === 503)) {
      assert.ok(o.retryAfter && Number(o.retryAfter) > 0, `503 without Retry-After: ${JSON.stringify(o)}`);
      assert.match(o.contentType ?? '', /application\/problem\+json/);
      assert.match(o.detail ?? '', /"code":"DATABASE_UNAVAILABLE"/);
    }

    // Every acknowledged (201) request is there, whole.
    const store = await openStore({ databaseUrl: cluster!.url, poolSize: 2 });
    try {
      const found = await store.db
        .selectFrom('requests')
        .select('id')
        .where('id', 'in', acknowledged)
        .where((eb) => eb.exists(eb.selectFrom('request_items').select('line_no').whereRef('request_items.request_id', '=', 'requests.id')))
        .where((eb) => eb.exists(eb.selectFrom('deadlines').select('id').whereRef('deadlines.request_id', '=', 'requests.id')))
        .execute();
      const present = new Set(found.map((r) => r.id));
      assert.deepEqual(acknowledged.filter((id) => !present.has(id)), [], 'acknowledged requests missing after the outages');
    } finally {
      await store.close();
    }
  });
});
