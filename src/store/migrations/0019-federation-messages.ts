import { sql, type Kysely } from 'kysely';

// Issue #13: the message layer between sovereign instances.
// - federation_outbox: what this instance sends to each peer, written in the transaction of the
//   change (a transactional outbox), numbered per peer 1, 2, 3 … without gaps, signed once (the
//   stored JWS is what is sent, and resent), with its delivery state and the peer's signed receipt.
// - federation_inbox: what this instance received, keyed by message id (exactly once), the signed
//   message kept as evidence and the receipt it answered with.
// - federation_mirrors: the partner's view of each shared object as its last applied message says.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table federation_outbox (
      id uuid primary key,
      peer_nation text not null check (peer_nation ~ '^[A-Z]{2}$'),
      seq bigint not null check (seq >= 1),
      kind text not null,
      object_type text not null,
      object_id text not null,
      object_version integer not null,
      answers_hash text,
      jws text not null,
      message_hash text not null,
      state text not null default 'pending' check (state in ('pending', 'delivered')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      last_error text,
      unreachable_since timestamptz,
      receipt text,
      delivered_at timestamptz,
      created_at timestamptz not null,
      unique (peer_nation, seq)
    );
    create index federation_outbox_pending on federation_outbox (peer_nation, seq) where state = 'pending';
    create index federation_outbox_object on federation_outbox (object_type, object_id, seq);
    create table federation_inbox (
      message_id uuid primary key,
      sender_nation text not null check (sender_nation ~ '^[A-Z]{2}$'),
      seq bigint not null check (seq >= 1),
      kind text not null,
      object_type text not null,
      object_id text not null,
      object_version integer not null,
      jws text not null,
      message_hash text not null,
      applied_at timestamptz not null,
      receipt text not null,
      unique (sender_nation, seq)
    );
    create table federation_mirrors (
      peer_nation text not null,
      object_type text not null,
      object_id text not null,
      object_version integer not null,
      body jsonb not null,
      message_id uuid not null,
      updated_at timestamptz not null,
      primary key (peer_nation, object_type, object_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table federation_mirrors; drop table federation_inbox; drop table federation_outbox`.execute(db);
}
