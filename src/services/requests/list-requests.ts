import { sql } from 'kysely';
import { isCompanyUser, LIVE_ASSIGNMENT_STATUSES } from '../../domain/access/border/index.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import type { RequestRow } from '../../store/schema.js';
import { summarise, type NextDeadline, type RequestSummaryView } from './request-view.js';

export interface ListRequestsQuery {
  state?: string | undefined;
  urgency?: string | undefined;
  direction?: 'incoming' | 'outgoing' | undefined;
  q?: string | undefined;
  overdue?: boolean | undefined;
  /** Only requests that wait on the caller (a step forward is theirs; escapes such as withdraw do not count), most urgent first. */
  queue?: 'mine' | undefined;
  limit: number;
  offset: number;
}

const URGENCY_RANK = sql<number>`case urgency when 'armed_conflict' then 0 when 'emergency' then 1 else 2 end`;
const QUEUE_SCAN_LIMIT = 2000;

/**
 * The requests the actor may see, in SQL, by the border's rule (border/request.ts readBasis): its
 * nation is party; a company only those where its line is live (not after its order was rejected
 * or replaced, or it declined). The list and the dashboard count through this one query.
 */
export function visibleRequests(ctx: AppContext, actor: Actor) {
  let base = ctx.store.db.selectFrom('requests').where((eb) => eb.or([eb('from_nation', '=', actor.nation), eb('to_nation', '=', actor.nation)]));
  if (isCompanyUser(actor)) {
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('request_assignments').select(sql`1`.as('one')).whereRef('request_assignments.request_id', '=', 'requests.id').where('request_assignments.organisation_id', '=', actor.organisationId).where('request_assignments.status', 'in', [...LIVE_ASSIGNMENT_STATUSES])),
    );
  }
  return base;
}

/** Requests with a running deadline the scheduler has marked overdue. */
export function onlyOverdue(base: ReturnType<typeof visibleRequests>) {
  return base.where((eb) =>
    eb.exists(eb.selectFrom('deadlines').select(sql`1`.as('one')).whereRef('deadlines.request_id', '=', 'requests.id').where('deadlines.stopped_at', 'is', null).where('deadlines.overdue_at', 'is not', null)),
  );
}

/** Requests the actor may see, filtered in SQL by nation (and, for a company, by its own assignments). */
export async function listRequests(ctx: AppContext, actor: Actor, query: ListRequestsQuery): Promise<{ items: RequestSummaryView[]; total: number }> {
  let base = visibleRequests(ctx, actor);
  if (query.state) base = base.where('state', '=', query.state);
  if (query.urgency) base = base.where('urgency', '=', query.urgency);
  if (query.direction === 'incoming') base = base.where('to_nation', '=', actor.nation);
  if (query.direction === 'outgoing') base = base.where('from_nation', '=', actor.nation);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('reference', 'ilike', pattern)]));
  }
  if (query.overdue) base = onlyOverdue(base);

  const workflows = new Map((await ctx.workflows.all()).map((w) => [w.id, w]));
  if (query.queue === 'mine') {
    const terminal = [...workflows.values()].flatMap((w) => w.states.filter((s) => s.terminal).map((s) => s.id));
    const rows = await base.selectAll().where('state', 'not in', terminal).orderBy(URGENCY_RANK).orderBy('updated_at', 'desc').limit(QUEUE_SCAN_LIMIT).execute();
    const summaries = await summariseAll(ctx, actor, rows, workflows);
    const mine = summaries
      .filter((s) => s.waitingOnYou)
      .sort((a, b) => rank(a.urgency) - rank(b.urgency) || (a.nextDeadline?.dueAt ?? '9').localeCompare(b.nextDeadline?.dueAt ?? '9'));
    return { items: mine.slice(query.offset, query.offset + query.limit), total: mine.length };
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute();
  return { items: await summariseAll(ctx, actor, rows, workflows), total: Number(total) };
}

function rank(urgency: string): number {
  return urgency === 'armed_conflict' ? 0 : urgency === 'emergency' ? 1 : 2;
}

async function summariseAll(ctx: AppContext, actor: Actor, rows: RequestRow[], workflows: Map<string, Parameters<typeof summarise>[0]>) {
  if (rows.length === 0) return [];
  const db = ctx.store.db;
  const ids = rows.map((r) => r.id);
  const [deadlines, assignmentRows] = await Promise.all([
    db.selectFrom('deadlines').select(['request_id', 'kind', 'label', 'due_at']).where('request_id', 'in', ids).where('stopped_at', 'is', null).orderBy('due_at').execute(),
    db
      .selectFrom('request_assignments')
      .innerJoin('organisations', 'organisations.id', 'request_assignments.organisation_id')
      .select(['request_id', 'organisation_id', 'organisations.name', 'status', 'details', 'created_at', 'decided_at'])
      .where('request_id', 'in', ids)
      .execute(),
  ]);
  const now = ctx.now();
  const next = new Map<string, NextDeadline>();
  for (const d of deadlines) {
    if (!next.has(d.request_id)) next.set(d.request_id, { kind: d.kind, label: d.label, dueAt: d.due_at.toISOString(), overdue: d.due_at <= now });
  }
  return rows.map((row) => {
    const assignments = assignmentRows
      .filter((a) => a.request_id === row.id)
      .map((a) => ({ organisationId: a.organisation_id, organisationName: a.name, status: a.status as never, details: a.details, createdAt: a.created_at, decidedAt: a.decided_at }));
    return summarise(workflows.get(row.workflow_id)!, row, assignments, actor, next.get(row.id) ?? null);
  });
}

