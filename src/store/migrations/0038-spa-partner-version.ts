import { sql, type Kysely } from 'kysely';

// Issue #13, an SPA's partner view crosses to the partner nation's instance (`spa.set`): its
// version must go up with every change of what the partner reads — a step, and also a change of
// who reads it (the filer's order on the partner's request rejected or replaced, `spa.unshared`),
// which is no step of the SPA and leaves its own `version` (the stale-screen guard of its steps)
// as it is. The receiver keeps the highest version it has seen.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spa_requests add column partner_version integer not null default 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from federation_mirrors where object_type = 'spa_request'`.execute(db);
  await sql`alter table spa_requests drop column partner_version`.execute(db);
}
