import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../domain/errors.js';
import { beginOidcLogin, finishOidcLogin, PENDING_LOGIN_MINUTES, type PendingOidcLogin } from '../../services/auth/oidc-login.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { setSessionCookies } from './session.routes.js';

/** The login under way (state, nonce, PKCE verifier), between the start and the callback. */
const PENDING_COOKIE = 'sosa_oidc';
const PENDING_PATH = '/api/v1/session/oidc/';

const providerParams = z.object({ provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/).openapi({ param: { name: 'provider', in: 'path' }, example: 'in-mod' }) });
const providersSchema = z.strictObject({ providers: z.array(z.strictObject({ key: z.string(), label: z.string() })) }).openapi('SignInProviders');

/** Where the provider sends the browser back: SOSA_PUBLIC_URL behind a proxy, else this request's origin. */
function redirectUri(c: Context<HttpEnv>, key: string): URL {
  const base = c.get('ctx').config.publicUrl ?? new URL(c.req.url).origin;
  return new URL(`${base.replace(/\/$/, '')}/api/v1/session/oidc/${key}/callback`);
}

function readPending(c: Context<HttpEnv>): PendingOidcLogin | null {
  const raw = getCookie(c, PENDING_COOKIE);
  if (!raw || raw.length > 2000) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingOidcLogin;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string' && typeof value.provider === 'string' && typeof value.expiresAt === 'number' ? value : null;
  } catch {
    return null;
  }
}

function providerKey(c: Context<HttpEnv>): string {
  const parsed = providerParams.safeParse({ provider: c.req.param('provider') });
  if (!parsed.success) throw new AppError('NOT_FOUND', { detail: 'No such single sign-on provider.' });
  return parsed.data.provider;
}

export function oidcRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['session']);
  route({ method: 'get', path: '/session/oidc', access: 'public', summary: 'The single sign-on providers of this instance (key and button label)', ok: [200, 'Providers', providersSchema] }, (c) => c.json({ providers: c.get('ctx').config.oidcProviders.map((p) => ({ key: p.key, label: p.label })) }));
  route({
    method: 'get', path: '/session/oidc/{provider}/start', access: 'public',
    summary: "Single sign-on: sends the browser to the organisation's OpenID Connect provider (code flow with PKCE, state and nonce)",
    params: providerParams, ok: [302, "Redirect to the provider's authorization endpoint; sets the pending-login cookie"],
  }, async (c) => {
    const ctx = c.get('ctx');
    const key = providerKey(c);
    const { url, pending } = await beginOidcLogin(ctx, key, redirectUri(c, key).href);
    const secure = new URL(c.req.url).protocol === 'https:';
    // Lax, not Strict: the browser comes back from the provider's site, and must bring it.
    setCookie(c, PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), { httpOnly: true, sameSite: 'Lax', path: PENDING_PATH, secure, maxAge: PENDING_LOGIN_MINUTES * 60 });
    return c.redirect(url.href, 302);
  });
  route({
    method: 'get', path: '/session/oidc/{provider}/callback', access: 'public',
    summary: 'Single sign-on: where the provider sends the browser back; opens the session (same cookie as a password login)',
    params: providerParams, query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional() }), ok: [303, 'To the web UI: signed in, or with ?sign_in_error=<reason> when refused'],
  }, async (c) => {
    const ctx = c.get('ctx');
    const key = providerKey(c);
    const pending = readPending(c);
    deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH });
    const callbackUrl = redirectUri(c, key);
    callbackUrl.search = new URL(c.req.url).search;
    try {
      const session = await finishOidcLogin(ctx, { key, pending, callbackUrl, clientAddress: clientAddress(c, ctx.config.trustProxy) });
      setSessionCookies(c, session);
      return c.redirect('/', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'UNAUTHENTICATED') throw e;
      return c.redirect(`/?sign_in_error=${encodeURIComponent(e.detail ?? 'Single sign-on refused.')}`, 303);
    }
  });
}
