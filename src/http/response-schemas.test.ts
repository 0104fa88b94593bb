// One store: a check of the source tree and the contract, not of a store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { openApiDocument } from './app.js';
import type { HttpEnv } from './http-env.js';
import { mount, ROUTE_CATALOG } from './route.js';

describe('the response schemas of the routes (issue #12)', () => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
  const name = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

  it('are declared by every route: each success status names its JSON schema, or is a 204 or a file', () => {
    assert.ok(ROUTE_CATALOG.length > 90);
    assert.deepEqual(ROUTE_CATALOG.filter((r) => !r.success || Object.keys(r.success).length === 0).map(name), []);
    // Without a schema, a success is a 204 or a file (not JSON); the document itself is the one exception.
    const unchecked = ROUTE_CATALOG.filter((r) => r.path !== '/openapi.json').flatMap((r) =>
      Object.entries(r.success)
        .filter(([status, schema]) => schema === null && status !== '204' && 'application/json' in (doc.paths[r.path]![r.method.toLowerCase()]!.responses[status]!.content ?? {}))
        .map(([status]) => `${name(r)} ${status}`),
    );
    assert.deepEqual(unchecked, []);
  });

  it('are required: mount() refuses a route that does not say what it sends', () => {
    const app = new OpenAPIHono<HttpEnv>();
    const before = ROUTE_CATALOG.length;
    assert.throws(
      () => mount(app, createRoute({ method: 'get', path: '/no-schema', responses: { 200: { description: 'Something' } } }), 'authenticated', (c) => c.json({})),
      /GET \/no-schema does not declare its success response schema/,
    );
    assert.equal(ROUTE_CATALOG.length, before, 'the refused route is not listed');
  });

  it('declares response schemas as strict objects, so an undeclared field fails the check', () => {
    const loose: string[] = [];
    for (const route of ROUTE_CATALOG) {
      for (const [status, schema] of Object.entries(route.success)) {
        if (!schema) continue;
        const visit = (node: unknown, at: string): void => {
          if (!node || typeof node !== 'object') return;
          const n = node as { type?: string; properties?: Record<string, unknown>; additionalProperties?: unknown; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[]; $defs?: Record<string, unknown> };
          if (n.type === 'object' && n.properties && n.additionalProperties !== false) loose.push(`${name(route)} ${status} ${at || '(body)'}`);
          for (const [key, value] of Object.entries(n.properties ?? {})) visit(value, `${at}.${key}`);
          for (const [key, value] of Object.entries(n.$defs ?? {})) visit(value, `$defs.${key}`);
          if (n.additionalProperties && typeof n.additionalProperties === 'object') visit(n.additionalProperties, `${at}.*`);
          visit(n.items, `${at}[]`);
          for (const option of [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])]) visit(option, at);
        };
        const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
        visit(json, '');
      }
    }
    assert.deepEqual(loose, []);
  });
});
