import { sql, type ExpressionBuilder } from 'kysely';
import { isCompanyUser, LIVE_ASSIGNMENT_STATUSES, type BorderReader } from '../domain/access/border/index.js';
import { knowsCompanySql } from './border-sql.js';
import type { Db } from './executor.js';
import type { Database, ThreadSubjectKind } from './schema.js';

// The SQL of reading threads: the list filtered by the border in the database (so counts and
// last activity never show what the reader may not see), and one thread's messages. The border's
// rule itself is domain/access/border; knowsCompanySql is its SQL form.

/** Who reads: the border's reader, and its user id (for following). */
export type ThreadReader = BorderReader & { userId: string };

export interface ThreadSearch {
  subjectKind?: ThreadSubjectKind | undefined;
  subjectId?: string | undefined;
  q?: string | undefined;
  following?: boolean | undefined;
  limit: number;
  offset: number;
}

/**
 * Messages the reader may see, in SQL: shared ones, and internal ones of its own nation if it is
 * an official — and, on a request, none by a company the reader may not know of (border/thread.ts).
 */
function visibleMessages(eb: ExpressionBuilder<Database, 'thread_messages'>, reader: ThreadReader) {
  const visibility = isCompanyUser(reader)
    ? eb('thread_messages.visibility', '=', 'shared')
    : eb.or([eb('thread_messages.visibility', '=', 'shared'), eb('thread_messages.nation', '=', reader.nation)]);
  const knows = knowsCompanySql(reader, sql.ref('ao.id'), { toNation: sql.ref('mr.to_nation'), supplier: sql.ref('mr.supplier_organisation_id') });
  const border = sql<boolean>`not exists (select 1 from users au join organisations ao on ao.id = au.organisation_id
    where au.id = thread_messages.author_id and ao.kind = 'company'
    and not exists (select 1 from threads mt join requests mr on mr.id::text = mt.subject_id where mt.id = thread_messages.thread_id and mt.subject_kind = 'request' and ${knows}))`;
  return eb.and([visibility, border]);
}

/**
 * A request thread on a request held here, opened by a company only for those who may know that
 * company (border/thread.ts); one opened on the peer's instance (no creator here, issue #13) by an
 * official of its nation. On a request this instance keeps as a partner copy, the thread is read
 * by this nation's officials, as the copy is (services/partner-copies/partner-copy-access.ts).
 */
function creatorKnown(reader: ThreadReader) {
  const knows = knowsCompanySql(reader, sql.ref('co.id'), { toNation: sql.ref('cr.to_nation'), supplier: sql.ref('cr.supplier_organisation_id') });
  const held = sql<boolean>`exists (select 1 from requests cr where cr.id::text = threads.subject_id and (threads.created_by is null
    or exists (select 1 from users cu join organisations co on co.id = cu.organisation_id where cu.id = threads.created_by and (co.kind <> 'company' or ${knows}))))`;
  const onCopy = isCompanyUser(reader)
    ? sql<boolean>`false`
    : sql<boolean>`(not exists (select 1 from requests xr where xr.id::text = threads.subject_id)
      and exists (select 1 from federation_mirrors fm where fm.object_type = 'request' and fm.object_id = threads.subject_id and fm.peer_nation <> ${reader.nation}))`;
  return sql<boolean>`(threads.subject_kind <> 'request' or ${held} or ${onCopy})`;
}

/** The reference and title of the partner copy a request thread is on (issue #13), when the request is not held here. */
const copyHead = (field: 'reference' | 'title') =>
  sql<string | null>`(select fm.body -> 'request' ->> ${field} from federation_mirrors fm where threads.subject_kind = 'request' and fm.object_type = 'request' and fm.object_id = threads.subject_id order by fm.updated_at desc limit 1)`;

/**
 * Threads the reader may see: its nation among the thread's nations; a company only threads on
 * requests put to it. With the total, the page asked for (latest activity first), and per thread
 * the count and last time of the messages the reader may see.
 */
export async function searchThreads(db: Db, reader: ThreadReader, query: ThreadSearch) {
  let base = db.selectFrom('threads').where(sql<boolean>`${reader.nation} = any(threads.nations)`).where(creatorKnown(reader));
  if (isCompanyUser(reader)) {
    base = base
      .where('threads.subject_kind', '=', 'request')
      .where(sql<boolean>`cardinality(threads.nations) = 2`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('request_assignments')
            .select(sql`1`.as('one'))
            .where(sql<boolean>`request_assignments.request_id::text = threads.subject_id`)
            .where('request_assignments.organisation_id', '=', reader.organisationId)
            .where('request_assignments.status', 'in', [...LIVE_ASSIGNMENT_STATUSES]),
        ),
      );
  }
  if (query.subjectKind) base = base.where('threads.subject_kind', '=', query.subjectKind);
  if (query.subjectId) base = base.where('threads.subject_id', '=', query.subjectId);
  if (query.q) base = base.where('threads.title', 'ilike', `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.following) {
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('thread_followers').select(sql`1`.as('one')).whereRef('thread_followers.thread_id', '=', 'threads.id').where('thread_followers.user_id', '=', reader.userId).where('thread_followers.following', '=', true)),
    );
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('requests', (j) => j.on(sql<boolean>`threads.subject_kind = 'request' and requests.id::text = threads.subject_id`))
    // A thread a peer's instance holds names its creator, who has no account here (migration 0039).
    .leftJoin('users', 'users.id', 'threads.created_by')
    .select((eb) => [
      'threads.id',
      'threads.subject_kind',
      'threads.subject_id',
      'threads.title',
      'threads.nations',
      'threads.created_at',
      sql<string>`coalesce(users.display_name, threads.creator_name)`.as('creator'),
      sql<string | null>`coalesce(requests.reference, ${copyHead('reference')})`.as('request_reference'),
      sql<string | null>`coalesce(requests.title, ${copyHead('title')})`.as('request_title'),
      eb.selectFrom('thread_messages').select((m) => m.fn.countAll<number>().as('n')).whereRef('thread_messages.thread_id', '=', 'threads.id').where((m) => visibleMessages(m, reader)).as('message_count'),
      eb.selectFrom('thread_messages').select((m) => m.fn.max('thread_messages.created_at').as('at')).whereRef('thread_messages.thread_id', '=', 'threads.id').where((m) => visibleMessages(m, reader)).as('last_message_at'),
      eb
        .selectFrom('thread_followers')
        .select('thread_followers.following')
        .whereRef('thread_followers.thread_id', '=', 'threads.id')
        .where('thread_followers.user_id', '=', reader.userId)
        .as('following'),
    ])
    .orderBy(sql`coalesce((select max(m.created_at) from thread_messages m where m.thread_id = threads.id), threads.created_at)`, 'desc')
    .orderBy('threads.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(total), rows };
}

export function listProgramNames(db: Db, ids: readonly string[]) {
  return db.selectFrom('programs').select(['id', 'name']).where('id', 'in', ids).execute();
}

/**
 * A thread's messages, oldest first, with their author's username and display name; a message
 * written on a peer's instance (migration 0039) has no author here, but the name (and
 * organisation) its message gave, and no username: a login never crosses.
 */
export function listThreadMessageRows(db: Db, threadId: string, messageId?: string) {
  return db
    .selectFrom('thread_messages')
    .leftJoin('users', 'users.id', 'thread_messages.author_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select([
      'thread_messages.id',
      'thread_messages.nation',
      'thread_messages.author_id',
      'visibility',
      'body',
      'mentions',
      'thread_messages.created_at',
      sql<string>`coalesce(users.username, '')`.as('username'),
      sql<string>`coalesce(users.display_name, thread_messages.author_name)`.as('display_name'),
      sql<string | null>`coalesce(organisations.name, thread_messages.author_organisation)`.as('organisation'),
    ])
    .where('thread_id', '=', threadId)
    .$if(messageId !== undefined, (q) => q.where('thread_messages.id', '=', messageId!))
    .orderBy('thread_messages.created_at')
    .orderBy('thread_messages.id')
    .execute();
}

/** Whether the user follows the thread (undefined: never chose). */
export async function findFollowing(db: Db, threadId: string, userId: string): Promise<boolean | undefined> {
  return (await db.selectFrom('thread_followers').select('following').where('thread_id', '=', threadId).where('user_id', '=', userId).executeTakeFirst())?.following;
}

/** A request's reference and title: the request held here, else the partner copy of it (issue #13). */
export async function findRequestReference(db: Db, requestId: string): Promise<{ reference: string; title: string } | undefined> {
  const held = await db.selectFrom('requests').select(['reference', 'title']).where('id', '=', requestId).executeTakeFirst();
  if (held) return held;
  const copy = await db
    .selectFrom('federation_mirrors')
    .select([sql<string>`body -> 'request' ->> 'reference'`.as('reference'), sql<string>`body -> 'request' ->> 'title'`.as('title')])
    .where('object_type', '=', 'request')
    .where('object_id', '=', requestId)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return copy && { reference: copy.reference ?? '', title: copy.title ?? '' };
}

/** Users by id, as the border sees them (username, nation, roles, company). */
export function listUsersAsReaders(db: Db, ids: readonly string[]) {
  return ids.length ? db.selectFrom('users').select(['id', 'username', 'nation', 'roles', 'organisation_id']).where('id', 'in', ids).execute() : Promise.resolve([]);
}
