// API under concurrent load (DESIGN.md targets, issue #14): the real server in its own process on
// loopback, driven by autocannon one endpoint at a time, on embedded PGlite and on PostgreSQL,
// beside a bare Node + pg endpoint reading one row by primary key (the database's own pace),
// pgbench -S and -N (bench/pgbench-ceiling.ts) and a bare Hono hello-world (the framework's). Every figure is also printed as a ratio to the bare pg
// endpoint, and a write's to pgbench -N too, measured for a few seconds right before that endpoint: the machine is shared and its
// load drifts within a run, so absolute req/s are noisy and only a ratio to a ceiling measured
// beside it compares between runs. Bounded: fixed duration per run, loopback only, every process
// stopped at the end. `--quick`: 3 s per run; `--store=pglite|postgres`: one store only;
// `--no-scale`: without the single-user latency of list, search, overdue, queue and dashboard at
// 10,000, 100,000 and (without --quick) 1,000,000 requests (PostgreSQL, bench/scale-reads.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { killHard, startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { createTestDatabaseUrl } from '../src/testing/test-store.js';
import { openStore, type OpenStoreOptions } from '../src/store/database.js';
import { auditWaitSince } from '../src/store/audit.repository.js';
import type { ScaleRow } from './scale-reads.js';
import { startPgbench, type PgbenchCeiling } from './pgbench-ceiling.js';
import type { StatementCounts } from './statement-count.js';

const quick = process.argv.includes('--quick');
const onlyStore = /^--store=(pglite|postgres)$/.exec(process.argv.find((a) => a.startsWith('--store=')) ?? '')?.[1];
const jsonOut = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const DURATION = quick ? 3 : 10;
const CEILING_DURATION = quick ? 2 : 4;
const CONNECTIONS = 16;
const PASSWORD = 'load-bench-password';

interface Row {
  target: string; endpoint: string; rps: number; p50: number; p99: number; errors: number; non2xx: number;
  /** The bare pg endpoint's req/s measured right before this run. */
  ceiling?: number;
  /** For a write: pgbench -N's tps measured right before this run (issue #14's ceiling of writes). */
  writeCeiling?: number;
}

/** Issue #14: how long the write runs' audit events waited for their chain position (the sequencer's merge delay). */
interface AuditWait { target: string; events: number; maxWaitMs: number; p99WaitMs: number; pending: number }
const auditWaits: AuditWait[] = [];

async function measureAuditWait(target: string, where: OpenStoreOptions, since: Date): Promise<void> {
  const store = await openStore(where);
  try {
    auditWaits.push({ target, ...(await auditWaitSince(store.db, since)) });
  } finally {
    await store.close();
  }
}

async function run(url: string, requests: autocannon.Request[], options: { duration?: number; amount?: number } = {}): Promise<Omit<Row, 'target' | 'endpoint'>> {
  // A run of `amount` requests fewer than the connections (few creates on a loaded machine) uses one connection per request: autocannon refuses more.
  const result = await autocannon({ url, connections: Math.min(CONNECTIONS, options.amount ?? CONNECTIONS), duration: options.duration ?? DURATION, requests, ...(options.amount ? { amount: options.amount } : {}) });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}

/** Cycles through `ids`, each request of the run taking the next one. */
function cycling(ids: readonly string[], path: (id: string) => string): (req: autocannon.Request) => autocannon.Request {
  let next = 0;
  return (req) => ({ ...req, path: path(ids[next++ % ids.length]!) });
}

interface Ceilings { bare(): Promise<number>; writes(): Promise<number | undefined> }

async function measureStore(label: string, args: string[], env: Record<string, string>, where: OpenStoreOptions, ceilings: Ceilings): Promise<Row[]> {
  // A generous start: on the shared machine the embedded store's first start (initdb) may take a minute or more.
  const server: ServerProcess = await startServerProcess(args, { SOSA_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'silent', ...env }, 300_000);
  try {
    const url = server.url;
    const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const inSosa = headers(await login(url, 'in.sosa'));
    const usSosa = headers(await login(url, 'us.sosa'));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/api/v1/requests`, { method: 'POST', headers: inSosa, body: JSON.stringify(F414_BLADES) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const rows: Row[] = [];
    const measure = async (endpoint: string, requests: autocannon.Request[], options: { amount?: number; write?: boolean } = {}) => {
      const writeCeiling = options.write ? await ceilings.writes() : undefined;
      const bare = await ceilings.bare();
      rows.push({ target: label, endpoint, ...(await run(url, requests, options)), ceiling: bare, ...(writeCeiling ? { writeCeiling } : {}) });
    };
    await measure('detail (own nation)', [{ method: 'GET', headers: inSosa, setupRequest: cycling(ids, (id) => `/api/v1/requests/${id}`) }]);
    await measure('detail (other nation)', [{ method: 'GET', headers: usSosa, setupRequest: cycling(ids, (id) => `/api/v1/requests/${id}`) }]);
    await measure('list', [{ method: 'GET', path: '/api/v1/requests?limit=20', headers: inSosa }]);
    await measure('queue', [{ method: 'GET', path: '/api/v1/requests?queue=mine&limit=20', headers: usSosa }]);
    await measure('dashboard', [{ method: 'GET', path: '/api/v1/dashboard', headers: usSosa }]);
    const writeStart = new Date();
    // The create run's requests are the transition run's: each is acknowledged once (a second acknowledge would be a 409).
    const created: string[] = [];
    await measure('create', [{ method: 'POST', path: '/api/v1/requests', headers: inSosa, body: JSON.stringify(F414_BLADES), onResponse: (status, body) => void (status === 201 || status === 200 ? created.push((JSON.parse(body) as { id: string }).id) : undefined) }], { write: true });
    // As many transitions as requests were created (or the duration, whichever ends first).
    if (created.length > 0) await measure('transition', [{ method: 'POST', headers: usSosa, body: JSON.stringify({ action: 'acknowledge' }), setupRequest: cycling(created, (id) => `/api/v1/requests/${id}/transitions`) }], { amount: created.length, write: true });
    // The sequencer chains the last events of the run within its interval.
    await new Promise((r) => setTimeout(r, 1000));
    if (where.databaseUrl) await measureAuditWait(label, where, writeStart);
    else {
      // The embedded data folder opens in one process at a time: read it once the server is gone.
      await killHard(server);
      await measureAuditWait(label, where, writeStart);
    }
    return rows;
  } finally {
    await killHard(server);
  }
}

async function spawnServer(script: string, env: Record<string, string> = {}): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, script)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const url = await new Promise<string>((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      const m = /running at (\S+)/.exec(d.toString());
      if (m) ok(m[1]!);
    });
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

async function measureHello(): Promise<Row> {
  const server = await spawnServer('hello-server.ts');
  try {
    return { target: 'bare hono', endpoint: 'GET /hello (no database)', ...(await run(server.url, [{ method: 'GET', path: '/hello' }])) };
  } finally {
    server.stop();
  }
}

/** The bare Node + pg endpoint, kept running through the bench; each call drives it for CEILING_DURATION seconds. */
async function startBarePg(databaseUrl: string): Promise<{ measure(): Promise<Row>; stop(): void }> {
  const server = await spawnServer('pg-bare-server.ts', { DATABASE_URL: databaseUrl });
  let n = 0;
  const requests: autocannon.Request[] = [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/row/${(n++ % 1000) + 1}` }) }];
  return {
    measure: async () => ({ target: 'bare node + pg', endpoint: 'one row by primary key', ...(await run(server.url, requests, { duration: CEILING_DURATION })) }),
    stop: server.stop,
  };
}

/** pgbench itself, in the table beside the bare endpoint: tps as req/s (no latencies: pgbench reports an average only). */
async function pgbenchRow(pgbench: PgbenchCeiling, script: 'select-only' | 'simple-update'): Promise<Row> {
  const tps = await pgbench.measure(script, CEILING_DURATION);
  return { target: 'pgbench', endpoint: script === 'select-only' ? '-S (select-only)' : '-N (simple update)', rps: tps, p50: Number.NaN, p99: Number.NaN, errors: 0, non2xx: 0 };
}

/** SQL statements per request, counted in a process of its own on a PostgreSQL test database. */
async function countStatements(): Promise<StatementCounts> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'statement-count.ts')], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SOSA_TEST_STORE: 'postgres' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`statement count exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as StatementCounts;
}

/** Single-user latency of the reads at 10,000, 100,000 and (without --quick) 1,000,000 requests, in a process of its own on a PostgreSQL test database. */
async function measureScale(): Promise<ScaleRow[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'scale-reads.ts'), ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SOSA_TEST_STORE: 'postgres' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((ok) => child.on('exit', ok));
  if (code !== 0) throw new Error(`scale reads exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as ScaleRow[];
}

export interface LoadBench { rows: Row[]; statements: StatementCounts | null; scale: ScaleRow[] }

export async function runLoadBench(): Promise<LoadBench> {
  const rows: Row[] = [];
  const pg = await createTestDatabaseUrl().catch((error: Error) => {
    console.log(`PostgreSQL skipped: ${error.message}`);
    return null;
  });
  const bare = pg ? await startBarePg(pg.url) : null;
  const pgbench = pg ? await startPgbench(CONNECTIONS) : null;
  const ceilings: Ceilings = {
    bare: async () => (bare ? (await bare.measure()).rps : Number.NaN),
    writes: async () => pgbench?.measure('simple-update', CEILING_DURATION),
  };
  try {
    if (bare) rows.push({ ...(await bare.measure()), endpoint: 'one row by primary key (at the start)' });
    if (pgbench) rows.push(await pgbenchRow(pgbench, 'select-only'), await pgbenchRow(pgbench, 'simple-update'));
    rows.push(await measureHello());
    if (onlyStore !== 'postgres') {
      const dataDir = mkdtempSync(join(tmpdir(), 'sosa-load-'));
      try {
        rows.push(...(await measureStore('PGlite', ['--demo', '--data', dataDir], {}, { dataDir }, ceilings)));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    if (pg && onlyStore !== 'pglite') rows.push(...(await measureStore('PostgreSQL', ['--demo'], { DATABASE_URL: pg.url }, { databaseUrl: pg.url, poolSize: 1 }, ceilings)));
  } finally {
    bare?.stop();
    await pgbench?.drop();
    await pg?.drop();
  }
  const statements = pg ? await countStatements() : null;
  const scale = pg && !process.argv.includes('--no-scale') ? await measureScale() : [];
  return { rows, statements, scale };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, statements, scale } = await runLoadBench();
  const first = rows.find((r) => r.target === 'bare node + pg')?.rps;
  console.log(`\nAPI load on loopback: ${CONNECTIONS} connections, ${DURATION} s per run, ${availableParallelism()} cores (server, database and load generator share them)`);
  console.log(`Each ratio is to the bare Node + pg endpoint measured for ${CEILING_DURATION} s right before that run, and a write's also to pgbench -N (${CONNECTIONS} clients, prepared) measured right before it (the machine is shared: compare ratios, not req/s); SQL statements per request counted at the pg driver (PostgreSQL).`);
  console.table(
    rows.map((r) => ({
      store: r.target,
      endpoint: r.endpoint,
      'req/s': Math.round(r.rps),
      'bare pg req/s': Math.round(r.ceiling ?? first ?? Number.NaN),
      'vs bare pg': `${((r.rps / (r.ceiling ?? first ?? Number.NaN)) * 100).toFixed(1)}%`,
      'pgbench -N tps': r.writeCeiling ? Math.round(r.writeCeiling) : '',
      'vs pgbench -N': r.writeCeiling ? `${((r.rps / r.writeCeiling) * 100).toFixed(1)}%` : '',
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'SQL/request': statements?.[r.endpoint] ?? '',
      errors: r.errors,
      'non-2xx': r.non2xx,
    })),
  );
  console.log('\nAudit chain under the write runs: the longest time an event waited for its position (written → chained by the sequencer)');
  console.table(auditWaits.map((w) => ({ target: w.target, 'events chained': w.events, 'longest wait ms': w.maxWaitMs, 'p99 wait ms': w.p99WaitMs, 'still pending': w.pending })));
  if (scale.length) {
    console.log('\nSingle-user latency as requests grow (PostgreSQL, one database seeded by INSERT ... SELECT generate_series; nine in ten requests closed): each view\'s statements as the app sends them, one after another, median');
    console.table(scale.map((r) => ({ requests: r.requests.toLocaleString('en'), view: r.view, 'SQL statements': r.statements, 'median ms': Number(r.medianMs.toFixed(2)), 'seeded in s': Number(r.seedSeconds.toFixed(1)) })));
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ at: new Date().toISOString(), durationSeconds: DURATION, connections: CONNECTIONS, rows, statements, auditWaits, scale }, null, 2));
}
