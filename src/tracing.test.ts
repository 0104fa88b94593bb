// OpenTelemetry traces (issue #16), with a real `sosa serve` process exporting by OTLP/HTTP
// (JSON) to a receiver this test runs on 127.0.0.1: a request that carries a W3C traceparent
// gets a server span under the caller's span, with the route's template, and the database
// queries it made (pg through @opentelemetry/instrumentation-pg, PGlite through the dialect) are
// its children; no password, token or SQL parameter is recorded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killHard, startServerProcess, type ServerProcess } from './testing/server-process.js';
import { createTestDatabaseUrl, TEST_STORE } from './testing/test-store.js';

const PASSWORD = 'tracing-demo-password-7f3a9c';

interface OtlpValue { stringValue?: string; intValue?: string | number; boolValue?: boolean }
interface OtlpAttribute { key: string; value: OtlpValue }
interface OtlpSpan { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes: OtlpAttribute[]; events?: Array<{ attributes?: OtlpAttribute[] }> }
interface OtlpExport { resourceSpans: Array<{ resource: { attributes: OtlpAttribute[] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> }

const valueOf = (v: OtlpValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : v.boolValue);
const attributes = (list: OtlpAttribute[] = []) => Object.fromEntries(list.map((a) => [a.key, valueOf(a.value)]));

describe('OpenTelemetry traces exported by OTLP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sosa-tracing-'));
  const posts: Array<{ path: string; contentType: string; body: string }> = [];
  let receiver: Server;
  let database: Awaited<ReturnType<typeof createTestDatabaseUrl>> | null = null;
  let server: ServerProcess;

  before(async () => {
    // The collector's OTLP/HTTP receiver, as far as this test needs it: take every POST, answer 200.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    database = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    const env = {
      SOSA_DEMO_PASSWORD: PASSWORD,
      SOSA_NATION: 'IN',
      SOSA_KEY_DIR: join(dir, 'keys'),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      ...(database ? { DATABASE_URL: database.url } : { SOSA_DATA_DIR: dir }),
    };
    // A first start initialises the store and migrates it: slow on a shared machine.
    server = await startServerProcess(['--demo', ...(database ? [] : ['--data', join(dir, 'data')])], env, 240_000);
  });
  after(async () => {
    if (server) await killHard(server);
    await database?.drop();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('a request with a traceparent has a server span under it with the route template, and child spans for its queries; nothing secret is recorded', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const traceparent = `00-${traceId}-${callerSpanId}-01`;
    const login = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: JSON.stringify({ username: 'in.sosa', password: PASSWORD }) });
    assert.equal(login.status, 200);
    const { token } = (await login.json()) as { token: string };
    const missing = '9b2f3c4d-0000-4000-8000-00000000abcd';
    const read = await fetch(`${server.url}/api/v1/requests/${missing}`, { headers: { authorization: `Bearer ${token}`, traceparent } });
    assert.equal(read.status, 404);

    // A graceful stop exports what the batch still holds.
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    assert.equal(await exited, 0, server.output());

    assert.ok(posts.length > 0, 'the exporter posted to the receiver');
    assert.ok(posts.every((p) => p.path === '/v1/traces' && p.contentType.startsWith('application/json')));
    const exports = posts.map((p) => JSON.parse(p.body) as OtlpExport);
    const resources = exports.flatMap((e) => e.resourceSpans.map((r) => attributes(r.resource.attributes)));
    assert.ok(resources.every((r) => r['service.name'] === 'sosa-desk' && r['sosa.nation'] === 'IN'), JSON.stringify(resources[0]));
    const spans = exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const ours = spans.filter((s) => s.traceId === traceId);

    const serverSpans = ours.filter((s) => s.kind === 2);
    const byRoute = (route: string) => serverSpans.find((s) => attributes(s.attributes)['http.route'] === route);
    const readSpan = byRoute('/api/v1/requests/:id');
    assert.ok(readSpan, `a server span for the read: ${JSON.stringify(serverSpans.map((s) => s.name))}`);
    assert.equal(readSpan.parentSpanId, callerSpanId, "the caller's span is the parent");
    assert.equal(readSpan.name, 'GET /api/v1/requests/:id');
    assert.deepEqual(attributes(readSpan.attributes), { 'http.request.method': 'GET', 'url.scheme': 'http', 'http.route': '/api/v1/requests/:id', 'http.response.status_code': 404 });
    const loginSpan = byRoute('/api/v1/session');
    assert.ok(loginSpan);
    assert.equal(attributes(loginSpan.attributes)['http.response.status_code'], 200);

    // The queries of each request are its children: the session's lookup under the read.
    const prefix = TEST_STORE === 'postgres' ? 'pg.query:' : 'pglite.query:';
    for (const parent of [readSpan, loginSpan]) {
      const queries = ours.filter((s) => s.parentSpanId === parent.spanId && s.name.startsWith(prefix));
      assert.ok(queries.length > 0, `query spans under ${parent.name}: ${JSON.stringify(ours.map((s) => s.name))}`);
      for (const q of queries) {
        const a = attributes(q.attributes);
        assert.equal(q.kind, 3, 'a client span');
        assert.equal(a['db.system.name'], 'postgresql');
        assert.equal(typeof a['db.query.text'], 'string');
      }
    }
    assert.ok(ours.some((s) => /\$1/.test(String(attributes(s.attributes)['db.query.text']))), 'statements are recorded with their placeholders');

    // Nothing secret anywhere in what was exported: not the password, the bearer token, nor a
    // SQL parameter (the username the login looked up, the id the read looked for).
    const everything = posts.map((p) => p.body).join('\n');
    for (const secret of [PASSWORD, token, '"in.sosa"', missing]) assert.equal(everything.includes(secret), false, `${secret.slice(0, 12)}… is not exported`);
  });
});
