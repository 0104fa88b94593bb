import { sql, type Kysely } from 'kysely';

// Impact surveys and per-site status of disruption events (issue #15, "Ask the suppliers").
// A survey asks one company of the event's nation about its struck sites (the network nodes
// linked to it); its answer is kept as the validated jsonb of src/domain/events/survey-answer.ts
// and replaces the modelled assumptions of those nodes when the impact is computed. The status
// of each struck site is a history: every change a row (who, when, note, by an analyst or by an
// answer); the latest row is the status, no row is Potential.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table event_surveys (
      id uuid primary key,
      event_id uuid not null references disruption_events(id),
      nation text not null references nations(code),
      organisation_id uuid not null references organisations(id),
      -- The struck sites asked about: [{networkId, nodeId, part}], fixed when sent.
      sites jsonb not null check (jsonb_typeof(sites) = 'array' and jsonb_array_length(sites) between 1 and 500),
      sent_by uuid not null references users(id),
      sent_at timestamptz not null,
      answer jsonb check (answer is null or jsonb_typeof(answer) = 'object'),
      answered_by uuid references users(id),
      answered_at timestamptz,
      check ((answer is null) = (answered_at is null) and (answer is null) = (answered_by is null)),
      unique (event_id, organisation_id)
    );
    create index event_surveys_company on event_surveys (organisation_id, sent_at desc);

    create table event_site_status (
      seq bigint generated always as identity primary key,
      event_id uuid not null references disruption_events(id),
      -- No foreign key: a deleted network keeps its sites' history here.
      network_id uuid not null,
      node_id text not null check (length(node_id) between 1 and 200),
      status text not null check (status in ('confirmed', 'noImpact', 'recovering', 'restored')),
      note text not null default '' check (length(note) <= 2000),
      set_by uuid not null references users(id),
      set_at timestamptz not null,
      survey_id uuid references event_surveys(id)
    );
    create index event_site_status_event on event_site_status (event_id, network_id, node_id, seq);

    alter table notifications drop constraint notifications_kind_check;
    alter table notifications add constraint notifications_kind_check check (kind in (
      'mention', 'thread_message', 'request_assigned', 'deadline_escalated',
      'request_waiting', 'request_update', 'rated_order_desk', 'spa_request', 'action_item', 'calendar_missing',
      'event_survey'
    ));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    delete from notifications where kind = 'event_survey';
    alter table notifications drop constraint notifications_kind_check;
    alter table notifications add constraint notifications_kind_check check (kind in (
      'mention', 'thread_message', 'request_assigned', 'deadline_escalated',
      'request_waiting', 'request_update', 'rated_order_desk', 'spa_request', 'action_item', 'calendar_missing'
    ));
    drop table event_site_status;
    drop table event_surveys;
  `.execute(db);
}
