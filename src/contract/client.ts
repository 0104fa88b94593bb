import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi.js';

/** The API's paths, operations and bodies, generated from /api/v1/openapi.json (`npm run contract`). */
export type ApiPaths = paths;
export type ApiClient = Client<paths>;

/**
 * A typed client of the SOSA Desk API: each call's path, parameters, body and answer are checked
 * against the generated contract, so a route that changes what it sends breaks its callers at
 * compile time instead of in use. `token`: a bearer token from POST /session (none to log in).
 */
export function createApiClient(serverUrl: string, token?: string): ApiClient {
  return createClient<paths>({ baseUrl: `${serverUrl.replace(/\/+$/, '')}/api/v1`, headers: token ? { authorization: `Bearer ${token}` } : {} });
}
