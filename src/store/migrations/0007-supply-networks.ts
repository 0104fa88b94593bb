import { sql, type Kysely } from 'kysely';

// Supply networks of a nation (supply-resilience.md §1) and the analyses run on them (§2–§6).
// Networks are national: every row carries the owner nation and is read only by that nation's
// analysts, SOSA officers and auditors. The validated model is kept whole as jsonb, so an
// analysis always runs on exactly what was imported.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table supply_networks (
      id uuid primary key,
      nation text not null references nations(code),
      name text not null check (length(name) between 1 and 200),
      program text not null default '' check (length(program) <= 200),
      description text not null default '' check (length(description) <= 4000),
      source_format text not null check (source_format in ('json', 'willems')),
      node_count int not null check (node_count >= 0),
      edge_count int not null check (edge_count >= 0),
      end_item_count int not null check (end_item_count >= 0),
      -- §1/§5: countries tagged "of concern" for this network's analyses.
      countries_of_concern text[] not null default '{}',
      model jsonb not null check (jsonb_typeof(model) = 'object'),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    );
    create index supply_networks_nation on supply_networks (nation, created_at desc);

    create table network_analyses (
      id uuid primary key,
      network_id uuid not null references supply_networks(id) on delete cascade,
      nation text not null references nations(code),
      kind text not null check (kind in ('structural', 'scenario')),
      -- The scenario as run (a preset or saved scenario is copied here).
      scenario jsonb,
      parameters jsonb not null default '{}',
      status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      progress double precision not null default 0 check (progress >= 0 and progress <= 1),
      result jsonb,
      error text,
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      started_at timestamptz,
      -- A running analysis touches this at least every few seconds; a stale one was interrupted.
      heartbeat_at timestamptz,
      finished_at timestamptz,
      cancel_requested boolean not null default false,
      check ((kind = 'scenario') = (scenario is not null)),
      check ((status in ('done', 'failed', 'cancelled')) = (finished_at is not null)),
      check (status <> 'done' or (result is not null and progress = 1)),
      check (status <> 'failed' or error is not null)
    );
    create index network_analyses_network on network_analyses (network_id, created_at desc);
    create index network_analyses_live on network_analyses (status) where status in ('queued', 'running');

    create table network_scenarios (
      id uuid primary key,
      nation text not null references nations(code),
      name text not null check (length(name) between 1 and 200),
      description text not null default '',
      definition jsonb not null check (jsonb_typeof(definition) = 'object'),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      unique (nation, name)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table network_scenarios; drop table network_analyses; drop table supply_networks;`.execute(db);
}
