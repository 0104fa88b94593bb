import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../domain/errors.js';
import { authenticate } from '../services/auth/sessions.js';
import type { HttpEnv } from './http-env.js';

export const SESSION_COOKIE = 'sosa_session';
export const CSRF_COOKIE = 'sosa_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller from a bearer token (CLI, integrations) or the session cookie (browser).
 * Cookie-authenticated writes must echo the CSRF cookie in X-CSRF-Token (double submit), so
 * another site cannot make a logged-in browser act.
 */
export function authMiddleware(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const ctx = c.get('ctx');
    const header = c.req.header('authorization');
    let token: string | null = null;
    let via: 'bearer' | 'cookie' | null = null;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new AppError('UNAUTHENTICATED', { detail: 'The Authorization header must be "Bearer <token>".' });
      token = match[1]!;
      via = 'bearer';
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) {
        token = cookie;
        via = 'cookie';
      }
    }
    const user = token ? await authenticate(ctx, token) : null;
    if (token && !user && via === 'bearer') throw new AppError('UNAUTHENTICATED', { detail: 'The token is unknown, expired or revoked.' });
    if (user && via === 'cookie' && UNSAFE.has(c.req.method)) {
      const expected = getCookie(c, CSRF_COOKIE);
      if (!expected || c.req.header('x-csrf-token') !== expected) {
        throw new AppError('FORBIDDEN', { detail: 'Missing or wrong X-CSRF-Token header for a cookie session.' });
      }
    }
    c.set('user', user);
    c.set('token', user ? token : null);
    c.set('authVia', user ? via : null);
    await next();
  };
}
