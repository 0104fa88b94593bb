import { isCompanyUser } from '../../domain/access/border/index.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { queueConditions } from '../../domain/workflows/waiting-on.js';
import { countQueuedRequests, countRequests, listAssignmentRowsOfRequests, listQueuedRequestRows, listRequestRows, listRunningDeadlineRows, type RequestReader } from '../../store/requests.repository.js';
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

/**
 * Whom the lists are filtered for, by the border's rule (border/request.ts readBasis): the actor's
 * nation is party; a company sees only the requests where its line is live (not after its order
 * was rejected or replaced, or it declined). The list and the dashboard count through this one reader.
 */
export function requestReader(actor: Actor): RequestReader {
  return { nation: actor.nation, companyId: isCompanyUser(actor) ? actor.organisationId : null };
}

/** Requests the actor may see, filtered in SQL by nation (and, for a company, by its own assignments). */
export async function listRequests(ctx: AppContext, actor: Actor, query: ListRequestsQuery): Promise<{ items: RequestSummaryView[]; total: number }> {
  const db = ctx.store.db;
  const reader = requestReader(actor);
  const filter = { state: query.state, urgency: query.urgency, direction: query.direction, q: query.q, overdue: query.overdue };
  const workflows = new Map((await ctx.workflows.all()).map((w) => [w.id, w]));
  if (query.queue === 'mine') {
    // The queue is built in SQL from the states in which the actor can move a request forward
    // (waiting-on.ts queueConditions: the rule of pendingActions, over every workflow), so it has
    // no scan limit: every request waiting on the actor is counted and can be paged to (issue #14).
    const conditions = queueConditions([...workflows.values()], actor);
    const total = await countQueuedRequests(db, reader, actor.organisationId, filter, conditions);
    const rows = await listQueuedRequestRows(db, reader, actor.organisationId, filter, conditions, { limit: query.limit, offset: query.offset });
    return { items: await summariseAll(ctx, actor, rows, workflows), total };
  }
  const total = await countRequests(db, reader, filter);
  const rows = await listRequestRows(db, reader, filter, { limit: query.limit, offset: query.offset });
  return { items: await summariseAll(ctx, actor, rows, workflows), total };
}

async function summariseAll(ctx: AppContext, actor: Actor, rows: RequestRow[], workflows: Map<string, Parameters<typeof summarise>[0]>) {
  if (rows.length === 0) return [];
  const db = ctx.store.db;
  const ids = rows.map((r) => r.id);
  const [deadlines, assignmentRows] = await Promise.all([
    listRunningDeadlineRows(db, ids),
    listAssignmentRowsOfRequests(db, ids),
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

