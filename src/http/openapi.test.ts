import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { ROUTE_CATALOG } from './route.js';

describe('the OpenAPI document', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('is served without login and documents every mounted route', async () => {
    const res = await t.call(null, 'GET', '/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const documented = new Set(Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const mounted = ROUTE_CATALOG.filter((r) => r.path !== '/openapi.json').map((r) => `${r.method} ${r.path}`);
    assert.ok(mounted.length >= 15);
    assert.deepEqual(mounted.filter((r) => !documented.has(r)), []);
  });

  it('answers health without login, and an unknown API route with a 404 problem document', async () => {
    assert.deepEqual((await t.call(null, 'GET', '/health')).body, { status: 'ok', store: t.ctx.store.kind, database: 'up' });
    assert.deepEqual((await t.call(null, 'GET', '/health/ready')).body, { status: 'ready', store: t.ctx.store.kind });
    const missing = await t.call(null, 'GET', '/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
  });
});
