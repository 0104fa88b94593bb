import { sql, type ExpressionBuilder } from 'kysely';
import { authoredOrigin, isCompanyUser, LIVE_ASSIGNMENT_STATUSES, mayKnowUser } from '../../domain/access/border/index.js';
import { mayViewMessage, mayWriteInThread, type ThreadSubjectKind } from '../../domain/channels/thread-visibility.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { knowsCompanySql } from '../requests/border-sql.js';
import { authorsOf, loadThreadForActor, scopeOf } from './thread-access.js';

export interface ListThreadsQuery {
  subjectKind?: ThreadSubjectKind | undefined;
  subjectId?: string | undefined;
  q?: string | undefined;
  following?: boolean | undefined;
  limit: number;
  offset: number;
}

/**
 * Messages the actor may see, in SQL (for counts and last activity): shared ones, and internal
 * ones of its own nation if it is an official — and, on a request, none by a company the actor
 * may not know of (the border, border/thread.ts).
 */
function visibleMessages(eb: ExpressionBuilder<Database, 'thread_messages'>, actor: Actor) {
  const visibility = isCompanyUser(actor)
    ? eb('thread_messages.visibility', '=', 'shared')
    : eb.or([eb('thread_messages.visibility', '=', 'shared'), eb('thread_messages.nation', '=', actor.nation)]);
  const knows = knowsCompanySql(actor, sql.ref('ao.id'), { toNation: sql.ref('mr.to_nation'), supplier: sql.ref('mr.supplier_organisation_id') });
  const border = sql<boolean>`not exists (select 1 from users au join organisations ao on ao.id = au.organisation_id
    where au.id = thread_messages.author_id and ao.kind = 'company'
    and not exists (select 1 from threads mt join requests mr on mr.id::text = mt.subject_id where mt.id = thread_messages.thread_id and mt.subject_kind = 'request' and ${knows}))`;
  return eb.and([visibility, border]);
}

/** A request thread opened by a company only for those who may know that company (border/thread.ts). */
function creatorKnown(actor: Actor) {
  const knows = knowsCompanySql(actor, sql.ref('co.id'), { toNation: sql.ref('cr.to_nation'), supplier: sql.ref('cr.supplier_organisation_id') });
  return sql<boolean>`(threads.subject_kind <> 'request' or exists (select 1 from users cu join organisations co on co.id = cu.organisation_id
    join requests cr on cr.id::text = threads.subject_id where cu.id = threads.created_by and (co.kind <> 'company' or ${knows})))`;
}

/**
 * Threads the actor may see, filtered in SQL: its nation among the thread's nations; a company
 * only threads on requests put to it. Counts and last activity include only the messages the
 * actor may see, so an internal message of the other nation does not show even as a number.
 */
export async function listThreads(ctx: AppContext, actor: Actor, query: ListThreadsQuery) {
  const db = ctx.store.db;
  let base = db.selectFrom('threads').where(sql<boolean>`${actor.nation} = any(threads.nations)`).where(creatorKnown(actor));
  if (isCompanyUser(actor)) {
    base = base
      .where('threads.subject_kind', '=', 'request')
      .where(sql<boolean>`cardinality(threads.nations) = 2`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('request_assignments')
            .select(sql`1`.as('one'))
            .where(sql<boolean>`request_assignments.request_id::text = threads.subject_id`)
            .where('request_assignments.organisation_id', '=', actor.organisationId)
            .where('request_assignments.status', 'in', [...LIVE_ASSIGNMENT_STATUSES]),
        ),
      );
  }
  if (query.subjectKind) base = base.where('threads.subject_kind', '=', query.subjectKind);
  if (query.subjectId) base = base.where('threads.subject_id', '=', query.subjectId);
  if (query.q) base = base.where('threads.title', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.following) {
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('thread_followers').select(sql`1`.as('one')).whereRef('thread_followers.thread_id', '=', 'threads.id').where('thread_followers.user_id', '=', actor.userId).where('thread_followers.following', '=', true)),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('requests', (j) => j.on(sql<boolean>`threads.subject_kind = 'request' and requests.id::text = threads.subject_id`))
    .innerJoin('users', 'users.id', 'threads.created_by')
    .select((eb) => [
      'threads.id',
      'threads.subject_kind',
      'threads.subject_id',
      'threads.title',
      'threads.nations',
      'threads.created_at',
      'users.display_name as creator',
      'requests.reference as request_reference',
      'requests.title as request_title',
      eb.selectFrom('thread_messages').select((m) => m.fn.countAll<number>().as('n')).whereRef('thread_messages.thread_id', '=', 'threads.id').where((m) => visibleMessages(m, actor)).as('message_count'),
      eb.selectFrom('thread_messages').select((m) => m.fn.max('thread_messages.created_at').as('at')).whereRef('thread_messages.thread_id', '=', 'threads.id').where((m) => visibleMessages(m, actor)).as('last_message_at'),
      eb
        .selectFrom('thread_followers')
        .select('thread_followers.following')
        .whereRef('thread_followers.thread_id', '=', 'threads.id')
        .where('thread_followers.user_id', '=', actor.userId)
        .as('following'),
    ])
    .orderBy(sql`coalesce((select max(m.created_at) from thread_messages m where m.thread_id = threads.id), threads.created_at)`, 'desc')
    .orderBy('threads.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const named = await subjectNames(ctx.store.db, actor, rows);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      subject: { kind: r.subject_kind, id: r.subject_id, label: subjectLabel(r.subject_kind, r.subject_id, r.request_reference, r.request_title, named) },
      nations: r.nations,
      internal: r.nations.length === 1,
      createdBy: r.creator,
      createdAt: r.created_at.toISOString(),
      messageCount: Number(r.message_count ?? 0),
      lastMessageAt: r.last_message_at ? new Date(r.last_message_at as unknown as string).toISOString() : null,
      following: r.following === true,
    })),
    total: Number(total),
  };
}

/**
 * Names of the working groups and programs threads are about (their subjects are checked when a
 * thread opens). A thread on a working group may reach people who do not read the group itself
 * (its nation's analysts, the other nation's ministry): they read the thread, not the group's
 * name — the name is the group's, and only its officials and members read it (DESIGN.md, the border).
 */
async function subjectNames(db: AppContext['store']['db'], actor: Actor, rows: ReadonlyArray<{ subject_kind: string; subject_id: string | null }>): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.subject_kind === kind && r.subject_id).map((r) => r.subject_id!))];
  const groups = ids('working_group').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const programs = ids('program');
  const official = actor.roles.includes('sosa_officer') || actor.roles.includes('auditor');
  const readableGroups = () => {
    let q = db.selectFrom('working_groups').innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id').select(['working_groups.id', 'working_groups.name']).where('working_groups.id', 'in', groups);
    q = q.where((eb) => eb.or([eb('arrangements.nation_a', '=', actor.nation), eb('arrangements.nation_b', '=', actor.nation)]));
    if (!official) q = q.where((eb) => eb.exists(eb.selectFrom('working_group_members').select('working_group_members.id').whereRef('working_group_members.group_id', '=', 'working_groups.id').where('working_group_members.user_id', '=', actor.userId)));
    return q.execute();
  };
  const [g, p] = await Promise.all([
    groups.length ? readableGroups() : [],
    programs.length ? db.selectFrom('programs').select(['id', 'name']).where('id', 'in', programs).execute() : [],
  ]);
  return new Map([...g.map((x) => [`working_group:${x.id}`, x.name] as const), ...p.map((x) => [`program:${x.id}`, `${x.id} — ${x.name}`] as const)]);
}

function subjectLabel(kind: string, id: string | null, reference: string | null, title: string | null, named: ReadonlyMap<string, string> = new Map()): string {
  if (kind === 'request') return reference ? `${reference} — ${title}` : `Request ${id}`;
  if (kind === 'general') return 'General';
  const name = named.get(`${kind}:${id}`);
  if (kind === 'working_group') return name ? `Working group ${name}` : 'A working group you are not a member of';
  return `Program ${name ?? id}`;
}

/** One thread with the messages the border lets through to the actor, and what the actor may do in it. */
export async function getThread(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.store.db;
  const { thread: t, subject } = await loadThreadForActor(db, id, actor);
  const [rows, follow, creator, request] = await Promise.all([
    db
      .selectFrom('thread_messages')
      .innerJoin('users', 'users.id', 'thread_messages.author_id')
      .select(['thread_messages.id', 'thread_messages.nation', 'thread_messages.author_id', 'visibility', 'body', 'mentions', 'thread_messages.created_at', 'users.username', 'users.display_name'])
      .where('thread_id', '=', t.id)
      .orderBy('thread_messages.created_at')
      .orderBy('thread_messages.id')
      .execute(),
    db.selectFrom('thread_followers').select('following').where('thread_id', '=', t.id).where('user_id', '=', actor.userId).executeTakeFirst(),
    db.selectFrom('users').select('display_name').where('id', '=', t.created_by).executeTakeFirstOrThrow(),
    t.subject_kind === 'request' && t.subject_id ? db.selectFrom('requests').select(['reference', 'title']).where('id', '=', t.subject_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const authors = await authorsOf(db, rows.map((m) => m.author_id));
  const messages = rows.filter((m) => mayViewMessage(actor, scopeOf(t), subject, authoredOrigin(authors.get(m.author_id)!, m.visibility)));
  const mentionIds = [...new Set(messages.flatMap((m) => m.mentions))];
  const mentioned = mentionIds.length ? await db.selectFrom('users').select(['id', 'username', 'nation', 'roles', 'organisation_id']).where('id', 'in', mentionIds).execute() : [];
  // A mention names a user only if the reader may know of that user (another company on the request it may not).
  const names = new Map(
    mentioned
      .filter((u) => mayKnowUser(actor, subject?.request ?? null, { nation: u.nation, roles: u.roles as Actor['roles'], organisationId: u.organisation_id }))
      .map((u) => [u.id, u.username]),
  );
  const writer = mayWriteInThread(actor, scopeOf(t));
  return {
    id: t.id,
    title: t.title,
    subject: { kind: t.subject_kind, id: t.subject_id, label: subjectLabel(t.subject_kind, t.subject_id, request?.reference ?? null, request?.title ?? null, await subjectNames(db, actor, [t])) },
    nations: t.nations,
    internal: t.nations.length === 1,
    createdBy: creator.display_name,
    createdAt: t.created_at.toISOString(),
    following: follow?.following === true,
    mayWrite: writer,
    /** Internal messages: officials of a thread shared between two nations. */
    mayWriteInternal: writer && !isCompanyUser(actor) && t.nations.length === 2,
    messages: messages.map((m) => ({
      id: m.id,
      author: { username: m.username, displayName: m.display_name, nation: m.nation },
      visibility: m.visibility,
      body: m.body,
      mentions: m.mentions.map((u) => names.get(u)).filter((u): u is string => Boolean(u)),
      createdAt: m.created_at.toISOString(),
    })),
  };
}
