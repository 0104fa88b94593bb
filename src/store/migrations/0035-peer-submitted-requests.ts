import { sql, type Kysely } from 'kysely';

// Issue #13, a request's submission crosses between sovereign instances: a request submitted on
// the requesting nation's instance is held by the deciding nation's, created there from the
// `request.submit` message. Its submitter is no user of the holding instance: the request and
// its submission step keep the name, nation and organisation the message gave
// (`submitted_by_name`, `actor_name`, …) and the message it came in (`submitted_message_id`, in
// federation_inbox), instead of a `created_by` / `actor_id` user, as a posture change from a peer
// does (0030).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table requests
      alter column created_by drop not null,
      add column submitted_by_name text check (length(submitted_by_name) between 1 and 500),
      add column submitted_by_organisation text check (length(submitted_by_organisation) <= 300),
      add column submitted_message_id uuid,
      add constraint requests_submitter check ((created_by is not null and submitted_message_id is null) or (created_by is null and submitted_by_name is not null and submitted_message_id is not null));
    alter table request_events
      alter column actor_id drop not null,
      add column actor_name text check (length(actor_name) between 1 and 500),
      add column actor_organisation text check (length(actor_organisation) <= 300),
      add constraint request_events_actor check (actor_id is not null or actor_name is not null);
  `.execute(db);
}

// Down fails while the store holds a request submitted from a peer: those are records of the
// partner's officials that the older schema cannot hold, and are not silently deleted.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table request_events
      drop constraint request_events_actor,
      drop column actor_organisation,
      drop column actor_name,
      alter column actor_id set not null;
    alter table requests
      drop constraint requests_submitter,
      drop column submitted_message_id,
      drop column submitted_by_organisation,
      drop column submitted_by_name,
      alter column created_by set not null;
  `.execute(db);
}
