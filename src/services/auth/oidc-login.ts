import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import { mapIdentityClaims, type MappedIdentity, type OidcProviderConfig } from '../../domain/auth/oidc-provider-config.js';
import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { UserRow } from '../../store/schema.js';
import { findOrganisationByShortName, findUserBySsoLink, findUserByUsername, insertSsoLink } from '../../store/sessions.repository.js';
import { insertUser, updateUserRow } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { openSession, type OpenedSession } from './sessions.js';

/**
 * Single sign-on through an organisation's OpenID Connect provider (issue #16): the
 * authorization code flow with PKCE, state and nonce (openid-client checks the ID token's
 * signature, issuer, audience, expiry and nonce). The browser keeps the pending login (state,
 * nonce, PKCE verifier) in a short-lived cookie, so any server process can finish it.
 */

/** A login under way between the start and the callback. */
export interface PendingOidcLogin {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Epoch milliseconds (the server's clock) after which the callback is refused. */
  expiresAt: number;
}

/** How long a person may take at the provider's sign-in page. */
export const PENDING_LOGIN_MINUTES = 10;
/** The password hash of a user the provider created: no password verifies against it. */
export const NO_PASSWORD = '!sso';

const discovered = new Map<string, Promise<oidc.ServerMetadata>>();

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

// Plain http only for a provider on this machine (tests, a local trial); anywhere else the
// library refuses it.
function insecureAllowed(provider: OidcProviderConfig): boolean {
  const issuer = new URL(provider.issuer);
  return issuer.protocol === 'http:' && isLoopback(issuer);
}

/**
 * The client for one use: the provider's metadata is fetched once per process (a failed fetch is
 * tried again next time); the client is built afresh so its clock is the server's (ctx.now, not
 * the process's), by which the ID token's expiry is judged.
 */
async function clientConfiguration(ctx: AppContext, provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const cacheKey = `${provider.key}|${provider.issuer}`;
  let server = discovered.get(cacheKey);
  if (!server) {
    const options = insecureAllowed(provider) ? { execute: [oidc.allowInsecureRequests] } : undefined;
    server = oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, options).then((c) => c.serverMetadata());
    server.catch(() => discovered.delete(cacheKey));
    discovered.set(cacheKey, server);
  }
  const metadata = await server;
  const methods = metadata.token_endpoint_auth_methods_supported;
  const auth = !provider.clientSecret ? oidc.None() : !methods || methods.includes('client_secret_basic') ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.ClientSecretPost(provider.clientSecret);
  const config = new oidc.Configuration(metadata, provider.clientId, { [oidc.clockSkew]: Math.round((ctx.now().getTime() - Date.now()) / 1000) }, auth);
  if (insecureAllowed(provider)) oidc.allowInsecureRequests(config);
  return config;
}

export function findProvider(ctx: AppContext, key: string): OidcProviderConfig {
  const provider = ctx.config.oidcProviders.find((p) => p.key === key);
  if (!provider) throw new AppError('NOT_FOUND', { detail: `No single sign-on provider ${key}.` });
  return provider;
}

/** The address to send the person to at the provider, and what the callback will check. */
export async function beginOidcLogin(ctx: AppContext, key: string, redirectUri: string): Promise<{ url: URL; pending: PendingOidcLogin }> {
  const provider = findProvider(ctx, key);
  let config: oidc.Configuration;
  try {
    config = await clientConfiguration(ctx, provider);
  } catch (e) {
    ctx.logger.warn({ provider: key, err: (e as Error).message }, 'OpenID Connect discovery failed');
    throw new AppError('SIGN_IN_PROVIDER_UNAVAILABLE', { detail: `The sign-in provider ${provider.label} does not answer; try again later.` });
  }
  const verifier = oidc.randomPKCECodeVerifier();
  const pending: PendingOidcLogin = { provider: key, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, expiresAt: ctx.now().getTime() + PENDING_LOGIN_MINUTES * 60_000 };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

class Refusal extends Error {}

/**
 * Finishes a login at the callback: exchanges the code, verifies the ID token, maps its claims
 * and opens the same session as a password login. Every refusal is audited with its reason.
 */
export async function finishOidcLogin(
  ctx: AppContext,
  input: { key: string; pending: PendingOidcLogin | null; callbackUrl: URL; clientAddress: string },
): Promise<OpenedSession> {
  const provider = findProvider(ctx, input.key);
  let claimedName: string | null = null;
  let tried: { issuer: string; subject: string } | null = null;
  try {
    const pending = input.pending;
    if (!pending || pending.provider !== provider.key) throw new Refusal('no sign-in was started in this browser');
    if (pending.expiresAt <= ctx.now().getTime()) throw new Refusal('the sign-in took too long');
    const config = await clientConfiguration(ctx, provider).catch((e: Error) => {
      throw new Refusal(`the provider does not answer: ${e.message}`);
    });
    let claims: Record<string, unknown>;
    let accessToken: string;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, { pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      claims = { ...(tokens.claims() ?? {}) };
      accessToken = tokens.access_token;
    } catch (e) {
      // The library's cause names the check that failed (the aud, exp, nonce or iss claim, …).
      const cause = (e as { cause?: unknown }).cause;
      const why = cause instanceof Error && cause.message !== (e as Error).message ? `: ${cause.message}` : '';
      throw new Refusal(`the provider's answer was not accepted: ${(e as Error).message}${why}`);
    }
    // Some providers put the profile in the ID token, others only at the userinfo endpoint.
    if (claims[provider.claims.username] === undefined && config.serverMetadata().userinfo_endpoint) {
      try {
        claims = { ...(await oidc.fetchUserInfo(config, accessToken, String(claims.sub))), ...claims };
      } catch (e) {
        throw new Refusal(`the provider's userinfo was not accepted: ${(e as Error).message}`);
      }
    }
    const mapped = mapIdentityClaims(provider, claims);
    if (!mapped.ok) throw new Refusal(mapped.reason);
    const identity = mapped.identity;
    claimedName = identity.username;
    tried = { issuer: String(claims.iss), subject: String(claims.sub) };
    const organisation = await findOrganisationByShortName(ctx.store.db, provider.nation, provider.organisation);
    if (!organisation) throw new Refusal(`the configured organisation ${provider.nation}/${provider.organisation} does not exist`);
    const signIn = { ctx, provider, identity, organisationId: organisation.id, organisationNation: organisation.nation, ...tried, clientAddress: input.clientAddress };
    try {
      return await signInOrProvision(signIn);
    } catch (e) {
      // Two first sign-ins of one new person at once (two tabs, a double click): both found no
      // account, and the second's insert hit the first's (23505). Its account exists now: the
      // second goes through the existing-account path once more.
      if ((e as { code?: string }).code !== '23505') throw e;
      return await signInOrProvision(signIn);
    }
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    await ctx.store.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: null, actor: claimedName ?? `oidc:${provider.key}`, nation: provider.nation, action: 'session.oidc_refused', entityType: 'user', entityId: claimedName ?? provider.key, data: { provider: provider.key, ...(tried ?? {}), reason: e.message, clientAddress: input.clientAddress } }),
    );
    throw new AppError('UNAUTHENTICATED', { detail: `Single sign-on refused: ${e.message}.` });
  }
}

interface SignInAttempt {
  ctx: AppContext;
  provider: OidcProviderConfig;
  identity: MappedIdentity;
  organisationId: string;
  organisationNation: string;
  issuer: string;
  subject: string;
  clientAddress: string;
}

/**
 * Opens the account bound to the provider's (issuer, subject), or provisions a new one bound to
 * it. The username claim never finds an account: a person who may edit that claim at the
 * provider could otherwise name themselves after a local account and sign in as it (review
 * finding, High). An unbound account of the same username is refused; an admin binds it
 * (PUT /users/{id}/sso-link) after checking the identity at the provider's directory.
 */
async function signInOrProvision(a: SignInAttempt): Promise<OpenedSession> {
  const { ctx, provider, identity } = a;
  const db = ctx.store.db;
  const audit = { provider: provider.key, issuer: a.issuer, subject: a.subject, clientAddress: a.clientAddress };
  const managesRoles = provider.claims.groups !== undefined;
  // The username is read before the link: a provisioned account and its link commit together, so
  // an account a concurrent first sign-in of this identity has just provisioned, once seen by its
  // name, is found by its link too, and is not refused below as an unlinked namesake.
  const namesake = await findUserByUsername(db, identity.username);
  const existing = await findUserBySsoLink(db, a.issuer, a.subject);
  if (existing) {
    if (existing.organisation_id !== a.organisationId) throw new Refusal(`the user ${existing.username} belongs to another organisation`);
    if (!existing.active) throw new Refusal(`the user ${existing.username} is deactivated`);
    const roles: Role[] = managesRoles ? identity.roles : (existing.roles as Role[]);
    if (roles.length === 0) throw new Refusal('none of the groups the provider lists grants a role here');
    const rolesChanged = [...roles].sort().join(',') !== [...existing.roles].sort().join(',');
    const user: UserRow = { ...existing, roles, display_name: identity.displayName };
    return await openSession(ctx, user, { ...audit, via: 'oidc' }, async (trx) => {
      await updateUserRow(trx, existing.id, { roles, display_name: identity.displayName });
      if (rolesChanged) {
        await appendAudit(trx, { actorId: existing.id, actor: existing.username, nation: existing.nation, action: 'user.roles_mapped', entityType: 'user', entityId: existing.id, data: { provider: provider.key, from: existing.roles, to: roles } });
      }
    });
  }
  if (namesake) throw new Refusal(`the account ${namesake.username} exists here but is not linked to this sign-in identity; an admin of your nation must link it first`);
  if (provider.provisioning !== 'create') throw new Refusal(`no user ${identity.username} here, and this provider does not create users`);
  if (identity.roles.length === 0) throw new Refusal('none of the groups the provider lists grants a role here');
  const user: UserRow = {
    id: randomUUID(),
    username: identity.username,
    display_name: identity.displayName,
    password_hash: NO_PASSWORD,
    nation: a.organisationNation,
    organisation_id: a.organisationId,
    roles: identity.roles,
    active: true,
    created_at: ctx.now(),
    email: null,
  };
  return await openSession(ctx, user, { ...audit, via: 'oidc' }, async (trx) => {
    await insertUser(trx, { id: user.id, username: user.username, display_name: user.display_name, password_hash: NO_PASSWORD, nation: user.nation, organisation_id: user.organisation_id, roles: user.roles, created_at: user.created_at });
    await insertSsoLink(trx, { issuer: a.issuer, subject: a.subject, userId: user.id, linkedBy: 'provisioning' });
    await appendAudit(trx, { actorId: user.id, actor: user.username, nation: user.nation, action: 'user.provisioned', entityType: 'user', entityId: user.id, data: { provider: provider.key, issuer: a.issuer, subject: a.subject, roles: user.roles } });
  });
}
