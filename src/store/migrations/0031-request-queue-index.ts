import { sql, type Kysely } from 'kysely';

// Issue #14, the work queue flat at 100,000 requests: the queue picks the requests in the states
// where the caller can act (waiting-on.ts queueConditions) and orders them by urgency, earliest
// running deadline and last update. Its ~4,000 candidates at 100k lie on ~3,400 table pages; with
// the columns the queue filters and orders by carried in the index, it counts them and finds its
// page's rows in the index alone (an index-only scan) and reads the table only for the page's rows.
// requests_workflow_state (0029) stays: the dashboard counts per state over its narrower entries.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index requests_queue_keys on requests (workflow_id, state, from_nation, to_nation) include (urgency, updated_at, id, supplier_organisation_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index requests_queue_keys`.execute(db);
}
