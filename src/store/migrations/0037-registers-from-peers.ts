import { sql, type Kysely } from 'kysely';

// Issue #13, the partnership registers cross between sovereign instances: a point of contact of
// the partner's nation (`contact.set`) and a liaison posting the partner sends to this nation
// (`posting.set`) arrive as messages from its instance, entered by one of its officials, who has
// no account here. Such a row has no creator on this instance (created_by null); a row created
// here still names its author. Each change of a point of contact now counts up its version (a
// posting already has one), which the message carries: a receiver keeps the row of the highest
// version it has seen.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table points_of_contact alter column created_by drop not null`.execute(db);
  await sql`alter table points_of_contact add column version integer not null default 1`.execute(db);
  await sql`alter table liaison_postings alter column created_by drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from liaison_documents where posting_id in (select id from liaison_postings where created_by is null)`.execute(db);
  await sql`delete from liaison_postings where created_by is null`.execute(db);
  await sql`alter table liaison_postings alter column created_by set not null`.execute(db);
  await sql`alter table points_of_contact drop column version`.execute(db);
  await sql`delete from points_of_contact where created_by is null`.execute(db);
  await sql`alter table points_of_contact alter column created_by set not null`.execute(db);
}
