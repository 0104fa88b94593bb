import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROUTE_CATALOG } from './route.js';
import { useTestApp } from '../testing/use-test-app.js';

describe('the OpenAPI document', () => {
  const t = useTestApp();

  it('is served without login and documents every mounted route', async () => {
    const res = await t.call(null, 'GET', '/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const documented = new Set(Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const mounted = ROUTE_CATALOG.filter((r) => r.path !== '/openapi.json').map((r) => `${r.method} ${r.path}`);
    assert.ok(mounted.length >= 15);
    assert.deepEqual(mounted.filter((r) => !documented.has(r)), []);
  });

  it('names every operation once, in camelCase, so a generated client has one stable function per route', async () => {
    const doc = (await t.call(null, 'GET', '/openapi.json')).body;
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, id: op.operationId })));
    assert.deepEqual(operations.filter((o) => !o.id || !/^[a-z][a-zA-Z0-9]*$/.test(o.id)).map((o) => o.route), []);
    const ids = operations.map((o) => o.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    assert.equal(operations.find((o) => o.route === 'GET /requests/{id}/attachments/{attachmentId}')?.id, 'getRequestsByIdAttachmentsByAttachmentId');
  });

  it('keeps null out of every named schema, so that a field which may be null says so itself and the others stay non-null', async () => {
    // `.nullable()` on a named schema makes the generator write the null into the name: every
    // other use of it (a saved scenario's scenario, say) would then admit null in the client.
    const doc = (await t.call(null, 'GET', '/openapi.json')).body;
    const admitsNull = (s: { type?: string | string[]; oneOf?: { type?: string }[]; anyOf?: { type?: string }[] }) =>
      (Array.isArray(s.type) && s.type.includes('null')) || [...(s.oneOf ?? []), ...(s.anyOf ?? [])].some((alt) => alt.type === 'null');
    assert.deepEqual(Object.entries(doc.components.schemas as Record<string, Parameters<typeof admitsNull>[0]>).filter(([, s]) => admitsNull(s)).map(([name]) => name), []);
    assert.ok(admitsNull(doc.components.schemas.Analysis.properties.scenario), 'a structural analysis has no scenario');
    assert.ok(admitsNull(doc.components.schemas.ScenarioRunResult.properties.mitigations), 'a run without a budget has no mitigations');
  });

  it('declares every path parameter of every operation', async () => {
    const doc = (await t.call(null, 'GET', '/openapi.json')).body;
    const undeclared: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name));
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) if (!declared.has(name!)) undeclared.push(`${method.toUpperCase()} ${path}: ${name}`);
      }
    }
    assert.deepEqual(undeclared, []);
  });

  it('asks for the bearer token or the session cookie on every route that needs a login, and for nothing on the public ones', async () => {
    const doc = (await t.call(null, 'GET', '/openapi.json')).body;
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['bearer', 'cookie']);
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    assert.equal(doc.components.securitySchemes.cookie.name, 'sosa_session');
    for (const route of ROUTE_CATALOG.filter((r) => r.path !== '/openapi.json')) {
      const op = doc.paths[route.path][route.method.toLowerCase()];
      assert.deepEqual(op.security, route.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }], `${route.method} ${route.path}`);
      assert.equal(op.operationId, route.operationId);
    }
    // One logs in through a public route.
    assert.ok(ROUTE_CATALOG.some((r) => r.access === 'public' && r.path === '/session' && r.method === 'POST'));
  });

  it('answers health without login, and an unknown API route with a 404 problem document', async () => {
    assert.deepEqual((await t.call(null, 'GET', '/health')).body, { status: 'ok', store: t.ctx.store.kind, database: 'up' });
    assert.deepEqual((await t.call(null, 'GET', '/health/ready')).body, { status: 'ready', store: t.ctx.store.kind });
    const missing = await t.call(null, 'GET', '/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
  });
});
