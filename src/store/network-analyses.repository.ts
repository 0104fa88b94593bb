import type { Insertable, Updateable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of the network analyses (migration 0007). Who may start, read or cancel one is decided
// in src/services/networks/analyses.

/** A saved scenario's definition, if the nation has one by that id. */
export function findSavedScenarioDefinition(db: Db, nation: string, scenarioId: string) {
  return db.selectFrom('network_scenarios').select('definition').where('id', '=', scenarioId).where('nation', '=', nation).executeTakeFirst();
}

export function insertAnalysis(db: Db, values: Insertable<Database['network_analyses']>) {
  return db.insertInto('network_analyses').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Queued or running analyses of a nation. */
export async function countLiveAnalyses(db: Db, nation: string): Promise<number> {
  const live = await db.selectFrom('network_analyses').select((eb) => eb.fn.countAll<number>().as('n')).where('nation', '=', nation).where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
  return Number(live.n);
}

/** A network's analyses, latest first (at most 200), without their results, with the creator's username. */
export function listAnalysisRows(db: Db, networkId: string) {
  return db
    .selectFrom('network_analyses')
    .innerJoin('users', 'users.id', 'network_analyses.created_by')
    .select([
      'network_analyses.id',
      'network_analyses.network_id',
      'network_analyses.nation',
      'network_analyses.kind',
      'network_analyses.status',
      'network_analyses.progress',
      'network_analyses.scenario',
      'network_analyses.parameters',
      'network_analyses.error',
      'network_analyses.created_by',
      'network_analyses.created_at',
      'network_analyses.started_at',
      'network_analyses.heartbeat_at',
      'network_analyses.finished_at',
      'network_analyses.cancel_requested',
      'users.username',
    ])
    .where('network_analyses.network_id', '=', networkId)
    .orderBy('network_analyses.created_at', 'desc')
    .limit(200)
    .execute();
}

/** One analysis of the network, with the creator's username. */
export function findAnalysisRow(db: Db, networkId: string, analysisId: string) {
  return db
    .selectFrom('network_analyses')
    .innerJoin('users', 'users.id', 'network_analyses.created_by')
    .selectAll('network_analyses')
    .select('users.username')
    .where('network_analyses.id', '=', analysisId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** Updates an analysis only while it is queued or running; undefined when it has already ended. */
export function updateLiveAnalysis(db: Db, analysisId: string, set: Updateable<Database['network_analyses']>) {
  return db.updateTable('network_analyses').set(set).where('id', '=', analysisId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
}
