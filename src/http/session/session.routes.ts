import { randomBytes } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { presentRequestOptions } from './passkey.presenter.js';
import { relyingParty } from '../../services/auth/relying-party.js';
import { login, loginSecondFactor, logout, type OpenedSession, type SessionUser } from '../../services/auth/sessions.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth.middleware.js';
import { clientAddress } from '../client-address.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonResponse } from '../responses.js';
import { loginAnswerSchema, loginSchema, secondFactorChallengeSchema, secondFactorLoginSchema, sessionUserSchema, whoIsSignedInSchema, type SessionUserBody } from './session.schema.js';
import { jsonBody } from '../validation.js';

export function presentUser(user: SessionUser): SessionUserBody {
  return { id: user.userId, username: user.username, displayName: user.displayName, nation: user.nation, organisation: user.organisation, roles: [...user.roles] };
}

/** Sets the session and CSRF cookies of a new session (password or single sign-on); returns the CSRF token. */
export function setSessionCookies(c: Context<HttpEnv>, session: OpenedSession): string {
  const ctx = c.get('ctx');
  const csrfToken = randomBytes(24).toString('base64url');
  const secure = new URL(c.req.url).protocol === 'https:';
  // Max-Age, not Expires: a lifetime relative to the browser's clock, whatever the server's
  // clock says (an absolute date from a skewed clock could make the cookie die at once).
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - ctx.now().getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge });
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'Strict', path: '/', secure, maxAge });
  return csrfToken;
}

function sessionAnswer(c: Context<HttpEnv>, session: OpenedSession) {
  const csrfToken = setSessionCookies(c, session);
  return { token: session.token, csrfToken, expiresAt: session.expiresAt.toISOString(), user: presentUser(session.user), ...(session.enrolSecondFactor ? { enrolSecondFactor: true } : {}) };
}

export function sessionRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['session']);
  route({
    method: 'post', path: '/session', access: 'public',
    summary: 'Log in',
    body: loginSchema,
    responses: {
      200: jsonResponse('Token, CSRF token and user; sets the session cookie', loginAnswerSchema),
      202: jsonResponse('The password was right and the user has a second factor: no session yet; send the code or the passkey assertion with the challenge to POST /session/second-factor', secondFactorChallengeSchema),
    },
  }, async (c) => {
    const input = await jsonBody(c, loginSchema);
    const ctx = c.get('ctx');
    const result = await login(ctx, { ...input, clientAddress: clientAddress(c, ctx.config.trustProxy), rp: relyingParty(ctx.config, c.req.url) });
    if ('challenge' in result) return c.json({ secondFactor: result.secondFactor, methods: result.methods, challenge: result.challenge, expiresAt: result.expiresAt.toISOString(), ...(result.passkeyOptions ? { passkeyOptions: presentRequestOptions(result.passkeyOptions) } : {}) }, 202);
    return c.json(sessionAnswer(c, result));
  });
  route({
    method: 'post', path: '/session/second-factor', access: 'public',
    summary: 'Log in, second step: the code of the authenticator app (or a recovery code), or a passkey assertion over passkeyOptions, with the challenge of POST /session; opens the session as a password login does',
    body: secondFactorLoginSchema, ok: [200, 'Token, CSRF token and user; sets the session cookie', loginAnswerSchema],
  }, async (c) => {
    const input = await jsonBody(c, secondFactorLoginSchema);
    const ctx = c.get('ctx');
    const session = await loginSecondFactor(ctx, { challenge: input.challenge, code: input.code, passkey: input.passkey as AuthenticationResponseJSON | undefined, rp: relyingParty(ctx.config, c.req.url), clientAddress: clientAddress(c, ctx.config.trustProxy) });
    return c.json(sessionAnswer(c, session));
  });
  route({ method: 'delete', path: '/session', access: 'authenticated', summary: 'Log out (revokes the token)', ok: [204, 'Logged out'] }, async (c, user) => {
    await logout(c.get('ctx'), c.get('token')!, user);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  // The web UI's first call: "nobody signed in" is an ordinary answer (200, user null), not a 401,
  // so opening the sign-in page logs no failed request. An ended cookie reads as nobody.
  route({ method: 'get', path: '/session', access: 'public', summary: 'Who is signed in: { user } or { user: null }; never 401', ok: [200, '{ user }', whoIsSignedInSchema] }, (c) => {
    const user = c.get('user');
    return c.json({ user: user ? presentUser(user) : null });
  });
  route({ method: 'get', path: '/me', access: 'authenticated', summary: 'The logged-in user', ok: [200, 'User', sessionUserSchema] }, (c, user) => c.json(presentUser(user)));
}
