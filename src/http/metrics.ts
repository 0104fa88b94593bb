import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../services/context.js';
import { refusalCounts } from '../services/federation/anonymous-refusals.js';
import { readOperationsSnapshot, type OperationsSnapshot } from '../services/operations/operations-snapshot.js';

// Prometheus metrics (issue #16). Requests are labelled by the route's template
// ('/api/v1/requests/:id'), never the raw path: an id in a label would be a new time series per
// record and would leak identifiers to whoever reads the metrics.

export interface Metrics {
  registry: Registry;
  /** Counts and times every request (first middleware of the app). */
  middleware: MiddlewareHandler;
  /** The text exposition of every metric. */
  scrape(): Promise<{ body: string; contentType: string }>;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const byContext = new WeakMap<AppContext, Metrics>();

/** One set of metrics per context: the app's middleware and a separate metrics listener share it. */
export function metricsFor(ctx: AppContext): Metrics {
  let metrics = byContext.get(ctx);
  if (!metrics) {
    metrics = createMetrics(ctx);
    byContext.set(ctx, metrics);
  }
  return metrics;
}

function createMetrics(ctx: AppContext): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'sosa_http_requests_total', help: 'HTTP requests answered, by route template and status class', labelNames: ['method', 'route', 'status_class'], registers: [registry] });
  const duration = new Histogram({
    name: 'sosa_http_request_duration_seconds',
    help: 'HTTP request latency by route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // The database gauges are read once per scrape (one statement), whichever gauge asks first.
  let current: Promise<OperationsSnapshot> | null = null;
  const snapshot = () => (current ??= readOperationsSnapshot(ctx));
  const gauge = (name: string, help: string, read: (s: OperationsSnapshot, g: Gauge) => void, labelNames: string[] = []) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        read(await snapshot(), this);
      },
    });
  gauge('sosa_database_up', '1 when the database answered the last scrape', (s, g) => g.set(s.queues ? 1 : 0));
  gauge('sosa_audit_queue_depth', 'Committed audit events waiting for their chain position', (s, g) => s.queues && g.set(s.queues.auditQueueDepth));
  gauge('sosa_audit_sequencer_lag_seconds', 'Age of the oldest unsequenced audit event (0 when the queue is empty)', (s, g) => s.queues && g.set(s.queues.auditOldestSeconds));
  gauge('sosa_mail_outbox_due', 'E-mails due for delivery now', (s, g) => s.queues && g.set(s.queues.mailDue));
  gauge('sosa_mail_outbox_lag_seconds', 'How long the oldest due e-mail has waited (0 when none)', (s, g) => s.queues && g.set(s.queues.mailOldestDueSeconds));
  gauge('sosa_background_loop_last_success_age_seconds', 'Seconds since each background loop (deadline scheduler, mail sender, digest, audit sequencer) last finished a tick', (s, g) => {
    for (const { loop, seconds } of s.loopAges) g.set({ loop }, seconds);
  }, ['loop']);
  new Counter({
    name: 'sosa_federation_refusals_total',
    help: 'Federation messages and signed fetches this process refused, by audit action and reason (unauthenticated ones are audited once a minute of a kind, so this counts every one)',
    labelNames: ['action', 'reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [kind, n] of refusalCounts(ctx)) {
        const [action, reason] = kind.split(' ');
        this.inc({ action, reason }, n);
      }
    },
  });
  if (ctx.store.poolStats) {
    gauge('sosa_db_pool_connections', 'PostgreSQL pool connections by state (total, idle, waiting = queries waiting for a connection)', (s, g) => {
      if (!s.pool) return;
      for (const state of ['total', 'idle', 'waiting'] as const) g.set({ state }, s.pool[state]);
    }, ['state']);
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      const route = routeTemplate(c);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      // An error thrown past the app (none should be) has no response yet: it becomes a 500.
      const status = c.finalized ? c.res.status : 500;
      requests.inc({ method, route, status_class: `${Math.floor(status / 100)}xx` });
      duration.observe({ method, route }, seconds);
    }
  };
  return {
    registry,
    middleware,
    async scrape() {
      current = null;
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

/** The template of the route that answered (the handler, or the middleware that answered early). */
function routeTemplate(c: Context): string {
  return routePath(c) || 'unmatched';
}

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  // Hashed first: timingSafeEqual needs equal lengths, and the hash does not tell the length.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The app of the separate metrics listener (SOSA_METRICS_PORT, bound to 127.0.0.1): /metrics only. */
export function createMetricsApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const { body, contentType } = await metricsFor(ctx).scrape();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
  return app;
}
