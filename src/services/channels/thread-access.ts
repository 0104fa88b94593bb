import { threadCreatorOrigin, type RequestThreadSubject } from '../../domain/access/border/index.js';
import { mayViewThread, type Candidate, type ThreadScope } from '../../domain/channels/thread-visibility.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { findPartnerCopy } from '../../store/partner-copies.repository.js';
import { findThread, findThreadRequestParties, listActiveUsersByIdOrName, listAuthorRows } from '../../store/threads.repository.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';
import { isUuid } from '../../domain/uuid.js';


export function threadNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No thread ${id} that you may see.` });
}

export type ThreadRow = NonNullable<Awaited<ReturnType<typeof findThread>>>;

export interface AuthorFacts {
  nation: string;
  organisationId: string;
  isCompany: boolean;
}

/** Each user's nation, company and whether the company is one (organisations.kind), for the border. */
export async function authorsOf(db: Db, userIds: ReadonlyArray<string | null>): Promise<Map<string, AuthorFacts>> {
  const ids = userIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return new Map();
  const rows = await listAuthorRows(db, ids);
  return new Map(rows.map((r) => [r.id, { nation: r.nation, organisationId: r.organisation_id, isCompany: r.kind === 'company' }]));
}

/**
 * The author of a thread or message for the border: a local user, or (no account here, migration
 * 0039) an official of `nation` whose words came from that nation's instance — only officials'
 * words cross (border/thread.ts `threadCrossesTo`), on a request's threads too.
 */
export function authorOf(authors: ReadonlyMap<string, AuthorFacts>, authorId: string | null, nation: string): AuthorFacts {
  return (authorId !== null ? authors.get(authorId) : undefined) ?? { nation, organisationId: '', isCompany: false };
}

/**
 * A request thread's subject; `copyOf` names the peer whose request it is when this instance
 * holds the request as a partner copy (issue #13), not as its own record.
 */
export type ThreadRequestSubject = RequestThreadSubject & { copyOf?: string };

/**
 * The request a thread is on and who opened it, for the border (border/thread.ts); null for a
 * thread on another subject, or on a request this instance neither holds nor keeps a copy of.
 * A thread opened on the peer's instance (issue #13) was opened by an official of its nation.
 * On a partner copy, the request's facts are the copy's: its nations and arrangement, and no
 * company (the holder's organisation ids mean nothing here, and a company reads no copy), so the
 * same border lets this nation's officials read the thread as they read the copy.
 */
export async function requestSubject(db: Db, thread: Pick<ThreadRow, 'subject_kind' | 'subject_id' | 'created_by' | 'created_nation' | 'nations'>): Promise<ThreadRequestSubject | null> {
  if (thread.subject_kind !== 'request' || !thread.subject_id || !isUuid(thread.subject_id)) return null;
  const opener = thread.created_by !== null ? (await authorsOf(db, [thread.created_by])).get(thread.created_by) : authorOf(new Map(), null, thread.created_nation);
  if (!opener) return null;
  const creator = threadCreatorOrigin(opener, thread.nations);
  const request = await findThreadRequestParties(db, thread.subject_id);
  if (request) return { request: requestFacts(request, await loadAssignments(db, thread.subject_id)), creator };
  const copy = await findPartnerCopy(db, thread.subject_id);
  const head = copy && readPartnerCopyBody(copy.body)?.request;
  if (!copy || !head) return null;
  return { request: { fromNation: head.fromNation, toNation: head.toNation, arrangementId: head.arrangementId, supplierOrganisationId: null, assignments: [] }, creator, copyOf: copy.peerNation };
}

export function scopeOf(row: ThreadRow): ThreadScope & { subjectId: string | null } {
  return { subjectKind: row.subject_kind, subjectId: row.subject_id, nations: row.nations };
}

/** Loads a thread the actor may see, with its request subject; one of another nation, or beyond the border, and a missing one all answer 404. */
export async function loadThreadForActor(db: Db, id: string, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<{ thread: ThreadRow; subject: ThreadRequestSubject | null }> {
  if (!isUuid(id)) throw threadNotFound(id);
  const row = await findThread(db, id, options);
  if (!row) throw threadNotFound(id);
  const subject = await requestSubject(db, row);
  if (!mayViewThread(actor, scopeOf(row), subject)) throw threadNotFound(id);
  // A partner copy is this nation's evidence, read by its officials only (partner-copy-access.ts):
  // a user of the holder's nation here (a shared seed) reads neither it nor its threads.
  if (subject?.copyOf !== undefined && actor.nation === subject.copyOf) throw threadNotFound(id);
  return { thread: row, subject };
}

/** Users as recipients: their nation, company and roles (the border decides what each may see). */
export async function candidates(db: Db, where: { ids?: readonly string[]; usernames?: readonly string[] }): Promise<Candidate[]> {
  const ids = where.ids ?? [];
  const names = where.usernames ?? [];
  if (ids.length === 0 && names.length === 0) return [];
  const rows = await listActiveUsersByIdOrName(db, ids, names);
  return rows.map((u) => ({ userId: u.id, username: u.username, nation: u.nation, roles: u.roles as Actor['roles'], organisationId: u.organisation_id }));
}
