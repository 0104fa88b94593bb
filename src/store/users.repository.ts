import type { Db } from './executor.js';

/** The usernames of the given user ids (ids of no user are left out). */
export async function usernamesByIds(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'username']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.username]));
}
