import { sql, type Kysely } from 'kysely';

// Issue #13, the receiving nation's claim of a settlement crosses to the keeper as
// `logistics_settlement.claim`: on the receiving (debtor) nation's instance the order is a copy
// kept by the supplying nation's instance, and a claim its officer records on it is not on the
// ledger until the keeper's next `logistics_order.set` answers the message. The copy keeps the
// id of that outbox message (`claim_sent_message_id`) until then, so it can say "claim sent, not
// yet applied" (and, from the message's state, whether the keeper refused it), and a second
// claim is not sent on top of it (as migration 0036 does for a request's step).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table logistics_orders add column claim_sent_message_id uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table logistics_orders drop column claim_sent_message_id`.execute(db);
}
