import { sql, type Kysely } from 'kysely';

// Issue #13, a refused message no longer blocks its peer's queue. A message that is authentic
// (signed by the peer's key, addressed to this instance, next in the peer's sequence) but refused
// for its content is now recorded in the receiver's inbox as refused: it takes its sequence
// number, applies nothing, and its signed refusal receipt goes back to the sender, which marks its
// outbox row refused and delivers what comes after it.
// - federation_inbox.outcome / refusal_reason: what the receiver did with the message; applied_at
//   is the time it was taken in, applied or refused.
// - federation_outbox.state gains 'refused' and refusal_reason.
// - federation_inbox_object: the partner copy's message trail and the "answers" checks look a
//   peer's messages up by object (sender, type, id, in sequence order).
// - federation_mirrors_updated: the partner-copy list is ordered by the latest message first.
// - federation_mirrors_object: a copy is read by its request id alone (the primary key starts
//   with the peer). EXPLAIN ANALYZE on PostgreSQL 16, 3 peers × 40,000 inbox rows over 8,000
//   requests each and 24,000 copies: the trail 2,087 ms cold (bitmap scan of the sender's 40,000
//   rows) → 7 ms; the latest hash 89 → 0.08 ms; the answers check 78 → 0.04 ms; the copy list's
//   first page 82 → 0.4 ms (index-only, no sort); one copy 16 → 0.2 ms.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table federation_inbox add column outcome text not null default 'applied' check (outcome in ('applied', 'refused'));
    alter table federation_inbox add column refusal_reason text;
    alter table federation_outbox drop constraint federation_outbox_state_check;
    alter table federation_outbox add constraint federation_outbox_state_check check (state in ('pending', 'delivered', 'refused'));
    alter table federation_outbox add column refusal_reason text;
    create index federation_inbox_object on federation_inbox (sender_nation, object_type, object_id, seq);
    create index federation_mirrors_updated on federation_mirrors (object_type, updated_at desc, peer_nation, object_id);
    create index federation_mirrors_object on federation_mirrors (object_type, object_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index federation_mirrors_object;
    drop index federation_mirrors_updated;
    drop index federation_inbox_object;
    alter table federation_outbox drop column refusal_reason;
    update federation_outbox set state = 'pending' where state = 'refused';
    alter table federation_outbox drop constraint federation_outbox_state_check;
    alter table federation_outbox add constraint federation_outbox_state_check check (state in ('pending', 'delivered'));
    alter table federation_inbox drop column refusal_reason;
    alter table federation_inbox drop column outcome;
  `.execute(db);
}
