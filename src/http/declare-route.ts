import { createRoute, type OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { HttpEnv } from './http-env.js';
import { jsonRequestBody } from './request-body.js';
import { jsonResponse } from './responses.js';
import { mount, type Handler, type PublicHandler, type RouteAccess } from './route.js';

/** What a route answers on success, when it answers one way: the status, what it is, and its JSON schema (none for a 204). */
type Ok = readonly [status: number, description: string, schema?: z.ZodType];

/**
 * A route as its contract: what it is called on, who may call it, what it takes and what it
 * answers. `ok` states the one success; a route that answers more ways (201 or 202, a file, a
 * 503) states `responses` whole instead.
 */
type RouteContract<A extends RouteAccess> = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  access: A;
  summary: string;
  description?: string;
  /** The tags of the group unless the route stands in another one. */
  tags?: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads, shown in the document. */
  headers?: z.ZodObject;
  /** A JSON body the route requires. */
  body?: z.ZodType;
  /** A JSON body the route may do without (every field has a default). */
  optionalBody?: z.ZodType;
} & ({ ok: Ok; responses?: never } | { responses: RouteConfig['responses']; ok?: never });

export interface DeclareRoute {
  (contract: RouteContract<'public'>, handler: PublicHandler): void;
  (contract: RouteContract<Exclude<RouteAccess, 'public'>>, handler: Handler): void;
}

/** The createRoute config of a contract, keys in the order the document has always shown them. */
function routeConfig(tags: string[], contract: RouteContract<RouteAccess>): RouteConfig {
  const { method, path, summary, description, params, query, headers, body, optionalBody, ok } = contract;
  const request = {
    ...(params && { params }),
    ...(query && { query }),
    ...(headers && { headers }),
    ...(body && jsonRequestBody(body)),
    ...(optionalBody && jsonRequestBody(optionalBody, { required: false })),
  };
  const responses = ok ? { [ok[0]]: ok[2] ? jsonResponse(ok[1], ok[2]) : { description: ok[1] } } : contract.responses!;
  return {
    method,
    path,
    tags: contract.tags ?? tags,
    summary,
    ...(description !== undefined && { description }),
    ...(Object.keys(request).length > 0 && { request }),
    responses,
  };
}

/**
 * The declarer of a group of routes (one *.routes.ts): each route is stated as its contract and
 * its handler, and mounted with everything mount() records (catalog, operationId, success
 * schemas, access) and the document shows.
 */
export function declareRoutes(app: OpenAPIHono<HttpEnv>, tags: string[]): DeclareRoute {
  return (contract: RouteContract<RouteAccess>, handler: Handler | PublicHandler) => {
    const config = createRoute(routeConfig(tags, contract));
    if (contract.access === 'public') mount(app, config, 'public', handler as PublicHandler);
    else mount(app, config, contract.access, handler as Handler);
  };
}
