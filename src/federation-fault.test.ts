// Both stores at once: the US instance on PostgreSQL, India's on PGlite.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { F414_BLADES } from './testing/fixtures.js';
import { call, keyAndPeer } from './testing/federated-instances.js';
import { freePort } from './testing/free-port.js';
import { killHard, startServerProcess, type ServerProcess } from './testing/server-process.js';
import { createTestDatabaseUrl, TEST_STORE } from './testing/test-store.js';

// Issue #13, one real-process fault: two sovereign instances (the US on the store under test,
// India on its embedded store), each its own `sosa serve` process, peered as `sosa peer add` does it. India
// is SIGKILLed while the US delivers a burst of changes, then restarted on the same port: both
// converge, every message is applied once, and nothing acknowledged is lost. (The bound is wide
// for a loaded machine: most of the time goes to the embedded stores' first start.)
const PASSWORD = 'federation-fault-password';
const REQUESTS = 6;
const trace = (step: string) => process.env.SOSA_FAULT_TRACE && console.error(`${new Date().toISOString()} ${step}`);

async function login(url: string, username: string): Promise<string> {
  const res = await call(url, null, 'POST', '/session', { username, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

/**
 * Per message about a request (the flow under test), how many times `action` was audited. The
 * demo's working group also crosses, when the scheduler escalates its overdue item at start.
 */
async function auditCount(url: string, token: string, action: string): Promise<Map<string, number>> {
  const perMessage = new Map<string, number>();
  let afterSeq = 0;
  for (;;) {
    const page = await call(url, token, 'GET', `/audit?action=${action}&limit=500&afterSeq=${afterSeq}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    for (const e of page.body.items as Array<{ seq: number; entityType: string; data: { messageId: string } }>) if (e.entityType === 'request' || action === 'federation.message_delivered') perMessage.set(e.data.messageId, (perMessage.get(e.data.messageId) ?? 0) + 1);
    if (!page.body.next) return perMessage;
    afterSeq = page.body.next.afterSeq;
  }
}

describe(`two sovereign instances in real processes converge after the receiver is killed mid-delivery (US on ${TEST_STORE}, India on PGlite)`, () => {
  it('delivers every change once, in order, after India is SIGKILLed and restarted', { timeout: 420_000 }, async (t) => {
    const root = mkdtempSync(join(tmpdir(), 'sosa-federation-fault-'));
    const pg = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    const [usPort, inPort] = [await freePort(), await freePort()];
    const common = { SOSA_DEMO_PASSWORD: PASSWORD, SOSA_FEDERATION_RETRY_MAX_SECONDS: '2', LOG_LEVEL: 'warn' };
    const usEnv = { ...common, SOSA_NATION: 'US', SOSA_KEY_DIR: join(root, 'us-keys'), SOSA_DATA_DIR: join(root, 'us-data'), DATABASE_URL: pg?.url ?? '' };
    const inEnv = { ...common, SOSA_NATION: 'IN', SOSA_KEY_DIR: join(root, 'in-keys'), SOSA_DATA_DIR: join(root, 'in-data'), DATABASE_URL: '' };
    const usArgs = ['--demo', '--port', String(usPort), ...(pg ? [] : ['--data', usEnv.SOSA_DATA_DIR])];
    const inArgs = ['--demo', '--port', String(inPort), '--data', inEnv.SOSA_DATA_DIR];
    let usServer: ServerProcess | null = null;
    let inServer: ServerProcess | null = null;
    try {
      // Keys and peering as `sosa keys generate`, `sosa peer descriptor` and `sosa peer add` do them
      // (src/cli/federation-cli.test.ts runs those commands), in this process to spare four CLI starts.
      await keyAndPeer([
        { nation: 'US', env: usEnv, reachedAt: `http://127.0.0.1:${usPort}`, store: { databaseUrl: pg?.url, dataDir: pg ? undefined : usEnv.SOSA_DATA_DIR } },
        { nation: 'IN', env: inEnv, reachedAt: `http://127.0.0.1:${inPort}`, store: { databaseUrl: undefined, dataDir: inEnv.SOSA_DATA_DIR } },
      ]);
      trace('peered');
      usServer = await startServerProcess(usArgs, usEnv);
      trace('US up');
      inServer = await startServerProcess(inArgs, inEnv);
      trace('IN up');
      const us = usServer.url;
      const [requester, officer] = [await login(us, 'in.sosa'), await login(us, 'us.sosa')];
      const ids: string[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const created = await call(us, requester, 'POST', '/requests', { ...F414_BLADES, title: `Fault test ${i}` });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        ids.push(created.body.id);
      }
      // A burst of steps, each queuing a message to India; India is killed while they cross.
      const steps = ids.map((id) => call(us, officer, 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' }));
      await new Promise((r) => setTimeout(r, 150));
      await killHard(inServer);
      for (const s of await Promise.all(steps)) assert.equal(s.status, 200, JSON.stringify(s.body));
      // Every step was acknowledged to the officer: the US holds its message, whatever India got.
      for (const id of ids) {
        const more = await call(us, officer, 'POST', `/requests/${id}/transitions`, { action: 'forward_for_determination' });
        assert.equal(more.status, 200, JSON.stringify(more.body));
      }
      const pendingWhileDown = await call(us, officer, 'GET', `/requests/${ids.at(-1)}`);
      assert.equal(pendingWhileDown.body.partnerDelivery[0].state, 'pending');

      trace('IN killed, steps done');
      inServer = await startServerProcess(inArgs, inEnv);
      trace('IN restarted');
      const deadline = Date.now() + 120_000;
      let undelivered = ids.length;
      while (Date.now() < deadline) {
        const details = await Promise.all(ids.map((id) => call(us, officer, 'GET', `/requests/${id}`)));
        undelivered = details.filter((d) => d.body.partnerDelivery[0]?.state !== 'delivered' || d.body.partnerDelivery[0].version !== d.body.version).length;
        trace(`undelivered ${undelivered}`);
        if (undelivered === 0) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      assert.equal(undelivered, 0, 'every change reaches India after its restart');

      const sent = await auditCount(us, await login(us, 'us.auditor'), 'federation.message_queued');
      const delivered = await auditCount(us, await login(us, 'us.auditor'), 'federation.message_delivered');
      const received = await auditCount(inServer.url, await login(inServer.url, 'in.auditor'), 'federation.message_received');
      t.diagnostic(`${sent.size} messages sent; India received ${received.size}; the US recorded ${delivered.size} deliveries`);
      assert.equal(sent.size, ids.length * 2);
      assert.deepEqual([...received.keys()].sort(), [...sent.keys()].sort(), 'India applied every message the US queued');
      assert.deepEqual([...received.values()].filter((n) => n !== 1), [], 'and none twice');
      assert.deepEqual([...delivered.values()].filter((n) => n !== 1), [], 'each delivery recorded once on the US side');
    } finally {
      if (inServer) await killHard(inServer);
      if (usServer) await killHard(usServer);
      await pg?.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
