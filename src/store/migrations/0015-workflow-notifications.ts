import { sql, type Kysely } from 'kysely';

// Issue #11: every workflow step tells the next person (new notification kinds), a daily digest
// of what is due (a preference and one row per user and local day, so two server processes never
// send it twice), and deadlines marked provisional when they run into a year whose hand-kept
// holiday list is not loaded.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table notifications drop constraint notifications_kind_check;
    alter table notifications add constraint notifications_kind_check check (kind in (
      'mention', 'thread_message', 'request_assigned', 'deadline_escalated',
      'request_waiting', 'request_update', 'rated_order_desk', 'spa_request', 'action_item', 'calendar_missing'
    ));

    alter table notification_preferences add column daily_digest boolean not null default false;

    -- One digest per user per day (the user's nation's local date): the primary key is the claim.
    create table notification_digests (
      user_id uuid not null references users(id),
      digest_date date not null,
      created_at timestamptz not null,
      items int not null check (items >= 0),
      mail_id uuid references mail_outbox(id),
      primary key (user_id, digest_date)
    );

    -- Years without a holiday list that the deadline's count ran through; empty = final.
    alter table deadlines add column provisional_years int[] not null default '{}';
    create index deadlines_provisional on deadlines (nation) where stopped_at is null and provisional_years <> '{}';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop index deadlines_provisional;
    alter table deadlines drop column provisional_years;
    drop table notification_digests;
    alter table notification_preferences drop column daily_digest;
    delete from notifications where kind not in ('mention', 'thread_message', 'request_assigned', 'deadline_escalated');
    alter table notifications drop constraint notifications_kind_check;
    alter table notifications add constraint notifications_kind_check check (kind in ('mention', 'thread_message', 'request_assigned', 'deadline_escalated'));
  `.execute(db);
}
