import { sql } from 'kysely';
import type { Db } from './executor.js';

// The SQL of passkeys (WebAuthn) as a second factor (migration 0023). The rules (which assertion
// is right, when a challenge has ended) live in src/services/auth/passkeys.ts.

export interface NewPasskey {
  id: string;
  userId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  deviceType: string;
  backedUp: boolean;
}

export function listPasskeys(db: Db, userId: string) {
  return db.selectFrom('user_passkeys').select(['id', 'credential_id', 'transports', 'name', 'created_at', 'last_used_at']).where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

export async function countPasskeys(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('user_passkeys').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's credential with that id; another user's credential is not found. */
export function findPasskey(db: Db, userId: string, credentialId: string) {
  return db.selectFrom('user_passkeys').select(['id', 'credential_id', 'public_key', 'counter', 'transports', 'name']).where('user_id', '=', userId).where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: Db, p: NewPasskey): Promise<void> {
  await db
    .insertInto('user_passkeys')
    .values({ id: p.id, user_id: p.userId, credential_id: p.credentialId, public_key: p.publicKey, counter: p.counter, transports: p.transports, name: p.name, device_type: p.deviceType, backed_up: p.backedUp })
    .execute();
}

/** Whether any user holds this credential (a second registration of one authenticator). */
export async function credentialTaken(db: Db, credentialId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('user_passkeys').select('id').where('credential_id', '=', credentialId).executeTakeFirst());
}

/** Removes one of the user's passkeys; its name when it was there. */
export async function deletePasskey(db: Db, userId: string, id: string): Promise<string | null> {
  const rows = await db.deleteFrom('user_passkeys').where('user_id', '=', userId).where('id', '=', id).returning('name').execute();
  return rows[0]?.name ?? null;
}

export async function deleteAllPasskeys(db: Db, userId: string): Promise<number> {
  await db.deleteFrom('passkey_registrations').where('user_id', '=', userId).execute();
  const rows = await db.deleteFrom('user_passkeys').where('user_id', '=', userId).returning('id').execute();
  return rows.length;
}

/**
 * Records a use: the new counter only when it is above the stored one (or both are zero: an
 * authenticator without a counter), in one statement, so two assertions racing with the same
 * counter cannot both pass.
 */
export async function claimPasskeyUse(db: Db, id: string, counter: number, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('user_passkeys')
    .set({ counter, last_used_at: at })
    .where('id', '=', id)
    // WebAuthn §6.1.1: an authenticator without a counter reports 0 every time; any other must grow.
    .where('counter', counter === 0 ? '=' : '<', counter)
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Starts (or starts again) a registration: the one challenge the next registration must sign. */
export async function putRegistrationChallenge(db: Db, userId: string, challenge: string, expiresAt: Date): Promise<void> {
  await db
    .insertInto('passkey_registrations')
    .values({ user_id: userId, challenge, expires_at: expiresAt })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ challenge, expires_at: expiresAt }))
    .execute();
}

/** Takes the registration challenge: it is gone after the first answer, right or wrong. */
export async function takeRegistrationChallenge(db: Db, userId: string) {
  return db.deleteFrom('passkey_registrations').where('user_id', '=', userId).returning(['challenge', 'expires_at']).executeTakeFirst();
}

/** Attaches the WebAuthn challenge to a login's second-factor challenge. */
export async function setLoginWebauthnChallenge(db: Db, tokenHash: string, challenge: string): Promise<void> {
  await db.updateTable('second_factor_challenges').set({ webauthn_challenge: challenge }).where('token_hash', '=', tokenHash).execute();
}

/**
 * Takes a login's WebAuthn challenge: the first assertion gets it, any later one finds null. The
 * old value comes from a locked sub-select (RETURNING alone would give the new value, null).
 */
export async function takeLoginWebauthnChallenge(db: Db, tokenHash: string): Promise<string | null> {
  const { rows } = await sql<{ taken: string }>`
    update second_factor_challenges c set webauthn_challenge = null
    from (select token_hash, webauthn_challenge as taken from second_factor_challenges where token_hash = ${tokenHash} for update) old
    where c.token_hash = old.token_hash and c.webauthn_challenge is not null
    returning old.taken`.execute(db);
  return rows[0]?.taken ?? null;
}
