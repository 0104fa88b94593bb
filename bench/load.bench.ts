// API under concurrent load (DESIGN.md targets): the real server in its own process on loopback,
// driven by autocannon for a read mix and a write mix, on embedded PGlite and on PostgreSQL, beside
// a bare Hono hello-world so the ratio tells how close we are to the framework's own limit.
// Bounded: fixed duration per run, loopback only, every process stopped at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { killHard, startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { createTestDatabaseUrl } from '../src/testing/test-store.js';
import { openStore, type OpenStoreOptions } from '../src/store/database.js';
import { auditWaitSince } from '../src/store/audit.repository.js';

const quick = process.argv.includes('--quick');
const DURATION = quick ? 3 : 10;
const CONNECTIONS = 16;
const PASSWORD = 'load-bench-password';

interface Row { target: string; mix: string; rps: number; p50: number; p99: number; errors: number; non2xx: number }

/** Issue #14: how long the write mix's audit events waited for their chain position (the sequencer's merge delay). */
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

async function run(url: string, requests: autocannon.Request[]): Promise<Omit<Row, 'target' | 'mix'>> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return ((await res.json()) as { token: string }).token;
}

async function measureStore(label: string, args: string[], env: Record<string, string>, where: OpenStoreOptions): Promise<Row[]> {
  const server: ServerProcess = await startServerProcess(args, { SOSA_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'silent', ...env });
  try {
    const token = await login(server.url, 'in.sosa');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${server.url}/api/v1/requests`, { method: 'POST', headers: auth, body: JSON.stringify(F414_BLADES) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    const reads: autocannon.Request[] = [
      ...ids.slice(0, 4).map((id) => ({ method: 'GET' as const, path: `/api/v1/requests/${id}`, headers: auth })),
      { method: 'GET', path: '/api/v1/requests?limit=20', headers: auth },
    ];
    const writes: autocannon.Request[] = [
      { method: 'POST', path: '/api/v1/requests', headers: auth, body: JSON.stringify(F414_BLADES) },
      { method: 'POST', path: `/api/v1/requests/${ids[0]}/comments`, headers: auth, body: JSON.stringify({ body: 'Load test comment', visibility: 'internal' }) },
    ];
    const readRow = { target: label, mix: 'read (detail ×4, list)', ...(await run(server.url, reads)) };
    const writeStart = new Date();
    const writeRow = { target: label, mix: 'write (create, comment)', ...(await run(server.url, writes)) };
    // The sequencer chains the last events of the run within its interval.
    await new Promise((r) => setTimeout(r, 1000));
    if (where.databaseUrl) await measureAuditWait(label, where, writeStart);
    else {
      // The embedded data folder opens in one process at a time: read it once the server is gone.
      await killHard(server);
      await measureAuditWait(label, where, writeStart);
    }
    return [readRow, writeRow];
  } finally {
    await killHard(server);
  }
}

async function measureHello(): Promise<Row> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'hello-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => child.stdout!.on('data', (d: Buffer) => {
    const m = /running at (\S+)/.exec(d.toString());
    if (m) ok(m[1]!);
  }));
  try {
    return { target: 'hono hello-world', mix: 'GET /hello', ...(await run(url, [{ method: 'GET', path: '/hello' }])) };
  } finally {
    child.kill('SIGKILL');
  }
}

export async function runLoadBench(): Promise<Row[]> {
  const rows: Row[] = [await measureHello()];
  const dataDir = mkdtempSync(join(tmpdir(), 'sosa-load-'));
  try {
    rows.push(...(await measureStore('sosa on PGlite', ['--demo', '--data', dataDir], {}, { dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    const pg = await createTestDatabaseUrl();
    try {
      rows.push(...(await measureStore('sosa on PostgreSQL', ['--demo'], { DATABASE_URL: pg.url }, { databaseUrl: pg.url, poolSize: 1 })));
    } finally {
      await pg.drop();
    }
    // The same with OpenTelemetry traces on (issue #16): every request and query a span, exported
    // by OTLP/HTTP to a receiver in this process that takes and drops them (it shares the cores).
    const pgTraced = await createTestDatabaseUrl();
    const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
    try {
      const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      rows.push(...(await measureStore('sosa on PostgreSQL, traced', ['--demo'], { DATABASE_URL: pgTraced.url, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, { databaseUrl: pgTraced.url, poolSize: 1 })));
    } finally {
      await new Promise<void>((ok) => receiver.close(() => ok()));
      await pgTraced.drop();
    }
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runLoadBench();
  const hello = rows[0]!.rps;
  console.log(`\nAPI load on loopback: ${CONNECTIONS} connections, ${DURATION} s per run, ${availableParallelism()} cores (server and load generator share them)`);
  console.table(rows.map((r) => ({ target: r.target, mix: r.mix, 'req/s': Math.round(r.rps), 'p50 ms': r.p50, 'p99 ms': r.p99, 'vs hello-world': `${((r.rps / hello) * 100).toFixed(1)}%`, errors: r.errors, 'non-2xx': r.non2xx })));
  console.log('\nAudit chain under the write mix: the longest time an event waited for its position (written → chained by the sequencer)');
  console.table(auditWaits.map((w) => ({ target: w.target, 'events chained': w.events, 'longest wait ms': w.maxWaitMs, 'p99 wait ms': w.p99WaitMs, 'still pending': w.pending })));
}
