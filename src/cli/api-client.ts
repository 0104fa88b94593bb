import { AppError } from '../domain/errors.js';

/**
 * Commands that act as a user go through the running server's API with that user's token, so
 * they obey the same access rules and never open the data folder a server holds.
 */
export interface ApiTarget {
  url: string;
  token: string;
}

export function apiTargetFromEnv(url: string | undefined): ApiTarget {
  const token = process.env.SOSA_TOKEN;
  const base = url ?? process.env.SOSA_URL ?? 'http://127.0.0.1:3000';
  if (!token) throw new AppError('UNAUTHENTICATED', { detail: 'Set SOSA_TOKEN to a token from POST /api/v1/session (the user the command acts as).' });
  return { url: base.replace(/\/$/, ''), token };
}

export async function callApi<T>(target: ApiTarget, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${target.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new AppError('CONFLICT', { detail: `No SOSA Desk server answers at ${target.url}: ${(error as Error).message}` });
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const problem = (parsed ?? {}) as { title?: string; detail?: string; errors?: Array<{ field: string; message: string }>; code?: string };
    throw new AppError('VALIDATION_FAILED', { detail: `${res.status} ${problem.title ?? ''}${problem.detail ? `: ${problem.detail}` : ''}`, errors: problem.errors ?? [] });
  }
  return parsed as T;
}
