import { sql, type Kysely } from 'kysely';

// Issue #14, queries that stay flat as data grows: the request list's order (most recently
// updated first, then id) as an index, so a page, and a keyset page after a cursor, reads its rows
// in order instead of sorting every visible request; each request's running deadlines by due date
// (the list's and queue's next deadline, the queue's order); and the running deadlines marked
// overdue (the dashboard's overdue count and list, the list's overdue filter) in a small partial index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index requests_list_order on requests (updated_at desc, id);
    create index deadlines_running on deadlines (request_id, due_at) where stopped_at is null;
    create index deadlines_overdue on deadlines (request_id, due_at) where stopped_at is null and overdue_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index deadlines_overdue; drop index deadlines_running; drop index requests_list_order;`.execute(db);
}
