import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { provisioningUri, secretFromBytes, verifiedStep } from '../../domain/auth/totp.js';
import { appendAudit, auditAs } from '../../store/audit.repository.js';
import {
  claimTotpStep,
  confirmTotp,
  countUnusedRecoveryCodes,
  deleteSecondFactor,
  findChallenge,
  findTotp,
  findUnusedRecoveryCode,
  findUserById,
  insertChallenge,
  organisationRequiresSecondFactor,
  setOrganisationSecondFactorRequired,
  replaceRecoveryCodes,
  upsertPendingTotp,
  useChallenge,
  useRecoveryCode,
} from '../../store/second-factor.repository.js';
import { countPasskeys, deleteAllPasskeys, setLoginWebauthnChallenge, takeLoginWebauthnChallenge } from '../../store/passkeys.repository.js';
import { findUserWithOrganisationKind } from '../../store/users.repository.js';
import type { UserRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { confirmPassword } from './confirm-password.js';
import { admitLogin, loginSucceeded } from './login-throttle.js';
import { checkPasskeyAssertion, loginPasskeyOptions, passkeysOf } from './passkeys.js';
import { refuseRemovingLastRequired } from './required-factor.js';
import type { RelyingParty } from './relying-party.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * The second factor of local accounts (issue #16): TOTP (RFC 6238, domain/auth/totp.ts) with ten
 * single-use recovery codes, and passkeys (WebAuthn, passkeys.ts). A password login of a user with
 * an active factor opens no session: it gets a challenge, which a right code (or recovery code, or
 * a passkey's assertion) turns into the session.
 */

export type SecondFactorMethod = 'totp' | 'passkey';

export const CHALLENGE_MINUTES = 5;
export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code copied from paper is read back without doubt.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomChars(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return s;
}

/**
 * A recovery code "abcd-efgh-jkmn": the first group is a lookup id (stored as is, so a login checks
 * one hash, not ten), the other eight characters (~40 bits) the secret, stored as an Argon2 hash.
 */
function splitRecoveryCode(code: string): { lookup: string; secret: string } | null {
  const plain = code.toLowerCase().replace(/[\s-]/g, '');
  if (plain.length !== 12 || [...plain].some((ch) => !RECOVERY_ALPHABET.includes(ch))) return null;
  return { lookup: plain.slice(0, 4), secret: plain.slice(4) };
}

export interface SecondFactorStatus {
  totp: 'none' | 'pending' | 'active';
  passkeys: Array<{ id: string; name: string; createdAt: Date; lastUsedAt: Date | null }>;
  /** The user's organisation requires a second factor of its local accounts. */
  requiredByOrganisation: boolean;
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(ctx: AppContext, user: Actor): Promise<SecondFactorStatus> {
  const row = await findTotp(ctx.store.db, user.userId);
  const active = Boolean(row?.confirmed_at);
  return { totp: !row ? 'none' : active ? 'active' : 'pending', passkeys: await passkeysOf(ctx, user.userId), requiredByOrganisation: await organisationRequiresSecondFactor(ctx.store.db, user.organisationId), enrolledAt: row?.confirmed_at ?? null, recoveryCodesLeft: active ? await countUnusedRecoveryCodes(ctx.store.db, user.userId) : 0 };
}

/** Step 1 of enrolment: a new secret and its otpauth:// URI; nothing is required at login yet. */
export async function startTotpEnrolment(ctx: AppContext, user: Actor): Promise<{ secret: string; uri: string }> {
  const db = ctx.store.db;
  const row = await findTotp(db, user.userId);
  if (row?.confirmed_at) throw new AppError('CONFLICT', { detail: 'A second factor is already active. An admin can reset it.' });
  const secret = secretFromBytes(randomBytes(20));
  await db.transaction().execute(async (trx) => {
    await upsertPendingTotp(trx, user.userId, secret);
    await auditAs(trx, user, { action: 'second_factor.enrolment_started', entityType: 'user', entityId: user.userId, data: { method: 'totp' } });
  });
  return { secret, uri: provisioningUri(secret, user.username) };
}

/** Step 2: a right code from the app activates TOTP and yields the recovery codes, shown this once. */
export async function confirmTotpEnrolment(ctx: AppContext, user: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const db = ctx.store.db;
  const now = ctx.now();
  const row = await findTotp(db, user.userId);
  if (!row) throw new AppError('CONFLICT', { detail: 'Start the enrolment first.' });
  if (row.confirmed_at) throw new AppError('CONFLICT', { detail: 'A second factor is already active.' });
  const step = verifiedStep({ secret: row.secret }, code, now);
  if (step === null) {
    await db.transaction().execute((trx) => auditAs(trx, user, { action: 'second_factor.enrolment_failed', entityType: 'user', entityId: user.userId, data: { method: 'totp' } }));
    throw new AppError('VALIDATION_FAILED', { detail: 'That code is not the one the app shows now. Check the phone’s clock and try again.' });
  }
  const lookups = new Set<string>();
  while (lookups.size < RECOVERY_CODE_COUNT) lookups.add(randomChars(4));
  const codes = [...lookups].map((lookup) => ({ lookup, secret: randomChars(8) }));
  const hashed = await Promise.all(codes.map(async (c) => ({ lookup: c.lookup, hash: await hashPassword(c.secret) })));
  await db.transaction().execute(async (trx) => {
    await confirmTotp(trx, user.userId, now, step);
    await replaceRecoveryCodes(trx, user.userId, hashed);
    await auditAs(trx, user, { action: 'second_factor.enrolled', entityType: 'user', entityId: user.userId, data: { method: 'totp', recoveryCodes: RECOVERY_CODE_COUNT } });
  });
  return { recoveryCodes: codes.map((c) => `${c.lookup}-${c.secret.slice(0, 4)}-${c.secret.slice(4)}`) };
}

/** An admin of the user's nation removes its second factor (a lost phone); the next login needs the password only. */
export async function resetSecondFactor(ctx: AppContext, admin: Actor, id: string): Promise<void> {
  const db = ctx.store.db;
  const target = isUuid(id) ? await findUserWithOrganisationKind(db, id) : undefined;
  if (!target || target.nation !== admin.nation) throw new AppError('NOT_FOUND', { detail: `No user ${id} of ${admin.nation}.` });
  await db.transaction().execute(async (trx) => {
    const had = await deleteSecondFactor(trx, target.id);
    const passkeys = await deleteAllPasskeys(trx, target.id);
    await auditAs(trx, admin, { action: 'second_factor.reset', entityType: 'user', entityId: target.id, data: { hadSecondFactor: had || passkeys > 0, totp: had, passkeys } });
  });
}

/** The factors a login must pass one of: a confirmed TOTP, passkeys; none → the password is enough. */
export async function activeSecondFactors(ctx: AppContext, userId: string): Promise<SecondFactorMethod[]> {
  const methods: SecondFactorMethod[] = [];
  if ((await findTotp(ctx.store.db, userId))?.confirmed_at) methods.push('totp');
  if ((await countPasskeys(ctx.store.db, userId)) > 0) methods.push('passkey');
  return methods;
}

export async function hasActiveSecondFactor(ctx: AppContext, userId: string): Promise<boolean> {
  return (await activeSecondFactors(ctx, userId)).length > 0;
}

/**
 * After the right password: the challenge the second step brings back (only its hash is stored)
 * and, for a user with passkeys and a relying party, the WebAuthn options whose challenge is bound
 * to this sign-in.
 */
export async function issueChallenge(ctx: AppContext, user: UserRow, clientAddress: string, options: { methods: SecondFactorMethod[]; rp: RelyingParty | null }): Promise<{ challenge: string; expiresAt: Date; passkeyOptions?: PublicKeyCredentialRequestOptionsJSON }> {
  const challenge = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
  const passkeyOptions = options.methods.includes('passkey') && options.rp ? await loginPasskeyOptions(ctx, user.id, options.rp) : undefined;
  await ctx.store.db.transaction().execute(async (trx) => {
    await insertChallenge(trx, { tokenHash: hashToken(challenge), userId: user.id, expiresAt, now });
    if (passkeyOptions) await setLoginWebauthnChallenge(trx, hashToken(challenge), passkeyOptions.challenge);
    await appendAudit(trx, { actorId: user.id, actor: user.username, nation: user.nation, action: 'session.second_factor_required', entityType: 'user', entityId: user.id, data: { clientAddress, methods: options.methods } });
  });
  return { challenge, expiresAt, ...(passkeyOptions ? { passkeyOptions } : {}) };
}

/**
 * The second step: a challenge still open, the throttle of password logins (same keys: a wrong
 * code counts like a wrong password), then a TOTP code of a step not used before, an unused
 * recovery code, or a passkey's assertion over this sign-in's WebAuthn challenge (taken by the
 * first assertion, right or wrong). Returns the user whose session may open and how it was proven.
 */
export async function passSecondFactor(
  ctx: AppContext,
  input: { challenge: string; code?: string | undefined; passkey?: AuthenticationResponseJSON | undefined; rp: RelyingParty | null; clientAddress: string },
): Promise<{ user: UserRow; method: 'totp' | 'recovery_code' | 'passkey'; passkeyId?: string }> {
  const db = ctx.store.db;
  const now = ctx.now();
  const tokenHash = hashToken(input.challenge);
  const challenge = input.challenge.length <= 200 ? await findChallenge(db, tokenHash) : undefined;
  const ended = () => new AppError('UNAUTHENTICATED', { detail: 'This sign-in has ended. Enter your username and password again.' });
  if (!challenge || challenge.used_at || challenge.expires_at.getTime() <= now.getTime()) throw ended();
  const user = await findUserById(db, challenge.user_id);
  if (!user || !user.active) throw ended();
  const audited = (action: string, data: Record<string, unknown>) =>
    db.transaction().execute((trx) => appendAudit(trx, { actorId: user.id, actor: user.username, nation: user.nation, action, entityType: 'user', entityId: user.id, data: { clientAddress: input.clientAddress, ...data } }));
  const admission = await admitLogin(db, { username: user.username, address: input.clientAddress }, now);
  if (!admission.admitted) {
    await audited('session.second_factor_throttled', { scope: admission.scope, retryAfter: admission.retryAfter });
    throw new AppError('RATE_LIMITED', { detail: `Too many failed logins. Try again in ${admission.retryAfter} seconds.`, extra: { retryAfter: admission.retryAfter } });
  }
  const refuse = async (method: string, data: Record<string, unknown> = {}, detail = 'Wrong code.') => {
    await audited('session.second_factor_failed', { method, ...data });
    return new AppError('UNAUTHENTICATED', { detail });
  };
  let method: 'totp' | 'recovery_code' | 'passkey';
  let passkeyId: string | undefined;
  if (input.passkey) {
    method = 'passkey';
    const rejected = 'The passkey was not accepted. Sign in again to try once more.';
    if (!input.rp) throw ended();
    const expected = await takeLoginWebauthnChallenge(db, tokenHash);
    // No challenge left: this sign-in's assertion was tried already (a replay), or it offered none.
    if (!expected) throw await refuse(method, { reason: 'challenge_used', replay: true }, rejected);
    const checked = await checkPasskeyAssertion(ctx, { userId: user.id, rp: input.rp, expectedChallenge: expected, response: input.passkey });
    if (!checked.ok) throw await refuse(method, { reason: checked.reason }, rejected);
    passkeyId = checked.passkeyId;
  } else {
    const code = input.code ?? '';
    const totp = await findTotp(db, user.id);
    if (!totp?.confirmed_at) throw await refuse('totp', { reason: 'no_totp' });
    if (/^\d[\d\s]*$/.test(code.trim())) {
      method = 'totp';
      const step = verifiedStep({ secret: totp.secret }, code, now);
      if (step === null) throw await refuse(method);
      // RFC 6238 §5.2: a code (a time step) is accepted once; a step before the last one neither.
      if (!(await claimTotpStep(db, user.id, step))) throw await refuse(method, { replay: true });
    } else {
      method = 'recovery_code';
      const parts = splitRecoveryCode(code);
      const row = parts ? await findUnusedRecoveryCode(db, user.id, parts.lookup) : undefined;
      if (!parts || !row || !(await verifyPassword(row.code_hash, parts.secret))) throw await refuse(method);
      if (!(await useRecoveryCode(db, user.id, parts.lookup, now))) throw await refuse(method, { replay: true });
    }
  }
  await loginSucceeded(db, admission, now);
  // One session per challenge: a second request with another right code finds it used.
  if (!(await useChallenge(db, tokenHash, now))) throw ended();
  return { user, method, ...(passkeyId ? { passkeyId } : {}) };
}

/**
 * The user removes its own TOTP (and so its recovery codes) after typing the password again
 * (audited). Refused while it is the last factor of an account whose organisation requires one.
 */
export async function removeOwnTotp(ctx: AppContext, user: Actor, input: { password: string; clientAddress: string }): Promise<void> {
  const db = ctx.store.db;
  // The password first: whether an app is set up is the account's own business.
  await confirmPassword(ctx, user, { password: input.password, clientAddress: input.clientAddress, purpose: 'remove_totp' });
  const row = await findTotp(db, user.userId);
  if (!row) throw new AppError('NOT_FOUND', { detail: 'You have no authenticator app set up.' });
  await refuseRemovingLastRequired(ctx, user, row.confirmed_at ? 'totp' : null);
  await db.transaction().execute(async (trx) => {
    await deleteSecondFactor(trx, user.userId);
    await auditAs(trx, user, { action: 'second_factor.removed', entityType: 'user', entityId: user.userId, data: { method: 'totp', wasActive: Boolean(row.confirmed_at) } });
  });
}

/** An admin requires (or no longer requires) a second factor of an organisation's local accounts. */
export async function setSecondFactorRequired(ctx: AppContext, admin: Actor, organisationId: string, required: boolean): Promise<void> {
  const db = ctx.store.db;
  await db.transaction().execute(async (trx) => {
    const found = isUuid(organisationId) && (await setOrganisationSecondFactorRequired(trx, admin.nation, organisationId, required));
    if (!found) throw new AppError('NOT_FOUND', { detail: `No organisation ${organisationId} of ${admin.nation}.` });
    await auditAs(trx, admin, { action: 'organisation.second_factor_required', entityType: 'organisation', entityId: organisationId, data: { required } });
  });
}

/**
 * After a password login without a second factor: whether the user's organisation requires one,
 * so the web UI takes the user to enrolment at once (single sign-on users are the provider's).
 */
export async function mustEnrolSecondFactor(ctx: AppContext, user: UserRow): Promise<boolean> {
  return organisationRequiresSecondFactor(ctx.store.db, user.organisation_id);
}
