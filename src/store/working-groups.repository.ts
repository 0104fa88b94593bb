import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from './executor.js';
import { insertWithNewId, type NewRow } from './insert-with-new-id.js';
import type { Database } from './schema.js';

// The SQL of the SOSA working groups (migration 0009): groups, members, meetings, attendance and
// action items. Who may read or change what is decided in src/services/partnership/working-groups/.

export type WorkingGroupRow = Selectable<Database['working_groups']>;
export type WorkingGroupMemberRow = Selectable<Database['working_group_members']>;
export type WorkingGroupMeetingRow = Selectable<Database['working_group_meetings']>;
export type ActionItemRow = Selectable<Database['working_group_action_items']>;

/** Who is looking: groups of the viewer's nation's arrangements; a non-official sees only groups it is a member of. */
export interface GroupViewer {
  nation: string;
  userId: string;
  official: boolean;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A group with the two nations of its arrangement. */
export function findGroupWithNations(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('working_groups').innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id').selectAll('working_groups').select(['arrangements.nation_a', 'arrangements.nation_b']).where('working_groups.id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

export async function isGroupMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('working_group_members').select('id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst());
}

/** A user as a prospective member: name, nation and organisation name. */
export function findUserForMembership(db: Db, userId: string) {
  return db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.display_name', 'users.nation', 'organisations.name as org']).where('users.id', '=', userId).executeTakeFirst();
}

export function insertMember(db: Db, values: NewRow<'working_group_members'>) {
  return insertWithNewId(db, 'working_group_members', values);
}

export function findMember(db: Db, groupId: string, memberId: string) {
  return db.selectFrom('working_group_members').selectAll().where('id', '=', memberId).where('group_id', '=', groupId).executeTakeFirst();
}

export function listMembers(db: Db, groupId: string) {
  return db.selectFrom('working_group_members').select(['id', 'name', 'nation']).where('group_id', '=', groupId).execute();
}

export async function listMemberIds(db: Db, groupId: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('working_group_members').select('id').where('group_id', '=', groupId).execute()).map((m) => m.id));
}

export async function groupNameTaken(db: Db, arrangementId: string, name: string): Promise<boolean> {
  return Boolean(await db.selectFrom('working_groups').select('id').where('arrangement_id', '=', arrangementId).where('name', '=', name).executeTakeFirst());
}

export function insertGroup(db: Db, values: NewRow<'working_groups'>) {
  return insertWithNewId(db, 'working_groups', values);
}

/** One more change of the group (its record, members, meetings or action items): the version its message carries (migration 0039). */
export async function touchGroup(db: Db, groupId: string, now: Date): Promise<void> {
  await db.updateTable('working_groups').set((eb) => ({ version: eb('version', '+', 1), updated_at: now })).where('id', '=', groupId).execute();
}

export function insertMeeting(db: Db, values: NewRow<'working_group_meetings'>) {
  return insertWithNewId(db, 'working_group_meetings', values);
}

export function findMeeting(db: Db, groupId: string, meetingId: string) {
  return db.selectFrom('working_group_meetings').selectAll().where('id', '=', meetingId).where('group_id', '=', groupId).executeTakeFirst();
}

export async function updateMeetingRow(db: Db, meetingId: string, set: Updateable<Database['working_group_meetings']>): Promise<void> {
  await db.updateTable('working_group_meetings').set(set).where('id', '=', meetingId).execute();
}

/** Records (or corrects) whether a member attended a meeting. */
export async function upsertAttendance(db: Db, meetingId: string, memberId: string, present: boolean): Promise<void> {
  await db.insertInto('working_group_attendance').values({ meeting_id: meetingId, member_id: memberId, present }).onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet({ present })).execute();
}

export function insertActionItem(db: Db, values: NewRow<'working_group_action_items'>) {
  return insertWithNewId(db, 'working_group_action_items', values);
}

/** An action item of the group, locked for the change that follows. */
export function findActionItemForUpdate(db: Db, groupId: string, itemId: string) {
  return db.selectFrom('working_group_action_items').selectAll().where('id', '=', itemId).where('group_id', '=', groupId).forUpdate().executeTakeFirst();
}

export function updateActionItemRow(db: Db, itemId: string, set: Updateable<Database['working_group_action_items']>) {
  return db.updateTable('working_group_action_items').set(set).where('id', '=', itemId).returningAll().executeTakeFirstOrThrow();
}

/** The groups this instance holds (not copies of a peer's) of an arrangement `nation` is party to, oldest first. */
export async function listHeldGroupIds(db: Db, nation: string): Promise<string[]> {
  const rows = await db
    .selectFrom('working_groups')
    .innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id')
    .select('working_groups.id')
    .where('working_groups.held_by', 'is', null)
    .where((eb) => eb.or([eb('arrangements.nation_a', '=', nation), eb('arrangements.nation_b', '=', nation)]))
    .orderBy('working_groups.created_at')
    .orderBy('working_groups.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Everything a group's page shows: members (chairs first), meetings (latest first), action items (by due time), attendance. */
export async function loadGroupDetail(db: Db, groupId: string) {
  const [members, meetings, items, attendance] = await Promise.all([
    db.selectFrom('working_group_members').selectAll().where('group_id', '=', groupId).orderBy('chair', 'desc').orderBy('nation').orderBy('name').execute(),
    db.selectFrom('working_group_meetings').selectAll().where('group_id', '=', groupId).orderBy('starts_at', 'desc').execute(),
    db.selectFrom('working_group_action_items').selectAll().where('group_id', '=', groupId).orderBy('due_at').execute(),
    db.selectFrom('working_group_attendance').innerJoin('working_group_meetings', 'working_group_meetings.id', 'working_group_attendance.meeting_id').selectAll('working_group_attendance').where('working_group_meetings.group_id', '=', groupId).execute(),
  ]);
  return { members, meetings, items, attendance };
}

function visibleGroups(db: Db, viewer: GroupViewer) {
  let q = db
    .selectFrom('working_groups')
    .innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id')
    .where((eb) => eb.or([eb('arrangements.nation_a', '=', viewer.nation), eb('arrangements.nation_b', '=', viewer.nation)]));
  if (!viewer.official) {
    q = q.where((eb) => eb.exists(eb.selectFrom('working_group_members').select('working_group_members.id').whereRef('working_group_members.group_id', '=', 'working_groups.id').where('working_group_members.user_id', '=', viewer.userId)));
  }
  return q;
}

/** The names of the groups among `ids` that the viewer sees (a thread's subject is named only to them). */
export function listVisibleGroupNames(db: Db, viewer: GroupViewer, ids: readonly string[]) {
  return visibleGroups(db, viewer).select(['working_groups.id', 'working_groups.name']).where('working_groups.id', 'in', ids).execute();
}

/** The groups the viewer sees, by name (at most 500), with their arrangement's nations. */
export function listVisibleGroups(db: Db, viewer: GroupViewer, filter: { q?: string | undefined; status?: 'active' | 'closed' | undefined }) {
  let q = visibleGroups(db, viewer).selectAll('working_groups').select(['arrangements.nation_a', 'arrangements.nation_b']);
  if (filter.status) q = q.where('working_groups.status', '=', filter.status);
  if (filter.q) q = q.where((eb) => eb.or([eb('working_groups.name', 'ilike', likePattern(filter.q!)), eb('working_groups.purpose', 'ilike', likePattern(filter.q!))]));
  return q.orderBy('working_groups.name').limit(500).execute();
}

/** What a list of groups summarises: members, open action items, meeting times. */
export async function loadGroupSummaries(db: Db, groupIds: readonly string[]) {
  const [members, openItems, meetings] = await Promise.all([
    db.selectFrom('working_group_members').select(['group_id', 'name', 'nation', 'chair']).where('group_id', 'in', groupIds).execute(),
    db.selectFrom('working_group_action_items').select(['group_id', 'status', 'due_at']).where('group_id', 'in', groupIds).where('status', '=', 'open').execute(),
    db.selectFrom('working_group_meetings').select(['group_id', 'starts_at']).where('group_id', 'in', groupIds).execute(),
  ]);
  return { members, openItems, meetings };
}

/** Action items of every group the viewer sees, by due time (at most 5,000), with group and owner names. */
export async function listVisibleActionItems(db: Db, viewer: GroupViewer, filter: { status?: 'open' | 'done' | 'cancelled' | undefined; overdueAt?: Date | undefined; q?: string | undefined }) {
  const groups = await visibleGroups(db, viewer).select('working_groups.id').execute();
  if (groups.length === 0) return [];
  let q = db
    .selectFrom('working_group_action_items as i')
    .innerJoin('working_groups as g', 'g.id', 'i.group_id')
    .innerJoin('working_group_members as m', 'm.id', 'i.owner_member_id')
    .selectAll('i')
    .select(['g.name as group_name', 'm.name as owner_name'])
    .where('i.group_id', 'in', groups.map((g) => g.id));
  if (filter.status) q = q.where('i.status', '=', filter.status);
  if (filter.overdueAt) q = q.where('i.status', '=', 'open').where('i.due_at', '<=', filter.overdueAt);
  if (filter.q) q = q.where((eb) => eb.or([eb('i.title', 'ilike', likePattern(filter.q!)), eb('m.name', 'ilike', likePattern(filter.q!)), eb('g.name', 'ilike', likePattern(filter.q!))]));
  return q.orderBy('i.due_at').limit(5000).execute();
}

/**
 * Flags every open action item past due as overdue, escalated to its owner's nation's SOSA
 * officers, and returns the rows it claimed. The UPDATE claims each row under its row lock, so
 * two schedulers on one PostgreSQL, or a restart, never claim an item twice.
 */
export function claimOverdueActionItems(db: Db, now: Date) {
  return db
    .updateTable('working_group_action_items')
    .set({ overdue_at: now, escalated_to: sql<string>`owner_nation || ':sosa_officer'` })
    .where('status', '=', 'open')
    .where('overdue_at', 'is', null)
    .where('due_at', '<=', now)
    // A copy of a peer's group is escalated by the instance that holds it, and follows.
    .where('group_id', 'not in', (eb) => eb.selectFrom('working_groups').select('id').where('held_by', 'is not', null))
    .returning(['id', 'group_id', 'title', 'owner_nation', 'owner_member_id', 'due_at', 'due_date', 'status', 'escalated_to'])
    .execute();
}

/**
 * A peer's group as its instance now has it (`working_group.set`, issue #13) replaces this
 * instance's copy whole: the group row (held by the peer, at the version given, no creator here),
 * then its members, meetings, attendance and action items under the ids the holder gave them.
 */
export async function replaceReceivedGroup(
  db: Db,
  copy: {
    group: Omit<Insertable<Database['working_groups']>, 'created_by' | 'held_by' | 'version'> & { held_by: string; version: number };
    members: ReadonlyArray<Omit<Insertable<Database['working_group_members']>, 'group_id' | 'user_id'>>;
    meetings: ReadonlyArray<Omit<Insertable<Database['working_group_meetings']>, 'group_id'>>;
    attendance: ReadonlyArray<Insertable<Database['working_group_attendance']>>;
    items: ReadonlyArray<Omit<Insertable<Database['working_group_action_items']>, 'group_id' | 'created_by'>>;
  },
): Promise<void> {
  const { id, ...group } = copy.group;
  await db.insertInto('working_groups').values({ id, ...group, created_by: null }).onConflict((oc) => oc.column('id').doUpdateSet(group)).execute();
  await db.deleteFrom('working_group_attendance').where('meeting_id', 'in', (eb) => eb.selectFrom('working_group_meetings').select('id').where('group_id', '=', id)).execute();
  await db.deleteFrom('working_group_action_items').where('group_id', '=', id).execute();
  await db.deleteFrom('working_group_meetings').where('group_id', '=', id).execute();
  await db.deleteFrom('working_group_members').where('group_id', '=', id).execute();
  if (copy.members.length) await db.insertInto('working_group_members').values(copy.members.map((m) => ({ ...m, group_id: id, user_id: null }))).execute();
  if (copy.meetings.length) await db.insertInto('working_group_meetings').values(copy.meetings.map((m) => ({ ...m, group_id: id }))).execute();
  if (copy.attendance.length) await db.insertInto('working_group_attendance').values([...copy.attendance]).execute();
  if (copy.items.length) await db.insertInto('working_group_action_items').values(copy.items.map((i) => ({ ...i, group_id: id, created_by: null }))).execute();
}

/** Whether a group's id is taken here, by whom (null: held here) and at which version; locked for the change that follows. */
export function findGroupHolder(db: Db, id: string) {
  return db.selectFrom('working_groups').select(['held_by', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A change made on a copy of a peer's group and sent to its holder (issue #13, migration 0041); earlier refused ones of the group no longer show. */
export async function insertChangeSent(db: Db, row: { message_id: string; group_id: string; kind: string; summary: string; sent_by: string; sent_at: Date }): Promise<void> {
  await db.deleteFrom('working_group_changes_sent').where('group_id', '=', row.group_id).where('message_id', 'in', (eb) => eb.selectFrom('federation_outbox').select('id').where('state', '=', 'refused')).execute();
  await db.insertInto('working_group_changes_sent').values(row).execute();
}

/** The holder's `working_group.set` answering a change (by the change message's hash) shows it applied. */
export async function clearChangeSentAnswered(db: Db, peerNation: string, groupId: string, answersHash: string): Promise<void> {
  await db
    .deleteFrom('working_group_changes_sent')
    .where('group_id', '=', groupId)
    .where('message_id', 'in', (eb) => eb.selectFrom('federation_outbox').select('id').where('peer_nation', '=', peerNation).where('message_hash', '=', answersHash))
    .execute();
}

/** The changes sent about a copy and not yet answered, oldest first, with their delivery state and who sent them. */
export function listChangesSent(db: Db, groupId: string) {
  return db
    .selectFrom('working_group_changes_sent as c')
    .innerJoin('federation_outbox as o', 'o.id', 'c.message_id')
    .leftJoin('users as u', 'u.id', 'c.sent_by')
    .select(['c.message_id', 'c.kind', 'c.summary', 'c.sent_at', 'o.state', 'o.refusal_reason', 'u.display_name'])
    .where('c.group_id', '=', groupId)
    .orderBy('c.sent_at')
    .orderBy('o.seq')
    .execute();
}

/** The action items of a group as they stand: what a peer's new copy of it is compared with. */
export function listActionItemStates(db: Db, groupId: string) {
  return db.selectFrom('working_group_action_items').select(['id', 'status', 'overdue_at']).where('group_id', '=', groupId).execute();
}
