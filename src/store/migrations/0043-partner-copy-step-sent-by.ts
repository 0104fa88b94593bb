import { sql, type Kysely } from 'kysely';

// Issue #13, the officials' day on sovereign instances: a step the requesting nation's official
// took on a partner copy takes effect when the holder's answering projection arrives, and that
// projection then tells this nation's other officials what it changed (apply-inbound.ts, as
// notifyRequestStep tells them on a shared instance) — never the official who took the step. The
// copy keeps who sent the step not yet applied (`step_sent_by`, beside `step_sent_message_id` of
// migration 0036) until the answer clears both. No foreign key: a user is deactivated, never deleted.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table federation_mirrors add column step_sent_by uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table federation_mirrors drop column step_sent_by`.execute(db);
}
