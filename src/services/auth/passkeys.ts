import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { auditAs } from '../../store/audit.repository.js';
import { claimPasskeyUse, credentialTaken, deletePasskey, findPasskey, insertPasskey, listPasskeys, putRegistrationChallenge, takeRegistrationChallenge } from '../../store/passkeys.repository.js';
import type { AppContext } from '../context.js';
import { confirmPassword } from './confirm-password.js';
import type { RelyingParty } from './relying-party.js';
import { refuseRemovingLastRequired } from './required-factor.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * Passkeys (WebAuthn Level 2) as a second factor of local accounts (issue #16), through
 * @simplewebauthn/server: registration and assertion checked against a challenge this server
 * issued (single use, CHALLENGE_MINUTES), the configured origin and RP ID, and the signature
 * counter. A passkey here is a second factor after the password, not a password replacement:
 * user verification is preferred, not required, so a plain security key serves too.
 */

export const PASSKEY_CHALLENGE_MINUTES = 5;
const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

export const unavailable = () => new AppError('CONFLICT', { detail: 'Passkeys are not set up on this server: its operator sets SOSA_PUBLIC_URL (README: Second factor).' });

/**
 * The library's refusal as an audit reason: short, and without control characters (a message may
 * quote the garbage it was sent, and jsonb refuses a NUL).
 */
function reasonOf(e: unknown): string {
  return String((e as Error)?.message ?? e).replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

function transports(list: readonly string[] | undefined): AuthenticatorTransportFuture[] {
  return (list ?? []).filter((t): t is AuthenticatorTransportFuture => TRANSPORTS.includes(t));
}

/** The user's passkeys, as the account page lists them. */
export async function passkeysOf(ctx: AppContext, userId: string) {
  return (await listPasskeys(ctx.store.db, userId)).map((p) => ({ id: p.id, name: p.name, createdAt: p.created_at, lastUsedAt: p.last_used_at }));
}

/** Step 1 of registration: the options for navigator.credentials.create(); its challenge is kept for step 2. */
export async function passkeyRegistrationOptions(ctx: AppContext, user: Actor & { displayName: string }, rp: RelyingParty | null): Promise<PublicKeyCredentialCreationOptionsJSON> {
  if (!rp) throw unavailable();
  const db = ctx.store.db;
  const existing = await listPasskeys(db, user.userId);
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.username,
    userDisplayName: user.displayName,
    // The user handle: the account's id, never a name or address (WebAuthn §14.6.1: no personal data).
    userID: new TextEncoder().encode(user.userId),
    attestationType: 'none',
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
    // One authenticator once: the browser refuses to register a credential the user already has.
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: transports(p.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await putRegistrationChallenge(db, user.userId, options.challenge, new Date(ctx.now().getTime() + PASSKEY_CHALLENGE_MINUTES * 60_000));
  return options;
}

/** Step 2: the browser's attestation, checked; a right one becomes a named passkey (audited). */
export async function registerPasskey(ctx: AppContext, user: Actor, rp: RelyingParty | null, input: { name: string; response: RegistrationResponseJSON }) {
  if (!rp) throw unavailable();
  const db = ctx.store.db;
  const now = ctx.now();
  const refuse = async (reason: string) => {
    await db.transaction().execute((trx) => auditAs(trx, user, { action: 'second_factor.enrolment_failed', entityType: 'user', entityId: user.userId, data: { method: 'passkey', reason } }));
    return new AppError('VALIDATION_FAILED', { detail: `The passkey was not registered: ${reason}. Start again.` });
  };
  // Taken whatever follows: a registration answer is checked against its challenge once.
  const pending = await takeRegistrationChallenge(db, user.userId);
  if (!pending || pending.expires_at.getTime() <= now.getTime()) throw await refuse('the registration has ended');
  let verified;
  try {
    verified = await verifyRegistrationResponse({ response: input.response, expectedChallenge: pending.challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpId, requireUserVerification: false });
  } catch (e) {
    throw await refuse(reasonOf(e));
  }
  if (!verified.verified) throw await refuse('the attestation did not verify');
  const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
  if (await credentialTaken(db, credential.id)) throw new AppError('CONFLICT', { detail: 'This passkey is registered already.' });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertPasskey(trx, { id, userId: user.userId, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey).toString('base64url'), counter: credential.counter, transports: transports(input.response.response.transports), name: input.name, deviceType: credentialDeviceType, backedUp: credentialBackedUp });
    await auditAs(trx, user, { action: 'second_factor.enrolled', entityType: 'user', entityId: user.userId, data: { method: 'passkey', passkeyId: id, name: input.name } });
  });
  return { id, name: input.name, createdAt: now, lastUsedAt: null };
}

/** The user removes one of its passkeys, after typing the password again (audited). */
export async function removePasskey(ctx: AppContext, user: Actor, input: { id: string; password: string; clientAddress: string }): Promise<void> {
  const db = ctx.store.db;
  const known = isUuid(input.id) && (await listPasskeys(db, user.userId)).some((p) => p.id === input.id);
  if (!known) throw new AppError('NOT_FOUND', { detail: `You have no passkey ${input.id}.` });
  await refuseRemovingLastRequired(ctx, user, 'one_passkey');
  await confirmPassword(ctx, user, { password: input.password, clientAddress: input.clientAddress, purpose: 'remove_passkey' });
  await db.transaction().execute(async (trx) => {
    const name = await deletePasskey(trx, user.userId, input.id);
    if (name === null) throw new AppError('NOT_FOUND', { detail: `You have no passkey ${input.id}.` });
    await auditAs(trx, user, { action: 'second_factor.removed', entityType: 'user', entityId: user.userId, data: { method: 'passkey', passkeyId: input.id, name } });
  });
}

/** The options for navigator.credentials.get() at a login: the user's own credentials only. */
export async function loginPasskeyOptions(ctx: AppContext, userId: string, rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const existing = await listPasskeys(ctx.store.db, userId);
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: existing.map((p) => ({ id: p.credential_id, transports: transports(p.transports) })),
    userVerification: 'preferred',
    timeout: PASSKEY_CHALLENGE_MINUTES * 60_000,
  });
}

/**
 * Checks a login's assertion: a credential of this user, signed over the challenge of this sign-in
 * at the configured origin and RP ID, with a counter above the last one seen (a counter that goes
 * back marks a cloned authenticator). Returns the passkey's id, or the reason it was refused.
 */
export async function checkPasskeyAssertion(ctx: AppContext, input: { userId: string; rp: RelyingParty; expectedChallenge: string; response: AuthenticationResponseJSON }): Promise<{ ok: true; passkeyId: string } | { ok: false; reason: string }> {
  const db = ctx.store.db;
  const passkey = await findPasskey(db, input.userId, input.response.id);
  if (!passkey) return { ok: false, reason: 'unknown_credential' };
  const stored = Number(passkey.counter);
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.rp.origin,
      expectedRPID: input.rp.rpId,
      credential: { id: passkey.credential_id, publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')), counter: stored, transports: transports(passkey.transports) },
      requireUserVerification: false,
    });
  } catch (e) {
    const message = reasonOf(e);
    return { ok: false, reason: /counter/i.test(message) ? 'counter_not_increased' : message };
  }
  if (!verified.verified) return { ok: false, reason: 'signature' };
  if (!(await claimPasskeyUse(db, passkey.id, verified.authenticationInfo.newCounter, ctx.now()))) return { ok: false, reason: 'counter_not_increased' };
  return { ok: true, passkeyId: passkey.id };
}
