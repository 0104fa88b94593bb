// Profiles the real server under the load bench's reads (issue #14): `sosa serve` on a fresh
// PostgreSQL test database (or PGlite with --store=pglite) in a process of its own with
// `node --cpu-prof`, driven by autocannon one endpoint at a time, then stopped with SIGTERM so
// the profile is written. Prints where the profile went; open it in Chrome DevTools or
// summarise it with bench/profile-summary.ts. `--only=detail-other,list` picks endpoints;
// `--no-prof` runs without the profiler; `create` and `transition` (after create) are the writes. For each endpoint it also prints the CPU time per request
// of the server process and of the database's backends (from /proc, PostgreSQL only): on a shared
// machine the req/s drift with the other load, the CPU a request costs much less.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { createTestDatabaseUrl } from '../src/testing/test-store.js';

const PASSWORD = 'load-bench-password';
const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 8);
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const pglite = process.argv.includes('--store=pglite');
const profDir = mkdtempSync(join(tmpdir(), 'sosa-prof-'));

const pg = pglite ? null : await createTestDatabaseUrl();
const dataDir = pglite ? mkdtempSync(join(tmpdir(), 'sosa-prof-data-')) : null;
const prof = process.argv.includes('--no-prof') ? [] : ['--cpu-prof', `--cpu-prof-dir=${profDir}`];
const child = spawn(process.execPath, [...prof, resolve(import.meta.dirname, '../bin/sosa.js'), 'serve', '--port', '0', '--demo', '--no-demo-life', ...(dataDir ? ['--data', dataDir] : [])], {
  env: { ...process.env, LOG_LEVEL: 'silent', SCHEDULER_INTERVAL_SECONDS: '3600', SOSA_DEMO_PASSWORD: PASSWORD, ...(pg ? { DATABASE_URL: pg.url } : {}) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
/** Stops the server, then removes what only this run needed: the PGlite folder (its profile stays) or the test database. */
async function stopServer(): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await pg?.drop();
}
process.once('SIGINT', () => void stopServer().finally(() => process.exit(130)));
const url = await new Promise<string>((ok) => child.stdout!.on('data', (d: Buffer) => { const m = /running at (http:\/\/\S+)/.exec(d.toString()); if (m) ok(m[1]!); }));
const login = async (username: string) => ((await (await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) })).json()) as { token: string }).token;
const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const inSosa = headers(await login('in.sosa'));
const usSosa = headers(await login('us.sosa'));
const ids: string[] = [];
for (let i = 0; i < 20; i++) ids.push(((await (await fetch(`${url}/api/v1/requests`, { method: 'POST', headers: inSosa, body: JSON.stringify(F414_BLADES) })).json()) as { id: string }).id);
let n = 0;
const cycle = (h: Record<string, string>) => [{ method: 'GET' as const, headers: h, setupRequest: (req: autocannon.Request) => ({ ...req, path: `/api/v1/requests/${ids[n++ % ids.length]}` }) }];
const runs: Record<string, autocannon.Request[]> = {
  'detail-own': cycle(inSosa),
  'detail-other': cycle(usSosa),
  list: [{ method: 'GET', path: '/api/v1/requests?limit=20', headers: inSosa }],
  queue: [{ method: 'GET', path: '/api/v1/requests?queue=mine&limit=20', headers: usSosa }],
  dashboard: [{ method: 'GET', path: '/api/v1/dashboard', headers: usSosa }],
};
const TICK_MS = 10; // USER_HZ = 100
/** utime + stime in ms of a process, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
/** The PostgreSQL backends connected to the test database. */
function backends(): number[] {
  if (!pg) return [];
  const name = new URL(pg.url).pathname.slice(1);
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${name} `);
    } catch {
      return false;
    }
  });
}
const cpu = () => ({ server: cpuMs(child.pid!), db: backends().reduce((sum, pid) => sum + cpuMs(pid), 0) });
// The writes as the load bench drives them: each request created is acknowledged once by the other nation.
const created: string[] = [];
runs.create = [{ method: 'POST', path: '/api/v1/requests', headers: inSosa, body: JSON.stringify(F414_BLADES), onResponse: (status, body) => void (status === 201 ? created.push((JSON.parse(body) as { id: string }).id) : undefined) }];
let t = 0;
runs.transition = [{ method: 'POST', headers: usSosa, body: JSON.stringify({ action: 'acknowledge' }), setupRequest: (req: autocannon.Request) => ({ ...req, path: `/api/v1/requests/${created[t++ % created.length]}/transitions` }) }];
for (const [name, requests] of Object.entries(runs)) {
  if (only && !only.includes(name)) continue;
  if (name === 'transition' && created.length === 0) continue;
  const before = cpu();
  const r = await autocannon({ url, connections: 16, duration: seconds, requests, ...(name === 'transition' ? { amount: created.length } : {}) });
  const after = cpu();
  const n = r.requests.total;
  console.log(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, non-2xx ${r.non2xx}, errors ${r.errors}; CPU per request: server ${((after.server - before.server) / n).toFixed(2)} ms, database ${((after.db - before.db) / n).toFixed(2)} ms`);
}
await stopServer();
console.log(`profile in ${profDir}`);
