import { authoredOrigin, isCompanyUser, mayKnowUser } from '../../domain/access/border/index.js';
import { mayViewMessage, mayWriteInThread, type ThreadSubjectKind } from '../../domain/channels/thread-visibility.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { listVisibleGroupNames } from '../../store/working-groups.repository.js';
import { viewerOf } from '../partnership/working-groups/working-group-access.js';
import { findFollowing, findRequestReference, listProgramNames, listThreadMessageRows, listUsersAsReaders, searchThreads, type ThreadSearch } from '../../store/thread-list.repository.js';
import { findDisplayName } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { authorOf, authorsOf, loadThreadForActor, scopeOf } from './thread-access.js';
import { isUuid } from '../../domain/uuid.js';

/** The list's filters and page: the store's search of threads (thread-list.repository.ts). */
export type ListThreadsQuery = ThreadSearch;

/**
 * Threads the actor may see, filtered in SQL: its nation among the thread's nations; a company
 * only threads on requests put to it. Counts and last activity include only the messages the
 * actor may see, so an internal message of the other nation does not show even as a number.
 */
export async function listThreads(ctx: AppContext, actor: Actor, query: ListThreadsQuery) {
  const { total, rows } = await searchThreads(ctx.store.db, actor, query);
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
    total,
  };
}

/**
 * Names of the working groups and programs threads are about (their subjects are checked when a
 * thread opens). A thread on a working group may reach people who do not read the group itself
 * (its nation's analysts, the other nation's ministry): they read the thread, not the group's
 * name — the name is the group's, and only its officials and members read it (DESIGN.md, the border).
 */
async function subjectNames(db: Db, actor: Actor, rows: ReadonlyArray<{ subject_kind: string; subject_id: string | null }>): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.subject_kind === kind && r.subject_id).map((r) => r.subject_id!))];
  const groups = ids('working_group').filter((id) => isUuid(id));
  const programs = ids('program');
  const [g, p] = await Promise.all([
    groups.length ? listVisibleGroupNames(db, viewerOf(actor), groups) : [],
    programs.length ? listProgramNames(db, programs) : [],
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
    listThreadMessageRows(db, t.id),
    findFollowing(db, t.id, actor.userId),
    t.created_by !== null ? findDisplayName(db, t.created_by) : Promise.resolve(t.creator_name ?? ''),
    t.subject_kind === 'request' && t.subject_id ? findRequestReference(db, t.subject_id) : Promise.resolve(undefined),
  ]);
  const authors = await authorsOf(db, rows.map((m) => m.author_id));
  const messages = rows.filter((m) => mayViewMessage(actor, scopeOf(t), subject, authoredOrigin(authorOf(authors, m.author_id, m.nation), m.visibility)));
  const mentionIds = [...new Set(messages.flatMap((m) => m.mentions))];
  const mentioned = await listUsersAsReaders(db, mentionIds);
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
    createdBy: creator,
    createdAt: t.created_at.toISOString(),
    following: follow === true,
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
