import { sql, type Kysely } from 'kysely';

// Issue #13, a request's shared attachments between sovereign instances: the files a peer sent
// about a request this instance holds a copy of (services/federation/share-request-attachment.ts,
// apply-request-attachment.ts). Kept apart from the copy's body, which each new projection of the
// request replaces. The uploader is named (display name, nation, organisation), never an account
// of the sending instance. `content` is null when the file was larger than a signed message can
// carry (INLINE_ATTACHMENT_BYTES): it is listed, not transferred, and its download says so.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table partner_attachments (
      id uuid primary key,
      peer_nation text not null,
      request_id uuid not null,
      filename text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      uploader_name text not null,
      uploader_nation text not null,
      uploader_organisation text,
      created_at timestamptz not null,
      content bytea,
      message_id uuid not null,
      received_at timestamptz not null
    );
    create index partner_attachments_request on partner_attachments (peer_nation, request_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table partner_attachments`.execute(db);
}
