import { loadConfig } from '../src/config.js';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { createContext } from '../src/services/context.js';
import { seedDemoData } from '../src/services/reference/seed-demo-data.js';
import { seedReferenceData } from '../src/services/reference/seed-reference-data.js';
import { verifyAuditLog } from '../src/store/audit.repository.js';
import { openBenchStore, STORE_LABEL, type BenchStoreKind } from './bench-store.js';
import { percentile, runConcurrently, sized, type BenchOptions } from './measure.js';
import { formatCount, formatMs, formatNumber, type BenchResult } from './table.js';

const PASSWORD = 'bench-password-123';

/** An India → US request on the DPAS path (the scenario of request-flow.test.ts). */
function requestBody(i: number) {
  return {
    toNation: 'US',
    title: `F414 engine turbine blades, lot ${i}`,
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Blades for a production lot of F414-INS6 engines; the supplier quotes a 9-month lead time.',
    urgency: 'routine',
    classification: 'UNCLASSIFIED',
    requiredBy: '2027-03-31',
    items: [{ partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1', quantity: 40, unit: 'EA', requiredDeliveryDate: '2027-03-31' }],
  };
}

export interface RequestBenchSettings {
  requests: number;
  concurrency: number;
}

export function requestBenchSettings(options: BenchOptions, concurrency: number): RequestBenchSettings {
  return { requests: sized(options, 300, 20), concurrency };
}

/**
 * Request create and transition throughput through the in-process HTTP app (`app.request()`):
 * validation, bearer authentication, workflow guards, deadlines and the audit append are all in
 * the measured path; only the socket is not. One store per run, seeded like the demo.
 */
export async function benchRequests(kind: BenchStoreKind, settings: RequestBenchSettings): Promise<BenchResult> {
  const store = await openBenchStore(kind);
  try {
    await seedReferenceData(store.db);
    await seedDemoData(store.db, PASSWORD);
    const ctx = createContext(store, loadConfig({}), createLogger('silent'));
    const app = createApp(ctx);

    const call = async (token: string | null, method: string, path: string, body: unknown, expected: number) => {
      const res = await app.request(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    const login = async (username: string) => (await call(null, 'POST', '/session', { username, password: PASSWORD }, 200)).token as string;
    const indian = await login('in.sosa');
    const american = await login('us.sosa');

    const create = async (i: number) => (await call(indian, 'POST', '/requests', requestBody(i), 201)).id as string;
    const step = (id: string, action: string) => call(american, 'POST', `/requests/${id}/transitions`, { action }, 200);

    // Warm-up (JIT, prepared plans, calendar tables), not measured.
    const warm = Math.max(5, Math.round(settings.requests / 20));
    for (let i = 0; i < warm; i++) {
      const id = await create(-1 - i);
      await step(id, 'acknowledge');
      await step(id, 'forward_for_determination');
    }

    const ids = new Array<string>(settings.requests);
    const created = await runConcurrently(settings.requests, settings.concurrency, async (i) => {
      ids[i] = await create(i);
    });

    const stepLatencies: number[] = [];
    const pairs = await runConcurrently(settings.requests, settings.concurrency, async (i) => {
      for (const action of ['acknowledge', 'forward_for_determination']) {
        const t = performance.now();
        await step(ids[i]!, action);
        stepLatencies.push(performance.now() - t);
      }
    });

    const verdict = await verifyAuditLog(store.db);
    if (!verdict.ok) throw new Error(`The audit chain is broken after the request bench: ${verdict.problem}`);

    const on = STORE_LABEL[kind];
    const input = `${formatCount(settings.requests)} requests, ${settings.concurrency} in flight`;
    const rows = [
      {
        figure: 'request create (POST /requests)',
        on,
        input,
        result: `${formatNumber((settings.requests / created.wallMs) * 1000)} requests/s`,
        p50: formatMs(percentile(created.latenciesMs, 50)),
        p99: formatMs(percentile(created.latenciesMs, 99)),
      },
      {
        figure: 'DPAS acknowledge→forward pair',
        on,
        input,
        result: `${formatNumber((settings.requests / pairs.wallMs) * 1000)} pairs/s`,
        // Latency of one transition call (each pair is two).
        p50: `${formatMs(percentile(stepLatencies, 50))} /step`,
        p99: `${formatMs(percentile(stepLatencies, 99))} /step`,
      },
    ];
    return { rows, notes: [`${on}: after the run the audit chain of ${formatCount(verdict.count)} events verified intact.`] };
  } finally {
    await store.close();
  }
}
