import { sql } from 'kysely';
import type { Db } from './executor.js';

// The SQL of queued scenario runs (issue #14, migration 0028): a run's plan, its chunks of open
// rows and their solves, progress summed over the chunks, and the combination under a row lock.
// The jobs that drive them are in src/services/networks/analysis-jobs.ts.

/** What a job needs of its run: state, network model, scenario, parameters and working state. */
export function findQueuedRun(db: Db, analysisId: string) {
  return db
    .selectFrom('network_analyses')
    .innerJoin('supply_networks', 'supply_networks.id', 'network_analyses.network_id')
    .select(['network_analyses.id', 'network_analyses.status', 'network_analyses.scenario', 'network_analyses.parameters', 'network_analyses.job_plan', 'network_analyses.job_scenario_result', 'network_analyses.started_at', 'supply_networks.model'])
    .where('network_analyses.id', '=', analysisId)
    .where('network_analyses.runner', '=', 'queue')
    .executeTakeFirst();
}

/** A queued run's status and start only: what a job reads when it already holds the run's model and plan. */
export function findQueuedRunStatus(db: Db, analysisId: string) {
  return db.selectFrom('network_analyses').select(['status', 'started_at']).where('id', '=', analysisId).where('runner', '=', 'queue').executeTakeFirst();
}

/** Keeps the plan on a running run and adds its chunks; false when the run is no longer running. */
export async function savePlanAndChunks(db: Db, analysisId: string, plan: unknown, chunks: readonly number[][]): Promise<boolean> {
  const res = await db.updateTable('network_analyses').set({ job_plan: JSON.stringify(plan) }).where('id', '=', analysisId).where('status', '=', 'running').where('job_plan', 'is', null).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  if (chunks.length > 0) {
    await db
      .insertInto('network_analysis_chunks')
      .values(chunks.map((rows, chunk) => ({ analysis_id: analysisId, chunk, row_indexes: JSON.stringify(rows), rows_total: rows.length })))
      .execute();
  }
  return true;
}

/** Takes a chunk for a worker (a retry takes it again); undefined when it is already solved. */
export function claimChunk(db: Db, analysisId: string, chunk: number, worker: string) {
  return db
    .updateTable('network_analysis_chunks')
    .set((eb) => ({ worker, tries: eb('tries', '+', 1), started_at: new Date(), rows_done: 0 }))
    .where('analysis_id', '=', analysisId)
    .where('chunk', '=', chunk)
    .where('done_at', 'is', null)
    .returning(['row_indexes', 'tries'])
    .executeTakeFirst();
}

/**
 * A chunk's rows done so far, and the run's progress from every chunk: `share` × (rows a shortcut
 * answered + rows solved in all chunks) / rows. Also the run's heartbeat. False when the run is
 * no longer running (cancelled, failed, deleted): the chunk stops.
 */
export async function recordChunkProgress(db: Db, input: { analysisId: string; chunk: number; rowsDone: number; share: number; shortcutRows: number; totalRows: number }): Promise<boolean> {
  await db.updateTable('network_analysis_chunks').set({ rows_done: input.rowsDone }).where('analysis_id', '=', input.analysisId).where('chunk', '=', input.chunk).where('done_at', 'is', null).execute();
  return updateQueuedProgress(db, input);
}

/** The run's progress and heartbeat from its chunks (see recordChunkProgress). */
export async function updateQueuedProgress(db: Db, input: { analysisId: string; share: number; shortcutRows: number; totalRows: number }): Promise<boolean> {
  const solved = sql<number>`(select coalesce(sum(rows_done), 0) from network_analysis_chunks where analysis_id = ${input.analysisId})`;
  const share = sql<number>`least(0.99, ${input.share}::float8 * (${input.shortcutRows}::float8 + ${solved}) / greatest(1, ${input.totalRows}::float8))`;
  const res = await db
    .updateTable('network_analyses')
    .set({ progress: sql<number>`greatest(progress, ${share})`, heartbeat_at: new Date() })
    .where('id', '=', input.analysisId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Keeps a chunk's solves (once: a late duplicate of a retried chunk changes nothing). */
export async function saveChunkSolved(db: Db, analysisId: string, chunk: number, solved: unknown): Promise<void> {
  await db
    .updateTable('network_analysis_chunks')
    .set((eb) => ({ solved: JSON.stringify(solved), done_at: new Date(), rows_done: eb.ref('rows_total') }))
    .where('analysis_id', '=', analysisId)
    .where('chunk', '=', chunk)
    .where('done_at', 'is', null)
    .execute();
}

/**
 * In a transaction: locks a running run that is not yet combined and returns every chunk's solves
 * in chunk order when all are solved; undefined otherwise (another chunk still open, the run
 * ended, or another worker combined it first).
 */
export async function lockSolvedChunks(trx: Db, analysisId: string): Promise<unknown[] | undefined> {
  const run = await trx.selectFrom('network_analyses').select(['status', 'job_scenario_result']).where('id', '=', analysisId).forUpdate().executeTakeFirst();
  if (!run || run.status !== 'running' || run.job_scenario_result !== null) return undefined;
  // Every chunk but the last ends here with one still open: it learns that without reading the solves.
  const open = await trx.selectFrom('network_analysis_chunks').select('chunk').where('analysis_id', '=', analysisId).where('done_at', 'is', null).limit(1).executeTakeFirst();
  if (open) return undefined;
  const chunks = await trx.selectFrom('network_analysis_chunks').select('solved').where('analysis_id', '=', analysisId).orderBy('chunk').execute();
  return chunks.map((c) => c.solved);
}

/** Keeps the combined scenario result of a run whose mitigations are still to rank. */
export async function saveScenarioResult(db: Db, analysisId: string, result: unknown, progress: number): Promise<void> {
  await db.updateTable('network_analyses').set({ job_scenario_result: JSON.stringify(result), progress, heartbeat_at: new Date() }).where('id', '=', analysisId).where('status', '=', 'running').execute();
}
