import { sql, type Kysely } from 'kysely';

// Issue #14, flat at 100,000 requests: the work queue selects requests by workflow, state and the
// side that acts (waiting-on.ts queueConditions), and the dashboard counts the open requests per
// state; with this index the queue reads only the requests in its states, and the counts (the
// dashboard's per state, the list's and queue's totals) read the index alone (an index-only scan
// of four narrow columns) instead of every row of the table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index requests_workflow_state on requests (workflow_id, state, from_nation, to_nation)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index requests_workflow_state`.execute(db);
}
