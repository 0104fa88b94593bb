import type { Insertable, Updateable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

/** The usernames of the given user ids (ids of no user are left out). */
export async function usernamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.username]));
}

/** The users of the ids with their e-mail address and whether they are active. */
export function listUsersForDelivery(db: Db, ids: readonly string[]) {
  return db.selectFrom('users').select(['id', 'email', 'active', 'nation']).where('id', 'in', ids).execute();
}

export async function findDisplayName(db: Db, userId: string): Promise<string> {
  return (await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirstOrThrow()).display_name;
}

export async function findUserEmail(db: Db, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}

export async function setUserEmail(db: Db, userId: string, email: string | null): Promise<void> {
  await db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

/** The active users of the nation holding the role, as readers (id, username, nation, roles, company). */
export function listActiveUsersWithRole(db: Db, nation: string, role: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'nation', 'roles', 'organisation_id'])
    .where('nation', '=', nation)
    .where('active', '=', true)
    .where(({ eb, val }) => eb(val(role), '=', eb.fn.any('roles')))
    .execute();
}

/** The ids of the given usernames (unknown names are left out), by username. */
export async function userIdsByUsername(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
  return new Map(users.map((u) => [u.username, u.id]));
}

/** The users of the nation with their organisation (name and kind), by username. */
export function listUsersOfNation(db: Db, nation: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'username', 'display_name', 'users.nation', 'roles', 'active', 'organisation_id', 'organisations.name as org_name', 'organisations.kind as org_kind'])
    // Which second factors the user has (issue #16), for the admin's reset button.
    .select((eb) => [
      eb.exists(eb.selectFrom('user_totp').select('user_id').whereRef('user_totp.user_id', '=', 'users.id').where('user_totp.confirmed_at', 'is not', null)).as('has_totp'),
      eb.exists(eb.selectFrom('user_passkeys').select('user_passkeys.id').whereRef('user_passkeys.user_id', '=', 'users.id')).as('has_passkey'),
    ])
    .where('users.nation', '=', nation)
    .orderBy('username')
    .execute();
}

/** A user with its nation, username, roles and its organisation's kind, or undefined. */
export function findUserWithOrganisationKind(db: Db, id: string) {
  return db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.nation', 'users.username', 'users.roles', 'organisations.kind', 'organisations.short_name as org_short_name']).where('users.id', '=', id).executeTakeFirst();
}

/** Whether a user holds the username (exactly as given). */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return Boolean(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertUser(db: Db, values: Insertable<Database['users']>): Promise<void> {
  await db.insertInto('users').values(values).execute();
}

export async function updateUserRow(db: Db, id: string, set: Updateable<Database['users']>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Ends every open session of the user. */
export async function revokeUserSessions(db: Db, userId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Whether the nation code is known. */
export async function nationKnown(db: Db, code: string): Promise<boolean> {
  return Boolean(await db.selectFrom('nations').select('code').where('code', '=', code).executeTakeFirst());
}

/** The organisations of the nation, by kind then name. */
export function listOrganisationsOfNation(db: Db, nation: string) {
  return db.selectFrom('organisations').selectAll().where('nation', '=', nation).orderBy('kind').orderBy('name').execute();
}

/** The nation's organisation of that exact name (id and kind), or undefined. */
export function findOrganisationByName(db: Db, nation: string, name: string) {
  return db.selectFrom('organisations').select(['id', 'kind']).where('nation', '=', nation).where('name', '=', name).executeTakeFirst();
}

/** A user as a message to a peer names them (issue #13): display name and organisation, never the id or login. */
export async function findNamedOfficial(db: Db, userId: string): Promise<{ displayName: string; organisation: string }> {
  const row = await db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.display_name', 'organisations.name']).where('users.id', '=', userId).executeTakeFirstOrThrow();
  return { displayName: row.display_name, organisation: row.name };
}
