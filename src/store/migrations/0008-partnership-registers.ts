import { sql, type Kysely } from 'kysely';

// Registers of the partnership (issue #5): the partner ministry's Code of Conduct registry
// (dpas-sosa-sources.md §2.1, §2.3), liaison officer postings (§3.1, the MoA on the Assignment
// of Liaison Officers) and co-production programs (DTTI / Defence Industrial Cooperation Roadmap).
//
// The Code of Conduct registry is built on what existed: organisations.code_of_conduct_since
// stays, kept equal to the subscription date while the subscription is active (null otherwise),
// and existing subscribers are carried into the registry here. Co-production programs extend the
// existing programs table, which requests already reference.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table organisations add constraint organisations_id_nation unique (id, nation);

    create table coc_subscriptions (
      id uuid primary key,
      organisation_id uuid not null unique,
      nation text not null,
      subscribed_on date not null,
      signed_by_name text not null check (length(signed_by_name) between 1 and 200),
      signed_by_title text not null check (length(signed_by_title) between 1 and 200),
      status text not null check (status in ('active', 'lapsed', 'withdrawn')),
      status_since date not null check (status_since >= subscribed_on),
      notes text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      foreign key (organisation_id, nation) references organisations(id, nation)
    );
    create index coc_subscriptions_nation on coc_subscriptions (nation, status);

    -- Status changes are never overwritten: every change is a row here, the table refuses updates.
    create table coc_status_history (
      id uuid primary key,
      subscription_id uuid not null references coc_subscriptions(id),
      at timestamptz not null,
      actor_id uuid references users(id),
      from_status text check (from_status in ('active', 'lapsed', 'withdrawn')),
      to_status text not null check (to_status in ('active', 'lapsed', 'withdrawn')),
      effective_on date not null,
      reason text not null default ''
    );
    create index coc_status_history_subscription on coc_status_history (subscription_id, at);
    create function coc_status_history_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'coc_status_history is append-only: % refused', tg_op;
    end $$;
    create trigger coc_status_history_no_update before update or delete on coc_status_history
      for each row execute function coc_status_history_refuse_change();

    create table coc_capabilities (
      id uuid primary key,
      subscription_id uuid not null references coc_subscriptions(id) on delete cascade,
      -- NSN Federal Supply Class: the first 4 digits of a National Stock Number.
      fsc text check (fsc ~ '^[0-9]{4}$'),
      sector text not null check (sector in ('aircraft', 'missiles_space', 'ships', 'tank_automotive', 'weapons', 'ammunition', 'electronics', 'other')),
      description text not null check (length(description) between 1 and 2000),
      part_numbers text[] not null default '{}'
    );
    create index coc_capabilities_subscription on coc_capabilities (subscription_id);

    create table coc_contacts (
      id uuid primary key,
      subscription_id uuid not null references coc_subscriptions(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      role text not null default '',
      email text not null default '',
      phone text not null default ''
    );
    create index coc_contacts_subscription on coc_contacts (subscription_id);

    create table liaison_postings (
      id uuid primary key,
      officer_name text not null check (length(officer_name) between 1 and 200),
      officer_rank text not null default '',
      -- The officer's service number: one officer, one posting at a time.
      service_number text not null check (length(service_number) between 1 and 60),
      sending_nation text not null references nations(code),
      host_nation text not null references nations(code),
      host_command text not null check (length(host_command) between 1 and 200),
      location text not null default '',
      start_date date not null,
      end_date date,
      status text not null check (status in ('planned', 'active', 'ended')),
      host_poc_name text not null default '',
      host_poc_email text not null default '',
      notes text not null default '',
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version int not null default 1,
      check (sending_nation <> host_nation),
      check (end_date is null or end_date >= start_date)
    );
    create index liaison_postings_officer on liaison_postings (sending_nation, service_number);
    create index liaison_postings_host on liaison_postings (host_nation);

    create table liaison_documents (
      id uuid primary key,
      posting_id uuid not null references liaison_postings(id) on delete cascade,
      title text not null check (length(title) between 1 and 300),
      number text not null default '',
      issued_on date
    );
    create index liaison_documents_posting on liaison_documents (posting_id);

    alter table programs
      add column partner_nations text[] not null default '{}',
      add column status text not null default 'active' check (status in ('proposed', 'active', 'paused', 'completed', 'cancelled')),
      add column start_date date,
      -- Links to registers of other branches: no foreign key (their tables land separately).
      add column network_id uuid,
      add column working_group_id uuid,
      add column created_at timestamptz not null default now(),
      add column updated_at timestamptz not null default now(),
      add column version int not null default 1;

    create table program_milestones (
      id uuid primary key,
      program_id text not null references programs(id) on delete cascade,
      position int not null,
      title text not null check (length(title) between 1 and 300),
      due_on date not null,
      status text not null check (status in ('planned', 'on_track', 'at_risk', 'done', 'missed')),
      completed_on date,
      unique (program_id, position)
    );

    create table program_risks (
      id uuid primary key,
      program_id text not null references programs(id) on delete cascade,
      position int not null,
      title text not null check (length(title) between 1 and 300),
      likelihood int not null check (likelihood between 1 and 5),
      impact int not null check (impact between 1 and 5),
      owner text not null check (length(owner) between 1 and 200),
      mitigation text not null default '',
      status text not null check (status in ('open', 'mitigated', 'closed')),
      unique (program_id, position)
    );
  `.execute(db);

  // Carry existing subscribers into the registry, active since their subscription date.
  await sql`
    insert into coc_subscriptions (id, organisation_id, nation, subscribed_on, signed_by_name, signed_by_title, status, status_since, notes)
    select gen_random_uuid(), id, nation, code_of_conduct_since, 'not recorded', 'not recorded', 'active', code_of_conduct_since, 'Carried over from organisations.code_of_conduct_since'
    from organisations where kind = 'company' and code_of_conduct_since is not null;
    insert into coc_status_history (id, subscription_id, at, actor_id, from_status, to_status, effective_on, reason)
    select gen_random_uuid(), id, now(), null, null, 'active', subscribed_on, 'Carried over' from coc_subscriptions;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table program_risks; drop table program_milestones;
    alter table programs drop column partner_nations, drop column status, drop column start_date, drop column network_id,
      drop column working_group_id, drop column created_at, drop column updated_at, drop column version;
    drop table liaison_documents; drop table liaison_postings;
    drop table coc_contacts; drop table coc_capabilities; drop table coc_status_history; drop table coc_subscriptions;
    drop function coc_status_history_refuse_change;
    alter table organisations drop constraint organisations_id_nation;
  `.execute(db);
}
