import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
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
  /** The operation's name in the OpenAPI document and the generated client. */
  operationId: string;
  /**
   * What the route answers on success, by status: the schema of its JSON body, or null for a body
   * that is not JSON (a file) or none (204). Every route declares it (issue #12): mount() refuses
   * one that does not.
   */
  success: Record<number, z.ZodType | null>;
  /** Media types other than JSON that a 2xx may send (a route that exports a document as JSON, Markdown or PDF). */
  alsoSends: string[];
}

/** Every mounted route, in order: the OpenAPI document and the access-matrix test are built from it. */
export const ROUTE_CATALOG: RouteEntry[] = [];

export type Handler = (c: Context<HttpEnv>, user: SessionUser) => Promise<Response> | Response;
export type PublicHandler = (c: Context<HttpEnv>) => Promise<Response> | Response;

export function requireUser(c: Context<HttpEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new AppError('UNAUTHENTICATED', { detail: 'Log in, or send Authorization: Bearer <token>.' });
  return user;
}

export const BEARER_SCHEME = 'bearer';
export const COOKIE_SCHEME = 'cookie';

/** RFC 9457, with the fields our problems carry; other members may follow (retryAfter, …). */
const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().optional(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().openapi({ description: 'The fields that failed, each with its message' }),
  })
  .openapi('Problem');
const PROBLEM_RESPONSE = { description: 'A problem document (RFC 9457)', content: { 'application/problem+json': { schema: problemSchema } } };

/**
 * The operation's name when a route declares none: the method and the path in camelCase, a path
 * parameter read as "By<Name>" (GET /requests/{id}/attachments/{attachmentId} is
 * getRequestsByIdAttachmentsByAttachmentId). Derived from what identifies the route, so it stays
 * the same as long as the route does, and two routes cannot share one.
 */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      return parameter ? `By-${parameter[1]}` : segment;
    })
    .flatMap((segment) => segment.split(/[-_.]/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** The success responses a route declares, or null when one of them does not say what it sends. */
function successResponses(config: RouteConfig): RouteEntry['success'] | null {
  const success: Record<number, z.ZodType | null> = {};
  for (const [key, response] of Object.entries(config.responses)) {
    const status = Number(key);
    // A redirect (the single sign-on steps a browser follows) is declared by its status alone.
    if (status === 302 || status === 303) {
      success[status] = null;
      continue;
    }
    if (!(status >= 200 && status < 300)) continue;
    const content = 'content' in response ? response.content : undefined;
    const media = content?.['application/json'];
    const json = media && 'schema' in media ? media.schema : undefined;
    if (json instanceof z.ZodType) success[status] = json;
    else if (status === 204 || (content && Object.keys(content).length > 0 && !json)) success[status] = null;
    else return null;
  }
  return Object.keys(success).length ? success : null;
}

/**
 * A route that does not say what it sends on success would be untyped in the generated client and
 * unchecked in the tests: each 2xx names its JSON schema (jsonResponse), or is a 204 or a file.
 */
function assertSuccessDeclared(config: RouteConfig): RouteEntry['success'] {
  const success = successResponses(config);
  if (!success) throw new Error(`${config.method.toUpperCase()} ${config.path} does not declare its success response schema: use jsonResponse(description, schema) for each 2xx (docs/architecture.md)`);
  return success;
}

/** A path parameter the route does not declare would be missing from the document and the client. */
function assertPathParametersDeclared(config: RouteConfig): void {
  const declared = config.request?.params;
  const shape = declared && 'shape' in declared ? Object.keys((declared as { shape: object }).shape) : [];
  const missing = [...config.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !shape.includes(name));
  if (missing.length) throw new Error(`${config.method.toUpperCase()} ${config.path} does not declare its path parameters in request.params: ${missing.join(', ')}`);
}

/**
 * Mounts a route and documents it. Validation happens in the handler through jsonBody/
 * queryParams with the same schemas the document shows, so the two never disagree.
 */
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: 'public', handler: PublicHandler): void;
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: Exclude<RouteAccess, 'public'>, handler: Handler): void;
export function mount(app: OpenAPIHono<HttpEnv>, config: RouteConfig, access: RouteAccess, handler: Handler | PublicHandler): void {
  assertPathParametersDeclared(config);
  const success = assertSuccessDeclared(config);
  const operationId = config.operationId ?? operationIdFor(config.method, config.path);
  const responses = { ...config.responses, '4XX': PROBLEM_RESPONSE };
  // A bearer token (CLI, integrations) or the session cookie (browser) authenticates; a public
  // route says so with an empty list rather than by leaving security out.
  const security: Record<string, string[]>[] = access === 'public' ? [] : [{ [BEARER_SCHEME]: [] }, { [COOKIE_SCHEME]: [] }];
  app.openAPIRegistry.registerPath({ ...config, operationId, responses, security });
  const alsoSends = Object.entries(config.responses)
    .filter(([key]) => Number(key) >= 200 && Number(key) < 300)
    .flatMap(([, response]) => Object.keys(('content' in response ? response.content : undefined) ?? {}).filter((m) => m !== 'application/json'));
  ROUTE_CATALOG.push({ method: config.method.toUpperCase(), path: config.path, access, operationId, success, alsoSends });
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
