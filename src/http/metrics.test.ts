// /metrics (issue #16): Prometheus text, behind a token; requests labelled by route template.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRequest, requestBody } from '../testing/request-builders.js';
import { createApp } from './app.js';
import { createMetricsApp } from './metrics.js';
import { useTestApp } from '../testing/use-test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A small parser of the Prometheus text format (samples only; comments skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

describe('GET /metrics', () => {
  const t = useTestApp({ config: { metricsToken: TOKEN } });

  const scrape = async (authorization?: string) => t.app.request('/metrics', { headers: authorization ? { authorization } : {} });

  it('answers 401 without the token or with a wrong one', async () => {
    const none = await scrape();
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('content-type'), 'application/problem+json');
    assert.equal((await scrape(`Bearer ${TOKEN}x`)).status, 401);
    assert.equal((await scrape(`Basic ${TOKEN}`)).status, 401);
  });

  it('counts requests by route template, without ids in labels, and reports the queues and the process', async () => {
    const before = parseExposition(await (await scrape(`Bearer ${TOKEN}`)).text());
    const built = await buildRequest(t, 'IN->US');
    const token = await t.login('us.sosa');
    const read = await t.call(token, 'GET', `/requests/${built.id}`);
    assert.equal(read.status, 200);
    const missing = '00000000-0000-4000-8000-00000000abcd';
    assert.equal((await t.call(token, 'GET', `/requests/${missing}`)).status, 404);
    assert.equal((await t.call(null, 'GET', '/requests')).status, 401);

    const res = await scrape(`Bearer ${TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const after = parseExposition(text);

    const byId = { method: 'GET', route: '/api/v1/requests/:id' };
    assert.equal(sum(after, 'sosa_http_requests_total', { ...byId, status_class: '2xx' }) - sum(before, 'sosa_http_requests_total', { ...byId, status_class: '2xx' }), 1);
    assert.equal(sum(after, 'sosa_http_requests_total', { ...byId, status_class: '4xx' }) - sum(before, 'sosa_http_requests_total', { ...byId, status_class: '4xx' }), 1);
    assert.ok(sum(after, 'sosa_http_requests_total', { method: 'POST', route: '/api/v1/requests', status_class: '2xx' }) >= 1);
    assert.ok(sum(after, 'sosa_http_requests_total', { method: 'GET', route: '/api/v1/requests', status_class: '4xx' }) >= 1);
    assert.equal(sum(after, 'sosa_http_request_duration_seconds_count', byId) - sum(before, 'sosa_http_request_duration_seconds_count', byId), 2);

    // No path id in any label: neither the request's id nor the unknown one.
    assert.ok(!text.includes(built.id) && !text.includes(missing), 'an id leaked into the metrics');
    for (const s of after) for (const v of Object.values(s.labels)) assert.doesNotMatch(v, /[0-9a-f]{8}-[0-9a-f]{4}-/);

    assert.equal(sum(after, 'sosa_database_up'), 1);
    assert.ok(after.some((s) => s.name === 'sosa_audit_queue_depth'));
    assert.ok(after.some((s) => s.name === 'sosa_audit_sequencer_lag_seconds'));
    assert.ok(after.some((s) => s.name === 'sosa_mail_outbox_lag_seconds'));
    assert.ok(after.some((s) => s.name === 'process_cpu_user_seconds_total'));
    if (t.ctx.store.kind === 'postgres') assert.ok(sum(after, 'sosa_db_pool_connections', { state: 'total' }) >= 1);
  });

  it('shows the audit queue waiting for the sequencer', async () => {
    // The test app runs no sequencer: a write leaves its event queued until the test call chains it.
    const token = await t.login('in.sosa');
    const created = await t.app.request('/api/v1/requests', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'metrics queue' })),
    });
    assert.equal(created.status, 201);
    const samples = parseExposition(await (await scrape(`Bearer ${TOKEN}`)).text());
    assert.ok(sum(samples, 'sosa_audit_queue_depth') >= 1);
    assert.ok(sum(samples, 'sosa_audit_sequencer_lag_seconds') >= 0);
  });

  it('is absent (404) without SOSA_METRICS_TOKEN; the loopback listener serves it without a token', async () => {
    const plain = { ...t.ctx, config: { ...t.ctx.config, metricsToken: undefined } };
    assert.equal((await createApp(plain).request('/metrics')).status, 404);
    const res = await createMetricsApp(plain).request('/metrics');
    assert.equal(res.status, 200);
    const samples = parseExposition(await res.text());
    assert.ok(samples.some((s) => s.name === 'sosa_audit_queue_depth'));
    assert.ok(samples.some((s) => s.name === 'process_cpu_user_seconds_total'));
  });
});
