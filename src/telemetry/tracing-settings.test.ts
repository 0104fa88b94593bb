// One store: the reading of the OpenTelemetry variables is pure; no store is touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.js';
import { tracingSettings } from './tracing-settings.js';

test('no OTLP endpoint: no tracing (nothing of the SDK is loaded)', () => {
  assert.equal(tracingSettings({}), null);
  assert.equal(loadConfig({}).tracing, null);
});

test('an endpoint turns traces on, in the specification’s default protocol unless one is named', () => {
  assert.deepEqual(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), { protocol: 'http/protobuf' });
  assert.deepEqual(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }), { protocol: 'http/json' });
  assert.deepEqual(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }), { protocol: 'http/protobuf' });
});

test('OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turns them off', () => {
  assert.equal(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }), null);
  assert.equal(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }), null);
});

test('grpc is refused at start with the variable named', () => {
  assert.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }), (e: { errors: Array<{ field: string }> }) => e.errors[0]?.field === 'OTEL_EXPORTER_OTLP_PROTOCOL');
});
