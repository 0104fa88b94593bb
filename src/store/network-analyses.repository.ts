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

/** What a view of an analysis reads (the result apart; never the queued run's working state). */
const ANALYSIS_COLUMNS = [
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
] as const;

/** A network's analyses, latest first (at most 200), without their results, with the creator's username. */
export function listAnalysisRows(db: Db, networkId: string) {
  return db
    .selectFrom('network_analyses')
    .innerJoin('users', 'users.id', 'network_analyses.created_by')
    .select(ANALYSIS_COLUMNS)
    .select([
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
    .select(ANALYSIS_COLUMNS)
    .select(['network_analyses.result', 'network_analyses.runner', 'users.username'])
    .where('network_analyses.id', '=', analysisId)
    .where('network_id', '=', networkId)
    .executeTakeFirst();
}

/** Updates an analysis only while it is queued or running; undefined when it has already ended. */
export function updateLiveAnalysis(db: Db, analysisId: string, set: Updateable<Database['network_analyses']>) {
  return db.updateTable('network_analyses').set(set).where('id', '=', analysisId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
}

// ---- the background runner (src/services/networks/analysis-runner.ts) ----

/** Columns to set on an analysis row. */
export type AnalysisChanges = Updateable<Database['network_analyses']>;

/** Updates a running analysis; false when it is no longer running (cancelled, ended, deleted). */
export async function updateRunningAnalysis(db: Db, analysisId: string, set: AnalysisChanges): Promise<boolean> {
  const res = await db.updateTable('network_analyses').set(set).where('id', '=', analysisId).where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Marks a queued analysis running; false when it is no longer queued (cancelled before it started). */
export async function markAnalysisRunning(db: Db, analysisId: string, startedAt: Date, heartbeatAt: Date): Promise<boolean> {
  const res = await db.updateTable('network_analyses').set({ status: 'running', started_at: startedAt, heartbeat_at: heartbeatAt }).where('id', '=', analysisId).where('status', '=', 'queued').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Marks queued and running analyses failed with the error given, except those listed; with
 * `staleBefore`, only those whose heartbeat is older or missing. Returns how many.
 */
export async function failLiveAnalyses(db: Db, input: { error: string; finishedAt: Date; staleBefore: Date | null; except: readonly string[] }): Promise<number> {
  // A queued run (issue #14) is not failed for a silent heartbeat: a chunk whose worker died is retried.
  let query = db.updateTable('network_analyses').set({ status: 'failed', error: input.error, finished_at: input.finishedAt }).where('status', 'in', ['queued', 'running']).where('runner', '=', 'local');
  const staleBefore = input.staleBefore;
  if (staleBefore) query = query.where((eb) => eb.or([eb('heartbeat_at', '<', staleBefore), eb('heartbeat_at', 'is', null)]));
  if (input.except.length) query = query.where('id', 'not in', input.except);
  const res = await query.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
