import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../domain/errors.js';
import type { AppContext } from '../services/context.js';
import { calendarRoutes } from './admin/calendars.routes.js';
import { userRoutes } from './admin/users.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authMiddleware, SESSION_COOKIE } from './auth.middleware.js';
import { channelRoutes } from './channels/channels.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import type { HttpEnv } from './http-env.js';
import { federationRoutes } from './federation/federation.routes.js';
import { flowDownRoutes } from './flow-down/flow-down.routes.js';
import { networkRoutes } from './networks/networks.routes.js';
import { eventRoutes } from './events/events.routes.js';
import { postureRoutes } from './postures/postures.routes.js';
import { surveyRoutes } from './events/surveys.routes.js';
import { dpasDeskGuard } from './orders/dpas-desk.guard.js';
import { orderRoutes } from './orders/orders.routes.js';
import { partnershipRoutes } from './partnership/partnership.routes.js';
import { codeOfConductRoutes } from './partnership/code-of-conduct.routes.js';
import { commitmentRoutes } from './partnership/commitments.routes.js';
import { liaisonRoutes } from './partnership/liaison.routes.js';
import { programRoutes } from './partnership/programs.routes.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../store/database-unavailable.js';
import { pingDatabase } from '../store/health.repository.js';
import { migrationState } from '../store/migrate.js';
import { PROBLEMS, problemResponse, problemType } from './problem.js';
import { referenceRoutes } from './reference/reference.routes.js';
import { requestRoutes } from './requests/requests.routes.js';
import { jsonResponse } from './responses.js';
import { setLateHeader } from './late-header.js';
import { BEARER_SCHEME, COOKIE_SCHEME, mount, ROUTE_CATALOG } from './route.js';
import { metricsFor, metricsTokenMatches } from './metrics.js';
import { tracingMiddleware } from './tracing.js';
import { livenessSchema, readinessSchema } from './system/health.schema.js';
import { oidcRoutes } from './session/oidc.routes.js';
import { partnerCopyRoutes } from './partner-copies/partner-copies.routes.js';
import { secondFactorRoutes } from './session/second-factor.routes.js';
import { sessionRoutes } from './session/session.routes.js';
import { spaRoutes } from './spa/spa.routes.js';
import { serveWebUi } from './web-assets.js';

export const API_BASE = '/api/v1';
/** The upload routes, each with its own body limit instead of the API's (createApp). */
const OWN_BODY_LIMIT = new RegExp(`^${API_BASE}/(?:requests|partner-copies)/[^/]+/attachments$`);
const WEB_DIST = resolve(import.meta.dirname, '../../web/dist');

/** The OpenAPI document the API serves, without a running app (for the linter and the generated client). */
export function openApiDocument(): ReturnType<OpenAPIHono['getOpenAPI31Document']> {
  return apiRoutes().document;
}

function apiRoutes(): { api: OpenAPIHono<HttpEnv>; document: ReturnType<OpenAPIHono['getOpenAPI31Document']> } {
  const api = new OpenAPIHono<HttpEnv>();
  ROUTE_CATALOG.length = 0;
  // Liveness and readiness apart: while the database is away the process is alive (restarting it
  // would not help, so /health stays 200 and says so), but it is not ready to serve.
  mount(api, createRoute({ method: 'get', path: '/health', tags: ['system'], summary: 'Liveness: the process answers; `database` says whether the database does', responses: { 200: jsonResponse('OK', livenessSchema) } }), 'public', async (c) => {
    const ctx = c.get('ctx');
    const database = (await databaseAnswers(ctx)) ? 'up' : 'unavailable';
    return c.json({ status: 'ok', store: ctx.store.kind, database });
  });
  mount(api, createRoute({ method: 'get', path: '/health/ready', tags: ['system'], summary: 'Readiness: 200 when the database answers and its schema is current, else 503', responses: { 200: jsonResponse('Ready', readinessSchema), 503: { description: 'The database is unavailable (problem document, Retry-After), or its migrations are not the ones this server needs' } } }), 'public', async (c) => {
    const ctx = c.get('ctx');
    if (!(await databaseAnswers(ctx))) throw databaseUnavailable();
    // A store at an older schema (a restored backup, a database migrated back) or a newer one
    // (another release migrated it) would fail queries here and there: not ready, saying why.
    const schema = await migrationState(ctx.store.db);
    if (schema.pending.length || schema.unknown.length) {
      const why = [schema.pending.length ? `migrations not applied: ${schema.pending.join(', ')} (run \`sosa migrate\`)` : '', schema.unknown.length ? `migrations unknown to this release: ${schema.unknown.join(', ')} (a newer release migrated the database)` : ''].filter(Boolean).join('; ');
      throw new AppError('SCHEMA_NOT_CURRENT', { detail: `The database schema is not current: ${why}.` });
    }
    return c.json({ status: 'ready', store: ctx.store.kind });
  });
  sessionRoutes(api);
  oidcRoutes(api);
  secondFactorRoutes(api);
  referenceRoutes(api);
  requestRoutes(api);
  userRoutes(api);
  calendarRoutes(api);
  auditRoutes(api);
  // Before the order desk and flow-down routes: a company of a non-DPAS nation has no order desk.
  dpasDeskGuard(api);
  orderRoutes(api);
  partnershipRoutes(api);
  flowDownRoutes(api);
  spaRoutes(api);
  channelRoutes(api);
  codeOfConductRoutes(api);
  commitmentRoutes(api);
  liaisonRoutes(api);
  programRoutes(api);
  networkRoutes(api);
  eventRoutes(api);
  postureRoutes(api);
  surveyRoutes(api);
  dashboardRoutes(api);
  federationRoutes(api);
  partnerCopyRoutes(api);
  api.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, { type: 'http', scheme: 'bearer', description: 'A token from POST /session (the CLI and integrations)' });
  api.openAPIRegistry.registerComponent('securitySchemes', COOKIE_SCHEME, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The browser session; writes also send the sosa_csrf cookie back in X-CSRF-Token' });
  const document = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'SOSA Desk API', version: '1', description: 'Security of Supply Arrangement operations. Errors are RFC 9457 problem documents.', license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' } },
    servers: [{ url: API_BASE }],
  });
  ROUTE_CATALOG.push({ method: 'GET', path: '/openapi.json', access: 'public', operationId: 'getOpenapiJson', success: { 200: null }, alsoSends: [] });
  api.get('/openapi.json', (c) => c.json(document));
  return { api, document };
}

/** The database answers a trivial query within a bound (a failover can hang a connect for long). */
async function databaseAnswers(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_CHECK_MS)));
  try {
    return await Promise.race([pingDatabase(ctx.store.db).then(() => true), bound]);
  } catch (error) {
    if (isDatabaseUnavailable(error)) return false;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
const HEALTH_CHECK_MS = 3_000;

function databaseUnavailable(): AppError {
  return new AppError('DATABASE_UNAVAILABLE', {
    detail: 'The database is not answering (it may be restarting or failing over). Try again in a few seconds.',
    extra: { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
  });
}

export function toProblem(error: unknown, ctx: AppContext): Response {
  // A call cut off by a database outage answers 503 with Retry-After, not 500. (A connection that
  // drops during COMMIT may leave the write applied but unacknowledged, as with any lost answer;
  // every acknowledged write is durable.)
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) return toProblem(databaseUnavailable(), ctx);
  if (error instanceof AppError) {
    const known = PROBLEMS[error.code];
    const status = typeof error.extra.status === 'number' ? error.extra.status : known.status;
    const { status: _ignored, ...extra } = error.extra;
    const headers: Record<string, string> = typeof extra.retryAfter === 'number' ? { 'retry-after': String(extra.retryAfter) } : {};
    return problemResponse({ type: problemType(error.code), title: known.title, status, code: error.code, ...(error.detail ? { detail: error.detail } : {}), ...(error.errors.length ? { errors: error.errors } : {}), ...extra }, headers);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    return problemResponse({ type: problemType(`http-${status}`), title: status === 413 ? 'Too large' : 'Bad request', status, detail: status === 413 ? 'The body is larger than the server accepts.' : error.message });
  }
  // Never show an internal message or stack to the caller; log it.
  ctx.logger.error({ err: error }, 'unhandled error');
  return problemResponse({ type: problemType('internal'), title: 'Internal error', status: 500, detail: 'Something went wrong on the server. It has been logged.' });
}

export function createApp(ctx: AppContext): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>();
  const metrics = metricsFor(ctx);
  // Only with tracing configured: otherwise no span is even started (the zero-overhead path).
  if (ctx.config.tracing) app.use('*', tracingMiddleware());
  app.use('*', metrics.middleware);
  app.use('*', async (c, next) => {
    c.set('ctx', ctx);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], connectSrc: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"] },
      referrerPolicy: 'no-referrer',
    }),
  );
  const tooLarge = () => {
    throw new AppError('PAYLOAD_TOO_LARGE', { detail: 'The body is larger than the server accepts.' });
  };
  // An upload, on a request or on a partner copy (whose holder fetches a file larger than a signed
  // message from here), is held to MAX_ATTACHMENT_BYTES: a larger body is refused as it streams in,
  // not read whole first (the use case's own 413 names the limit for a file a little over it).
  const uploadLimit = bodyLimit({ maxSize: ctx.config.maxAttachmentBytes + 65_536, onError: tooLarge });
  app.use(`${API_BASE}/requests/:id/attachments`, uploadLimit);
  app.use(`${API_BASE}/partner-copies/:id/attachments`, uploadLimit);
  // Network imports (a Willems chain of 2,000 stages is 1.5 MB of CSV) have their own limit.
  app.use(`${API_BASE}/networks`, bodyLimit({ maxSize: ctx.config.maxNetworkBytes, onError: tooLarge }));
  const apiBodyLimit = bodyLimit({ maxSize: ctx.config.maxBodyBytes, onError: tooLarge });
  app.use(`${API_BASE}/*`, async (c, next) => {
    // A GET or HEAD has no body to limit, and asking for it (c.req.raw.body) builds a full
    // WHATWG Request per call: 6% of the server's CPU under a load of reads (issue #14).
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // The two upload routes and the network import have their own limits (above), and only they.
    if (OWN_BODY_LIMIT.test(c.req.path) || (c.req.path === `${API_BASE}/networks` && c.req.method === 'POST')) return next();
    return apiBodyLimit(c, next);
  });
  app.use(`${API_BASE}/*`, authMiddleware());
  app.use(`${API_BASE}/*`, async (c, next) => {
    await next();
    setLateHeader(c, 'cache-control', 'no-store');
  });
  // Prometheus metrics on the main port only with a token (SOSA_METRICS_TOKEN); else 404, as if
  // absent. Outside /api/v1: not part of the API contract, nor of its sessions.
  if (ctx.config.metricsToken) {
    const token = ctx.config.metricsToken;
    app.get('/metrics', async (c) => {
      if (!metricsTokenMatches(c.req.header('authorization'), token)) {
        return problemResponse({ type: problemType('unauthenticated'), title: 'Unauthenticated', status: 401, detail: 'The metrics need Authorization: Bearer <SOSA_METRICS_TOKEN>.' }, { 'www-authenticate': 'Bearer realm="metrics"' });
      }
      const { body, contentType } = await metrics.scrape();
      return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
    });
  }
  app.route(API_BASE, apiRoutes().api);
  app.all(`${API_BASE}/*`, () => {
    throw new AppError('NOT_FOUND', { detail: 'No such API route. See /api/v1/openapi.json.' });
  });

  if (existsSync(join(WEB_DIST, 'index.html'))) {
    serveWebUi(app, WEB_DIST);
  } else {
    app.get('/', (c) => c.text('SOSA Desk API is running. The web UI is not built: run `npm run build`.', 200));
  }
  app.onError((error, c) => toProblem(error, c.get('ctx') ?? ctx));
  return app;
}
