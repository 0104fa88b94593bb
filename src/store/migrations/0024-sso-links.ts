import { sql, type Kysely } from 'kysely';

// Issue #16, review finding (High): a first SSO sign-in linked the provider's identity to the
// local account of the same username, so whoever could edit the claim mapped to the username at
// the provider could sign in as an existing local account. An SSO sign-in now only opens an
// account bound to the provider's (issuer, subject): the binding is made when SSO provisions the
// account, or by an admin explicitly (PUT /users/{id}/sso-link). The primary key makes one
// identity open at most one account; the second unique key gives an account at most one identity
// per issuer. The links 0020 kept (users.external_subject, 'issuer|sub') are carried over: they
// were made by earlier sign-ins, and dropping them would lock every SSO user out; an admin who
// doubts one re-links the account (the audit has each session.login via oidc).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table user_sso_links (
      issuer text not null,
      subject text not null,
      user_id uuid not null references users(id),
      linked_by text not null check (linked_by in ('provisioning', 'admin', 'migration')),
      created_at timestamptz not null default now(),
      primary key (issuer, subject),
      unique (user_id, issuer)
    );
    insert into user_sso_links (issuer, subject, user_id, linked_by)
      select split_part(external_subject, '|', 1), substr(external_subject, strpos(external_subject, '|') + 1), id, 'migration'
      from users where external_subject is not null and strpos(external_subject, '|') > 0;
    drop index users_external_subject;
    alter table users drop column external_subject;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users add column external_subject text;
    create unique index users_external_subject on users (external_subject) where external_subject is not null;
    update users set external_subject = l.issuer || '|' || l.subject
      from (select distinct on (user_id) user_id, issuer, subject from user_sso_links order by user_id, created_at) l
      where l.user_id = users.id;
    drop table user_sso_links;
  `.execute(db);
}
