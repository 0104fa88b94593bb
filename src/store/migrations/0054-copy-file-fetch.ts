import { sql, type Kysely } from 'kysely';

// Issue #13, a file larger than a signed message carries, attached by the peer's official on its
// partner copy of a request this instance holds: its `request.attachment` lists it without its
// content, and this instance (the holder) fetches the content from the copy's instance by its
// SHA-256, as it fetches a file the holder of a copy listed (0047). The fetch is kept in
// partner_attachments with the same states and retries; `from_copy` marks such a file: once its
// content is fetched and checked it joins the request's own attachments (as the peer official's,
// 0052), and the row keeps only what became of the fetch, not the content a second time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table partner_attachments add column from_copy boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table partner_attachments drop column from_copy`.execute(db);
}
