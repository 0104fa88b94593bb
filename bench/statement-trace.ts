// The SQL statements each read sends (with `--writes`: each create and acknowledge), with their
// time at the driver (issue #14): which statement of a view costs the database what.
// SOSA_TEST_STORE=postgres; `--explain` also prints each statement's plan with EXPLAIN (ANALYZE,
// BUFFERS). Single user, steady state (caches warm).
import { CompiledQuery } from 'kysely';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../src/testing/test-store.js';
import { F414_BLADES } from '../src/testing/fixtures.js';

const explain = process.argv.includes('--explain');
// `--replay`: each statement of a view sent again 400 times on 4 connections of their own, with the
// CPU the database's backends spent on it (from /proc): what a statement costs the database, apart
// from the server's own work. `--prepared` replays them as named prepared statements.
const replay = process.argv.includes('--replay');
const prepared = process.argv.includes('--prepared');
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
async function replayStatements(statements: { text: string; values: unknown[] }[]) {
  const { rows } = await t.ctx.store.db.executeQuery<{ db: string }>(CompiledQuery.raw('select current_database() as db'));
  const url = `${TEST_POSTGRES_URL.replace(/\/[^/]*$/, '')}/${rows[0]!.db}`;
  const clients = await Promise.all(Array.from({ length: 4 }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  const pids = await Promise.all(clients.map(async (c) => (await (original as (...a: unknown[]) => unknown).call(c, 'select pg_backend_pid() as pid') as pg.QueryResult<{ pid: number }>).rows[0]!.pid));
  for (const [i, st] of statements.entries()) {
    if (/^(begin|commit|rollback)/i.test(st.text.trim()) || /^\s*insert/i.test(st.text)) continue;
    const send = (c: pg.Client) => (original as (...a: unknown[]) => unknown).call(c, prepared ? { name: `s${i}`, text: st.text, values: st.values } : { text: st.text, values: st.values }) as unknown as Promise<unknown>;
    await Promise.all(clients.map((c) => send(c)));
    const before = pids.reduce((a, pid) => a + cpuMs(pid), 0);
    const start = performance.now();
    await Promise.all(clients.map(async (c) => { for (let k = 0; k < 100; k++) await send(c); }));
    const wall = performance.now() - start;
    const after = pids.reduce((a, pid) => a + cpuMs(pid), 0);
    console.log(`  replay: ${((after - before) / 400).toFixed(3)} ms database CPU, ${(wall / 100).toFixed(2)} ms wall per round of 4  ${st.text.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
  await Promise.all(clients.map((c) => c.end()));
}
const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 50);
const { createTestApp } = await import('../src/testing/test-app.js');
const t = await createTestApp();
const log: { text: string; values: unknown[]; ms: number }[] = [];
let recording = false;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text: string; values?: unknown[] };
  const text = typeof config === 'string' ? config : config.text;
  const values = (typeof config === 'string' ? args[1] : config.values) as unknown[] ?? [];
  const start = performance.now();
  const result = (original as (...a: unknown[]) => unknown).apply(this, args);
  if (recording && result && typeof (result as Promise<unknown>).then === 'function') {
    const entry = { text, values, ms: 0 };
    log.push(entry);
    (result as Promise<unknown>).then(() => (entry.ms = performance.now() - start), () => {});
  }
  return result;
} as typeof original;
const inSosa = await t.login('in.sosa');
const usSosa = await t.login('us.sosa');
const ids: string[] = [];
for (let i = 0; i < 12; i++) ids.push((await t.call(inSosa, 'POST', '/requests', F414_BLADES)).body.id);
const views: [string, string, string][] = [
  ['detail (own nation)', inSosa, `/requests/${ids[0]}`],
  ['detail (other nation)', usSosa, `/requests/${ids[0]}`],
  ['list', inSosa, '/requests?limit=20'],
  ['queue', usSosa, '/requests?queue=mine&limit=20'],
  ['dashboard', usSosa, '/dashboard'],
];
// `--writes`: the create and the acknowledge (a step of the deciding nation) instead of the reads.
const writes = process.argv.includes('--writes');
const fresh: string[] = [];
const traced: [string, string, string, () => { method: string; body?: string }][] = writes
  ? [
      ['create', inSosa, '/requests', () => ({ method: 'POST', body: JSON.stringify(F414_BLADES) })],
      ['transition (acknowledge)', usSosa, '', () => ({ method: 'POST', body: JSON.stringify({ action: 'acknowledge' }) })],
    ]
  : views.map(([name, token, path]) => [name, token, path, () => ({ method: 'GET' })]);
for (const [name, token, path, init] of traced) {
  const call = async () => {
    const target = path || `/requests/${fresh.shift()}/transitions`;
    const res = await t.app.request(`/api/v1${target}`, { ...init(), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${name}: ${res.status} ${text}`);
    if (name === 'create') fresh.push((JSON.parse(text) as { id: string }).id);
  };
  for (let i = 0; i < 5; i++) await call();
  log.length = 0;
  recording = true;
  const start = performance.now();
  for (let i = 0; i < repeat; i++) await call();
  const total = (performance.now() - start) / repeat;
  recording = false;
  const per = log.length / repeat;
  const byText = new Map<string, { n: number; ms: number; values: unknown[] }>();
  for (const e of log) {
    const k = e.text.replace(/\s+/g, ' ').slice(0, 140);
    const s = byText.get(k) ?? { n: 0, ms: 0, values: e.values };
    s.n++;
    s.ms += e.ms;
    byText.set(k, s);
  }
  const sqlMs = [...byText.values()].reduce((a, s) => a + s.ms, 0) / repeat;
  console.log(`\n== ${name}: ${total.toFixed(2)} ms per request, ${per} statements, ${sqlMs.toFixed(2)} ms at the driver`);
  for (const [k, s] of byText) console.log(`  ${(s.ms / s.n).toFixed(2)} ms x${s.n / repeat}  ${k}`);
  if (replay) await replayStatements(log.slice(0, per));
  if (explain) {
    for (const e of log.slice(0, per)) {
      if (!/^\s*(select|with)/i.test(e.text)) continue;
      const plan = await t.ctx.store.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${e.text}`, e.values));
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
}
pg.Client.prototype.query = original;
await t.close();
