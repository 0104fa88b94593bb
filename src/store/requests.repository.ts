import type { AuditDataFromStatement } from './audit.repository.js';
import { sql, type Insertable, type RawBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import { LIVE_ASSIGNMENT_STATUSES } from '../domain/access/border/index.js';
import type { QueueCondition } from '../domain/workflows/waiting-on.js';
import { compiledOnce } from './compiled-once.js';
import { currentPostureOf } from './postures.repository.js';
import type { Db, Tx } from './executor.js';
import { requestAssignmentsQuery, requestAttachmentsQuery, requestCommentsQuery, requestEventsQuery } from './request-parts.queries.js';
import type { Database, RequestRow } from './schema.js';

// The SQL of the priority support requests: the request row, its line items, company lines
// (assignments), history events, comments, attachments and deadlines, and the lists and counts
// over them. The rules (the border, the workflow steps) are in src/domain and src/services/requests.

/** Who reads a list: the nation, and for a company user its own organisation (else null). */
export interface RequestReader {
  nation: string;
  /** Set for a company: it sees only the requests where its line is live. */
  companyId: string | null;
}

/**
 * The requests the reader may see, in SQL, by the border's rule (border/request.ts readBasis): its
 * nation is party; a company only those where its line is live (not after its order was rejected
 * or replaced, or it declined). The list, the work queue and the dashboard count through this one query.
 */
export function visibleRequests(db: Db, reader: RequestReader) {
  let base = db.selectFrom('requests').where((eb) => eb.or([eb('from_nation', '=', reader.nation), eb('to_nation', '=', reader.nation)]));
  if (reader.companyId !== null) {
    const companyId = reader.companyId;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('request_assignments').select(sql`1`.as('one')).whereRef('request_assignments.request_id', '=', 'requests.id').where('request_assignments.organisation_id', '=', companyId).where('request_assignments.status', 'in', [...LIVE_ASSIGNMENT_STATUSES])),
    );
  }
  return base;
}

type VisibleRequests = ReturnType<typeof visibleRequests>;

/**
 * Requests with a running deadline the scheduler has marked overdue. Few are (deadlines_overdue
 * holds only those): their ids are read first, as an array, and the requests looked up by key.
 * As an EXISTS the planner walked the list's order and probed each request's deadlines, tens of
 * thousands at a million requests, to find a page of overdue ones (377 ms, now about a third).
 */
function onlyOverdue(base: VisibleRequests) {
  return base.where(
    'requests.id',
    '=',
    sql<string>`any(array(select d.request_id from deadlines d where d.stopped_at is null and d.overdue_at is not null))`,
  );
}

export interface RequestListFilter {
  state?: string | undefined;
  urgency?: string | undefined;
  direction?: 'incoming' | 'outgoing' | undefined;
  /** Part of the title or the reference, case-insensitive. */
  q?: string | undefined;
  overdue?: boolean | undefined;
}

/** The ILIKE pattern that finds `q` anywhere, its wildcards matched as themselves. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filteredRequests(db: Db, reader: RequestReader, filter: RequestListFilter) {
  let base = visibleRequests(db, reader);
  if (filter.state) base = base.where('state', '=', filter.state);
  if (filter.urgency) base = base.where('urgency', '=', filter.urgency);
  if (filter.direction === 'incoming') base = base.where('to_nation', '=', reader.nation);
  if (filter.direction === 'outgoing') base = base.where('from_nation', '=', reader.nation);
  if (filter.q) {
    // A stand-in of a query compiled once (listRequestPage) is bound later to likePattern(q).
    const pattern = typeof filter.q === 'string' ? likePattern(filter.q) : filter.q;
    base = base.where((eb) => eb.or([eb('title', 'ilike', pattern), eb('reference', 'ilike', pattern)]));
  }
  if (filter.overdue) base = onlyOverdue(base);
  return base;
}

/**
 * Counts stop here (issue #14, flat at a million requests): a list's count walks every matching
 * index entry, 230 ms of the list's 284 at 1,000,000 requests. A count capped at this many reads at
 * most this many entries; the answer then says "more than" (totalCapped), as mail and code-hosting
 * lists do. Nobody pages through ten thousand requests: they narrow the filter.
 */
export const LIST_COUNT_CAP = 10_000;

/** The count of a query's rows, up to LIST_COUNT_CAP + 1 (one more tells that the cap was passed). */
function cappedCount(db: Db, rows: VisibleRequests) {
  return db.selectFrom(rows.select(sql`1`.as('one')).limit(LIST_COUNT_CAP + 1).as('capped')).select((eb) => eb.fn.countAll<number>().as('n'));
}

const URGENCY_RANK = sql<number>`case urgency when 'armed_conflict' then 0 when 'emergency' then 1 else 2 end`;

/** How many visible requests match the filter, up to LIST_COUNT_CAP + 1. */
export async function countRequests(db: Db, reader: RequestReader, filter: RequestListFilter): Promise<number> {
  const { n } = await cappedCount(db, filteredRequests(db, reader, filter)).executeTakeFirstOrThrow();
  return Number(n);
}

/** A page of the visible requests matching the filter, most recently updated first. */
export function listRequestRows(db: Db, reader: RequestReader, filter: RequestListFilter, page: { limit: number; offset: number }): Promise<RequestRow[]> {
  return filteredRequests(db, reader, filter).selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
}

/**
 * The work queue in SQL (issue #14): the visible requests matching the filter that wait on the
 * actor, by the conditions of domain/workflows/waiting-on.ts queueConditions (each a workflow,
 * state, side, and whether any official of the side or only the actor's company may act).
 */
function queuedRequests(db: Db, reader: RequestReader, organisationId: string, filter: RequestListFilter, conditions: readonly QueueCondition[]) {
  if (conditions.length === 0) return filteredRequests(db, reader, filter).where(sql<boolean>`false`);
  // The workflows and states of all the conditions, as lists: a bound on requests_queue_keys's
  // leading columns (an index scan reads only the entries of those states), where the OR of the
  // conditions alone would be planned as a bitmap scan of the table's pages. The OR below then
  // keeps the exact pairs, from the index's columns.
  const workflowIds = [...new Set(conditions.map((c) => c.workflowId))];
  const states = [...new Set(conditions.map((c) => c.state))];
  return filteredRequests(db, reader, filter)
    .where('requests.workflow_id', 'in', workflowIds)
    .where('requests.state', 'in', states)
    .where((eb) =>
      eb.or(
        conditions.map((c) => {
          const parts = [eb('requests.workflow_id', '=', c.workflowId), eb('requests.state', '=', c.state), eb(c.side === 'requesting' ? 'requests.from_nation' : 'requests.to_nation', '=', reader.nation)];
          if (c.who === 'performing_company') parts.push(eb('requests.supplier_organisation_id', '=', organisationId));
          if (c.who === 'assigned_company') {
            parts.push(
              eb.exists(eb.selectFrom('request_assignments').select(sql`1`.as('one')).whereRef('request_assignments.request_id', '=', 'requests.id').where('request_assignments.organisation_id', '=', organisationId).where('request_assignments.status', 'in', ['pending', 'placed'])),
            );
          }
          return eb.and(parts);
        }),
      ),
    );
}

/** Where a page of the list starts after the last row of the one before (keyset pagination: the list's order, updated_at desc then id). */
export interface ListCursor {
  /** The row's updated_at as PostgreSQL prints it: microseconds kept (a JavaScript Date would cut them and skip or repeat rows). */
  updatedAt: string;
  id: string;
}

/** A row of a list page: the request, the count of every row of the list, its earliest running deadline and its company lines. */
export interface RequestPageRow extends RequestRow {
  total_count: number;
  /** This row as a cursor: the next page starts after it. */
  cursor: ListCursor;
  next_deadline: { kind: string; label: string; due_at: Date } | null;
  assignment_rows: Array<{ organisation_id: string; name: string; status: string; details: Record<string, unknown>; created_at: Date; decided_at: Date | null }>;
}

type PageQuery = ReturnType<typeof filteredRequests>;

/**
 * One statement per page (issue #14): the page's rows with the count of the whole list (a scalar
 * subquery) in an inner query; the earliest running deadline and the company lines of
 * only those rows added around it as JSON, in the page's order (`orderKeys` are the inner query's
 * sort columns, repeated outside).
 */
function pageQuery(db: Db, inner: ReturnType<PageQuery['selectAll']>, orderKeys: ReadonlyArray<readonly [string, 'asc' | 'desc']>) {
  let outer = db
    .selectFrom(inner.as('page'))
    .selectAll('page')
    .select((eb) => [
      jsonArrayFrom(
        eb.selectFrom('deadlines as d').select(['d.kind', 'd.label', 'd.due_at']).whereRef('d.request_id', '=', 'page.id').where('d.stopped_at', 'is', null).orderBy('d.due_at').limit(1),
      ).as('next_deadline_rows'),
      jsonArrayFrom(
        eb
          .selectFrom('request_assignments as a')
          .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
          .select(['a.organisation_id', 'o.name', 'a.status', 'a.details', 'a.created_at', 'a.decided_at'])
          .whereRef('a.request_id', '=', 'page.id'),
      ).as('assignment_json'),
    ]);
  for (const [key, direction] of orderKeys) outer = outer.orderBy(sql.ref(`page.${key}`), direction);
  return outer;
}

type PageQueryRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['execute']>>[number];

function hydratePage(rows: readonly PageQueryRow[]): RequestPageRow[] {
  return rows.map((r) => {
    const { next_deadline_rows, assignment_json, cursor_at, ...row } = r as typeof r & Record<string, unknown>;
    const next = (next_deadline_rows as Array<{ kind: string; label: string; due_at: string }>)[0];
    return {
      ...(row as unknown as RequestRow & { total_count: number }),
      total_count: Number(row.total_count),
      cursor: { updatedAt: String(cursor_at ?? ''), id: String(row.id) },
      next_deadline: next ? { kind: next.kind, label: next.label, due_at: new Date(next.due_at) } : null,
      assignment_rows: (assignment_json as Array<{ organisation_id: string; name: string; status: string; details: Record<string, unknown>; created_at: string; decided_at: string | null }>).map((a) => ({
        ...a,
        created_at: new Date(a.created_at),
        decided_at: a.decided_at === null ? null : new Date(a.decided_at),
      })),
    };
  });
}

/**
 * A page of the visible requests matching the filter, most recently updated first, with the count
 * of all of them, in one statement. `after` continues after a row (keyset: flat however deep the
 * page), else `offset` skips rows. total_count counts the whole list (up to LIST_COUNT_CAP + 1), with or without a cursor.
 */
export async function listRequestPage(db: Db, reader: RequestReader, filter: RequestListFilter, page: { limit: number; offset: number; after?: ListCursor | undefined }): Promise<RequestPageRow[]> {
  // Compiled once per shape (which filters are set, a company or a nation, a cursor or an offset),
  // the values bound per call: building and compiling this statement was about a fifth of a list
  // read's CPU in the server (issue #14).
  const shape = [reader.companyId !== null, Boolean(filter.state), Boolean(filter.urgency), filter.direction ?? '', Boolean(filter.q), Boolean(filter.overdue), Boolean(page.after)].join();
  let query = listPageQueries.get(shape);
  if (!query) listPageQueries.set(shape, (query = compiledOnce((b, ...stand: unknown[]) => listPageStatement(b, reader, filter, page, stand))));
  const values = [reader.nation, reader.companyId, filter.state || null, filter.urgency || null, filter.q ? likePattern(filter.q) : null, page.limit, page.after ? null : page.offset, page.after?.updatedAt ?? null, page.after?.id ?? null];
  return hydratePage((await query(db, ...values.filter((v) => v !== null))) as PageQueryRow[]);
}

const listPageQueries = new Map<string, (db: Db, ...values: unknown[]) => Promise<unknown[]>>();

/**
 * The list page's statement, built from stand-ins: the values that are set, in the order
 * listRequestPage binds them. `reader`, `filter` and `page` only steer its shape.
 */
function listPageStatement(db: Db, reader: RequestReader, filter: RequestListFilter, page: { after?: ListCursor | undefined }, stand: unknown[]) {
  let next = 0;
  const take = <T>(set: unknown): T | undefined => (set !== null && set !== undefined && set !== '' ? (stand[next++] as T) : undefined);
  const shaped = { nation: take<string>(reader.nation)!, companyId: take<string>(reader.companyId) ?? null };
  const shapedFilter: RequestListFilter = { state: take<string>(filter.state), urgency: take<string>(filter.urgency), direction: filter.direction, q: take<string>(filter.q), overdue: filter.overdue };
  const limit = stand[next++] as number;
  const offset = page.after ? undefined : (stand[next++] as number);
  const after = page.after ? { updatedAt: stand[next++] as string, id: stand[next++] as string } : undefined;
  const base = filteredRequests(db, shaped, shapedFilter);
  // The whole list's count as a subquery of its own (not a window over the page's rows): counted
  // from an index, once, while the page reads only its rows in the list's order (issue #14, flat at
  // 100,000 requests); it is the whole list's after a cursor too.
  const total = cappedCount(db, filteredRequests(db, shaped, shapedFilter));
  let inner = base.selectAll().select([total.as('total_count'), sql<string>`updated_at::text`.as('cursor_at')]);
  if (after) {
    const at = sql<Date>`${after.updatedAt}::timestamptz`;
    const id = after.id;
    // updated_at <= X bounds the index scan (requests_list_order); the ties at X continue by id.
    inner = inner.where('updated_at', '<=', at).where((eb) => eb.or([eb('updated_at', '<', at), eb('id', '>', id)]));
  }
  inner = inner.orderBy('updated_at', 'desc').orderBy('id').limit(limit);
  if (offset !== undefined) inner = inner.offset(offset);
  return pageQuery(db, inner, [['updated_at', 'desc'], ['id', 'asc']]);
}

/** How many requests of the work queue: exact from the kept counts (keptQueueCount), else up to LIST_COUNT_CAP + 1. */
export async function countQueuedRequests(db: Db, reader: RequestReader, organisationId: string, filter: RequestListFilter, conditions: readonly QueueCondition[]): Promise<number> {
  const ranges = queueRangesOf(filter, conditions);
  if (ranges.length === 0) return 0;
  const { n } = await (keptQueueCount(db, reader, filter, ranges) ?? cappedCount(db, queuedRequests(db, reader, organisationId, filter, conditions))).executeTakeFirstOrThrow();
  return Number(n);
}

/** One range of the work queue: the requests of a workflow and state with the actor's nation on the side the state waits on, and who of that side may act. */
interface QueueRange {
  workflowId: string;
  state: string;
  side: QueueCondition['side'];
  who: Set<QueueCondition['who']>;
}

/**
 * The conditions as disjoint ranges (a request has one workflow and state, and a state waits on
 * one side): one per workflow, state and side. A filter on state or direction keeps only the
 * ranges it can match.
 */
function queueRangesOf(filter: RequestListFilter, conditions: readonly QueueCondition[]): QueueRange[] {
  const ranges = new Map<string, QueueRange>();
  for (const c of conditions) {
    if (filter.state && c.state !== filter.state) continue;
    if ((filter.direction === 'incoming' && c.side !== 'supplying') || (filter.direction === 'outgoing' && c.side !== 'requesting')) continue;
    const key = JSON.stringify([c.workflowId, c.state, c.side]);
    const range = ranges.get(key) ?? { workflowId: c.workflowId, state: c.state, side: c.side, who: new Set() };
    range.who.add(c.who);
    ranges.set(key, range);
  }
  return [...ranges.values()];
}

/**
 * The first `rows` requests of each range in the queue's order (issue #14, flat at a million
 * requests). The side's nation, workflow and state lead the index of that side
 * (requests_queue_supplying or requests_queue_requesting, migration 0034), followed by the queue's
 * order (urgency, the earliest running deadline kept in the row as next_due_at, last update, id),
 * so each range is read in order and stops after the rows the page can need: no probe of each
 * candidate's deadlines, no sort of them all.
 */
function queueRangeRows(db: Db, reader: RequestReader, organisationId: string, filter: RequestListFilter, range: QueueRange, rows: number) {
  let query = filteredRequests(db, reader, filter)
    .where('requests.workflow_id', '=', range.workflowId)
    .where('requests.state', '=', range.state)
    .where(range.side === 'requesting' ? 'requests.from_nation' : 'requests.to_nation', '=', reader.nation);
  // Any official of the side may act: every request of the range waits on the actor; else only those of its company.
  if (!range.who.has('official')) {
    query = query.where((eb) =>
      eb.or(
        [...range.who].map((who) =>
          who === 'performing_company'
            ? eb('requests.supplier_organisation_id', '=', organisationId)
            : eb.exists(eb.selectFrom('request_assignments').select(sql`1`.as('one')).whereRef('request_assignments.request_id', '=', 'requests.id').where('request_assignments.organisation_id', '=', organisationId).where('request_assignments.status', 'in', ['pending', 'placed'])),
        ),
      ),
    );
  }
  return query
    .select(['requests.id', URGENCY_RANK.as('urgency_rank'), 'requests.next_due_at as next_due', 'requests.updated_at'])
    .orderBy(URGENCY_RANK)
    .orderBy(sql`requests.next_due_at asc nulls last`)
    .orderBy('requests.updated_at', 'desc')
    .orderBy('requests.id')
    .limit(rows);
}

/**
 * How many requests the queue holds, from the kept counts per workflow, state and pair of nations
 * (request_state_counts and the deltas since, migration 0034): exact, and a sum of a few rows
 * however long the queue. Only when every request of each range waits on the reader (a nation's
 * official, no filter but state and direction, which chose the ranges); else undefined.
 */
function keptQueueCount(db: Db, reader: RequestReader, filter: RequestListFilter, ranges: readonly QueueRange[]) {
  if (reader.companyId !== null || filter.urgency || filter.q || filter.overdue || ranges.some((r) => !r.who.has('official'))) return undefined;
  const kept = db.selectFrom('request_state_counts').select(['workflow_id', 'state', 'from_nation', 'to_nation', 'n']);
  const changes = db.selectFrom('request_state_deltas').select(['workflow_id', 'state', 'from_nation', 'to_nation', 'n']);
  return db
    .selectFrom(kept.unionAll(changes).as('c'))
    .where((eb) => eb.or(ranges.map((r) => eb.and([eb('c.workflow_id', '=', r.workflowId), eb('c.state', '=', r.state), eb(r.side === 'requesting' ? 'c.from_nation' : 'c.to_nation', '=', reader.nation)]))))
    .select(sql<number>`coalesce(sum(c.n), 0)`.as('n'));
}

/**
 * A page of the work queue with the count of all of it, its rows' earliest running deadline and
 * company lines, in one statement (issue #14). Each range of the queue gives its first offset +
 * limit rows in the queue's order (queueRangeRows); the page is the first of those merged; only
 * the page's rows are then read whole from the table. The count is the kept counts' when they
 * answer it (keptQueueCount), else it reads the index of the queue's states (requests_queue_keys,
 * migration 0031), up to LIST_COUNT_CAP + 1.
 */
export async function listQueuedRequestPage(db: Db, reader: RequestReader, organisationId: string, filter: RequestListFilter, conditions: readonly QueueCondition[], page: { limit: number; offset: number }): Promise<RequestPageRow[]> {
  const ranges = queueRangesOf(filter, conditions);
  // No state in which the actor can act (or none the filter keeps): nothing waits on it, and nothing is asked.
  if (ranges.length === 0) return [];
  // Compiled once per shape (issue #14), as the list page is: the conditions (workflows, states,
  // sides, who may act) and the state and direction filters choose the ranges and so the
  // statement; the nation, the company, the other filters and the page are bound per call.
  // Building and compiling this statement of several ranges was the largest part of a queue read's CPU in the server.
  const usesOrganisation = conditions.some((c) => c.who !== 'official');
  const shape = JSON.stringify([conditions, filter.state ?? '', filter.direction ?? '', Boolean(filter.urgency), Boolean(filter.q), Boolean(filter.overdue), reader.companyId !== null, usesOrganisation]);
  let query = queuePageQueries.get(shape);
  if (!query) {
    if (queuePageQueries.size >= 500) queuePageQueries.clear();
    const template = { reader, filter, organisationId, page };
    query = compiledOnce((b, ...stand: unknown[]) => {
      let next = 0;
      const s = queueValues(template, usesOrganisation, () => stand[next++] as never);
      return queuePageStatement(b, s.reader, s.organisationId, s.filter, conditions, ranges, s.page);
    });
    queuePageQueries.set(shape, query);
  }
  const values: unknown[] = [];
  queueValues({ reader, filter, organisationId, page }, usesOrganisation, (v) => (values.push(v), v));
  return hydratePage((await query(db, ...values)) as PageQueryRow[]);
}

const queuePageQueries = new Map<string, (db: Db, ...values: unknown[]) => Promise<unknown[]>>();

interface QueueValues {
  reader: RequestReader;
  filter: RequestListFilter;
  organisationId: string;
  page: { limit: number; offset: number; rows: number };
}

/**
 * The queue page's inputs with each value that reaches its SQL passed through `take`, in one
 * order; the state and direction filters steer which ranges are read and are kept as they are.
 * The company's organisation reaches the SQL only when a condition is a company's (usesOrganisation).
 */
function queueValues(v: { reader: RequestReader; filter: RequestListFilter; organisationId: string; page: { limit: number; offset: number } }, usesOrganisation: boolean, take: <T>(value: T) => T): QueueValues {
  const f = v.filter;
  return {
    reader: { nation: take(v.reader.nation), companyId: v.reader.companyId === null ? null : take(v.reader.companyId) },
    organisationId: usesOrganisation ? take(v.organisationId) : v.organisationId,
    filter: { state: f.state ? take(f.state) : undefined, urgency: f.urgency ? take(f.urgency) : undefined, direction: f.direction, q: f.q ? take(likePattern(f.q)) : undefined, overdue: f.overdue },
    page: { limit: take(v.page.limit), offset: take(v.page.offset), rows: take(v.page.offset + v.page.limit) },
  };
}

/**
 * The queue page's statement, built from queueValues' stand-ins; `ranges` come from the real
 * filter (its state chooses them, a stand-in could not).
 */
function queuePageStatement(db: Db, reader: RequestReader, organisationId: string, filter: RequestListFilter, conditions: readonly QueueCondition[], ranges: readonly QueueRange[], page: { limit: number; offset: number; rows: number }) {
  const total = keptQueueCount(db, reader, filter, ranges) ?? cappedCount(db, queuedRequests(db, reader, organisationId, filter, conditions));
  const merged = sql.join(
    ranges.map((r) => sql`(${queueRangeRows(db, reader, organisationId, filter, r, page.rows)})`),
    sql` union all `,
  );
  const pageKeys = db
    .selectFrom(sql<{ id: string; urgency_rank: number; next_due: Date | null; updated_at: Date }>`(${merged})`.as('q'))
    .select(['q.id', 'q.urgency_rank', 'q.next_due'])
    .orderBy('q.urgency_rank')
    .orderBy(sql`q.next_due asc nulls last`)
    .orderBy('q.updated_at', 'desc')
    .orderBy('q.id')
    .limit(page.limit)
    .offset(page.offset);
  const inner = db
    .selectFrom(pageKeys.as('k'))
    .innerJoin('requests', 'requests.id', 'k.id')
    .selectAll('requests')
    .select([total.as('total_count'), sql<string>`requests.updated_at::text`.as('cursor_at'), 'k.urgency_rank', 'k.next_due']);
  return pageQuery(db, inner as never, [['urgency_rank', 'asc'], ['next_due', 'asc'], ['updated_at', 'desc'], ['id', 'asc']]);
}

/** Per state, the visible requests in none of the `terminal` states: in total, incoming and outgoing for the reader's nation. */
export function countOpenRequestsByState(db: Db, reader: RequestReader, terminal: readonly string[]) {
  let open = visibleRequests(db, reader);
  if (terminal.length) open = open.where('state', 'not in', [...terminal]);
  return open
    .select((eb) => ['state', eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where to_nation = ${reader.nation})`.as('incoming'), sql<number>`count(*) filter (where from_nation = ${reader.nation})`.as('outgoing')])
    .groupBy('state')
    .execute();
}

/** How many visible requests have a running deadline marked overdue. */
export async function countOverdueRequests(db: Db, reader: RequestReader): Promise<number> {
  const row = await onlyOverdue(visibleRequests(db, reader)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The running deadlines marked overdue of visible requests, with their request, earliest due first. */
export function listOverdueDeadlineRows(db: Db, reader: RequestReader, limit: number) {
  return onlyOverdue(visibleRequests(db, reader))
    .innerJoin('deadlines', 'deadlines.request_id', 'requests.id')
    .where('deadlines.stopped_at', 'is', null)
    .where('deadlines.overdue_at', 'is not', null)
    .select(['requests.id', 'requests.reference', 'requests.title', 'deadlines.label', 'deadlines.nation', 'deadlines.due_at'])
    .orderBy('deadlines.due_at')
    .limit(limit)
    .execute();
}

/** The running deadlines of the requests, earliest due first. */
export function listRunningDeadlineRows(db: Db, requestIds: readonly string[]) {
  return db.selectFrom('deadlines').select(['request_id', 'kind', 'label', 'due_at']).where('request_id', 'in', [...requestIds]).where('stopped_at', 'is', null).orderBy('due_at').execute();
}

/** The company lines of the requests, with the company's name (in no particular order). */
export function listAssignmentRowsOfRequests(db: Db, requestIds: readonly string[]) {
  return db
    .selectFrom('request_assignments')
    .innerJoin('organisations', 'organisations.id', 'request_assignments.organisation_id')
    .select(['request_id', 'organisation_id', 'organisations.name', 'status', 'details', 'created_at', 'decided_at'])
    .where('request_id', 'in', [...requestIds])
    .execute();
}

/** The company lines of one request with the company's name, oldest first. */
export function listAssignmentRows(db: Db, requestId: string) {
  return requestAssignmentsQuery(db, requestId).execute();
}

/** The request row, or undefined; `forUpdate` locks it until the transaction ends. */
export function findRequestRow(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/**
 * The requests this instance holds between two nations under the given arrangements, either
 * direction, oldest first, with what sharing one needs (issue #13: what a new peer is sent).
 */
export function listRequestsBetween(db: Db, nations: readonly [string, string], arrangementIds: readonly string[]) {
  if (arrangementIds.length === 0) return Promise.resolve([]);
  const [a, b] = nations;
  return db
    .selectFrom('requests')
    .select(['id', 'from_nation', 'to_nation', 'arrangement_id', 'workflow_id', 'version'])
    .where('arrangement_id', 'in', arrangementIds)
    .where((eb) => eb.or([eb.and([eb('from_nation', '=', a), eb('to_nation', '=', b)]), eb.and([eb('from_nation', '=', b), eb('to_nation', '=', a)])]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * What a new request is checked and written by, in one statement (issue #14; it was three: the
 * direction, the program, and the arrangement's posture in the create's transaction): the
 * arrangement direction by which `fromNation` asks `toNation` (null without one) with the
 * arrangement's current posture, the program's parties (null for an unknown program), and the
 * submitting nation's name (a refusal names it).
 */
export async function findNewRequestFacts(db: Db, fromNation: string, toNation: string, programId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      jsonObjectFrom(
        eb
          .selectFrom('arrangement_directions')
          .innerJoin('arrangements', 'arrangements.id', 'arrangement_directions.arrangement_id')
          .select((e) => ['arrangement_directions.arrangement_id', 'arrangement_directions.workflow_id', 'arrangements.name', currentPostureOf(e, e.ref('arrangement_directions.arrangement_id')).as('posture')])
          .where('arrangement_directions.from_nation', '=', fromNation)
          .where('arrangement_directions.to_nation', '=', toNation)
          .limit(1),
      ).as('direction'),
      jsonObjectFrom(eb.selectFrom('programs').select(['programs.nation', 'programs.partner_nations']).where('programs.id', '=', programId)).as('program'),
      eb.selectFrom('nations').select('nations.name').where('nations.code', '=', fromNation).as('from_nation_name'),
    ])
    .executeTakeFirstOrThrow();
  return { direction: row.direction, program: row.program, fromNationName: row.from_nation_name ?? undefined };
}

/** The names of the nations, by code. */
export async function nationNamesByCode(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('nations').select(['code', 'name']).where('code', 'in', [...codes]).execute()).map((n) => [n.code, n.name]));
}

/** The program's id and name, or undefined. */
export function findProgramName(db: Db, programId: string) {
  return db.selectFrom('programs').select(['id', 'name']).where('id', '=', programId).executeTakeFirst();
}

/** The names of the organisations, by id. */
export async function organisationNamesById(db: Db, ids: readonly string[]): Promise<Record<string, string>> {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/**
 * A new request in one statement (issue #14): its reference number taken from its series' counter,
 * its row, its line items, its first event, its deadlines and its audit event. The counter row
 * stays locked until the commit (store/reference-counters.ts: gapless) and every create of the
 * series waits for it, so everything the request is made of is written here, with the number, and
 * only the notifications (prepared before this statement) follow before the commit. One INSERT of the request row with its number and its `next_due_at` already set: it was an
 * INSERT under a stand-in reference, then an UPDATE by the deadlines' trigger and another for the
 * number, each a new version of the row in all eleven of its indexes (neither is a HOT update: the
 * reference and next_due_at are indexed). The deadlines' trigger finds next_due_at as it would set
 * it and writes nothing. Foreign keys are checked at the end of the statement, when the request row
 * is there.
 */
const JSON_COLUMNS = new Set(['fields', 'basis']);

/** A deadline's row before it belongs to a request. */
export type NewDeadlineValues = Omit<Insertable<Database['deadlines']>, 'request_id'>;

// The columns given (an undefined one takes its default), and the values as JSON for
// jsonb_populate_record: a json column's value is the JSON text Kysely would send, parsed here.
const given = (row: object) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON_COLUMNS.has(k) && typeof v === 'string' ? JSON.parse(v) : v]));
const list = (row: object) => sql.join(Object.keys(given(row)).map((k) => sql.ref(k)));

/** The audit event of insertNewRequest's statement names the reference that statement gives the request (appendAuditIn). */
export const NEW_REQUEST_REFERENCE_FOR_AUDIT: AuditDataFromStatement = { from: sql`request`, data: sql`jsonb_build_object('reference', request.reference)` };

export async function insertNewRequest(
  trx: Tx,
  w: {
    series: string;
    request: Omit<Insertable<Database['requests']>, 'reference' | 'next_due_at'> & { next_due_at: Date | null };
    items: readonly RequestItemValues[];
    event: Omit<Insertable<Database['request_events']>, 'request_id'>;
    deadlines: readonly NewDeadlineValues[];
    /** The audit event's INSERT (appendAuditIn), which may read the `request` CTE for its reference. */
    audit: RawBuilder<unknown>;
  },
): Promise<{ reference: string; eventId: number }> {
  const requestId = w.request.id;
  const { rows } = await sql<{ reference: string; event_id: number }>`
    with counter as (
      insert into reference_counters (series, last_value) values (${w.series}, 1)
      on conflict (series) do update set last_value = reference_counters.last_value + 1
      returning last_value
    ), request as (
      insert into requests (${list(w.request)}, reference)
      select ${list(w.request)}, ${w.series} || '-' || lpad(counter.last_value::text, 5, '0')
      from jsonb_populate_record(null::requests, ${JSON.stringify(given(w.request))}::jsonb), counter
      returning id, reference
    ), items as (
      insert into request_items (request_id, line_no, part_number, nsn, description, quantity, unit, required_delivery_date)
      select request.id, i.line_no, i.part_number, i.nsn, i.description, i.quantity, i.unit, i.required_delivery_date
      from request, jsonb_populate_recordset(null::request_items, ${JSON.stringify(w.items.map(given))}::jsonb) i
    ), deadline_rows as (
      insert into deadlines (request_id, id, kind, label, nation, started_at, due_at, working_days, hours, basis, provisional_years)
      select request.id, d.id, d.kind, d.label, d.nation, d.started_at, d.due_at, d.working_days, d.hours, d.basis, coalesce(d.provisional_years, '{}')
      from request, jsonb_populate_recordset(null::deadlines, ${JSON.stringify(w.deadlines.map(given))}::jsonb) d
    ), event as (
      insert into request_events (request_id, ${list(w.event)})
      select request.id, ${list(w.event)}
      from request, jsonb_populate_record(null::request_events, ${JSON.stringify(given({ ...w.event, request_id: requestId }))}::jsonb)
      returning id
    ), audit as (
      ${w.audit}
    )
    select request.reference, event.id as event_id from request, event`.execute(trx);
  return { reference: rows[0]!.reference, eventId: Number(rows[0]!.event_id) };
}

export type RequestItemValues = Omit<Insertable<Database['request_items']>, 'request_id'>;

/** Adds the line items to the request (one statement). */
export async function insertRequestItems(db: Db, requestId: string, items: readonly RequestItemValues[]): Promise<void> {
  await db
    .insertInto('request_items')
    .values(items.map((item) => ({ ...item, request_id: requestId })))
    .execute();
}

/** The request's line items, by line number. */
export function listRequestItemRows(db: Db, requestId: string) {
  return db.selectFrom('request_items').selectAll().where('request_id', '=', requestId).orderBy('line_no').execute();
}

export async function deleteRequestItems(db: Db, requestId: string): Promise<void> {
  await db.deleteFrom('request_items').where('request_id', '=', requestId).execute();
}

/**
 * A step on a request in one statement (issue #14), on its row locked by the step's transaction:
 * when the step leaves the state, every running deadline stopped (by the step's action) and the
 * new state's started; the request's state, merged fields and performing company, the version up
 * by one and, with the deadlines, its next_due_at (the earliest started one: every other was
 * stopped); the step's history event; and its audit event (appendAuditIn's INSERT). Returns the
 * history event's id. It was five statements: the stop, an insert per deadline, the update, the
 * event and the audit event, and each statement on deadlines had their trigger update the request
 * row again for next_due_at (a new version of the row in all its indexes: next_due_at is
 * indexed). The trigger runs at the end of this statement, finds next_due_at as it would set it,
 * and writes nothing (migration 0034).
 */
export async function writeRequestStep(
  trx: Tx,
  w: {
    requestId: string;
    set: { state: string; fields: string; supplierOrganisationId: string | null; updatedAt: Date };
    /** Null when the step keeps the state: no deadline changes, next_due_at stays. */
    deadlines: { stoppedBy: string; at: Date; start: readonly NewDeadlineValues[]; nextDueAt: Date | null } | null;
    event: Omit<Insertable<Database['request_events']>, 'request_id'>;
    audit: RawBuilder<unknown>;
  },
): Promise<number> {
  const d = w.deadlines;
  const deadlineParts = d
    ? sql`stopped as (
        update deadlines set stopped_at = ${d.at}, stopped_by = ${d.stoppedBy}
        where request_id = ${w.requestId} and stopped_at is null
      ), started as (
        insert into deadlines (request_id, id, kind, label, nation, started_at, due_at, working_days, hours, basis, provisional_years)
        select request.id, n.id, n.kind, n.label, n.nation, n.started_at, n.due_at, n.working_days, n.hours, n.basis, coalesce(n.provisional_years, '{}')
        from request, jsonb_populate_recordset(null::deadlines, ${JSON.stringify(d.start.map(given))}::jsonb) n
      ), `
    : sql``;
  const { rows } = await sql<{ id: number }>`
    with request as (
      update requests set state = ${w.set.state}, fields = ${w.set.fields}::jsonb, supplier_organisation_id = ${w.set.supplierOrganisationId},
        updated_at = ${w.set.updatedAt}, version = version + 1${d ? sql`, next_due_at = ${d.nextDueAt}::timestamptz` : sql``}
      where id = ${w.requestId}
      returning id
    ), ${deadlineParts}event as (
      insert into request_events (request_id, ${list(w.event)})
      select request.id, ${list(w.event)}
      from request, jsonb_populate_record(null::request_events, ${JSON.stringify(given({ ...w.event, request_id: w.requestId }))}::jsonb)
      returning id
    ), audit as (
      ${w.audit}
    )
    select id from event`.execute(trx);
  if (!rows[0]) throw new Error(`writeRequestStep: no request ${w.requestId}`);
  return Number(rows[0].id);
}

/** Writes the company's line on the request: new, or its status, details and decision time replaced. */
export async function upsertAssignment(trx: Tx, values: { requestId: string; organisationId: string; status: string; details: string; createdAt: Date; decidedAt: Date | null }): Promise<void> {
  await trx
    .insertInto('request_assignments')
    .values({ request_id: values.requestId, organisation_id: values.organisationId, status: values.status, details: values.details, created_at: values.createdAt, decided_at: values.decidedAt })
    .onConflict((oc) => oc.columns(['request_id', 'organisation_id']).doUpdateSet({ status: values.status, details: values.details, decided_at: values.decidedAt }))
    .execute();
}

export async function setAssignmentStatus(trx: Tx, requestId: string, organisationId: string, status: string): Promise<void> {
  await trx.updateTable('request_assignments').set({ status }).where('request_id', '=', requestId).where('organisation_id', '=', organisationId).execute();
}

/** When the company decided on its line of the request (null while pending), or undefined with no line. */
export function findAssignmentDecidedAt(db: Db, requestId: string, organisationId: string) {
  return db.selectFrom('request_assignments').select('decided_at').where('request_id', '=', requestId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** When the company's book received the request's rated order, or undefined. */
export function findRequestOrderReceivedAt(db: Db, requestId: string, organisationId: string) {
  return db.selectFrom('supplier_orders').select('received_at').where('request_id', '=', requestId).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** The organisation's nation and kind, or undefined. */
export function findOrganisationNationKind(db: Db, id: string) {
  return db.selectFrom('organisations').select(['nation', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** The organisations with their Code of Conduct subscription status (null without one). */
export function listOrganisationsWithCodeOfConduct(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('organisations')
    .leftJoin('coc_subscriptions', 'coc_subscriptions.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name', 'organisations.nation', 'organisations.kind', 'coc_subscriptions.status as coc_status', 'coc_subscriptions.status_since as coc_since'])
    .where('organisations.id', 'in', [...ids])
    .execute();
}

export async function insertComment(db: Db, values: Insertable<Database['comments']>): Promise<void> {
  await db.insertInto('comments').values(values).execute();
}

export async function insertAttachment(db: Db, values: Insertable<Database['attachments']>): Promise<void> {
  await db.insertInto('attachments').values(values).execute();
}

/** Whether a comment or an attachment of that id is held here, on any request (a peer's id must not take the place of one). */
export async function commentOrAttachmentExists(db: Db, table: 'comments' | 'attachments', id: string): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The request's attachment with its content and the uploader's organisation (id and kind), or undefined. */
export function findAttachmentWithUploader(db: Db, requestId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    // A file attached on a peer's partner copy (migration 0052) has no uploader account here.
    .leftJoin('users', 'users.id', 'attachments.uploaded_by')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('attachments')
    .select([sql<string>`coalesce(users.organisation_id::text, '')`.as('organisation_id'), sql<string>`coalesce(organisations.kind, '')`.as('organisation_kind')])
    .where('attachments.id', '=', attachmentId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
}

/** Every deadline of the request, running or stopped, by start then kind. */
export function listDeadlineRows(db: Db, requestId: string) {
  return db.selectFrom('deadlines').selectAll().where('request_id', '=', requestId).orderBy('started_at').orderBy('kind').execute();
}

/** The ids of the request's escalated deadlines. */
export function listEscalatedDeadlineIds(db: Db, requestId: string) {
  return db.selectFrom('escalations').select('deadline_id').where('request_id', '=', requestId).execute();
}

/** The request's history with each actor's name and organisation, in order. */
export function listRequestEventRows(db: Db, requestId: string) {
  return requestEventsQuery(db, requestId).execute();
}

/** The request's comments with each author's name and organisation (its name too, which the border shows), oldest first. */
export function listCommentRows(db: Db, requestId: string) {
  return requestCommentsQuery(db, requestId).select(sql<string | null>`coalesce(o.name, c.author_organisation)`.as('organisation_name')).execute();
}

/** The request's attachments (without content) with each uploader's organisation, oldest first. */
export function listAttachmentRows(db: Db, requestId: string) {
  return requestAttachmentsQuery(db, requestId).execute();
}

/** An attachment with what its border message names of its uploader (issue #13, share-request-attachment.ts): display name, organisation and its kind. */
export function findAttachmentForBorder(db: Db, requestId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('attachments')
    .select(['users.display_name', 'users.organisation_id', 'organisations.name as organisation_name', 'organisations.kind as organisation_kind'])
    .where('attachments.id', '=', attachmentId)
    .where('attachments.request_id', '=', requestId)
    .executeTakeFirst();
}

/** The ids of a request's shared attachments uploaded by officials of `nation`, oldest first. */
export async function listSharedAttachmentIds(db: Db, requestId: string, nation: string): Promise<string[]> {
  const rows = await db.selectFrom('attachments').select('id').where('request_id', '=', requestId).where('visibility', '=', 'shared').where('nation', '=', nation).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.id);
}
