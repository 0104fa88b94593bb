import type { Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database, DisruptionEventRow } from './schema.js';

// The SQL of disruption events (issue #15). Events are national: every query is given the
// nation; who may read or record is decided in src/services/events.

export type EventListRow = Omit<DisruptionEventRow, 'places' | 'sources' | 'description'> & { username: string };

/** The nation's events, newest start first (at most 500), with the recorder's username. */
export function listEventRows(db: Db, nation: string, status?: 'open' | 'closed'): Promise<EventListRow[]> {
  let query = db
    .selectFrom('disruption_events')
    .innerJoin('users', 'users.id', 'disruption_events.created_by')
    .select([
      'disruption_events.id',
      'disruption_events.nation',
      'disruption_events.title',
      'disruption_events.kind',
      'disruption_events.started_at',
      'disruption_events.expected_recovery_at',
      'disruption_events.confidence',
      'disruption_events.status',
      'disruption_events.origin',
      'disruption_events.external_id',
      'disruption_events.created_by',
      'disruption_events.created_at',
      'disruption_events.closed_at',
      'disruption_events.closed_by',
      'disruption_events.closing_note',
      'users.username',
    ])
    .where('disruption_events.nation', '=', nation);
  if (status) query = query.where('disruption_events.status', '=', status);
  return query.orderBy('disruption_events.started_at', 'desc').orderBy('disruption_events.id').limit(500).execute();
}

/** The places of the nation's events named (what their impact is computed from). */
export function listEventPlaces(db: Db, nation: string, ids: readonly string[]): Promise<Array<{ id: string; places: unknown }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('disruption_events').select(['id', 'places']).where('nation', '=', nation).where('id', 'in', ids).execute();
}

/** One event of the nation with the recorder's username, or undefined. */
export function findEventRow(db: Db, nation: string, id: string): Promise<(DisruptionEventRow & { username: string }) | undefined> {
  return db
    .selectFrom('disruption_events')
    .innerJoin('users', 'users.id', 'disruption_events.created_by')
    .selectAll('disruption_events')
    .select('users.username')
    .where('disruption_events.id', '=', id)
    .where('disruption_events.nation', '=', nation)
    .executeTakeFirst();
}

export async function insertEventRows(db: Db, rows: ReadonlyArray<Insertable<Database['disruption_events']>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('disruption_events').values([...rows]).execute();
}

/** The publisher identifiers among `ids` already imported by the nation from that origin. */
export async function importedExternalIds(db: Db, nation: string, origin: 'cap' | 'geojson', ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('disruption_events').select('external_id').where('nation', '=', nation).where('origin', '=', origin).where('external_id', 'in', ids).execute();
  return rows.map((r) => r.external_id!);
}

/** Whether the nation has an event of that exact title (demo seeding). */
export async function eventTitleExists(db: Db, nation: string, title: string): Promise<boolean> {
  return (await db.selectFrom('disruption_events').select('id').where('nation', '=', nation).where('title', '=', title).executeTakeFirst()) !== undefined;
}

/** The nation's networks with their models (the impact of an event is computed on all of them). */
export function listNetworkModels(db: Db, nation: string): Promise<Array<{ id: string; name: string; program: string; model: unknown }>> {
  return db.selectFrom('supply_networks').select(['id', 'name', 'program', 'model']).where('nation', '=', nation).orderBy('created_at').orderBy('id').limit(200).execute();
}
