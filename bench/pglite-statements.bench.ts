// Issue #14, PGlite: the views read one at a time through the in-process app, with each
// statement sent as a named prepared statement (src/store/pglite-prepared.ts) and, as the
// baseline of the same run on the same store, as PGlite's own query() sends it (unnamed: parsed
// and planned every call, in six calls into the database). Median of each view's latency.
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createContext } from '../src/services/context.js';
import { seedDemoData } from '../src/services/reference/seed-demo-data.js';
import { seedReferenceData } from '../src/services/reference/seed-reference-data.js';
import { pgliteNamedStatements } from '../src/store/pglite-prepared.js';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { openBenchStore, STORE_LABEL } from './bench-store.js';
import { percentile, sized, type BenchOptions } from './measure.js';
import { formatCount, formatMs, type BenchResult, type BenchRow } from './table.js';

const PASSWORD = 'bench-password-123';

export async function benchPgliteStatements(options: BenchOptions): Promise<BenchResult> {
  const store = await openBenchStore('pglite');
  try {
    await seedReferenceData(store.db);
    await seedDemoData(store.db, PASSWORD);
    const app = createApp(createContext(store, loadConfig({}), createLogger('silent')));
    const call = async (token: string | null, method: string, path: string, body?: unknown) => {
      const res = await app.request(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const login = async (username: string) => (await call(null, 'POST', '/session', { username, password: PASSWORD })).token as string;
    const india = await login('in.sosa');
    const us = await login('us.sosa');
    const requests = sized(options, 100, 20);
    const ids: string[] = [];
    for (let i = 0; i < requests; i++) ids.push((await call(india, 'POST', '/requests', F414_BLADES)).id as string);
    for (const id of ids.slice(0, requests / 2)) await call(us, 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' });

    const calls = sized(options, 300, 40);
    const views: Array<[string, string, (i: number) => string]> = [
      ['request detail, own nation', india, (i) => `/requests/${ids[i % ids.length]}`],
      ["request detail, other nation's (audited read)", us, (i) => `/requests/${ids[i % ids.length]}`],
      ['request list, first page', india, () => '/requests?limit=20'],
      ['work queue', us, () => '/requests?queue=mine&limit=20'],
      ['dashboard', us, () => '/dashboard'],
    ];
    const median = async (token: string, path: (i: number) => string, named: boolean) => {
      pgliteNamedStatements.on = named;
      for (let i = 0; i < 10; i++) await call(token, 'GET', path(i));
      const samples: number[] = [];
      for (let i = 0; i < calls; i++) {
        const t = performance.now();
        await call(token, 'GET', path(i));
        samples.push(performance.now() - t);
      }
      return percentile(samples, 50);
    };
    const rows: BenchRow[] = [];
    for (const [view, token, path] of views) {
      const unnamed = await median(token, path, false);
      const named = await median(token, path, true);
      rows.push({
        figure: `PGlite single-user latency: ${view}`,
        on: STORE_LABEL.pglite,
        input: `${formatCount(requests)} requests, ${formatCount(calls)} calls, one at a time`,
        result: `${formatMs(named)} median`,
        baseline: `unnamed statements (PGlite's query()): ${formatMs(unnamed)}`,
        ratio: `×${(unnamed / named).toFixed(1)}`,
      });
    }
    return { rows, notes: [] };
  } finally {
    pgliteNamedStatements.on = true;
    await store.close();
  }
}
