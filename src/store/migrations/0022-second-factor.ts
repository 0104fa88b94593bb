import { sql, type Kysely } from 'kysely';

// Issue #16: a second factor (TOTP, RFC 6238) for local accounts. One row per user who began or
// finished enrolment: the secret (base32; not encrypted at rest: the instance has no key store
// yet), when it was confirmed (null while pending) and the last accepted time step (a code is
// accepted once). Recovery codes: a public lookup id and an Argon2 hash of the secret part, each
// used once. A login that proved the password and waits for the code holds a short-lived challenge
// (its token's hash only). An organisation may require a second factor of its local accounts.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_totp (
      user_id uuid primary key references users(id) on delete cascade,
      secret text not null,
      confirmed_at timestamptz,
      last_step bigint,
      created_at timestamptz not null default now()
    );
    create table user_recovery_codes (
      user_id uuid not null references users(id) on delete cascade,
      lookup text not null,
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, lookup)
    );
    create table second_factor_challenges (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index second_factor_challenges_expiry on second_factor_challenges (expires_at);
    alter table organisations add column second_factor_required boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table organisations drop column second_factor_required;
    drop table second_factor_challenges;
    drop table user_recovery_codes;
    drop table user_totp;
  `.execute(db);
}
