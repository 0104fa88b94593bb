import { randomUUID } from 'node:crypto';
import { compiledOnce } from './compiled-once.js';
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

/** The session of a token hash with its user and the user's organisation, or undefined. Every authenticated call reads it: compiled once. */
const sessionUserByTokenHash = compiledOnce((db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.username', 'users.nation', 'users.organisation_id', 'users.roles', 'users.display_name', 'users.active', 'sessions.expires_at', 'sessions.revoked_at', 'organisations.name as org_name', 'organisations.kind as org_kind'])
    .where('sessions.token_hash', '=', tokenHash),
);

export async function findSessionUser(db: Db, tokenHash: string) {
  return (await sessionUserByTokenHash(db, tokenHash))[0];
}

export async function revokeSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** The user bound to an OpenID Connect identity (issuer, subject), or undefined. */
export function findUserBySsoLink(db: Db, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('user_sso_links')
    .innerJoin('users', 'users.id', 'user_sso_links.user_id')
    .selectAll('users')
    .where('user_sso_links.issuer', '=', issuer)
    .where('user_sso_links.subject', '=', subject)
    .executeTakeFirst();
}

/** Binds an account to an OpenID Connect identity; a unique violation (23505) when either is bound already. */
export async function insertSsoLink(db: Db, values: { issuer: string; subject: string; userId: string; linkedBy: 'provisioning' | 'admin' }): Promise<void> {
  await db.insertInto('user_sso_links').values({ issuer: values.issuer, subject: values.subject, user_id: values.userId, linked_by: values.linkedBy }).execute();
}

/** The subject an account is bound to at an issuer, or undefined. */
export async function findSsoSubject(db: Db, userId: string, issuer: string): Promise<string | undefined> {
  return (await db.selectFrom('user_sso_links').select('subject').where('user_id', '=', userId).where('issuer', '=', issuer).executeTakeFirst())?.subject;
}

/** Removes an account's binding at an issuer (an admin re-links it). */
export async function deleteSsoLink(db: Db, userId: string, issuer: string): Promise<void> {
  await db.deleteFrom('user_sso_links').where('user_id', '=', userId).where('issuer', '=', issuer).execute();
}

/** The organisation of the nation with that short name (id, nation), or undefined. */
export function findOrganisationByShortName(db: Db, nation: string, shortName: string) {
  return db.selectFrom('organisations').select(['id', 'nation']).where('nation', '=', nation).where('short_name', '=', shortName).executeTakeFirst();
}
