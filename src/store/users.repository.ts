import type { Db } from './executor.js';

/** The usernames of the given user ids (ids of no user are left out). */
export async function usernamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.username]));
}

/** The users of the ids with their e-mail address and whether they are active. */
export function listUsersForDelivery(db: Db, ids: readonly string[]) {
  return db.selectFrom('users').select(['id', 'email', 'active']).where('id', 'in', ids).execute();
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
