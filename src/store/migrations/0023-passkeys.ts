import { sql, type Kysely } from 'kysely';

// Issue #16: WebAuthn passkeys as a second factor of local accounts, beside TOTP (0022). One row
// per registered credential: its id and COSE public key (base64url text, read the same by both
// drivers), the signature counter last seen (a counter that does not grow marks a cloned
// authenticator), its transports and the user's name for it. A registration in progress holds one
// challenge per user (single use, short-lived). A login's WebAuthn challenge lives on the login's
// second-factor challenge row: the assertion is bound to that sign-in and the challenge is taken
// (set to null) by the first assertion that tries it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_passkeys (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      credential_id text not null unique,
      public_key text not null,
      counter bigint not null default 0,
      transports text[] not null default '{}',
      name text not null check (length(name) between 1 and 100),
      device_type text not null,
      backed_up boolean not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    );
    create index user_passkeys_user on user_passkeys (user_id);
    create table passkey_registrations (
      user_id uuid primary key references users(id) on delete cascade,
      challenge text not null,
      expires_at timestamptz not null
    );
    alter table second_factor_challenges add column webauthn_challenge text;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table second_factor_challenges drop column webauthn_challenge;
    drop table passkey_registrations;
    drop table user_passkeys;
  `.execute(db);
}
