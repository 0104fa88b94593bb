import { sql, type Kysely } from 'kysely';

// Issue #13: the partners this instance is peered with, as their operators described them. The
// descriptor is kept as received (signed), so the instance can show later what it trusted and why.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table federation_peers (
      nation text primary key check (nation ~ '^[A-Z]{2}$'),
      base_url text not null,
      arrangements jsonb not null,
      keys jsonb not null,
      fingerprint text not null,
      descriptor text not null,
      added_at timestamptz not null,
      updated_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table federation_peers`.execute(db);
}
