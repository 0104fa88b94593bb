import { createApiClient, type ApiClient } from '../contract/client.js';
import { AppError } from '../domain/errors.js';
import { lastServer, normaliseServerUrl, storedLogin } from './credentials.js';

/**
 * Commands that act as a user go through the running server's API with that user's token, so
 * they obey the same access rules and never open the data folder a server holds.
 */
export interface ApiTarget {
  url: string;
  token: string;
  /** Where the token came from: SOSA_TOKEN, or the login `sosa login` stored. */
  source?: 'env' | 'stored';
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:3000';

/** The server: --url, else SOSA_URL, else the server of the last `sosa login`, else the local default. */
export function serverUrl(url: string | undefined): string {
  return normaliseServerUrl(url ?? process.env.SOSA_URL ?? lastServer() ?? DEFAULT_SERVER_URL);
}

/** The user the command acts as: SOSA_TOKEN when set, else the stored login for that same server. */
export function apiTargetFromEnv(url: string | undefined): ApiTarget {
  const base = serverUrl(url);
  const token = process.env.SOSA_TOKEN;
  if (token) return { url: base, token, source: 'env' };
  const stored = storedLogin(base);
  const login = `sosa login${base === DEFAULT_SERVER_URL ? '' : ` --url ${base}`}`;
  if (!stored) {
    throw new AppError('UNAUTHENTICATED', { detail: `Not logged in to ${base}: run \`${login}\`. Set SOSA_TOKEN instead to act with a token from POST /api/v1/session.` });
  }
  if (Date.parse(stored.expiresAt) <= Date.now()) {
    throw new AppError('UNAUTHENTICATED', { detail: `Your login to ${base} as ${stored.username} expired on ${new Date(stored.expiresAt).toLocaleString()}: run \`${login}\` again.` });
  }
  return { url: base, token: stored.token, source: 'stored' };
}

/**
 * A call through the typed client (src/contract/client.ts), for routes that declare their answer:
 * the answer is typed from the contract; a failure reads as the server's problem document.
 */
export async function typedCall<D>(target: ApiTarget, call: (api: ApiClient) => Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await call(createApiClient(target.url, target.token || undefined));
  } catch (error) {
    throw noServer(target, error);
  }
  if (!result.response.ok) throw problemError(target, result.response.status, result.error);
  return result.data as D;
}

function noServer(target: ApiTarget, error: unknown): AppError {
  return new AppError('CONFLICT', { detail: `No SOSA Desk server answers at ${target.url}: ${(error as Error).message}` });
}

function problemError(target: ApiTarget, status: number, body: unknown): AppError {
  const problem = (body && typeof body === 'object' ? body : {}) as { title?: string; detail?: string; errors?: Array<{ field: string; message: string }>; code?: string };
  const relogin = status === 401 && target.source === 'stored' ? ' Your stored login is no longer valid (expired or revoked): run `sosa login` again.' : '';
  return new AppError('VALIDATION_FAILED', { detail: `${status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}${relogin}`, errors: problem.errors ?? [] });
}
