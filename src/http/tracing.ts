import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

// One server span per request (issue #16), child of the caller's span when the request carries a
// W3C `traceparent`. Written here rather than taken from @hono/otel: that middleware records
// url.full, query string included (the OIDC callback's authorization code and state), with no
// way to leave it out. What a span records: the method, the route's template (never the raw path
// with its ids, nor the query), the status, and for a 5xx the error's kind and stack — not its
// message, which may quote a value the caller sent. No header, body, cookie or token.

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function recordFailure(span: Span, error: unknown): void {
  const e = error as { name?: string; code?: unknown; stack?: string };
  const type = typeof e?.code === 'string' ? `${e.name ?? 'Error'} ${e.code}` : (e?.name ?? 'Error');
  // The stack without its first line (the message).
  const stack = typeof e?.stack === 'string' ? e.stack.split('\n').slice(1).join('\n') : undefined;
  span.addEvent('exception', { 'exception.type': type, ...(stack ? { 'exception.stacktrace': stack } : {}) });
  span.setAttribute('error.type', type);
}

export function tracingMiddleware(): MiddlewareHandler {
  const tracer = trace.getTracer('sosa-desk-http');
  return (c, next) => {
    const method = METHODS.has(c.req.method) ? c.req.method : '_OTHER';
    const parent = propagation.extract(context.active(), c.req.header());
    return tracer.startActiveSpan(method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.scheme': new URL(c.req.url).protocol.replace(':', '') } }, parent, async (span) => {
      let thrown: unknown;
      try {
        await next();
      } catch (error) {
        thrown = error;
        throw error;
      } finally {
        const route = routePath(c) || 'unmatched';
        // An error thrown past the app (none should be) has no response yet: it becomes a 500.
        const status = thrown !== undefined || !c.finalized ? 500 : c.res.status;
        span.updateName(`${method} ${route}`);
        span.setAttribute('http.route', route);
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) {
          const error = thrown ?? c.error;
          if (error) recordFailure(span, error);
          else span.setAttribute('error.type', String(status));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      }
    });
  };
}
