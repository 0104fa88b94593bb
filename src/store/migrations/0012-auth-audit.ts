import { sql, type Kysely } from 'kysely';

// Issue #10.3, #10.8, #11.11.
// - login_throttle: failed-login counts per key ("pair:<username>|<address>", "addr:<address>"),
//   in the database so that every server process on one PostgreSQL sees the same counts.
// - audit_events.parties: the nations whose auditors read an event ('*' = every auditor of the
//   instance, for events about no nation such as a failed login of an unknown name). Rows written
//   before this migration have none and are read as their actor's nation, as before. The column is
//   part of the event's hash when present, so it cannot be changed unseen either.
// - indexes for the auditors' search (object, actor, time, reference).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null default 0 check (failures >= 0),
      last_failure_at timestamptz,
      last_success_at timestamptz
    );
    create index login_throttle_last_failure on login_throttle (last_failure_at);

    alter table audit_events add column parties text[];
    create index audit_events_readers on audit_events using gin ((coalesce(parties, array[coalesce(nation, '*')])));
    create index audit_events_entity on audit_events (entity_id, seq);
    create index audit_events_actor on audit_events (actor, seq);
    create index audit_events_at on audit_events (at);
    create index audit_events_reference on audit_events ((data ->> 'reference'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index audit_events_reference;
    drop index audit_events_at;
    drop index audit_events_actor;
    drop index audit_events_entity;
    drop index audit_events_readers;
    alter table audit_events drop column parties;
    drop table login_throttle;
  `.execute(db);
}
