import { sql, type Kysely } from 'kysely';

// Issue #13, the other nation's officials comment and attach files on their partner copy of a
// request, as they do on a shared deployment: what they add crosses to the holder as
// `request.comment` / `request.attachment`, and the holder keeps it as the partner official's.
//
// On the holder: the comment or file has no account here, only the name and organisation the
// message gave (`author_name`, `uploader_name`, …) and the message it came in (`message_id`,
// federation_inbox), as a step from a peer does (0035) and a thread message (0039).
//
// On the copy: `partner_copy_contributions` keeps what this nation's officials added, with the
// outbox message it went in (null for an internal comment, which stays on this instance), so the
// copy says sent / applied (`applied_at`, when the holder's answer came) / refused (the message's
// state), and a file sent from here downloads from here.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table comments
      alter column author_id drop not null,
      add column author_name text check (length(author_name) between 1 and 500),
      add column author_organisation text check (length(author_organisation) <= 300),
      add column message_id uuid,
      add constraint comments_author_named check ((author_id is not null and message_id is null) or (author_id is null and author_name is not null and message_id is not null));
    alter table attachments
      alter column uploaded_by drop not null,
      add column uploader_name text check (length(uploader_name) between 1 and 500),
      add column uploader_organisation text check (length(uploader_organisation) <= 300),
      add column message_id uuid,
      add constraint attachments_uploader_named check ((uploaded_by is not null and message_id is null) or (uploaded_by is null and uploader_name is not null and message_id is not null));
    create table partner_copy_contributions (
      id uuid primary key,
      peer_nation text not null,
      request_id uuid not null,
      kind text not null check (kind in ('comment', 'attachment')),
      visibility text not null check (visibility in ('shared', 'internal')),
      body text,
      filename text,
      content_type text,
      size integer,
      sha256 text,
      content bytea,
      message_id uuid references federation_outbox(id) on delete cascade,
      author_id uuid not null references users(id),
      created_at timestamptz not null,
      applied_at timestamptz,
      check ((visibility = 'internal') = (message_id is null)),
      check (kind = 'comment' or visibility = 'shared'),
      check ((kind = 'comment') = (body is not null)),
      check ((kind = 'attachment') = (content is not null and filename is not null and content_type is not null and size is not null and sha256 is not null))
    );
    create index partner_copy_contributions_request on partner_copy_contributions (peer_nation, request_id, created_at);
    create index partner_copy_contributions_message on partner_copy_contributions (message_id) where message_id is not null;
  `.execute(db);
}

// Down fails while the store holds a comment or file of a peer's official: those are records of
// the partner's officials that the older schema cannot hold, and are not silently deleted.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table partner_copy_contributions;
    alter table attachments
      drop constraint attachments_uploader_named,
      drop column message_id,
      drop column uploader_organisation,
      drop column uploader_name,
      alter column uploaded_by set not null;
    alter table comments
      drop constraint comments_author_named,
      drop column message_id,
      drop column author_organisation,
      drop column author_name,
      alter column author_id set not null;
  `.execute(db);
}
