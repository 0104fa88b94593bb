import { sql, type Kysely } from 'kysely';

// Issue #13, working groups and threads cross between sovereign instances. A working group is held
// by the instance of the nation whose officer created it; the other nation's instance keeps a
// read-only copy (`working_group.set`), marked with the holder's nation (`held_by`, null for a
// group held here) and the version the holder gave it: each change of the group, its members,
// meetings or action items counts it up, and a receiver keeps the highest version it has seen. A
// thread shared by two nations is held by the instance of the nation that opened it; its shared
// messages cross as `thread.message`, each kept by both instances. What came from a peer was
// written by an official who has no account here: no creator or author id, but the name the
// message gives (`creator_name`, `author_name`, `author_organisation`).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table working_groups alter column created_by drop not null`.execute(db);
  await sql`alter table working_groups add column held_by text references nations(code)`.execute(db);
  await sql`alter table working_groups add column version integer not null default 1`.execute(db);
  // A name is unique among the groups an arrangement's nation holds; a partner's group of the
  // same name, made on its own instance before the two were peered, is still taken as its copy.
  await sql`alter table working_groups drop constraint working_groups_arrangement_id_name_key`.execute(db);
  await sql`create unique index working_groups_held_name on working_groups (arrangement_id, name) where held_by is null`.execute(db);
  await sql`alter table working_group_action_items alter column created_by drop not null`.execute(db);
  await sql`alter table threads alter column created_by drop not null`.execute(db);
  await sql`alter table threads add column held_by text references nations(code)`.execute(db);
  await sql`alter table threads add column creator_name text`.execute(db);
  await sql`alter table thread_messages alter column author_id drop not null`.execute(db);
  await sql`alter table thread_messages add column author_name text`.execute(db);
  await sql`alter table thread_messages add column author_organisation text`.execute(db);
  // A row without an account names its writer.
  await sql`alter table threads add constraint threads_creator_named check (created_by is not null or creator_name is not null)`.execute(db);
  await sql`alter table thread_messages add constraint thread_messages_author_named check (author_id is not null or author_name is not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // What came from peers has no local author: it goes, then the columns it needed.
  await sql`delete from thread_followers where thread_id in (select id from threads where held_by is not null)`.execute(db);
  await sql`delete from thread_messages where author_id is null or thread_id in (select id from threads where held_by is not null)`.execute(db);
  await sql`delete from threads where held_by is not null`.execute(db);
  await sql`delete from working_group_attendance where meeting_id in (select m.id from working_group_meetings m join working_groups g on g.id = m.group_id where g.held_by is not null)`.execute(db);
  await sql`delete from working_group_action_items where group_id in (select id from working_groups where held_by is not null)`.execute(db);
  await sql`delete from working_group_meetings where group_id in (select id from working_groups where held_by is not null)`.execute(db);
  await sql`delete from working_group_members where group_id in (select id from working_groups where held_by is not null)`.execute(db);
  await sql`delete from working_groups where held_by is not null`.execute(db);
  await sql`alter table thread_messages drop constraint thread_messages_author_named`.execute(db);
  await sql`alter table threads drop constraint threads_creator_named`.execute(db);
  await sql`alter table thread_messages drop column author_organisation, drop column author_name`.execute(db);
  await sql`alter table thread_messages alter column author_id set not null`.execute(db);
  await sql`alter table threads drop column creator_name, drop column held_by`.execute(db);
  await sql`alter table threads alter column created_by set not null`.execute(db);
  await sql`alter table working_group_action_items alter column created_by set not null`.execute(db);
  await sql`drop index working_groups_held_name`.execute(db);
  await sql`alter table working_groups add constraint working_groups_arrangement_id_name_key unique (arrangement_id, name)`.execute(db);
  await sql`alter table working_groups drop column version, drop column held_by`.execute(db);
  await sql`alter table working_groups alter column created_by set not null`.execute(db);
}
