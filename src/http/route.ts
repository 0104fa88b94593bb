import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../domain/errors.js';
import type { Role } from '../domain/workflows/workflow-definition.js';
import type { SessionUser } from '../services/auth/sessions.js';
import type { HttpEnv } from './http-env.js';

/** Who may call a route at all; finer rules (nation, ownership, state) live in the use cases. */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export interface RouteEntry {
  method: string;
  path: string;
  access: RouteAccess;
}

/** Every mounted route, in order: the OpenAPI document and the access-matrix test are built from it. */
export const ROUTE_CATALOG: RouteEntry[] = [];

type Handler = (c: Context<HttpEnv>, user: SessionUser) => Promise<Response> | Response;
type PublicHandler = (c: Context<HttpEnv>) => Promise<Response> | Response;

export function requireUser(c: Context<HttpEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED', { detail: 'Log in, or send Authorization: Bearer <token>.' });
  return user;
}

const PROBLEM_RESPONSE = { description: 'A problem document (RFC 9457)', content: { 'application/problem+json': { schema: { type: 'object' as const } } } };

/**
 * Mounts a route and documents it. Validation happens in the handler through jsonBody/
 * queryParams with the same schemas the document shows, so the two never disagree.
 */
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: 'public', handler: PublicHandler): void;
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: Exclude<RouteAccess, 'public'>, handler: Handler): void;
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: RouteAccess, handler: Handler | PublicHandler): void {
  const responses = { ...config.responses, '4XX': PROBLEM_RESPONSE };
  app.openAPIRegistry.registerPath({ ...config, responses, ...(access === 'public' ? {} : { security: [{ bearer: [] }, { cookie: [] }] }) });
  ROUTE_CATALOG.push({ method: config.method.toUpperCase(), path: config.path, access });
  const honoPath = config.path.replace(/\{(\w+)\}/g, ':$1');
  app.on(config.method.toUpperCase(), honoPath, async (c) => {
    if (access === 'public') return (handler as PublicHandler)(c);
    const user = requireUser(c);
    if (access !== 'authenticated' && !access.some((role) => user.roles.includes(role))) {
      throw new AppError('ROLE_NOT_ALLOWED', { detail: `This needs one of the roles: ${access.join(', ')}.` });
    }
    return (handler as Handler)(c, user);
  });
}
