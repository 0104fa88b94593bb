import { sql, type Kysely } from 'kysely';

// The chain starts at event 1: a row with a sequence number of 0 or below can only be a forgery.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events add constraint audit_events_seq_positive check (seq >= 1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop constraint audit_events_seq_positive`.execute(db);
}
