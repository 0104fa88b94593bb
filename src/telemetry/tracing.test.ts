// One store: the exporter's wire format, in this process; no store is touched (src/tracing.test.ts
// runs the whole server with a store).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { startTracing } from './tracing.js';

test('the default protocol (http/protobuf) posts the spans to <endpoint>/v1/traces as protobuf, with the resource of sosa-desk', async () => {
  const posts: Array<{ path: string; type: string; body: Buffer }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // The exporter reads the standard variable when it is made.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  try {
    const tracing = startTracing({ protocol: 'http/protobuf' }, { nation: 'US' });
    trace.getTracer('test').startSpan('a-span-of-the-protobuf-test').end();
    await tracing.shutdown();
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
  assert.equal(posts.length, 1);
  assert.equal(posts[0]!.path, '/v1/traces');
  assert.equal(posts[0]!.type, 'application/x-protobuf');
  // Protobuf strings are their UTF-8 bytes: the span's name and the resource's values are in it.
  const body = posts[0]!.body.toString('latin1');
  for (const text of ['a-span-of-the-protobuf-test', 'sosa-desk', 'sosa.nation', 'US']) assert.ok(body.includes(text), text);
});
