import { randomUUID } from 'node:crypto';
import { sql, type Selectable, type Transaction } from 'kysely';
import { computeActionItemDue, isActionItemOverdue, isTimeZone } from '../../domain/partnership/action-item-due.js';
import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { appendAudit, auditAs } from '../../store/audit.repository.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { notifyActionItem } from '../notifications/notify-workflow-step.js';
import { isParty } from '../programs/programs.repository.js';
import { isUuid, loadArrangementOfActor, notFound, type Executor } from './partnership-access.js';

/**
 * SOSA working groups (dpas-sosa-sources.md §2.1: "The Arrangements institute working groups"):
 * members of both nations, chairs, meetings with agenda, minutes and attendance, and action
 * items with an owner and a due date in the owner's nation's working days (dpas-sosa.md §10).
 * Who sees a group: the SOSA officers and auditors of its two nations, and its members; anyone
 * else gets 404. Who changes it: the SOSA officers of its two nations.
 */

type GroupRow = Selectable<Database['working_groups']>;
type MemberRow = Selectable<Database['working_group_members']>;
type MeetingRow = Selectable<Database['working_group_meetings']>;
type ItemRow = Selectable<Database['working_group_action_items']>;

export interface MemberInput {
  userId?: string | undefined;
  name?: string | undefined;
  nation?: string | undefined;
  organisation?: string | undefined;
  email?: string | undefined;
  chair?: boolean | undefined;
}

interface LoadedGroup {
  group: GroupRow;
  nations: [string, string];
  member: boolean;
}

const isOfficial = (actor: Actor) => actor.roles.includes('sosa_officer') || actor.roles.includes('auditor');

async function loadGroup(db: Executor, actor: Actor, id: string, options: { write?: boolean; forUpdate?: boolean } = {}): Promise<LoadedGroup> {
  if (!isUuid(id)) throw notFound('working group', id);
  let q = db.selectFrom('working_groups').innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id').selectAll('working_groups').select(['arrangements.nation_a', 'arrangements.nation_b']).where('working_groups.id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('working group', id);
  const nations: [string, string] = [row.nation_a, row.nation_b];
  if (!nations.includes(actor.nation)) throw notFound('working group', id);
  const member = Boolean(await db.selectFrom('working_group_members').select('id').where('group_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst());
  if (!isOfficial(actor) && !member) throw notFound('working group', id);
  if (options.write && !actor.roles.includes('sosa_officer')) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only the SOSA officers of the two nations change a working group.' });
  const { nation_a: _a, nation_b: _b, ...group } = row;
  return { group, nations, member };
}

async function resolveMember(trx: Transaction<Database>, nations: readonly string[], m: MemberInput, at: string) {
  if (m.userId) {
    const user = isUuid(m.userId) ? await trx.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.organisation_id').select(['users.id', 'users.display_name', 'users.nation', 'organisations.name as org']).where('users.id', '=', m.userId).executeTakeFirst() : undefined;
    if (!user || !nations.includes(user.nation)) throw validationError([{ field: `${at}/userId`, message: 'is not a user of either nation of the group' }]);
    return { user_id: user.id, name: user.display_name, nation: user.nation, organisation: user.org, email: m.email ?? null, chair: m.chair ?? false };
  }
  if (!m.name) throw validationError([{ field: `${at}/name`, message: 'give a user or the name of an external member' }]);
  if (!m.nation || !nations.includes(m.nation)) throw validationError([{ field: `${at}/nation`, message: `must be one of ${nations.join(', ')}` }]);
  return { user_id: null, name: m.name, nation: m.nation, organisation: m.organisation ?? '', email: m.email ?? null, chair: m.chair ?? false };
}

async function insertMembers(trx: Transaction<Database>, groupId: string, nations: readonly string[], members: readonly MemberInput[], now: Date, field = 'members'): Promise<MemberRow[]> {
  const out: MemberRow[] = [];
  for (const [i, m] of members.entries()) {
    const values = await resolveMember(trx, nations, m, `${field}/${i}`);
    if (values.user_id) {
      const dup = await trx.selectFrom('working_group_members').select('id').where('group_id', '=', groupId).where('user_id', '=', values.user_id).executeTakeFirst();
      if (dup) throw new AppError('DUPLICATE', { detail: `${values.name} is already a member.`, errors: [{ field: `${field}/${i}/userId`, message: 'is already a member' }] });
    }
    out.push(await trx.insertInto('working_group_members').values({ id: randomUUID(), group_id: groupId, ...values, created_at: now }).returningAll().executeTakeFirstOrThrow());
  }
  return out;
}

export async function createWorkingGroup(ctx: AppContext, actor: Actor, input: { arrangementId: string; name: string; purpose?: string | undefined; programId?: string | null | undefined; members: MemberInput[] }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    // Ids in the body are checked like any field (422 naming it); another nation's arrangement and
    // a missing one read the same.
    const arrangement = await loadArrangementOfActor(trx, actor, input.arrangementId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw validationError([{ field: 'arrangementId', message: `must be an arrangement ${actor.nation} is party to` }]);
      throw e;
    });
    if (input.programId) {
      const program = await trx.selectFrom('programs').select(['nation', 'partner_nations']).where('id', '=', input.programId).executeTakeFirst();
      if (!program || !isParty(actor, program)) throw validationError([{ field: 'programId', message: `is not a program ${actor.nation} is party to` }]);
    }
    const taken = await trx.selectFrom('working_groups').select('id').where('arrangement_id', '=', arrangement.id).where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new AppError('DUPLICATE', { detail: `${arrangement.name} already has a working group named ${input.name}.`, errors: [{ field: 'name', message: 'is taken' }] });
    const now = ctx.now();
    const group = await trx
      .insertInto('working_groups')
      .values({ id: randomUUID(), arrangement_id: arrangement.id, name: input.name, purpose: input.purpose ?? '', program_id: input.programId ?? null, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const members = await insertMembers(trx, group.id, [arrangement.nation_a, arrangement.nation_b], input.members, now);
    await auditAs(trx, actor, { parties: [arrangement.nation_a, arrangement.nation_b], action: 'working_group.create', entityType: 'working_group', entityId: group.id, data: { arrangement: arrangement.id, name: group.name, members: members.map((m) => m.id), chairs: members.filter((m) => m.chair).map((m) => m.id) } });
    return group;
  });
}

export async function addMembers(ctx: AppContext, actor: Actor, groupId: string, members: MemberInput[]) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const rows = await insertMembers(trx, group.id, nations, members, ctx.now());
    await auditAs(trx, actor, { parties: nations, action: 'working_group.add_members', entityType: 'working_group', entityId: group.id, data: { members: rows.map((m) => ({ id: m.id, name: m.name, nation: m.nation, chair: m.chair })) } });
    return rows;
  });
}

export async function createMeeting(ctx: AppContext, actor: Actor, groupId: string, input: { title: string; startsAt: string; timeZone: string; location?: string | undefined; agenda?: string | undefined }) {
  if (!isTimeZone(input.timeZone)) throw validationError([{ field: 'timeZone', message: 'is not an IANA time zone such as Asia/Kolkata' }]);
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const now = ctx.now();
    const row = await trx
      .insertInto('working_group_meetings')
      .values({ id: randomUUID(), group_id: group.id, title: input.title, starts_at: new Date(input.startsAt), time_zone: input.timeZone, location: input.location ?? '', agenda: input.agenda ?? '', minutes: '', created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { parties: nations, action: 'working_group.meeting_create', entityType: 'working_group', entityId: group.id, data: { meeting: row.id, title: row.title, startsAt: row.starts_at.toISOString(), timeZone: row.time_zone } });
    return row;
  });
}

export async function updateMeeting(ctx: AppContext, actor: Actor, groupId: string, meetingId: string, input: { agenda?: string | undefined; minutes?: string | undefined; attendance?: Array<{ memberId: string; present: boolean }> | undefined }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const meeting = isUuid(meetingId) ? await trx.selectFrom('working_group_meetings').selectAll().where('id', '=', meetingId).where('group_id', '=', group.id).executeTakeFirst() : undefined;
    if (!meeting) throw notFound('meeting', meetingId);
    const set: Partial<{ agenda: string; minutes: string }> = {};
    if (input.agenda !== undefined) set.agenda = input.agenda;
    if (input.minutes !== undefined) set.minutes = input.minutes;
    await trx.updateTable('working_group_meetings').set({ ...set, updated_at: ctx.now() }).where('id', '=', meeting.id).execute();
    if (input.attendance?.length) {
      const memberIds = new Set((await trx.selectFrom('working_group_members').select('id').where('group_id', '=', group.id).execute()).map((m) => m.id));
      const bad = input.attendance.findIndex((a) => !memberIds.has(a.memberId));
      if (bad >= 0) throw validationError([{ field: `attendance/${bad}/memberId`, message: 'is not a member of this working group' }]);
      for (const a of input.attendance) {
        await trx.insertInto('working_group_attendance').values({ meeting_id: meeting.id, member_id: a.memberId, present: a.present }).onConflict((oc) => oc.columns(['meeting_id', 'member_id']).doUpdateSet({ present: a.present })).execute();
      }
    }
    await auditAs(trx, actor, { parties: nations, action: 'working_group.meeting_update', entityType: 'working_group', entityId: group.id, data: { meeting: meeting.id, changed: Object.keys(set), attendance: input.attendance ?? [] } });
  });
}

export async function createActionItem(ctx: AppContext, actor: Actor, groupId: string, input: { title: string; ownerMemberId?: string | undefined; meetingId?: string | undefined; dueInWorkingDays?: number | undefined; dueDate?: string | undefined }) {
  // An action item without an owner is no action item (the API answers 422).
  if (!input.ownerMemberId) throw validationError([{ field: 'ownerMemberId', message: 'an action item needs an owner: a member of the group' }]);
  if ((input.dueInWorkingDays === undefined) === (input.dueDate === undefined)) {
    throw validationError([{ field: 'dueDate', message: 'give either dueDate or dueInWorkingDays (from the meeting), not both' }]);
  }
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true, forUpdate: true });
    const owner = isUuid(input.ownerMemberId!) ? await trx.selectFrom('working_group_members').selectAll().where('id', '=', input.ownerMemberId!).where('group_id', '=', group.id).executeTakeFirst() : undefined;
    if (!owner) throw validationError([{ field: 'ownerMemberId', message: 'is not a member of this working group' }]);
    let meeting: MeetingRow | undefined;
    if (input.meetingId) {
      meeting = isUuid(input.meetingId) ? await trx.selectFrom('working_group_meetings').selectAll().where('id', '=', input.meetingId).where('group_id', '=', group.id).executeTakeFirst() : undefined;
      if (!meeting) throw validationError([{ field: 'meetingId', message: 'is not a meeting of this working group' }]);
    }
    if (input.dueInWorkingDays !== undefined && !meeting) throw validationError([{ field: 'meetingId', message: 'counting working days from the meeting needs the meeting' }]);
    const calendar = await ctx.calendars.get(owner.nation, trx);
    const due = computeActionItemDue(calendar, input.dueInWorkingDays !== undefined ? { kind: 'working_days', workingDays: input.dueInWorkingDays, meetingStartsAt: meeting!.starts_at } : { kind: 'date', date: input.dueDate! });
    const now = ctx.now();
    const row = await trx
      .insertInto('working_group_action_items')
      .values({ id: randomUUID(), group_id: group.id, meeting_id: meeting?.id ?? null, title: input.title, owner_member_id: owner.id, owner_nation: owner.nation, due_date: due.dueDate, due_at: due.dueAt, due_basis: JSON.stringify(due.basis), closed_at: null, overdue_at: null, escalated_to: null, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { parties: nations, action: 'action_item.create', entityType: 'working_group', entityId: group.id, data: { item: row.id, title: row.title, owner: owner.id, ownerNation: owner.nation, dueDate: due.dueDate, dueAt: due.dueAt.toISOString() } });
    await notifyActionItem(ctx, trx, { item: row, kind: 'assigned', actor, at: now });
    return row;
  });
}

export async function updateActionItem(ctx: AppContext, actor: Actor, groupId: string, itemId: string, input: { status: 'open' | 'done' | 'cancelled' }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true });
    const item = isUuid(itemId) ? await trx.selectFrom('working_group_action_items').selectAll().where('id', '=', itemId).where('group_id', '=', group.id).forUpdate().executeTakeFirst() : undefined;
    if (!item) throw notFound('action item', itemId);
    if (item.status === input.status) return item;
    const now = ctx.now();
    const row = await trx
      .updateTable('working_group_action_items')
      .set({ status: input.status, closed_at: input.status === 'open' ? null : now, updated_at: now })
      .where('id', '=', item.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { parties: nations, action: 'action_item.status', entityType: 'working_group', entityId: group.id, data: { item: item.id, from: item.status, to: input.status } });
    await notifyActionItem(ctx, trx, { item: row, kind: 'status', actor, at: now });
    return row;
  });
}

export function presentItem(i: ItemRow & { owner_name?: string; group_name?: string }, now: Date) {
  return {
    id: i.id,
    groupId: i.group_id,
    ...(i.group_name !== undefined ? { groupName: i.group_name } : {}),
    meetingId: i.meeting_id,
    title: i.title,
    ownerMemberId: i.owner_member_id,
    ...(i.owner_name !== undefined ? { ownerName: i.owner_name } : {}),
    ownerNation: i.owner_nation,
    dueDate: i.due_date,
    dueAt: i.due_at.toISOString(),
    dueBasis: i.due_basis,
    status: i.status,
    overdue: isActionItemOverdue({ status: i.status, dueAt: i.due_at }, now),
    escalatedAt: i.overdue_at?.toISOString() ?? null,
    escalatedTo: i.escalated_to,
  };
}

export async function getWorkingGroup(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  const { group, nations, member } = await loadGroup(db, actor, id);
  const [members, meetings, items, attendance] = await Promise.all([
    db.selectFrom('working_group_members').selectAll().where('group_id', '=', id).orderBy('chair', 'desc').orderBy('nation').orderBy('name').execute(),
    db.selectFrom('working_group_meetings').selectAll().where('group_id', '=', id).orderBy('starts_at', 'desc').execute(),
    db.selectFrom('working_group_action_items').selectAll().where('group_id', '=', id).orderBy('due_at').execute(),
    db.selectFrom('working_group_attendance').innerJoin('working_group_meetings', 'working_group_meetings.id', 'working_group_attendance.meeting_id').selectAll('working_group_attendance').where('working_group_meetings.group_id', '=', id).execute(),
  ]);
  const now = ctx.now();
  const names = new Map(members.map((m) => [m.id, m.name]));
  return {
    ...presentGroup(group, nations),
    canEdit: actor.roles.includes('sosa_officer'),
    youAreMember: member,
    members: members.map((m) => ({ id: m.id, nation: m.nation, userId: m.user_id, name: m.name, organisation: m.organisation, email: m.email, chair: m.chair, external: m.user_id === null })),
    meetings: meetings.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.starts_at.toISOString(),
      timeZone: m.time_zone,
      location: m.location,
      agenda: m.agenda,
      minutes: m.minutes,
      attendance: attendance.filter((a) => a.meeting_id === m.id).map((a) => ({ memberId: a.member_id, name: names.get(a.member_id) ?? '', present: a.present })),
    })),
    actionItems: items.map((i) => presentItem({ ...i, owner_name: names.get(i.owner_member_id) ?? '' }, now)),
  };
}

function presentGroup(g: GroupRow, nations: readonly string[]) {
  return { id: g.id, arrangementId: g.arrangement_id, nations, name: g.name, purpose: g.purpose, programId: g.program_id, status: g.status, createdAt: g.created_at.toISOString() };
}

/** Groups the actor sees: of its nation's arrangements; for a non-official, only groups it is a member of. */
function visibleGroups(ctx: AppContext, actor: Actor) {
  let q = ctx.store.db
    .selectFrom('working_groups')
    .innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id')
    .where((eb) => eb.or([eb('arrangements.nation_a', '=', actor.nation), eb('arrangements.nation_b', '=', actor.nation)]));
  if (!isOfficial(actor)) {
    q = q.where((eb) => eb.exists(eb.selectFrom('working_group_members').select('working_group_members.id').whereRef('working_group_members.group_id', '=', 'working_groups.id').where('working_group_members.user_id', '=', actor.userId)));
  }
  return q;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listWorkingGroups(ctx: AppContext, actor: Actor, query: { q?: string | undefined; status?: string | undefined; overdue?: boolean | undefined }) {
  let q = visibleGroups(ctx, actor).selectAll('working_groups').select(['arrangements.nation_a', 'arrangements.nation_b']);
  if (query.status) q = q.where('working_groups.status', '=', query.status as 'active' | 'closed');
  if (query.q) q = q.where((eb) => eb.or([eb('working_groups.name', 'ilike', likePattern(query.q!)), eb('working_groups.purpose', 'ilike', likePattern(query.q!))]));
  const rows = await q.orderBy('working_groups.name').limit(500).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const now = ctx.now();
  const db = ctx.store.db;
  const [members, items, meetings] = await Promise.all([
    db.selectFrom('working_group_members').select(['group_id', 'name', 'nation', 'chair']).where('group_id', 'in', ids).execute(),
    db.selectFrom('working_group_action_items').select(['group_id', 'status', 'due_at']).where('group_id', 'in', ids).where('status', '=', 'open').execute(),
    db.selectFrom('working_group_meetings').select(['group_id', 'starts_at']).where('group_id', 'in', ids).execute(),
  ]);
  const out = rows.map(({ nation_a, nation_b, ...g }) => {
    const open = items.filter((i) => i.group_id === g.id);
    const times = meetings.filter((m) => m.group_id === g.id).map((m) => m.starts_at.getTime());
    const upcoming = times.filter((t) => t >= now.getTime()).sort((a, b) => a - b)[0];
    const last = times.filter((t) => t < now.getTime()).sort((a, b) => b - a)[0];
    return {
      ...presentGroup(g, [nation_a, nation_b]),
      chairs: members.filter((m) => m.group_id === g.id && m.chair).map((m) => `${m.name} (${m.nation})`),
      memberCount: members.filter((m) => m.group_id === g.id).length,
      openItems: open.length,
      overdueItems: open.filter((i) => i.due_at.getTime() <= now.getTime()).length,
      nextMeeting: upcoming ? new Date(upcoming).toISOString() : null,
      lastMeeting: last ? new Date(last).toISOString() : null,
    };
  });
  return query.overdue ? out.filter((g) => g.overdueItems > 0) : out;
}

/** Action items of every group the actor sees (the export and the "my items" view). */
export async function listActionItems(ctx: AppContext, actor: Actor, query: { status?: string | undefined; overdue?: boolean | undefined; q?: string | undefined }) {
  const groups = await visibleGroups(ctx, actor).select('working_groups.id').execute();
  if (groups.length === 0) return [];
  let q = ctx.store.db
    .selectFrom('working_group_action_items as i')
    .innerJoin('working_groups as g', 'g.id', 'i.group_id')
    .innerJoin('working_group_members as m', 'm.id', 'i.owner_member_id')
    .selectAll('i')
    .select(['g.name as group_name', 'm.name as owner_name'])
    .where('i.group_id', 'in', groups.map((g) => g.id));
  if (query.status) q = q.where('i.status', '=', query.status as 'open');
  if (query.overdue) q = q.where('i.status', '=', 'open').where('i.due_at', '<=', ctx.now());
  if (query.q) q = q.where((eb) => eb.or([eb('i.title', 'ilike', likePattern(query.q!)), eb('m.name', 'ilike', likePattern(query.q!)), eb('g.name', 'ilike', likePattern(query.q!))]));
  const rows = await q.orderBy('i.due_at').limit(5000).execute();
  const now = ctx.now();
  return rows.map((r) => presentItem(r, now));
}

/**
 * Marks every open action item past due as overdue and escalates it exactly once: an audit event
 * (the notification) and the overdue flag the UI shows. Like the request deadlines' scheduler,
 * the UPDATE claims each row under its row lock, so two schedulers on one PostgreSQL, or a
 * restart, never escalate an item twice.
 */
export async function escalateOverdueActionItems(ctx: AppContext, now = ctx.now()): Promise<number> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('working_group_action_items')
      .set({ overdue_at: now, escalated_to: sql<string>`owner_nation || ':sosa_officer'` })
      .where('status', '=', 'open')
      .where('overdue_at', 'is', null)
      .where('due_at', '<=', now)
      .returning(['id', 'group_id', 'title', 'owner_nation', 'owner_member_id', 'due_at', 'due_date', 'status', 'escalated_to'])
      .execute();
    for (const item of claimed) {
      await appendAudit(trx, {
        actorId: null,
        actor: 'scheduler',
        nation: item.owner_nation,
        action: 'action_item.escalate',
        entityType: 'working_group',
        entityId: item.group_id,
        data: { item: item.id, title: item.title, owner: item.owner_member_id, dueAt: item.due_at.toISOString(), escalatedTo: item.escalated_to },
      });
      await notifyActionItem(ctx, trx, { item, kind: 'escalated', actor: null, at: now });
    }
    return claimed.length;
  });
}
