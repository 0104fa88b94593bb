import { sql, type Kysely } from 'kysely';

// Issue #15, after the first cut of events (0021):
// - Closing an event: who closed it, when, and the closing note (closed events leave the open list).
// - The impact of an event, cached per (event, inputs): the key is a digest of what the analysis
//   read (the event's places and dates, the nation's networks), so a GET reads a stored result and
//   the LP runs once, in the background, on the analysis worker pool.
// - Priority-support requests drafted from an event's impact. Requests have no draft state (the
//   workflows start at 'submitted', and a request is the other nation's to read from its first
//   row), so a draft lives with the event, national, until the officer submits it through the
//   ordinary create path; then it keeps the id of the request it became.
// - Posture per arrangement (peacetime / emergency / armed conflict), each change a row (the
//   history); the current posture is the latest. A request remembers the posture it was
//   submitted under: its deadlines use the workflow's clock for the more urgent of the two.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table disruption_events
      add column closed_at timestamptz,
      add column closed_by uuid references users(id),
      add column closing_note text check (length(closing_note) between 1 and 4000),
      add constraint disruption_events_closed check ((status = 'closed') = (closed_at is not null));

    create table event_impacts (
      event_id uuid not null references disruption_events(id) on delete cascade,
      inputs_key text not null,
      status text not null check (status in ('computing', 'done', 'failed')),
      result jsonb,
      error text,
      started_at timestamptz not null,
      heartbeat_at timestamptz not null,
      finished_at timestamptz,
      primary key (event_id, inputs_key)
    );

    create table event_request_drafts (
      id uuid primary key,
      event_id uuid not null references disruption_events(id),
      nation text not null references nations(code),
      status text not null check (status in ('draft', 'submitted', 'discarded')),
      -- The request as the officer will submit it (NewRequestInput; programId may still be null).
      content jsonb not null check (jsonb_typeof(content) = 'object'),
      -- How the draft was computed from the impact (part, end items, lost units, need per unit).
      basis jsonb not null check (jsonb_typeof(basis) = 'object'),
      request_id uuid unique references requests(id),
      created_by uuid not null references users(id),
      created_at timestamptz not null,
      updated_by uuid not null references users(id),
      updated_at timestamptz not null,
      version int not null default 1,
      check ((status = 'submitted') = (request_id is not null))
    );
    create index event_request_drafts_event on event_request_drafts (event_id, created_at, id);

    create table arrangement_postures (
      id uuid primary key,
      arrangement_id text not null references arrangements(id),
      posture text not null check (posture in ('peacetime', 'emergency', 'armed_conflict')),
      note text not null default '' check (length(note) <= 2000),
      set_by uuid not null references users(id),
      set_by_nation text not null references nations(code),
      set_at timestamptz not null,
      seq bigint generated always as identity
    );
    create index arrangement_postures_latest on arrangement_postures (arrangement_id, seq desc);

    alter table requests add column posture text not null default 'peacetime' check (posture in ('peacetime', 'emergency', 'armed_conflict'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table requests drop column posture;
    drop table arrangement_postures;
    drop table event_request_drafts;
    drop table event_impacts;
    alter table disruption_events drop constraint disruption_events_closed, drop column closing_note, drop column closed_by, drop column closed_at;
  `.execute(db);
}
