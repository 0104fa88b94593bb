import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { addPeer, checkPeerDescriptor } from '../services/federation/add-peer.js';
import { createContext } from '../services/context.js';
import { exportDescriptor } from '../services/federation/export-descriptor.js';
import { generateSigningKey } from '../services/federation/key-store.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { openStore } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { killHard, startServerProcess, type ServerProcess } from './server-process.js';
import { createTestDatabaseUrl, fillWithMigratedDatabase, TEST_STORE } from './test-store.js';
import { freePort } from './free-port.js';

/**
 * Two sovereign instances in real `sosa serve` processes (issue #13): the US on the store under
 * test, India on its embedded store, keyed and peered as `sosa keys generate`, `sosa peer
 * descriptor` and `sosa peer add` do it (src/cli/federation-cli.test.ts runs those commands; here
 * they run in the test's process to spare four CLI starts). The US reaches India through a fault
 * proxy on loopback; India reaches the US directly (its catch-up fetches).
 */
export const FEDERATION_TEST_PASSWORD = 'federation-fault-password';

export interface FederatedPair {
  us: ServerProcess;
  india: ServerProcess;
  /** Between the US's sender and India's inbox. */
  proxy: FaultProxy;
  close(): Promise<void>;
}

export async function startFederatedPair(env: Record<string, string> = {}): Promise<FederatedPair> {
  const root = mkdtempSync(join(tmpdir(), 'sosa-federated-pair-'));
  const pg = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
  const [usPort, inPort] = [await freePort(), await freePort()];
  const proxy = await startFaultProxy(`http://127.0.0.1:${inPort}`);
  const common = { SOSA_DEMO_PASSWORD: FEDERATION_TEST_PASSWORD, SOSA_FEDERATION_RETRY_MAX_SECONDS: '2', LOG_LEVEL: 'warn', ...env };
  const usEnv = { ...common, SOSA_NATION: 'US', SOSA_KEY_DIR: join(root, 'us-keys'), SOSA_DATA_DIR: join(root, 'us-data'), DATABASE_URL: pg?.url ?? '' };
  const inEnv = { ...common, SOSA_NATION: 'IN', SOSA_KEY_DIR: join(root, 'in-keys'), SOSA_DATA_DIR: join(root, 'in-data'), DATABASE_URL: '' };
  let us: ServerProcess | null = null;
  let india: ServerProcess | null = null;
  const close = async () => {
    if (india) await killHard(india);
    if (us) await killHard(us);
    await proxy.close();
    await pg?.drop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const instances = [
      { nation: 'US', env: usEnv, reachedAt: `http://127.0.0.1:${usPort}`, store: { databaseUrl: pg?.url, dataDir: pg ? undefined : usEnv.SOSA_DATA_DIR } },
      { nation: 'IN', env: inEnv, reachedAt: proxy.url, store: { databaseUrl: undefined, dataDir: inEnv.SOSA_DATA_DIR } },
    ];
    await keyAndPeer(instances);
    // One after the other: the first start of an embedded store is heavy, and CI has two cores.
    us = await startServerProcess(['--demo', '--port', String(usPort), ...(pg ? [] : ['--data', usEnv.SOSA_DATA_DIR])], usEnv, 180_000);
    india = await startServerProcess(['--demo', '--port', String(inPort), '--data', inEnv.SOSA_DATA_DIR], inEnv, 180_000);
    return { us, india, proxy, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface InstanceToPeer {
  nation: string;
  env: { SOSA_KEY_DIR: string };
  /** The base URL its peer reaches it at (through a proxy in the link-fault tests). */
  reachedAt: string;
  store: { databaseUrl: string | undefined; dataDir: string | undefined };
}

/** Keys and peering for US-IN as `sosa keys generate`, `sosa peer descriptor` and `sosa peer add` do them, before the processes start. */
export async function keyAndPeer(instances: readonly InstanceToPeer[]): Promise<void> {
  const descriptors = new Map<string, string>();
  for (const i of instances) {
    await generateSigningKey(i.env.SOSA_KEY_DIR, new Date());
    descriptors.set(i.nation, (await exportDescriptor({ nation: i.nation, baseUrl: i.reachedAt, arrangements: ['US-IN'], keyDir: i.env.SOSA_KEY_DIR, now: new Date() })).jws);
  }
  for (const i of instances) {
    if (i.store.dataDir) await fillWithMigratedDatabase(i.store.dataDir);
    const store = await openStore(i.store);
    try {
      await migrateToLatest(store.db);
      await seedReferenceData(store.db);
      const other = i.nation === 'US' ? 'IN' : 'US';
      // The fault tests count the messages their own flows send: nothing made before is shared at
      // peering (share-existing-with-peer.test.ts tests that).
      await addPeer({ ctx: createContext(store, { ...loadConfig({}), nation: i.nation, keyDir: i.env.SOSA_KEY_DIR }, createLogger('silent')), checked: await checkPeerDescriptor(descriptors.get(other)!, i.nation), shareExisting: false });
    } finally {
      await store.close();
    }
  }
}

export async function call(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function login(url: string, username: string): Promise<string> {
  const res = await call(url, null, 'POST', '/session', { username, password: FEDERATION_TEST_PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

/** An instance's audit events of one action, in chain order. */
export async function auditEvents(url: string, token: string, action: string): Promise<Array<{ seq: number; entityType: string; data: Record<string, any> }>> {
  const events: Array<{ seq: number; entityType: string; data: Record<string, any> }> = [];
  let afterSeq = 0;
  for (;;) {
    const page = await call(url, token, 'GET', `/audit?action=${action}&limit=500&afterSeq=${afterSeq}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    events.push(...page.body.items);
    if (!page.body.next) return events;
    afterSeq = page.body.next.afterSeq;
  }
}

/** Polls until `check` holds, at most `ms`; the last value is returned for the assertion. */
export async function waitFor<T>(ms: number, probe: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    value = await probe();
  }
  return value;
}
