import { sql, type Kysely } from 'kysely';

// The foundation schema: reference data, users, requests and their workflow history,
// deadlines and escalations, and the append-only audit log. Written for PostgreSQL 15
// (production) and PGlite (PostgreSQL 18 in WASM) alike.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table nations (
      code text primary key check (code ~ '^[A-Z]{2}$'),
      name text not null
    );

    create table calendars (
      nation text primary key references nations(code),
      time_zone text not null,
      weekend int[] not null,
      close_of_business text,
      library_country text,
      library_types text[] not null default '{}',
      updated_at timestamptz not null default now()
    );

    create table calendar_holidays (
      nation text not null references nations(code),
      date date not null,
      kind text not null check (kind in ('added', 'removed')),
      name text not null,
      created_at timestamptz not null default now(),
      primary key (nation, date, kind)
    );

    create table workflows (
      id text primary key,
      definition jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table arrangements (
      id text primary key,
      name text not null,
      nation_a text not null references nations(code),
      nation_b text not null references nations(code),
      signed text,
      signed_on date,
      notes text not null default '',
      check (nation_a <> nation_b)
    );

    -- Which workflow a request follows, per arrangement and direction (requesting -> supplying).
    create table arrangement_directions (
      arrangement_id text not null references arrangements(id),
      from_nation text not null references nations(code),
      to_nation text not null references nations(code),
      workflow_id text not null references workflows(id),
      primary key (arrangement_id, from_nation)
    );

    create table organisations (
      id uuid primary key,
      nation text not null references nations(code),
      kind text not null check (kind in ('ministry', 'agency', 'company')),
      name text not null,
      short_name text not null,
      code_of_conduct_since date,
      unique (nation, short_name)
    );

    create table users (
      id uuid primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      nation text not null references nations(code),
      organisation_id uuid not null references organisations(id),
      roles text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now()
    );

    create table sessions (
      id uuid primary key,
      token_hash text not null unique,
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    );

    create table programs (
      id text primary key,
      nation text not null references nations(code),
      name text not null,
      description text not null default '',
      dpas_program_symbol text
    );

    create table requests (
      id uuid primary key,
      reference text not null unique,
      arrangement_id text not null references arrangements(id),
      from_nation text not null references nations(code),
      to_nation text not null references nations(code),
      workflow_id text not null references workflows(id),
      state text not null,
      urgency text not null check (urgency in ('routine', 'emergency', 'armed_conflict')),
      title text not null,
      program_id text not null references programs(id),
      justification text not null,
      classification text not null,
      required_by date not null,
      fields jsonb not null default '{}',
      supplier_organisation_id uuid references organisations(id),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1
    );
    create index requests_from_nation on requests (from_nation, updated_at desc);
    create index requests_to_nation on requests (to_nation, updated_at desc);
    create sequence request_reference_seq;

    create table request_items (
      request_id uuid not null references requests(id),
      line_no int not null,
      part_number text not null,
      nsn text,
      description text not null,
      quantity numeric not null check (quantity > 0),
      unit text not null,
      required_delivery_date date not null,
      primary key (request_id, line_no)
    );

    -- Companies a request was put to: the rated-order supplier on the DPAS path, the Code of
    -- Conduct companies on the partner path. Internal to the supplying nation (the shortlist).
    create table request_assignments (
      request_id uuid not null references requests(id),
      organisation_id uuid not null references organisations(id),
      status text not null,
      details jsonb not null default '{}',
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      primary key (request_id, organisation_id)
    );
    create index request_assignments_org on request_assignments (organisation_id);

    create table request_events (
      id bigint generated always as identity primary key,
      request_id uuid not null references requests(id),
      at timestamptz not null default now(),
      actor_id uuid not null references users(id),
      actor_nation text not null,
      action text not null,
      from_state text,
      to_state text not null,
      fields jsonb not null default '{}',
      visibility text not null check (visibility in ('shared', 'internal'))
    );
    create index request_events_request on request_events (request_id, id);

    create table comments (
      id uuid primary key,
      request_id uuid not null references requests(id),
      author_id uuid not null references users(id),
      nation text not null references nations(code),
      visibility text not null check (visibility in ('shared', 'internal')),
      body text not null,
      created_at timestamptz not null default now()
    );
    create index comments_request on comments (request_id, created_at);

    create table attachments (
      id uuid primary key,
      request_id uuid not null references requests(id),
      uploaded_by uuid not null references users(id),
      nation text not null references nations(code),
      visibility text not null check (visibility in ('shared', 'internal')),
      filename text not null,
      content_type text not null,
      size int not null,
      sha256 text not null,
      content bytea not null,
      created_at timestamptz not null default now()
    );
    create index attachments_request on attachments (request_id);

    create table deadlines (
      id uuid primary key,
      request_id uuid not null references requests(id),
      kind text not null,
      label text not null,
      nation text not null references nations(code),
      started_at timestamptz not null,
      due_at timestamptz not null,
      working_days int,
      hours int,
      basis jsonb not null,
      stopped_at timestamptz,
      stopped_by text,
      overdue_at timestamptz
    );
    create index deadlines_open on deadlines (due_at) where stopped_at is null and overdue_at is null;
    create index deadlines_request on deadlines (request_id);

    -- One escalation per overdue deadline, whatever the number of scheduler processes or restarts.
    create table escalations (
      deadline_id uuid primary key references deadlines(id),
      request_id uuid not null references requests(id),
      escalated_at timestamptz not null default now(),
      escalated_to text not null
    );

    create table audit_events (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor text not null,
      nation text,
      action text not null,
      entity_type text not null,
      entity_id text not null,
      data jsonb not null,
      prev_hash text not null,
      hash text not null
    );

    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op;
    end $$;
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_refuse_change();
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_refuse_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted: the audit log is append-only.');
}
