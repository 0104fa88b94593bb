import { readFileSync } from 'node:fs';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TracingSettings } from './tracing-settings.js';

/**
 * OpenTelemetry traces of one server process (issue #16), exported by OTLP over HTTP to the
 * endpoint of the standard variables (the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _HEADERS,
 * _TIMEOUT itself). Loaded by the server only when tracing is configured. The provider registers
 * the W3C trace-context propagator (incoming `traceparent`) and AsyncLocalStorage contexts, so
 * the query spans of pg and PGlite become children of the request's span.
 */
export interface Tracing {
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function startTracing(settings: TracingSettings, instance: { nation: string | undefined }): Tracing {
  const exporter = settings.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) may add to or override ours.
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'sosa-desk',
    [ATTR_SERVICE_VERSION]: VERSION,
    // One instance per nation (issue #13); a shared deployment serves several.
    'sosa.nation': instance.nation ?? 'shared',
  }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
