import { sql, type Kysely } from 'kysely';

// Issue #14, the session lookup off the hot path: a server process keeps the sessions it has read
// for a few seconds (services/auth/session-cache.ts), and must drop them the moment one of them
// may have changed. Every change that can change what a session grants — a session revoked or
// deleted, a user's name, nation, organisation, roles, display name or activity, an organisation's
// name or kind — is announced by the database itself, so that no writer can forget it (the
// admin routes, sign-in by a provider, the `sosa` command, psql):
//  - NOTIFY sosa_session_change, sent at the commit to every server process that LISTENs
//    (store/session-changes.ts), whatever process or tool made the change;
//  - a NOTICE 'sosa_session_change' to the connection that makes the change, at the statement:
//    the writing process stops using its kept sessions at once, before its own commit is
//    answered, without waiting for its notification to come back (store/session-changes.ts).
// Statement-level: a bulk change announces once (PostgreSQL also folds the same notification of
// one transaction into one). Logins only insert sessions, which changes no kept one: not announced.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function sosa_session_change() returns trigger language plpgsql as $$
    begin
      raise notice 'sosa_session_change';
      perform pg_notify('sosa_session_change', '');
      return null;
    end $$;

    create trigger sessions_change after update or delete on sessions for each statement execute function sosa_session_change();
    create trigger sessions_truncate after truncate on sessions for each statement execute function sosa_session_change();
    create trigger users_session_change after update of username, nation, organisation_id, roles, display_name, active or delete on users for each statement execute function sosa_session_change();
    create trigger users_truncate after truncate on users for each statement execute function sosa_session_change();
    create trigger organisations_session_change after update of name, kind or delete on organisations for each statement execute function sosa_session_change();
    create trigger organisations_truncate after truncate on organisations for each statement execute function sosa_session_change();
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop trigger organisations_truncate on organisations;
    drop trigger organisations_session_change on organisations;
    drop trigger users_truncate on users;
    drop trigger users_session_change on users;
    drop trigger sessions_truncate on sessions;
    drop trigger sessions_change on sessions;
    drop function sosa_session_change();
  `.execute(db);
}
