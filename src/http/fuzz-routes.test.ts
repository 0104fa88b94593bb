import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { F414_BLADES } from '../testing/fixtures.js';
import type { TestApp } from '../testing/test-app.js';
import { ROUTE_CATALOG } from './route.js';
import { useTestApp } from '../testing/use-test-app.js';

const RUNS_PER_ROUTE = Number(process.env.SOSA_FUZZ_RUNS ?? 40);
const TABLES = ['requests', 'request_items', 'request_events', 'request_assignments', 'comments', 'attachments', 'deadlines', 'users', 'calendars', 'calendar_holidays', 'organisations'] as const;

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** Hostile and nearly valid path segments: ids of the wrong shape, traversal, odd encodings, huge input. */
const segment = (valid: string) =>
  fc.oneof(
    fc.constant(valid),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A', 'null', '-1', '9'.repeat(400), '%F0%9F%92%A5', "' or 1=1 --", 'US', 'IN', '2026-02-30', '2026-12-25'),
  ).map((s) => encodeURIComponent(s).replace(/%25/g, '%'));

const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ action: fc.constantFrom('acknowledge', 'deny', 'place_rated_order', 'withdraw', '__proto__'), reason: fc.string(), supplier: fc.uuid(), rating: fc.string() }).map((v) => JSON.stringify(v)),
  fc.constant(JSON.stringify({ ...F414_BLADES, items: [{ ...F414_BLADES.items[0], quantity: -1 }] })),
  fc.constant(JSON.stringify({ ...F414_BLADES, extra: true })),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[1,2', '{"a":"\\u0000"}', '{"body":"\\ud800"}', '{"__proto__":{"admin":true}}', 'x'.repeat(2_000_000)),
);

const contentType = fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', undefined);

describe('every API route survives hostile input: no 5xx, a problem document, nothing written', () => {
  const t = useTestApp();
  let valid: Record<string, string>;
  let tokens: Array<string | null>;
  before(async () => {
    const inSosa = await t.login('in.sosa');
    const created = await t.call(inSosa, 'POST', '/requests', F414_BLADES);
    const users = await t.call(await t.login('in.admin'), 'GET', '/users');
    valid = { id: created.body.id, attachmentId: '00000000-0000-0000-0000-000000000000', nation: 'IN', date: '2026-10-20' };
    valid.userId = users.body.items[0].id;
    tokens = [inSosa, await t.login('us.sosa'), await t.login('in.admin'), await t.login('us.supplier'), null, 'not-a-token'];
  });

  it(`fuzzes ${'each'} route of the catalog (${RUNS_PER_ROUTE} runs per route)`, { timeout: 600_000 }, async () => {
    const routes = ROUTE_CATALOG.filter((r) => r.path !== '/openapi.json');
    assert.ok(routes.length >= 15);
    for (const route of routes) {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...(params.length ? params.map((p) => segment(valid[p === 'id' && route.path.startsWith('/users') ? 'userId' : p] ?? valid.id!)) : [fc.constant('')])),
          body,
          contentType,
          fc.constantFrom(...tokens),
          fc.dictionary(fc.constantFrom('limit', 'offset', 'state', 'year', 'q', 'overdue', 'urgency', 'afterSeq', 'direction', 'junk'), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
          async (values, payload, type, token, query) => {
            let i = 0;
            const path = route.path.replace(/\{\w+\}/g, () => values[i++] as string);
            const search = new URLSearchParams(query).toString();
            const before = await counts(t);
            const headers: Record<string, string> = {};
            if (token) headers.authorization = `Bearer ${token}`;
            if (type) headers['content-type'] = type;
            const sendsBody = route.method !== 'GET' && route.method !== 'DELETE';
            const res = await t.app.request(`/api/v1${path}${search ? `?${search}` : ''}`, { method: route.method, headers, ...(sendsBody ? { body: payload } : {}) });
            const text = await res.text();
            assert.ok(res.status < 500, `${route.method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
            if (res.status >= 400) {
              assert.equal(res.headers.get('content-type'), 'application/problem+json', `${route.method} ${path} → ${res.status} without a problem document`);
              assert.deepEqual(await counts(t), before, `${route.method} ${path} was refused (${res.status}) but changed the database`);
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE, seed: 20261123 },
      );
    }
  });
});
