import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyAuditLog } from './store/audit.repository.js';
import { openStore } from './store/database.js';
import { F414_BLADES } from './testing/fixtures.js';
import { killHard, startServerProcess } from './testing/server-process.js';
import { createTestDatabaseUrl, TEST_STORE } from './testing/test-store.js';

const PASSWORD = 'crash-test-password';
const CYCLES = 3;
const CLIENTS = 6;

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

/** Writes as fast as it can until the server dies; returns the ids the server acknowledged. */
async function writeUntilKilled(url: string, token: string, stop: { now: boolean }, seen: string[]): Promise<string[]> {
  const acknowledged: string[] = [];
  while (!stop.now) {
    try {
      const res = await fetch(`${url}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(F414_BLADES) });
      if (res.status === 201) {
        const { id } = (await res.json()) as { id: string };
        acknowledged.push(id);
        seen.push(id);
      }
      else await res.arrayBuffer();
    } catch {
      return acknowledged; // the connection died with the server: what was not answered was not acknowledged
    }
  }
  return acknowledged;
}

describe(`no acknowledged write is lost when the server is killed (SIGKILL) mid-load, on ${TEST_STORE}`, () => {
  it(`keeps every acknowledged request whole over ${CYCLES} kills, and the audit chain verifies`, { timeout: 240_000 }, async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sosa-crash-'));
    const pg = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    const env: Record<string, string> = { SOSA_DEMO_PASSWORD: PASSWORD, ...(pg ? { DATABASE_URL: pg.url } : {}) };
    const args = ['--demo', ...(pg ? [] : ['--data', dataDir])];
    const acknowledged: string[] = [];
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await startServerProcess(args, env);
        const stop = { now: false };
        let writers: Array<Promise<string[]>> = [];
        try {
          const token = await login(server.url, 'in.sosa');
          const seen: string[] = [];
          writers = Array.from({ length: CLIENTS }, () => writeUntilKilled(server.url, token, stop, seen));
          // Kill mid-load, not mid-startup: wait for the first acknowledged writes (a loaded
          // machine may be slow to warm up), then a random moment later.
          const warmUpUntil = Date.now() + 30_000;
          while (seen.length < 5 && Date.now() < warmUpUntil) await new Promise((r) => setTimeout(r, 50));
          await new Promise((r) => setTimeout(r, 400 + Math.floor(Math.random() * 800)));
        } finally {
          await killHard(server);
        }
        stop.now = true;
        for (const ids of await Promise.all(writers)) acknowledged.push(...ids);
      }
      t.diagnostic(`${acknowledged.length} acknowledged writes over ${CYCLES} kills`);
      assert.ok(acknowledged.length > 10, `the load produced only ${acknowledged.length} acknowledged writes`);

      const server = await startServerProcess(args, env);
      try {
        const token = await login(server.url, 'us.sosa');
        for (const id of acknowledged) {
          const res = await fetch(`${server.url}/api/v1/requests/${id}`, { headers: { authorization: `Bearer ${token}` } });
          assert.equal(res.status, 200, `acknowledged request ${id} is missing after the crashes`);
          const body = (await res.json()) as { items: unknown[]; history: unknown[]; deadlines: unknown[] };
          assert.equal(body.items.length, 1);
          assert.equal(body.history.length, 1);
          assert.equal(body.deadlines.length, 1);
        }
      } finally {
        // A failed check must not leave the server running (it would keep the test process alive).
        await killHard(server);
      }

      const store = await openStore(pg ? { databaseUrl: pg.url } : { dataDir });
      try {
        // The SIGKILLed server's sequencer may not have chained the last acknowledged changes'
        // events: they wait in the queue, and the next sequencer run (the verification's) chains them.
        const verdict = await verifyAuditLog(store.db);
        assert.ok(verdict.ok, JSON.stringify(verdict));
        // Nothing half-written: no request without its line items, history or deadline.
        const orphans = await store.db
          .selectFrom('requests')
          .select('id')
          .where((eb) => eb.or([
            eb.not(eb.exists(eb.selectFrom('request_items').select('line_no').whereRef('request_items.request_id', '=', 'requests.id'))),
            eb.not(eb.exists(eb.selectFrom('request_events').select('id').whereRef('request_events.request_id', '=', 'requests.id'))),
            eb.not(eb.exists(eb.selectFrom('audit_events').select('seq').whereRef('audit_events.entity_id', '=', eb.cast('requests.id', 'text')))),
          ]))
          .execute();
        assert.deepEqual(orphans, []);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await pg?.drop();
    }
  });
});
