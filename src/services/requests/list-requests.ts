import { isCompanyUser } from '../../domain/access/border/index.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import type { ApiAnswer } from '../../contract/api-schema.js';
import { queueConditions } from '../../domain/workflows/waiting-on.js';
import { validationError } from '../../domain/errors.js';
import { countQueuedRequests, countRequests, LIST_COUNT_CAP, listQueuedRequestPage, listRequestPage, type ListCursor, type RequestPageRow, type RequestReader } from '../../store/requests.repository.js';
import { partnersPending } from '../federation/delivery-state.js';
import { encodeListCursor } from './list-cursor.js';
import { summarise, type RequestSummaryView } from './request-view.js';

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
  /** Keyset pagination: the page after this row of the list (not with the queue). */
  after?: ListCursor | undefined;
}

/**
 * Whom the lists are filtered for, by the border's rule (border/request.ts readBasis): the actor's
 * nation is party; a company sees only the requests where its line is live (not after its order
 * was rejected or replaced, or it declined). The list and the dashboard count through this one reader.
 */
export function requestReader(actor: Actor): RequestReader {
  return { nation: actor.nation, companyId: isCompanyUser(actor) ? actor.organisationId : null };
}

/**
 * Requests the actor may see, filtered in SQL by nation (and, for a company, by its own
 * assignments): the page, the count of the whole list, each row's next deadline and company
 * lines in one statement (issue #14); the workflows come from the registry's cache.
 */
export async function listRequests(ctx: AppContext, actor: Actor, query: ListRequestsQuery): Promise<{ items: RequestListItem[]; total: number; totalCapped: boolean; nextCursor: string | null }> {
  const db = ctx.store.db;
  const reader = requestReader(actor);
  const filter = { state: query.state, urgency: query.urgency, direction: query.direction, q: query.q, overdue: query.overdue };
  const workflows = new Map((await ctx.workflows.all()).map((w) => [w.id, w]));
  if (query.queue === 'mine') {
    if (query.after) throw validationError([{ field: 'after', message: 'must not be given with queue=mine' }], 'The work queue pages by offset.');
    // The queue is built in SQL from the states in which the actor can move a request forward
    // (waiting-on.ts queueConditions: the rule of pendingActions, over every workflow), so it has
    // no scan limit: every request waiting on the actor is counted and can be paged to (issue #14).
    const conditions = queueConditions([...workflows.values()], actor);
    const rows = await listQueuedRequestPage(db, reader, actor.organisationId, filter, conditions, { limit: query.limit, offset: query.offset });
    // An empty page past the end carries no count: only then is it asked for on its own.
    const total = rows[0]?.total_count ?? (query.offset > 0 ? await countQueuedRequests(db, reader, actor.organisationId, filter, conditions) : 0);
    return { items: await withPartnersPending(ctx, actor, summariseAll(ctx, actor, rows, workflows)), ...cappedTotal(total), nextCursor: null };
  }
  const rows = await listRequestPage(db, reader, filter, { limit: query.limit, offset: query.offset, after: query.after });
  // A workflow another process configured since the registry's list was read: fetched once, then cached.
  for (const row of rows) if (!workflows.has(row.workflow_id)) workflows.set(row.workflow_id, await ctx.workflows.get(row.workflow_id));
  // Every row carries the whole list's count; an empty page after a cursor or past the end carries none: only then is it asked for on its own.
  const total = rows[0]?.total_count ?? (query.after || query.offset > 0 ? await countRequests(db, reader, filter) : 0);
  const last = rows.length === query.limit ? rows.at(-1) : undefined;
  return { items: await withPartnersPending(ctx, actor, summariseAll(ctx, actor, rows, workflows)), ...cappedTotal(total), nextCursor: last ? encodeListCursor(last.cursor) : null };
}

/** A row of the list: the request, and the peers that have not yet received its latest change (issue #13). */
export type RequestListItem = ApiAnswer<'getRequests'>['items'][number];

async function withPartnersPending(ctx: AppContext, actor: Actor, items: RequestSummaryView[]): Promise<RequestListItem[]> {
  const pending = await partnersPending(ctx, actor, 'request', items.map((i) => i.id));
  return items.map((i) => ({ ...i, partnerPending: pending.get(i.id) ?? [] }));
}

/** The store counts one past LIST_COUNT_CAP: past it the answer says "more than the cap". */
function cappedTotal(counted: number): { total: number; totalCapped: boolean } {
  return counted > LIST_COUNT_CAP ? { total: LIST_COUNT_CAP, totalCapped: true } : { total: counted, totalCapped: false };
}

function summariseAll(ctx: AppContext, actor: Actor, rows: RequestPageRow[], workflows: Map<string, Parameters<typeof summarise>[0]>): RequestSummaryView[] {
  const now = ctx.now();
  return rows.map((row) => {
    const next = row.next_deadline;
    const assignments = row.assignment_rows.map((a) => ({ organisationId: a.organisation_id, organisationName: a.name, status: a.status as never, details: a.details, createdAt: a.created_at, decidedAt: a.decided_at }));
    return summarise(workflows.get(row.workflow_id)!, row, assignments, actor, next ? { kind: next.kind, label: next.label, dueAt: next.due_at.toISOString(), overdue: next.due_at <= now } : null);
  });
}
