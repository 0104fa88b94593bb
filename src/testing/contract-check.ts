import type { z } from '@hono/zod-openapi';
import { ROUTE_CATALOG, type RouteEntry } from '../http/route.js';

/** SOSA_CONTRACT_CHECK=1 (the store runs of `npm test`): every test call is checked against the contract. */
export const CONTRACT_CHECK = process.env.SOSA_CONTRACT_CHECK === '1';

const patterns = new Map<RouteEntry, RegExp>();
function patternOf(route: RouteEntry): RegExp {
  let pattern = patterns.get(route);
  if (!pattern) {
    pattern = new RegExp(`^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);
    patterns.set(route, pattern);
  }
  return pattern;
}

/** The mounted route a call reaches: a literal segment wins over a parameter, as in the router. */
export function routeOf(method: string, path: string): RouteEntry | undefined {
  const bare = path.split('?')[0]!;
  const candidates = ROUTE_CATALOG.filter((r) => r.method === method.toUpperCase() && patternOf(r).test(bare));
  return candidates.sort((a, b) => a.path.split('{').length - b.path.split('{').length)[0];
}

/**
 * Throws when a successful JSON answer breaks the route's declared response schema: a field the
 * schema does not name (the response schemas are strict objects), a missing field, or a value of
 * another type, each named by its path in the body. Every route declares its schema (mount()
 * refuses one that does not), so every route is checked.
 */
export function checkContract(method: string, path: string, status: number, body: unknown, contentType: string | null): void {
  if (status < 200 || status >= 300) return;
  const route = routeOf(method, path);
  if (!route) return;
  const name = `${route.method} ${route.path}`;
  if (!(status in route.success)) throw new Error(`contract: ${name} answered ${status}, a status it does not declare (${Object.keys(route.success).join(', ')})`);
  const schema = route.success[status];
  if (!schema) return;
  // A route that also exports its answer as another document (Markdown, PDF) declares that media type.
  if (contentType && route.alsoSends.includes(contentType.split(';')[0]!.trim())) return;
  if (!contentType?.startsWith('application/json')) throw new Error(`contract: ${name} declares JSON for ${status} but sent ${contentType ?? 'no content type'}`);
  const result = (schema as z.ZodType).safeParse(body);
  if (result.success) return;
  const problems = result.error.issues.map((issue) => {
    const at = issue.path.length ? issue.path.join('.') : '(body)';
    return issue.code === 'unrecognized_keys' ? `${at}: undeclared field(s) ${issue.keys.join(', ')}` : `${at}: ${issue.message}`;
  });
  throw new Error(`contract: ${name} answered ${status} with a body its declared schema does not describe:\n  ${problems.slice(0, 20).join('\n  ')}`);
}
