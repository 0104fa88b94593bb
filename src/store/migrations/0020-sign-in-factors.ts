import { sql, type Kysely } from 'kysely';

// Issue #16: single sign-on. A user signed in through an organisation's OpenID Connect provider
// is tied to the provider's subject (issuer + sub), so a later account with the same username at
// another provider, or a renamed one, cannot take it over. A user the provider created has no
// password: its hash is the marker '!sso', which no password verifies against.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users add column external_subject text;
    create unique index users_external_subject on users (external_subject) where external_subject is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index users_external_subject;
    alter table users drop column external_subject;
  `.execute(db);
}
