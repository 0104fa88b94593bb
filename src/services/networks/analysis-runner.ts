// Background runs of scenario analyses (supply-resilience.md §4–§6) inside the server process.
// The row in network_analyses is the truth: progress and a heartbeat are written while a run
// goes; its end (done, failed) is written only while the row is still 'running', so a cancel
// (which sets 'cancelled' at once) always wins over a late result. A run whose process died
// keeps a stale heartbeat: it is marked failed at the next start, or when it is next read.
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { rankMitigations, runScenario, type Scenario } from '../../analytics/disruption/index.js';
import { AppError } from '../../domain/errors.js';
import { isDatabaseUnavailable } from '../../store/database-unavailable.js';
import { failLiveAnalyses, markAnalysisRunning, updateRunningAnalysis, type AnalysisChanges } from '../../store/network-analyses.repository.js';
import type { AppContext } from '../context.js';
import { retryWhileDatabaseUnavailable } from '../database-outage.js';

/** A running analysis writes its heartbeat at least this often… */
export const HEARTBEAT_MS = 5_000;
/** …and one silent for this long is taken as interrupted. */
export const STALE_MS = 30_000;
const PROGRESS_EVERY_MS = 400;
/** How long a run's start or result waits for a database that is away (a restart, a failover). */
const RECORD_MAX_WAIT_MS = 10 * 60_000;
/** Candidates evaluated per mitigation ranking (each re-solves the scenario's LPs). */
export const MAX_MITIGATION_CANDIDATES = 50;
export const INTERRUPTED = 'interrupted: the server stopped while the analysis ran';

interface LocalRun {
  controller: AbortController;
  done: Promise<void>;
}

const runsByContext = new WeakMap<AppContext, Map<string, LocalRun>>();
function runs(ctx: AppContext): Map<string, LocalRun> {
  let map = runsByContext.get(ctx);
  if (!map) runsByContext.set(ctx, (map = new Map()));
  return map;
}

/** Jobs of queued runs (issue #14) this process is working, by analysis. */
const jobsByContext = new WeakMap<AppContext, Map<string, Set<AbortController>>>();
function jobs(ctx: AppContext): Map<string, Set<AbortController>> {
  let map = jobsByContext.get(ctx);
  if (!map) jobsByContext.set(ctx, (map = new Map()));
  return map;
}

/** Registers a job of a queued run worked here (so a cancel here stops it at once); returns its release. */
export function trackJob(ctx: AppContext, analysisId: string, controller: AbortController): () => void {
  const map = jobs(ctx);
  let set = map.get(analysisId);
  if (!set) map.set(analysisId, (set = new Set()));
  set.add(controller);
  return () => {
    set.delete(controller);
    if (set.size === 0 && map.get(analysisId) === set) map.delete(analysisId);
  };
}

export function isRunningHere(ctx: AppContext, analysisId: string): boolean {
  return runs(ctx).has(analysisId) || jobs(ctx).has(analysisId);
}

/** Stops runs of this process (their rows are already cancelled or deleted); other processes see it at their next heartbeat. */
export function cancelLocalRuns(ctx: AppContext, analysisIds: readonly string[]): void {
  for (const id of analysisIds) {
    runs(ctx).get(id)?.controller.abort();
    for (const controller of jobs(ctx).get(id) ?? []) controller.abort();
  }
}

/** Waits for this process's runs to end (tests). */
export async function settleRuns(ctx: AppContext): Promise<void> {
  await Promise.all([...runs(ctx).values()].map((r) => r.done));
}

const SHUTDOWN = 'shutdown';

/** On server shutdown: stops this process's runs and records them as interrupted. */
export async function stopRunsForShutdown(ctx: AppContext): Promise<void> {
  for (const run of runs(ctx).values()) run.controller.abort(SHUTDOWN);
  await settleRuns(ctx);
}

export interface ScenarioJob {
  analysisId: string;
  network: SupplyNetwork;
  scenario: Scenario;
  /** §6: rank mitigations under this budget after the scenario (null: scenario only). */
  budget: number | null;
}

/**
 * Starts a queued scenario analysis in this process' threads, in the background; returns at once.
 * (A context with a job queue, on PostgreSQL, queues its runs instead: start-analysis.ts.)
 */
export function startScenarioRun(ctx: AppContext, job: ScenarioJob): void {
  const controller = new AbortController();
  const local = runs(ctx);
  const done = execute(ctx, job, controller.signal)
    .catch((error: unknown) => ctx.logger.error({ err: error, analysisId: job.analysisId }, 'network analysis run failed to record its end'))
    .finally(() => local.delete(job.analysisId));
  local.set(job.analysisId, { controller, done });
}

async function execute(ctx: AppContext, job: ScenarioJob, signal: AbortSignal): Promise<void> {
  const db = ctx.store.db;
  const id = job.analysisId;
  const stillRunning = (values: AnalysisChanges): Promise<boolean> => updateRunningAnalysis(db, id, values);
  // The first and the last write of a run wait out a database outage (bounded); a heartbeat
  // that meets one is skipped, and the run goes on meanwhile.
  const recorded = <T>(write: () => Promise<T>) => retryWhileDatabaseUnavailable(write, { maxMs: RECORD_MAX_WAIT_MS, signal });
  const recordEnd = (values: AnalysisChanges) => recorded(() => stillRunning(values));
  const started = await recorded(() => markAnalysisRunning(db, id, ctx.now(), new Date()));
  if (!started) return; // cancelled before it started

  let progress = 0;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const beat = async () => {
    try {
      // Someone else ended the row (cancel from another instance): stop here too.
      if (!(await stillRunning({ progress, heartbeat_at: new Date() }))) controller.abort();
    } catch (error) {
      // Never rejects: the beats are chained without a handler between them.
      if (!isDatabaseUnavailable(error)) ctx.logger.warn({ err: error, analysisId: id }, 'network analysis heartbeat failed');
    }
  };
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  signal.addEventListener('abort', onOuterAbort);
  const timer = setInterval(() => {
    writing = writing.then(beat, beat);
  }, HEARTBEAT_MS);
  timer.unref();
  const report = (share: number) => {
    progress = Math.min(0.99, Math.max(progress, share));
    const now = Date.now();
    if (now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    writing = writing.then(beat, beat);
  };

  try {
    const scenarioShare = job.budget === null ? 1 : 0.6;
    const scenario = await runScenario(job.network, job.scenario, {
      signal: controller.signal,
      onProgress: ({ done, total }) => report(total === 0 ? scenarioShare : (scenarioShare * done) / total),
    });
    const mitigations =
      job.budget === null
        ? null
        : await rankMitigations(job.network, scenario, {
            budget: job.budget,
            // The best structural candidates first; each costs a re-run of the scenario.
            maxCandidates: MAX_MITIGATION_CANDIDATES,
            signal: controller.signal,
            onProgress: ({ done, total }) => report(scenarioShare + (total === 0 ? 1 - scenarioShare : ((1 - scenarioShare) * done) / total)),
          });
    await writing.catch(() => {});
    await recordEnd({ status: 'done', progress: 1, result: JSON.stringify({ scenario, mitigations }), finished_at: ctx.now(), heartbeat_at: new Date() });
  } catch (error) {
    await writing.catch(() => {});
    if (signal.aborted && signal.reason === SHUTDOWN) {
      await stillRunning({ status: 'failed', error: INTERRUPTED, finished_at: ctx.now() });
      return;
    }
    if ((error as Error)?.name === 'AbortError' || controller.signal.aborted) {
      // Cancelled (the row already says so) or deleted: nothing more to record.
      await recordEnd({ status: 'cancelled', finished_at: ctx.now() });
      return;
    }
    const message = error instanceof AppError ? `${error.detail ?? error.code}${error.errors.length ? `: ${error.errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`).join('; ')}` : ''}` : 'the analysis failed; the error is in the server log';
    if (!(error instanceof AppError)) ctx.logger.error({ err: error, analysisId: id }, 'network analysis failed');
    await recordEnd({ status: 'failed', error: message.slice(0, 2000), finished_at: ctx.now() });
  } finally {
    clearInterval(timer);
    signal.removeEventListener('abort', onOuterAbort);
  }
}

/**
 * Marks analyses that cannot be running any more as failed (interrupted). At start on the
 * embedded store (one process per data folder) every queued or running one is; on PostgreSQL,
 * where other server instances may be running theirs, those with a stale heartbeat.
 */
export async function failInterruptedAnalyses(ctx: AppContext, options: { all?: boolean } = {}): Promise<number> {
  const staleBefore = new Date(Date.now() - STALE_MS);
  return failLiveAnalyses(ctx.store.db, { error: INTERRUPTED, finishedAt: ctx.now(), staleBefore: options.all ? null : staleBefore, except: [...runs(ctx).keys()] });
}

/** Called once when a server starts. */
export async function recoverAnalysesAtStart(ctx: AppContext): Promise<number> {
  return failInterruptedAnalyses(ctx, { all: ctx.store.kind === 'pglite' });
}
