import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createContext } from '../services/context.js';
import { addPeer, checkPeerDescriptor } from '../services/federation/add-peer.js';
import { exportDescriptor } from '../services/federation/export-descriptor.js';
import { generateSigningKey } from '../services/federation/key-store.js';
import { addDirection } from '../services/reference/arrangement-directions.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { createUser } from '../services/users/users.js';
import { listArrangementIds } from '../store/arrangements.repository.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { freePort } from './free-port.js';
import { killHard, startServerProcess, type ServerProcess } from './server-process.js';
import { createTestDatabaseUrl, fillWithMigratedDatabase } from './test-store.js';

/**
 * A hub and two partners in real `sosa serve` processes (issue #13, "Hub"): the US on PostgreSQL
 * (a database of its own, dropped at close), India and the United Kingdom each on its own embedded
 * data folder and key folder. The US is peered with India (US-IN) and with the UK (US-GB); India
 * and the UK are not peered with each other.
 *
 * Keys and peering are what `sosa keys generate`, `sosa peer descriptor` (the arrangements the
 * instance's nation is party to, as the command lists them) and `sosa peer add` do, run here in
 * the test's process through the same services: one CLI start costs 5–10 s on a loaded 2-core
 * machine and the set-up needs ten (src/cli/federation-cli.test.ts runs the commands themselves).
 *
 * The third arrangement: the reference data seed every instance loads knows the US-GB arrangement
 * but only the US-IN request paths. The UK's path GB→US on the DPAS workflow is added on both
 * instances that take part in it as its operators add it, `sosa arrangement add-direction US-GB GB
 * US` (the command's service, audited), before the servers start. The UK registers its program
 * GB-TYPE26 on its own desk through the API (see the test); the hub learns it from the UK's first
 * request that cites it (`request.submit` describes the program). The UK's
 * first admin is created as `sosa admin create` creates it (the same service, an operator
 * creator); its officers and auditors are then created by that admin through `POST /users`.
 * India and the US start with the demo users (`--demo --no-demo-life`); the UK starts without.
 */
export const HUB_DEMO_PASSWORD = 'federation-hub-demo-password';
export const UK_ADMIN = { username: 'gb.admin', password: 'Type-26-frigate-desk-admin-2026' };
export const UK_MINISTRY = 'MOD Defence Equipment & Support';

export type HubNation = 'US' | 'IN' | 'GB';

interface InstanceSetUp {
  nation: HubNation;
  port: number;
  env: Record<string, string>;
  args: string[];
  /** The embedded data folder (India, the UK), or null for the hub on PostgreSQL. */
  dataDir: string | null;
}

export interface FederatedHub {
  url(nation: HubNation): string;
  process(nation: HubNation): ServerProcess;
  /** The PostgreSQL database of the hub, readable while its server runs. */
  hubDatabaseUrl: string;
  /** SIGKILL, as a crash: nothing is flushed or closed. */
  kill(nation: HubNation): Promise<void>;
  /** Starts the instance again, on the same port, data folder and keys. */
  restart(nation: HubNation): Promise<void>;
  /** SIGTERM and wait for the exit (a graceful stop), so that its data folder can be opened. */
  stop(nation: HubNation): Promise<void>;
  /** Opens the store of a stopped partner, or the hub's database (beside its running server). */
  openStoreOf(nation: HubNation): Promise<Store>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const trace = (step: string) => process.env.SOSA_HUB_TRACE && console.error(`${new Date().toISOString()} ${step}`);

export async function startFederatedHub(): Promise<FederatedHub> {
  const root = mkdtempSync(join(tmpdir(), 'sosa-federated-hub-'));
  const pg = await createTestDatabaseUrl({ migrated: true });
  const common = {
    SOSA_DEMO_PASSWORD: HUB_DEMO_PASSWORD,
    // A peer that is down is retried at most 2 s apart, each attempt given 2 s: bounded test time.
    SOSA_FEDERATION_RETRY_MAX_SECONDS: '2',
    SOSA_FEDERATION_ATTEMPT_TIMEOUT_SECONDS: '2',
    SHUTDOWN_GRACE_SECONDS: '2',
    LOG_LEVEL: 'warn',
  };
  const setUp = async (nation: HubNation): Promise<InstanceSetUp> => {
    const lower = nation.toLowerCase();
    const port = await freePort();
    const dataDir = nation === 'US' ? null : join(root, `${lower}-data`);
    const env = { ...common, SOSA_NATION: nation, SOSA_KEY_DIR: join(root, `${lower}-keys`), SOSA_DATA_DIR: dataDir ?? join(root, 'unused'), DATABASE_URL: nation === 'US' ? pg.url : '' };
    const args = [...(nation === 'GB' ? [] : ['--demo']), '--port', String(port), ...(dataDir ? ['--data', dataDir] : [])];
    return { nation, port, env, args, dataDir };
  };
  const instances = new Map<HubNation, InstanceSetUp>();
  for (const n of ['US', 'IN', 'GB'] as const) instances.set(n, await setUp(n));
  const running = new Map<HubNation, ServerProcess>();
  const at = (nation: HubNation) => instances.get(nation)!;
  const storeOptions = (i: InstanceSetUp) => (i.dataDir ? { dataDir: i.dataDir } : { databaseUrl: pg.url, poolSize: 2 });

  // Idempotent: the test's finally and its after hook may both call it.
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      for (const p of running.values()) await killHard(p);
      running.clear();
      await pg.drop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    })());
  // A test process that ends without closing (killed by its runner) takes its servers with it.
  const killOnExit = () => {
    for (const p of running.values()) p.child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    await configureAndPeer([...instances.values()], storeOptions);
    trace('keyed, configured and peered');
    // At once: a start waits on its store as much as it computes.
    await Promise.all([...instances.values()].map(async (i) => {
      running.set(i.nation, await startServerProcess(i.args, i.env, START_TIMEOUT_MS));
      trace(`${i.nation} up`);
    }));
  } catch (error) {
    await close();
    throw error;
  }
  const processOf = (nation: HubNation) => {
    const p = running.get(nation);
    if (!p) throw new Error(`the ${nation} instance is not running`);
    return p;
  };
  return {
    url: (nation) => processOf(nation).url,
    process: processOf,
    hubDatabaseUrl: pg.url,
    async kill(nation) {
      await killHard(processOf(nation));
      running.delete(nation);
    },
    async restart(nation) {
      const i = at(nation);
      running.set(nation, await startServerProcess(i.args, i.env, START_TIMEOUT_MS));
      trace(`${nation} up again`);
    },
    async stop(nation) {
      const p = processOf(nation);
      running.delete(nation);
      await stopGracefully(p);
    },
    async openStoreOf(nation) {
      if (nation !== 'US' && running.has(nation)) throw new Error(`stop the ${nation} instance first: a running server holds its data folder`);
      return openStore(storeOptions(at(nation)));
    },
    close,
  };
}

/** SIGTERM, then SIGKILL if it has not exited within 20 s. */
async function stopGracefully(p: ServerProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Keys, the third arrangement's reference data and the first UK admin, then the peering, before any server starts. */
async function configureAndPeer(instances: InstanceSetUp[], storeOptions: (i: InstanceSetUp) => Parameters<typeof openStore>[0]): Promise<void> {
  const stores = new Map<HubNation, Store>();
  const descriptors = new Map<HubNation, string>();
  try {
    for (const i of instances) {
      await generateSigningKey(i.env.SOSA_KEY_DIR!, new Date());
      if (i.dataDir) await fillWithMigratedDatabase(i.dataDir);
      const store = await openStore(storeOptions(i));
      stores.set(i.nation, store);
      await migrateToLatest(store.db);
      await seedReferenceData(store.db);
      // The UK's request path to the US (the DPAS workflow), on both instances that take part in it,
      // as `sosa arrangement add-direction US-GB GB US` adds it (the same service, the CLI's operator).
      if (i.nation !== 'IN') await addDirection(store.db, { arrangementId: 'US-GB', fromNation: 'GB', toNation: 'US', workflowId: 'dpas' }, { actor: 'cli', actorId: null, nation: i.nation });
      if (i.nation === 'GB') {
        await createUser(store.db, { kind: 'operator' }, { username: UK_ADMIN.username, displayName: 'UK desk administrator', password: UK_ADMIN.password, roles: ['admin'], organisation: { nation: 'GB', name: UK_MINISTRY, kind: 'ministry' } });
      }
      // `sosa peer descriptor`: the arrangements this nation is party to, as the instance lists them.
      const arrangements = await listArrangementIds(store.db, i.nation);
      descriptors.set(i.nation, (await exportDescriptor({ nation: i.nation, baseUrl: `http://127.0.0.1:${i.port}`, arrangements, keyDir: i.env.SOSA_KEY_DIR!, now: new Date() })).jws);
    }
    // `sosa peer add`: the hub takes each partner's descriptor, each partner the hub's (keeping the arrangement it shares).
    const add = async (on: HubNation, of: HubNation) => {
      const keyDir = instances.find((i) => i.nation === on)!.env.SOSA_KEY_DIR!;
      return addPeer({ ctx: createContext(stores.get(on)!, { ...loadConfig({}), nation: on, keyDir }, createLogger('silent')), checked: await checkPeerDescriptor(descriptors.get(of)!, on) });
    };
    await add('US', 'IN');
    await add('US', 'GB');
    await add('IN', 'US');
    await add('GB', 'US');
  } finally {
    for (const s of stores.values()) await s.close();
  }
}
