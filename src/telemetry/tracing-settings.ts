/**
 * Whether OpenTelemetry traces are exported, from the standard variables (issue #16): an OTLP
 * endpoint (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT) turns them on;
 * OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none turns them off. Nothing set → no tracing
 * code is loaded at all. No I/O: the CLI's entry reads it before anything imports pg.
 */
export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface TracingSettings {
  protocol: OtlpProtocol;
}

export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];

/** The settings, or null when tracing is off; `protocol` is checked by the configuration (grpc is not built in). */
export function tracingSettings(env: Record<string, string | undefined>): { protocol: string } | null {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return null;
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return null;
  if ((env.OTEL_TRACES_EXPORTER ?? '').split(',').some((e) => e.trim() === 'none')) return null;
  // The specification's default protocol is http/protobuf.
  return { protocol: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf' };
}
