import { sql, type Kysely } from 'kysely';

// Disruption events (issue #15): what actually happened — a plant fire, a port closed, an
// embargo — recorded by a nation's analysts and SOSA officers for that nation alone. The places
// (sites, companies, countries, circles, polygons, sea lanes) are kept as the validated jsonb of
// src/domain/events/event-model.ts; the impact is computed from the nation's networks when read,
// so it always reflects the networks as they are. Sites gain coordinates inside the network
// model (supply_networks.model jsonb: nodes[].latitude/longitude), which needs no column.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table disruption_events (
      id uuid primary key,
      nation text not null references nations(code),
      title text not null check (length(title) between 1 and 300),
      kind text not null check (kind in ('siteIncident', 'naturalHazard', 'portOrLaneClosure', 'exportRestriction', 'cyber', 'supplierInsolvency', 'conflict')),
      description text not null default '' check (length(description) <= 8000),
      places jsonb not null check (jsonb_typeof(places) = 'array' and jsonb_array_length(places) between 1 and 200),
      started_at timestamptz not null,
      expected_recovery_at timestamptz,
      confidence text not null check (confidence in ('confirmed', 'likely', 'possible', 'unlikely', 'unknown')),
      sources jsonb not null default '[]' check (jsonb_typeof(sources) = 'array'),
      status text not null default 'open' check (status in ('open', 'closed')),
      -- How it was recorded: by hand, or imported from a CAP 1.2 alert or a GeoJSON feature.
      origin text not null check (origin in ('manual', 'cap', 'geojson')),
      -- The publisher's identifier (CAP <identifier>, GeoJSON feature id): one import per alert.
      external_id text check (length(external_id) between 1 and 500),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now(),
      check (expected_recovery_at is null or expected_recovery_at > started_at),
      check (origin <> 'manual' or external_id is null)
    );
    create index disruption_events_nation on disruption_events (nation, started_at desc, id);
    create unique index disruption_events_external on disruption_events (nation, origin, external_id) where external_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table disruption_events;`.execute(db);
}
