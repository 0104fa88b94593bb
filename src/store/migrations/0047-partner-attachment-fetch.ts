import { sql, type Kysely } from 'kysely';

// Issue #13, a peer's shared file larger than a signed message carries: listed without its content
// (migration 0046), it is now fetched from the sender by its SHA-256 over a signed request
// (services/federation/fetch-partner-files.ts, serve-file.ts). `fetch_state` says what became of
// it (domain/federation/delivery.ts FILE_FETCH_STATES); a pending fetch is retried with the
// delivery backoff (`fetch_attempts`, `next_fetch_at`, the last failure in `fetch_error`). The
// files already listed without content are queued for their fetch.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table partner_attachments add column fetch_state text not null default 'inline';
    alter table partner_attachments add column fetch_attempts integer not null default 0;
    alter table partner_attachments add column next_fetch_at timestamptz;
    alter table partner_attachments add column fetch_error text;
    alter table partner_attachments add column fetched_at timestamptz;
    update partner_attachments set fetch_state = 'pending', next_fetch_at = received_at where content is null;
    create index partner_attachments_due on partner_attachments (next_fetch_at) where fetch_state = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index partner_attachments_due;
    alter table partner_attachments drop column fetched_at;
    alter table partner_attachments drop column fetch_error;
    alter table partner_attachments drop column next_fetch_at;
    alter table partner_attachments drop column fetch_attempts;
    alter table partner_attachments drop column fetch_state;
  `.execute(db);
}
