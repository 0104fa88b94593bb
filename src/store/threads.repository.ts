import { sql, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of the threads (channels) and of the authored content notifications point to.

/** The threads on a request, with their nations and creator. */
export function listRequestThreads(db: Db, requestId: string) {
  return db.selectFrom('threads').select(['id', 'subject_kind', 'nations', 'created_by']).where('subject_kind', '=', 'request').where('subject_id', '=', requestId).execute();
}

/** Authors and visibility of request comments. */
export function listCommentOrigins(db: Db, ids: readonly string[]) {
  return ids.length ? db.selectFrom('comments').select(['id', 'author_id', 'nation', 'visibility']).where('id', 'in', ids).execute() : Promise.resolve([]);
}

/** Authors and visibility of thread messages. */
export function listMessageOrigins(db: Db, ids: readonly string[]) {
  return ids.length ? db.selectFrom('thread_messages').select(['id', 'author_id', 'nation', 'visibility']).where('id', 'in', ids).execute() : Promise.resolve([]);
}

/** A thread, or undefined; `forUpdate` locks it. */
export function findThread(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('threads').selectAll().where('id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/** Each user's nation, company and the company's kind, for the border. */
export function listAuthorRows(db: Db, userIds: readonly string[]) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.nation', 'users.organisation_id', 'organisations.kind'])
    .where('users.id', 'in', [...new Set(userIds)])
    .execute();
}

/** The parties of the request a thread is on, or undefined. */
export function findThreadRequestParties(db: Db, requestId: string) {
  return db.selectFrom('requests').select(['from_nation', 'to_nation', 'arrangement_id', 'supplier_organisation_id']).where('id', '=', requestId).executeTakeFirst();
}

/** Active users by id or username, as recipients. */
export function listActiveUsersByIdOrName(db: Db, ids: readonly string[], usernames: readonly string[]) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'nation', 'roles', 'organisation_id'])
    .where('active', '=', true)
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', [...ids])] : []), ...(usernames.length ? [eb('username', 'in', [...usernames])] : [])]))
    .execute();
}

export async function insertThread(db: Db, values: Insertable<Database['threads']>): Promise<void> {
  await db.insertInto('threads').values(values).execute();
}

export async function insertThreadMessage(db: Db, values: Insertable<Database['thread_messages']>): Promise<void> {
  await db.insertInto('thread_messages').values(values).execute();
}

/** Sets whether the user follows the thread. */
export async function setThreadFollowing(db: Db, threadId: string, userId: string, following: boolean, since: Date): Promise<void> {
  await db
    .insertInto('thread_followers')
    .values({ thread_id: threadId, user_id: userId, following, since })
    .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doUpdateSet({ following }))
    .execute();
}

/** The user follows the thread, unless it chose before whether to (then its choice stays). */
export async function followThreadUnlessChosen(db: Db, threadId: string, userId: string, since: Date): Promise<void> {
  await db.insertInto('thread_followers').values({ thread_id: threadId, user_id: userId, following: true, since }).onConflict((oc) => oc.columns(['thread_id', 'user_id']).doNothing()).execute();
}

export async function listFollowerIds(db: Db, threadId: string): Promise<string[]> {
  return (await db.selectFrom('thread_followers').select('user_id').where('thread_id', '=', threadId).where('following', '=', true).execute()).map((f) => f.user_id);
}

export async function findThreadIdByTitle(db: Db, title: string): Promise<string | undefined> {
  return (await db.selectFrom('threads').select('id').where('title', '=', title).executeTakeFirst())?.id;
}

/**
 * Threads this instance holds (not copies of a peer's) shared by `nation` with another nation:
 * those a peer of that nation may keep a copy of (issue #13; on a request, when the border lets
 * the thread through: share-thread-change.ts), oldest first.
 */
export async function listHeldSharedThreadIds(db: Db, nation: string): Promise<string[]> {
  const rows = await db
    .selectFrom('threads')
    .select('id')
    .where('held_by', 'is', null)
    .where(sql<boolean>`cardinality(nations) = 2 and ${nation} = any(nations)`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of a thread's shared messages written on this instance by users of `nation`, oldest first. */
export async function listOwnSharedMessageIds(db: Db, threadId: string, nation: string): Promise<string[]> {
  const rows = await db
    .selectFrom('thread_messages')
    .select('id')
    .where('thread_id', '=', threadId)
    .where('visibility', '=', 'shared')
    .where('nation', '=', nation)
    .where('author_id', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The thread a message belongs to, if the message is held here. */
export async function findMessageThreadId(db: Db, messageId: string): Promise<string | undefined> {
  return (await db.selectFrom('thread_messages').select('thread_id').where('id', '=', messageId).executeTakeFirst())?.thread_id;
}
