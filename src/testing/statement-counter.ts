// SQL statements per request (issue #14), counted at the driver: every pg Client.query between a
// request's start and its answer, BEGIN and COMMIT included. pg_stat_statements is not preloaded
// on the shared server (it needs a restart), so the bench wraps the driver in process instead.
// The audit sequencer's batched chaining runs off the request path and is not counted here.
// Run in a process of its own with SOSA_TEST_STORE=postgres (the load bench spawns
// bench/statement-count.ts; the statement budget test is a file of its own): the test store
// chooses its kind when it loads, and the driver's patch must not leak into anything else.
import pg from 'pg';
import { F414_BLADES } from './fixtures.js';

export interface StatementCounts { [endpoint: string]: number }

export async function countStatementsPerRequest(): Promise<StatementCounts> {
  const { createTestApp } = await import('./test-app.js');
  const t = await createTestApp();
  let statements = 0;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const inSosa = await t.login('in.sosa');
    const usSosa = await t.login('us.sosa');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await t.call(inSosa, 'POST', '/requests', F414_BLADES)).body.id);
    const measure = async (token: string, method: string, path: string, body?: unknown): Promise<number> => {
      const before = statements;
      const res = await t.app.request(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
      return statements - before;
    };
    // Steady state: each endpoint is called once first, so caches (the workflow registry) are warm.
    for (const [token, path] of [[inSosa, `/requests/${ids[2]}`], [usSosa, `/requests/${ids[2]}`], [inSosa, '/requests?limit=20'], [usSosa, '/requests?queue=mine&limit=20'], [usSosa, '/dashboard']] as const) await measure(token, 'GET', path);
    await measure(usSosa, 'POST', `/requests/${ids[2]}/transitions`, { action: 'acknowledge' });
    return {
      'detail (own nation)': await measure(inSosa, 'GET', `/requests/${ids[0]}`),
      'detail (other nation)': await measure(usSosa, 'GET', `/requests/${ids[0]}`),
      list: await measure(inSosa, 'GET', '/requests?limit=20'),
      queue: await measure(usSosa, 'GET', '/requests?queue=mine&limit=20'),
      dashboard: await measure(usSosa, 'GET', '/dashboard'),
      create: await measure(inSosa, 'POST', '/requests', F414_BLADES),
      transition: await measure(usSosa, 'POST', `/requests/${ids[1]}/transitions`, { action: 'acknowledge' }),
    };
  } finally {
    pg.Client.prototype.query = original;
    await t.close();
  }
}
