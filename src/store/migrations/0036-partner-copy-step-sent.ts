import { sql, type Kysely } from 'kysely';

// Issue #13, the requesting nation's steps cross to the holder as `request.step`: on the
// requesting nation's instance the request is a partner copy, and a step its official took on it
// is not applied until the holder's next projection answers the message. The copy keeps the id of
// that outbox message (`step_sent_message_id`) until then, so the copy can say "step sent, not
// yet applied" (and, from the message's state, whether the holder refused it), and a second step
// is not sent on top of it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table federation_mirrors add column step_sent_message_id uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table federation_mirrors drop column step_sent_message_id`.execute(db);
}
