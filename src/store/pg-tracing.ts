import { createRequire } from 'node:module';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';

/**
 * Spans for the PostgreSQL store's queries (issue #16), by the maintained
 * @opentelemetry/instrumentation-pg. Loaded by bin/sosa.js only when tracing is configured, and
 * before anything imports pg: the instrumentation patches pg's Client and pg-pool's Pool when pg
 * is first required, and an ESM `import pg from 'pg'` later gets that same patched module (a CJS
 * package is loaded once). Spans go to the global tracer provider the server registers later.
 *
 * requireParentSpan: a query outside a request or a traced background tick (a pool's idle
 * check, the lock file) makes no trace of its own. enhancedDatabaseReporting stays off: the
 * statement is recorded with its $1 placeholders, never the parameter values.
 */
export function instrumentPg(): void {
  new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false, ignoreConnectSpans: true });
  createRequire(import.meta.url)('pg');
}
