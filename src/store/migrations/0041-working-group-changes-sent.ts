import { sql, type Kysely } from 'kysely';

// Issue #13, the other nation's changes to a working group cross to the holder as
// `working_group.change`: on the instance of the nation that did not create the group the group is
// a copy, and a change its SOSA officer makes there (members, a meeting, minutes and attendance, an
// action item, its status) is not applied until the holder's `working_group.set` answering the
// message replaces the copy. Each such change is kept here until then, so the copy can say "sent,
// not yet applied" (and, from the outbox message's state, whether the holder refused it). Several
// may be on their way at once: the holder applies them in the order sent.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table working_group_changes_sent (
      message_id uuid primary key references federation_outbox(id) on delete cascade,
      group_id uuid not null references working_groups(id) on delete cascade,
      kind text not null,
      summary text not null,
      sent_by uuid references users(id),
      sent_at timestamptz not null
    )`.execute(db);
  await sql`create index working_group_changes_sent_group on working_group_changes_sent (group_id, sent_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table working_group_changes_sent`.execute(db);
}
