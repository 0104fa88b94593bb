import { randomUUID } from 'node:crypto';
import type { Db } from './executor.js';
import type { UserRow } from './schema.js';

// The SQL of login sessions. Only a token's hash is stored; hashing, expiry and the throttle are
// decided in src/services/auth.

/** A user by exact (already lower-cased) username, or undefined. */
export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findOrganisationSummary(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertSession(db: Db, values: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id: randomUUID(), token_hash: values.tokenHash, user_id: values.userId, expires_at: values.expiresAt }).execute();
}

/** The session of a token hash with its user and the user's organisation, or undefined. */
export function findSessionUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.username', 'users.nation', 'users.organisation_id', 'users.roles', 'users.display_name', 'users.active', 'sessions.expires_at', 'sessions.revoked_at', 'organisations.name as org_name', 'organisations.kind as org_kind'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function revokeSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** The user tied to an OpenID Connect subject (issuer|sub), or undefined. */
export function findUserByExternalSubject(db: Db, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('external_subject', '=', subject).executeTakeFirst();
}

/** The organisation of the nation with that short name (id, nation), or undefined. */
export function findOrganisationByShortName(db: Db, nation: string, shortName: string) {
  return db.selectFrom('organisations').select(['id', 'nation']).where('nation', '=', nation).where('short_name', '=', shortName).executeTakeFirst();
}
