import { tracingSettings } from './tracing-settings.js';

// Imported by bin/sosa.js before the CLI: with tracing configured, pg is instrumented before any
// module imports it; without, nothing of OpenTelemetry is loaded (the zero-overhead path).
if (tracingSettings(process.env)) {
  const { instrumentPg } = await import('../store/pg-tracing.js');
  instrumentPg();
}
