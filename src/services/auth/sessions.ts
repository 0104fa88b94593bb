import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { ROLES, type Role } from '../../domain/workflows/workflow-definition.js';
import { appendAudit, auditAs } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import type { UserRow } from '../../store/schema.js';
import { findOrganisationSummary, findUserByUsername, insertSession, revokeSession } from '../../store/sessions.repository.js';
import { sessionRow } from './session-cache.js';
import type { AppContext } from '../context.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { admitLogin, loginSucceeded } from './login-throttle.js';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { activeSecondFactors, issueChallenge, mustEnrolSecondFactor, passSecondFactor, type SecondFactorMethod } from './second-factor.js';
import type { RelyingParty } from './relying-party.js';

/** The password was right, and the user's second factor is still to come (issue #16). */
export interface SecondFactorNeeded {
  /** The first of `methods`: TOTP when the user has it (a command line can type a code, not touch a key). */
  secondFactor: SecondFactorMethod;
  methods: SecondFactorMethod[];
  challenge: string;
  expiresAt: Date;
  /** For navigator.credentials.get(), when the user has passkeys and the server a relying party. */
  passkeyOptions?: PublicKeyCredentialRequestOptionsJSON;
}

export interface SessionUser extends Actor {
  displayName: string;
  organisation: { id: string; name: string; kind: string };
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toActor(user: Pick<UserRow, 'id' | 'username' | 'nation' | 'organisation_id' | 'roles'>): Actor {
  return {
    userId: user.id,
    username: user.username,
    nation: user.nation,
    organisationId: user.organisation_id,
    roles: user.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  };
}

/**
 * Logs a user in. The throttle counts by (username, client address) and by address, in the
 * database (issue #10.3); a refusal is audited like a failure, for the user's nation when the
 * name is known, else for every auditor of the instance. The username is matched in lower case,
 * so its casing neither escapes the count nor picks another account.
 */
export async function login(ctx: AppContext, input: { username: string; password: string; clientAddress: string; rp?: RelyingParty | null }): Promise<OpenedSession | SecondFactorNeeded> {
  const username = input.username.trim().toLowerCase();
  const now = ctx.now();
  const db = ctx.store.db;
  const audited = (user: UserRow | undefined, action: string, data: Record<string, unknown>) =>
    db.transaction().execute((trx) =>
      // An unknown name belongs to no nation: every auditor of the instance sees it ('*').
      appendAudit(trx, { actorId: user?.id ?? null, actor: username, nation: user?.nation ?? null, action, entityType: 'user', entityId: user?.id ?? username, data: { clientAddress: input.clientAddress, ...data } }),
    );
  const admission = await admitLogin(db, { username, address: input.clientAddress }, now);
  if (!admission.admitted) {
    const user = await findUserByUsername(db, username);
    await audited(user, 'session.login_throttled', { scope: admission.scope, retryAfter: admission.retryAfter });
    throw new AppError('RATE_LIMITED', { detail: `Too many failed logins. Try again in ${admission.retryAfter} seconds.`, extra: { retryAfter: admission.retryAfter } });
  }
  const user = await findUserByUsername(db, username);
  // An unknown user is checked against a dummy hash, so both take the same time.
  const ok = user ? await verifyPassword(user.password_hash, input.password) : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !ok || !user.active) {
    await audited(user, 'session.login_failed', {});
    throw new AppError('UNAUTHENTICATED', { detail: 'Unknown username or wrong password.' });
  }
  // With a second factor the attempt stays counted until the code is right: a password known to
  // an attacker must not reset the count its wrong codes add up (issue #16).
  const methods = await activeSecondFactors(ctx, user.id);
  if (methods.length) return { secondFactor: methods[0]!, methods, ...(await issueChallenge(ctx, user, input.clientAddress, { methods, rp: input.rp ?? null })) };
  await loginSucceeded(db, admission, now);
  const session = await openSession(ctx, user, { clientAddress: input.clientAddress });
  return (await mustEnrolSecondFactor(ctx, user)) ? { ...session, enrolSecondFactor: true } : session;
}

/** The second step of a login with a second factor: opens the session as a password login does. */
export async function loginSecondFactor(ctx: AppContext, input: { challenge: string; code?: string | undefined; passkey?: AuthenticationResponseJSON | undefined; rp: RelyingParty | null; clientAddress: string }): Promise<OpenedSession> {
  const { user, method, passkeyId } = await passSecondFactor(ctx, input);
  return openSession(ctx, user, { clientAddress: input.clientAddress, secondFactor: method, ...(passkeyId ? { passkeyId } : {}) });
}

export interface OpenedSession {
  token: string;
  expiresAt: Date;
  user: SessionUser;
  /** The organisation requires a second factor and the user has none yet: enrol now. */
  enrolSecondFactor?: boolean;
}

/**
 * Opens a session for a user whose identity was proven (a password, or an OpenID Connect
 * provider), audited as session.login with how. `before` runs in the same transaction first (the
 * roles a provider's groups grant), so the session and its cause commit together.
 */
export async function openSession(ctx: AppContext, user: UserRow, auditData: Record<string, unknown>, before?: (trx: Tx) => Promise<void>): Promise<OpenedSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.store.db.transaction().execute(async (trx) => {
    if (before) await before(trx);
    await insertSession(trx, { tokenHash: tokenHash(token), userId: user.id, expiresAt });
    await appendAudit(trx, { actorId: user.id, actor: user.username, nation: user.nation, action: 'session.login', entityType: 'user', entityId: user.id, data: auditData });
  });
  return { token, expiresAt, user: await sessionUser(ctx, user) };
}

async function sessionUser(ctx: AppContext, user: UserRow): Promise<SessionUser> {
  const org = await findOrganisationSummary(ctx.store.db, user.organisation_id);
  return { ...toActor(user), displayName: user.display_name, organisation: org };
}

/**
 * The user behind a bearer or cookie token, or null when it is unknown, expired or revoked. Read
 * from what this process keeps when no change since can have escaped it (session-cache.ts says
 * how a revocation, a deactivation or a role change stops a kept session at once).
 */
export async function authenticate(ctx: AppContext, token: string): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const row = await sessionRow(ctx.store, tokenHash(token));
  if (!row || !row.active || row.revoked_at || row.expires_at.getTime() <= ctx.now().getTime()) return null;
  return {
    ...toActor(row),
    displayName: row.display_name,
    organisation: { id: row.organisation_id, name: row.org_name, kind: row.org_kind },
  };
}

export async function logout(ctx: AppContext, token: string, actor: Actor): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await revokeSession(trx, tokenHash(token), ctx.now());
    await auditAs(trx, actor, { action: 'session.logout', entityType: 'user', entityId: actor.userId });
  });
}
