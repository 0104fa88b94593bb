import type { Kysely, Transaction } from 'kysely';
import { readBasis } from '../../domain/access/request-visibility.js';
import { mayViewThread, type Candidate, type ThreadScope } from '../../domain/channels/thread-visibility.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/workflows/workflow-engine.js';
import type { Database } from '../../store/schema.js';
import { loadAssignments } from '../requests/load-request.js';

type Db = Kysely<Database> | Transaction<Database>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function threadNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No thread ${id} that you may see.` });
}

export type ThreadRow = Awaited<ReturnType<typeof selectThread>>;

function selectThread(db: Db, id: string) {
  return db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Who may read the thread's subject. For a request, the request's own rule (nation party to it;
 * a company only when put to it). Other subjects have no rule beyond the thread's nations.
 */
export async function subjectReader(db: Db, thread: ThreadScope & { subjectId: string | null }): Promise<(user: Pick<Actor, 'nation' | 'roles' | 'organisationId'>) => boolean> {
  if (thread.subjectKind !== 'request' || !thread.subjectId) return () => true;
  const request = await db.selectFrom('requests').select(['from_nation', 'to_nation', 'arrangement_id']).where('id', '=', thread.subjectId).executeTakeFirst();
  if (!request) return () => false;
  const assignments = await loadAssignments(db as Kysely<Database>, thread.subjectId);
  const parties = { fromNation: request.from_nation, toNation: request.to_nation, arrangementId: request.arrangement_id };
  return (user) => readBasis({ userId: '', username: '', ...user }, parties, assignments) !== null;
}

export function scopeOf(row: ThreadRow): ThreadScope & { subjectId: string | null } {
  return { subjectKind: row.subject_kind, subjectId: row.subject_id, nations: row.nations };
}

/** Loads a thread the actor may see; a thread of another nation and a missing one both answer 404. */
export async function loadThreadForActor(db: Db, id: string, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<ThreadRow> {
  if (!UUID.test(id)) throw threadNotFound(id);
  let q = db.selectFrom('threads').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw threadNotFound(id);
  const reads = await subjectReader(db, scopeOf(row));
  if (!mayViewThread(actor, scopeOf(row), reads(actor))) throw threadNotFound(id);
  return row;
}

/** Users as recipients: their nation, roles and whether they may read the thread's subject. */
export async function candidates(db: Db, thread: ThreadRow, where: { ids?: readonly string[]; usernames?: readonly string[] }): Promise<Candidate[]> {
  const ids = where.ids ?? [];
  const names = where.usernames ?? [];
  if (ids.length === 0 && names.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'nation', 'roles', 'organisation_id'])
    .where('active', '=', true)
    .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', [...ids])] : []), ...(names.length ? [eb('username', 'in', [...names])] : [])]))
    .execute();
  const reads = await subjectReader(db, scopeOf(thread));
  return rows.map((u) => {
    const user = { nation: u.nation, roles: u.roles as Actor['roles'], organisationId: u.organisation_id };
    return { userId: u.id, username: u.username, nation: u.nation, roles: user.roles, mayReadSubject: reads(user) };
  });
}
