import { sql } from 'kysely';
import type { Db } from '../store/executor.js';

// Many requests in seconds (issue #14, "queries that stay flat as data grows"): copies of one
// template request made through the API, multiplied in SQL by generate_series (one INSERT ...
// SELECT per table, no row crosses the socket), so a test or the bench reads the list, the work
// queue and the dashboard at 100,000 requests. Nine copies in ten are closed (in a terminal state),
// the others spread over the workflow's open states; the copies spread over both directions' visibility (every nation party to the template sees them all), over
// time (one a minute back from the template's updated_at), and over urgencies; every other one
// has a running deadline, and one in a thousand copies has it marked overdue by the scheduler.

export interface ScaleSeed {
  /** A request made through the API: its arrangement, nations, workflow, program and author are the copies'. */
  templateId: string;
  count: number;
  /** Copies already made from this template (a second call continues their numbering). */
  after?: number;
  /** The template workflow's states where a request ends: nine copies in ten are there (the history of years of work). */
  terminalStates: readonly string[];
  /** Its other states: one copy in ten is in one of them (the open requests). */
  openStates: readonly string[];
}

export async function seedRequestsAtScale(db: Db, seed: ScaleSeed): Promise<void> {
  if (seed.terminalStates.length === 0 || seed.openStates.length === 0) throw new Error('seedRequestsAtScale: needs terminal and open states');
  const closed = sql`${sql.val([...seed.terminalStates])}::text[]`;
  const open = sql`${sql.val([...seed.openStates])}::text[]`;
  const first = (seed.after ?? 0) + 1;
  // The requests and, of every other one, its running deadline, due a week after its update (one
  // in a thousand copies marked overdue), in one statement. The request's next_due_at is that
  // deadline's due time from the start, so the deadlines' trigger (migration 0034) finds each
  // request up to date and rewrites none; the requests' trigger counts them per state, one row a group.
  await sql`
    with copies as (
      insert into requests (id, reference, arrangement_id, from_nation, to_nation, workflow_id, state, urgency, title, program_id,
                            justification, classification, required_by, fields, supplier_organisation_id, created_by, created_at, updated_at, next_due_at)
      select gen_random_uuid(), t.reference || '-S' || g, t.arrangement_id, t.from_nation, t.to_nation, t.workflow_id,
             case when g % 10 = 0 then (${open})[1 + (g / 10) % cardinality(${open})] else (${closed})[1 + g % cardinality(${closed})] end,
             case when g % 97 = 0 then 'armed_conflict' when g % 13 = 0 then 'emergency' else 'routine' end,
             t.title || ' #' || g, t.program_id, t.justification, t.classification, t.required_by, t.fields, null, t.created_by,
             t.created_at - make_interval(mins => g), t.updated_at - make_interval(mins => g),
             case when g % 2 = 0 then t.updated_at - make_interval(mins => g) + interval '7 days' end
      from requests t, generate_series(${first}::int, ${first + seed.count - 1}::int) g
      where t.id = ${seed.templateId}
      returning id, to_nation, updated_at, (regexp_match(reference, '-S([0-9]+)$'))[1]::int as g
    )
    insert into deadlines (id, request_id, kind, label, nation, started_at, due_at, working_days, hours, basis, overdue_at)
    select gen_random_uuid(), c.id, 'acknowledge', 'Acknowledge', c.to_nation, c.updated_at, c.updated_at + interval '7 days', 5, null, '{}'::jsonb,
           case when c.g % 1000 = 700 then c.updated_at + interval '7 days' end
    from copies c
    where c.g % 2 = 0
  `.execute(db);
  // Statistics and the visibility map as autovacuum leaves them soon after such a load: the plans
  // are the steady state's (an index-only scan needs the pages marked all-visible).
  await sql`vacuum (analyze) requests`.execute(db);
  await sql`vacuum (analyze) deadlines`.execute(db);
}
