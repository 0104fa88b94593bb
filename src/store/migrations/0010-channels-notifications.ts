import { sql, type Kysely } from 'kysely';

// Communication channels of an arrangement (dpas-sosa-sources.md §2.1: "The Arrangements institute
// working groups, establish communication mechanisms …"): discussion threads on a subject, in-app
// notifications, per-user preferences and an e-mail outbox written in the same transaction as the
// notification it carries, so a crash loses no mail.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table users add column email text check (email is null or email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$');

    -- subject_id has no foreign key: working groups and programs live in tables of other slices.
    -- nations is the scope fixed at creation: the nations party to the subject (one nation for an
    -- internal thread). Nobody of another nation ever sees the thread.
    create table threads (
      id uuid primary key,
      subject_kind text not null check (subject_kind in ('request', 'working_group', 'program', 'general')),
      subject_id text,
      title text not null check (length(title) between 1 and 200),
      nations text[] not null check (cardinality(nations) between 1 and 2),
      arrangement_id text references arrangements(id),
      created_by uuid not null references users(id),
      created_nation text not null references nations(code),
      created_at timestamptz not null,
      check ((subject_kind = 'general') = (subject_id is null)),
      check (created_nation = any(nations))
    );
    create index threads_subject on threads (subject_kind, subject_id);
    create index threads_nations on threads using gin (nations);

    create table thread_messages (
      id uuid primary key,
      thread_id uuid not null references threads(id),
      author_id uuid not null references users(id),
      nation text not null references nations(code),
      visibility text not null check (visibility in ('shared', 'internal')),
      body text not null check (length(body) between 1 and 8000),
      mentions uuid[] not null default '{}',
      created_at timestamptz not null
    );
    create index thread_messages_thread on thread_messages (thread_id, created_at);

    -- Who follows a thread: its creator, those who post in it, those who chose to.
    create table thread_followers (
      thread_id uuid not null references threads(id),
      user_id uuid not null references users(id),
      following boolean not null default true,
      since timestamptz not null,
      primary key (thread_id, user_id)
    );

    create table notifications (
      id uuid primary key,
      user_id uuid not null references users(id),
      kind text not null check (kind in ('mention', 'thread_message', 'request_assigned', 'deadline_escalated')),
      title text not null,
      body text not null default '',
      link text not null,
      subject_kind text not null,
      subject_id text not null,
      -- One notification per user per event, whatever retries happen.
      event_key text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      unique (user_id, event_key)
    );
    create index notifications_user on notifications (user_id, created_at desc);
    create index notifications_unread on notifications (user_id) where read_at is null;

    create table notification_preferences (
      user_id uuid primary key references users(id),
      channels jsonb not null,
      email_digest text not null check (email_digest in ('off', 'immediate')),
      updated_at timestamptz not null
    );

    -- Mail to send; written with its notification, delivered by the sender loop.
    create table mail_outbox (
      id uuid primary key,
      notification_id uuid references notifications(id),
      user_id uuid not null references users(id),
      to_address text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null,
      attempts int not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null,
      claimed_until timestamptz,
      sent_at timestamptz,
      last_error text
    );
    create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table mail_outbox; drop table notification_preferences; drop table notifications;
    drop table thread_followers; drop table thread_messages; drop table threads;
    alter table users drop column email;
  `.execute(db);
}
