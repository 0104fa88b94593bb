import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compiledOnce } from './compiled-once.js';
import type { Db } from './executor.js';
import { requestAssignmentsQuery, requestAttachmentsQuery, requestCommentsQuery, requestEventsQuery } from './request-parts.queries.js';
import type { RequestRow } from './schema.js';

// The request reads of one round trip each (issue #14): the detail view's request with everything
// it shows, and the row a step starts from, each in one statement by JSON aggregation, so a read
// costs one socket write to the database instead of ten. JSON carries timestamps as ISO strings:
// they are turned back into Dates here, so callers see the same rows as from the plain queries.

const at = (value: string): Date => new Date(value);
const atOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));

export interface AssignmentWithName {
  organisation_id: string;
  name: string;
  status: string;
  details: Record<string, unknown>;
  created_at: Date;
  decided_at: Date | null;
}

type DehydratedAssignment = Omit<AssignmentWithName, 'created_at' | 'decided_at' | 'details'> & { details: unknown; created_at: string; decided_at: string | null };

function hydrateAssignments(rows: readonly DehydratedAssignment[]): AssignmentWithName[] {
  return rows.map((a) => ({ ...a, details: a.details as Record<string, unknown>, created_at: at(a.created_at), decided_at: atOrNull(a.decided_at) }));
}

/**
 * The request row with its company lines, in one statement; `forUpdate` locks the row until the
 * transaction ends (the lines are read under that lock, so a step sees them as they stand).
 */
export async function findRequestWithAssignments(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<{ row: RequestRow; assignments: AssignmentWithName[] } | undefined> {
  let query = db
    .selectFrom('requests')
    .selectAll('requests')
    .select(() => jsonArrayFrom(requestAssignmentsQuery(db, sql.ref<string>('requests.id'))).as('assignment_rows'))
    .where('requests.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('requests');
  const found = await query.executeTakeFirst();
  if (!found) return undefined;
  const { assignment_rows, ...row } = found;
  return { row, assignments: hydrateAssignments(assignment_rows as DehydratedAssignment[]) };
}

/** The detail's statement: the request with everything the view shows of it. Every detail read sends it: compiled once. */
const requestDetailById = compiledOnce((db, id: string) => {
  const ref = sql.ref<string>('requests.id');
  return db
    .selectFrom('requests')
    .selectAll('requests')
    .select((eb) => [
      jsonArrayFrom(requestAssignmentsQuery(db, ref)).as('assignment_rows'),
      jsonArrayFrom(eb.selectFrom('request_items as i').selectAll('i').where('i.request_id', '=', ref).orderBy('i.line_no')).as('item_rows'),
      jsonArrayFrom(eb.selectFrom('deadlines as d').selectAll('d').where('d.request_id', '=', ref).orderBy('d.started_at').orderBy('d.kind')).as('deadline_rows'),
      jsonArrayFrom(eb.selectFrom('escalations as x').select('x.deadline_id').where('x.request_id', '=', ref)).as('escalation_rows'),
      jsonArrayFrom(requestEventsQuery(db, ref)).as('event_rows'),
      jsonArrayFrom(requestCommentsQuery(db, ref)).as('comment_rows'),
      jsonArrayFrom(requestAttachmentsQuery(db, ref)).as('attachment_rows'),
      jsonArrayFrom(eb.selectFrom('nations as n').select(['n.code', 'n.name']).where((w) => w.or([w('n.code', '=', sql.ref<string>('requests.from_nation')), w('n.code', '=', sql.ref<string>('requests.to_nation'))]))).as('nation_rows'),
      eb.selectFrom('programs as p').select('p.name').whereRef('p.id', '=', 'requests.program_id').as('program_name'),
      // The disruption event the request was drafted from, when it is the requesting nation's
      // (the view shows it to that nation's readers of events only): no statement of its own.
      jsonArrayFrom(
        eb
          .selectFrom('event_request_drafts as erd')
          .innerJoin('disruption_events as de', 'de.id', 'erd.event_id')
          .select(['de.id', 'de.title', 'de.status'])
          .where('erd.request_id', '=', ref)
          .whereRef('de.nation', '=', 'requests.from_nation')
          .limit(1),
      ).as('drafted_from_rows'),
      // The rated order is read (with its supplier's calendar and book) only when there is one.
      eb.exists(eb.selectFrom('supplier_orders as s').select(sql`1`.as('one')).where('s.request_id', '=', ref)).as('has_linked_order'),
    ])
    .where('requests.id', '=', id);
});

/** Everything the detail view shows of one request, read in one statement (undefined when there is no such request). */
export async function findRequestDetail(db: Db, id: string) {
  const [found] = await requestDetailById(db, id);
  if (!found) return undefined;
  const { assignment_rows, item_rows, deadline_rows, escalation_rows, event_rows, comment_rows, attachment_rows, nation_rows, program_name, has_linked_order, drafted_from_rows, ...row } = found;
  return {
    row: row as RequestRow,
    assignments: hydrateAssignments(assignment_rows as DehydratedAssignment[]),
    items: item_rows,
    deadlines: deadline_rows.map((d) => ({ ...d, basis: d.basis as Record<string, unknown>, started_at: at(d.started_at), due_at: at(d.due_at), stopped_at: atOrNull(d.stopped_at), overdue_at: atOrNull(d.overdue_at) })),
    escalatedDeadlineIds: escalation_rows.map((x) => x.deadline_id),
    events: event_rows.map((e) => ({ ...e, fields: e.fields as Record<string, unknown>, at: at(e.at) })),
    comments: comment_rows.map((c) => ({ ...c, created_at: at(c.created_at) })),
    attachments: attachment_rows.map((f) => ({ ...f, created_at: at(f.created_at) })),
    nationNames: new Map(nation_rows.map((n) => [n.code, n.name])),
    program: program_name == null ? null : { id: row.program_id, name: program_name },
    hasLinkedOrder: Boolean(has_linked_order),
    /** The requesting nation's disruption event this request was drafted from, or null. */
    draftedFrom: drafted_from_rows[0] ?? null,
  };
}

export type RequestDetailRows = NonNullable<Awaited<ReturnType<typeof findRequestDetail>>>;
