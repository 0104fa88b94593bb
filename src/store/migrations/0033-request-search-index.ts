import { sql, type Kysely } from 'kysely';

// Issue #14, search flat as requests grow: the list's search box matches a fragment anywhere in a
// request's title or reference (`ilike '%…%'`), which no b-tree can answer, so at 100,000 requests
// every search read the whole table twice (its page and its total), 192 ms. Trigram indexes
// (pg_trgm, in PostgreSQL's contrib and bundled with PGlite) answer such a pattern from the
// index; the two columns' index scans are OR-ed by a bitmap.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index requests_title_trgm on requests using gin (title gin_trgm_ops)`.execute(db);
  await sql`create index requests_reference_trgm on requests using gin (reference gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index requests_reference_trgm`.execute(db);
  await sql`drop index requests_title_trgm`.execute(db);
}
