import type { Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of in-app notifications, notification preferences and the daily-digest claims. Who is
// told what is decided in src/services/notifications (and src/domain/channels).

export function listUserNotifications(db: Db, userId: string, query: { unread?: boolean | undefined; limit: number; offset: number }) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (query.unread) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the user's unread notifications read (those of `ids`, or all when ids is undefined); returns how many. */
export async function markNotificationsRead(db: Db, userId: string, at: Date, ids?: readonly string[]): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Writes the notifications in one statement; returns the ids written (a user's notification of an event already written is not written again). */
export async function insertNotificationsOnce(db: Db, values: ReadonlyArray<Insertable<Database['notifications']>>): Promise<string[]> {
  if (values.length === 0) return [];
  const rows = await db
    .insertInto('notifications')
    .values([...values])
    .onConflict((oc) => oc.columns(['user_id', 'event_key']).doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The notifications about a request, or about the given threads, with their reader's nation, roles and company. */
export function listNotificationsAbout(db: Db, requestId: string, threadIds: readonly string[]) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['notifications.id', 'notifications.subject_kind', 'notifications.subject_id', 'notifications.event_key', 'users.nation', 'users.roles', 'users.organisation_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('notifications.subject_kind', '=', 'request'), eb('notifications.subject_id', '=', requestId)]),
        ...(threadIds.length ? [eb.and([eb('notifications.subject_kind', '=', 'thread'), eb('notifications.subject_id', 'in', threadIds)])] : []),
      ]),
    )
    .execute();
}

export async function deleteNotifications(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('notifications').where('id', 'in', ids).execute();
}

export function findPreferenceRow(db: Db, userId: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/**
 * The users to deliver a notification to, with their preferences (null columns without a row of
 * their own): one statement (issue #14; it was the users, then their preferences).
 */
export function listUsersWithPreferences(db: Db, userIds: readonly string[]) {
  return db
    .selectFrom('users')
    .leftJoin('notification_preferences as p', 'p.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.active', 'users.nation', 'p.user_id as preferences_of', 'p.channels', 'p.email_digest', 'p.daily_digest'])
    .where('users.id', 'in', [...userIds])
    .execute();
}

export async function upsertPreferences(db: Db, values: Insertable<Database['notification_preferences']>): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values(values)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ channels: values.channels, email_digest: values.email_digest, daily_digest: values.daily_digest, updated_at: values.updated_at }))
    .execute();
}

/** Active users (of `nation` only, when given) with an e-mail address who chose the daily digest (and did not turn e-mail off). */
export function listDigestSubscribers(db: Db, nation?: string) {
  let query = db
    .selectFrom('notification_preferences as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.email', 'u.nation', 'u.roles', 'u.organisation_id'])
    .where('p.daily_digest', '=', true)
    .where('p.email_digest', '<>', 'off')
    .where('u.active', '=', true)
    .where('u.email', 'is not', null);
  if (nation) query = query.where('u.nation', '=', nation);
  return query.execute();
}

export async function digestClaimed(db: Db, userId: string, day: string): Promise<boolean> {
  return Boolean(await db.selectFrom('notification_digests').select('user_id').where('user_id', '=', userId).where('digest_date', '=', day).executeTakeFirst());
}

/** Claims the user's digest of the day; false when another process already did (the insert waits for it, then does nothing). */
export async function claimDigest(db: Db, userId: string, day: string, at: Date): Promise<boolean> {
  const claimed = await db
    .insertInto('notification_digests')
    .values({ user_id: userId, digest_date: day, created_at: at, items: 0, mail_id: null })
    .onConflict((oc) => oc.columns(['user_id', 'digest_date']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return Boolean(claimed);
}

export async function recordDigestMail(db: Db, userId: string, day: string, items: number, mailId: string): Promise<void> {
  await db.updateTable('notification_digests').set({ items, mail_id: mailId }).where('user_id', '=', userId).where('digest_date', '=', day).execute();
}

/** Running request deadlines due by `horizon` on requests the nation sends or receives, soonest first. */
export function listDueRequestDeadlines(db: Db, nation: string, horizon: Date, limit: number) {
  return db
    .selectFrom('deadlines')
    .innerJoin('requests', 'requests.id', 'deadlines.request_id')
    .select(['deadlines.label', 'deadlines.due_at', 'requests.id', 'requests.reference', 'requests.title', 'requests.state', 'requests.workflow_id', 'requests.from_nation', 'requests.to_nation', 'requests.arrangement_id', 'requests.supplier_organisation_id'])
    .where('deadlines.stopped_at', 'is', null)
    .where('deadlines.due_at', '<=', horizon)
    .where((eb) => eb.or([eb('requests.from_nation', '=', nation), eb('requests.to_nation', '=', nation)]))
    .orderBy('deadlines.due_at')
    .limit(limit)
    .execute();
}

/** The company's undecided rated orders of its own book whose acceptance is due by `horizon`. */
export function listOrdersToDecide(db: Db, organisationId: string, horizon: Date) {
  return db
    .selectFrom('supplier_orders')
    .select(['order_number', 'customer', 'rating', 'acceptance_due_at'])
    .where('organisation_id', '=', organisationId)
    .where('decision', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('request_id', 'is', null) // a SOSA request's order is listed by its request's deadline
    .where('acceptance_due_at', 'is not', null)
    .where('acceptance_due_at', '<=', horizon)
    .orderBy('acceptance_due_at')
    .execute();
}

/** The user's open action items due by `horizon`, with their group. */
export function listOwnActionItemsDue(db: Db, userId: string, horizon: Date) {
  return db
    .selectFrom('working_group_action_items as i')
    .innerJoin('working_group_members as m', 'm.id', 'i.owner_member_id')
    .innerJoin('working_groups as g', 'g.id', 'i.group_id')
    .select(['i.title', 'i.due_at', 'g.id as group_id', 'g.name as group_name'])
    .where('m.user_id', '=', userId)
    .where('i.status', '=', 'open')
    .where('i.due_at', '<=', horizon)
    .execute();
}

/**
 * Open action items due by `horizon` in this instance's copies of peers' working groups (held_by
 * set, issue #13) owned by a member of `nation` whose address is `email` (compared as
 * findOfficialByEmail compares it: a member of a peer's group is no account here), with their group.
 */
export function listCopiedActionItemsDue(db: Db, nation: string, email: string, horizon: Date) {
  return db
    .selectFrom('working_group_action_items as i')
    .innerJoin('working_group_members as m', 'm.id', 'i.owner_member_id')
    .innerJoin('working_groups as g', 'g.id', 'i.group_id')
    .select(['i.title', 'i.due_at', 'g.id as group_id', 'g.name as group_name', 'g.held_by'])
    .where('g.held_by', 'is not', null)
    .where('m.nation', '=', nation)
    .where((eb) => eb(eb.fn('lower', ['m.email']), '=', email.trim().toLowerCase()))
    .where('i.status', '=', 'open')
    .where('i.due_at', '<=', horizon)
    .execute();
}

/** A request's reference, title and parties, for the text of a notification. */
export function findRequestToNotify(db: Db, requestId: string) {
  return db.selectFrom('requests').select(['id', 'reference', 'title', 'from_nation', 'to_nation', 'arrangement_id']).where('id', '=', requestId).executeTakeFirstOrThrow();
}
