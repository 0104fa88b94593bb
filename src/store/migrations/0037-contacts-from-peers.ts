import { sql, type Kysely } from 'kysely';

// Issue #13, points of contact cross as `contact.set`: on a sovereign instance the partner's
// entries arrive as messages from its instance, typed in by one of its officials, who has no
// account here. Such an entry has no creator on this instance (created_by null); an entry
// created here still names its author. Each change of an entry counts up its version, which the
// message carries: a receiver keeps the entry of the highest version it has seen.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table points_of_contact alter column created_by drop not null`.execute(db);
  await sql`alter table points_of_contact add column version integer not null default 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table points_of_contact drop column version`.execute(db);
  await sql`delete from points_of_contact where created_by is null`.execute(db);
  await sql`alter table points_of_contact alter column created_by set not null`.execute(db);
}
