import { sql, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database, SupplyNetworkRow } from './schema.js';

// The SQL of the supply networks and their saved scenarios (supply-resilience.md). Networks are
// national: every query here is given the nation; who may read or write is decided in
// src/services/networks.

type NetworkColumns = Exclude<keyof SupplyNetworkRow, 'model'>;
/** A network's columns without its model (the model can be large). */
export const NETWORK_LIST_COLUMNS: NetworkColumns[] = ['id', 'nation', 'name', 'program', 'description', 'source_format', 'node_count', 'edge_count', 'end_item_count', 'countries_of_concern', 'created_by', 'created_at'];

/** A network of the nation with its model, or undefined. */
export function findNetworkWithModel(db: Db, nation: string, id: string): Promise<SupplyNetworkRow | undefined> {
  return db.selectFrom('supply_networks').selectAll().where('id', '=', id).where('nation', '=', nation).executeTakeFirst();
}

/** A network of the nation without its model, or undefined. */
export function findNetwork(db: Db, nation: string, id: string): Promise<Omit<SupplyNetworkRow, 'model'> | undefined> {
  return db.selectFrom('supply_networks').select(NETWORK_LIST_COLUMNS).where('id', '=', id).where('nation', '=', nation).executeTakeFirst();
}

/**
 * The networks of a nation without their models, with the creator's username, newest first (at
 * most 500); with `q`, only those whose name or program contains it (case-insensitive, literally).
 */
export function listNetworkRows(db: Db, nation: string, q?: string) {
  let query = db
    .selectFrom('supply_networks')
    .innerJoin('users', 'users.id', 'supply_networks.created_by')
    .select(NETWORK_LIST_COLUMNS.map((c) => `supply_networks.${c}` as const))
    .select('users.username')
    .where('supply_networks.nation', '=', nation);
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('supply_networks.name', 'ilike', pattern), eb('supply_networks.program', 'ilike', pattern)]));
  }
  return query.orderBy('supply_networks.created_at', 'desc').orderBy('supply_networks.id').limit(500).execute();
}

/** The analyses of the networks given, latest first, without their results. */
export function listAnalysesOfNetworks(db: Db, networkIds: readonly string[]) {
  return db.selectFrom('network_analyses').select(['id', 'network_id', 'kind', 'status', 'created_at']).where('network_id', 'in', networkIds).orderBy('created_at', 'desc').execute();
}

/** The analyses of one network, with their status. */
export function listNetworkAnalysisStatuses(db: Db, networkId: string) {
  return db.selectFrom('network_analyses').select(['id', 'status']).where('network_id', '=', networkId).execute();
}

/** Deletes a network (its analyses go with it, by the foreign key). */
export async function deleteNetworkRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('supply_networks').where('id', '=', id).execute();
}

export async function insertNetwork(db: Db, values: Insertable<Database['supply_networks']>): Promise<void> {
  await db.insertInto('supply_networks').values(values).execute();
}

/** Whether the nation has a network of that exact name. */
export async function networkNameExists(db: Db, nation: string, name: string): Promise<boolean> {
  const exists = await db.selectFrom('supply_networks').select('id').where('nation', '=', nation).where('name', '=', name).executeTakeFirst();
  return exists !== undefined;
}

/** A user's id and username by exact username, or undefined. */
export function findUserIdByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id', 'username']).where('username', '=', username).executeTakeFirst();
}

/** A user's username, or undefined. */
export async function usernameOf(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirst();
  return row?.username;
}

// ---- saved scenarios ----

/** The nation's saved scenarios with the creator's username, by name (at most 500). */
export function listScenarioRows(db: Db, nation: string) {
  return db
    .selectFrom('network_scenarios')
    .innerJoin('users', 'users.id', 'network_scenarios.created_by')
    .select(['network_scenarios.id', 'network_scenarios.name', 'network_scenarios.description', 'network_scenarios.definition', 'network_scenarios.created_at', 'users.username'])
    .where('network_scenarios.nation', '=', nation)
    .orderBy('network_scenarios.name')
    .limit(500)
    .execute();
}

/** Whether the nation has a saved scenario of that name, in any case. */
export async function scenarioNameTaken(db: Db, nation: string, name: string): Promise<boolean> {
  const taken = await db.selectFrom('network_scenarios').select('id').where('nation', '=', nation).where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
  return taken !== undefined;
}

export async function insertScenario(db: Db, values: Insertable<Database['network_scenarios']>): Promise<void> {
  await db.insertInto('network_scenarios').values(values).execute();
}
