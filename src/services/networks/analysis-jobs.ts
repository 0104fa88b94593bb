// Scenario and mitigation runs as jobs of the PostgreSQL job queue (issue #14; supply-resilience.md
// §4–§6 for what is computed). A run is a chain of jobs, each of which any process that reaches
// the database may take (`sosa serve` unless SOSA_WORKERS=0, and `sosa worker`):
//   plan        marks the run running, prepares it, solves the certificates (which rows a shortcut
//               answers) and, in one transaction, keeps the plan, adds the chunks of open rows and
//               queues a chunk job for each;
//   chunk       solves its rows and keeps their solves; whoever keeps the last one combines the
//               run (under a row lock, once) and ends it, or queues the mitigation job;
//   mitigations ranks the mitigations (§6) on the combined result, as one job, and ends the run;
//   dead        a job failed on every try (its workers died, or it failed): the run is failed.
// The network_analyses row stays the truth, as for a run in this process (analysis-runner.ts):
// every job first checks that the run is still running, a cancel wins over a late result, and
// progress is the rows solved in all chunks. A worker SIGKILLed mid-chunk loses nothing kept:
// its job expires (SOSA_JOB_EXPIRE_SECONDS) and another worker solves the chunk again.
import { hostname } from 'node:os';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { loadScenarioSteps, parseScenario, rankMitigations, type RowSolve, type Scenario, type ScenarioPlan, type ScenarioResult } from '../../analytics/disruption/index.js';
import { AppError } from '../../domain/errors.js';
import { claimChunk, findQueuedRun, findQueuedRunStatus, lockSolvedChunks, recordChunkProgress, saveChunkSolved, savePlanAndChunks, saveScenarioResult, updateQueuedProgress } from '../../store/analysis-jobs.repository.js';
import type { Db } from '../../store/executor.js';
import { openJobQueue, type JobQueue, type QueueJob } from '../../store/job-queue.js';
import { markAnalysisRunning, updateLiveAnalysis, updateRunningAnalysis, type AnalysisChanges } from '../../store/network-analyses.repository.js';
import type { AppContext } from '../context.js';
import { retryWhileDatabaseUnavailable } from '../database-outage.js';
import { HEARTBEAT_MS, MAX_MITIGATION_CANDIDATES, trackJob } from './analysis-runner.js';

const QUEUES = { plan: 'analysis-plan', chunk: 'analysis-chunk', mitigations: 'analysis-mitigations', dead: 'analysis-dead' } as const;
/** The scenario's share of a run's progress when mitigations follow (as in this process). */
const SCENARIO_SHARE_WITH_MITIGATIONS = 0.6;
const PROGRESS_EVERY_MS = 400;
/** Planned runs whose model and plan a process keeps for the chunks it works (most recent first out last). */
const PLANNED_RUNS_KEPT = 4;
const RECORD_MAX_WAIT_MS = 10 * 60_000;
export const INTERRUPTED_ON_WORKERS = 'interrupted: a part of the analysis failed on every try (its workers stopped or failed); see the workers’ logs';

interface RunJob {
  analysisId: string;
}
interface ChunkJob extends RunJob {
  chunk: number;
}

/** The queue of analysis jobs of a process on PostgreSQL. */
export interface AnalysisQueue {
  /** Queues a new run's first job in the transaction that inserts it. */
  enqueueRun(trx: Db, analysisId: string): Promise<void>;
  /** Slots of this process working jobs (0: it only queues). */
  readonly slots: number;
  stop(): Promise<void>;
}

/**
 * Opens the queue; with `slots` > 0 this process works analysis jobs, that many at once (each
 * with one LP thread of the process' pool).
 */
export async function startAnalysisQueue(ctx: AppContext, options: { slots: number }): Promise<AnalysisQueue> {
  if (!ctx.config.databaseUrl) throw new Error('the analysis job queue needs PostgreSQL (DATABASE_URL)');
  const queue = await openJobQueue(
    {
      databaseUrl: ctx.config.databaseUrl,
      expireSeconds: ctx.config.jobExpireSeconds,
      retryLimit: 5,
      pollingSeconds: 1,
      onError: (error) => ctx.logger.warn({ reason: error.message }, 'analysis job queue: database error (retrying)'),
    },
    [{ name: QUEUES.dead }, { name: QUEUES.plan, deadLetter: QUEUES.dead }, { name: QUEUES.chunk, deadLetter: QUEUES.dead }, { name: QUEUES.mitigations, deadLetter: QUEUES.dead }],
  );
  const worker = new JobWorker(ctx, queue, Math.max(1, options.slots));
  if (options.slots > 0) {
    await queue.work<RunJob>(QUEUES.plan, options.slots, (job) => worker.plan(job));
    await queue.work<ChunkJob>(QUEUES.chunk, options.slots, (job) => worker.chunk(job));
    await queue.work<RunJob>(QUEUES.mitigations, options.slots, (job) => worker.mitigations(job));
    await queue.work<RunJob>(QUEUES.dead, 1, (job) => worker.dead(job));
  }
  return {
    slots: options.slots,
    async enqueueRun(trx, analysisId) {
      await queue.send<RunJob>(trx, QUEUES.plan, { analysisId });
    },
    async stop() {
      // The jobs this process works stop now and fail, so other workers retry them at once.
      worker.stopping = true;
      for (const controller of worker.active) controller.abort(SHUTDOWN);
      await queue.stop(ctx.config.shutdownGraceSeconds * 1000);
    },
  };
}

const SHUTDOWN = 'shutdown';
const EXPIRED = 'expired';

interface LoadedRun {
  network: SupplyNetwork;
  scenario: Scenario;
  budget: number | null;
  plan: ScenarioPlan | null;
  scenarioResult: ScenarioResult | null;
  startedAt: Date | null;
}

/** What never changes once a run is planned: its network model, scenario, budget and plan. */
type PlannedRun = Pick<LoadedRun, 'network' | 'scenario' | 'budget'> & { plan: ScenarioPlan };

class JobWorker {
  readonly active = new Set<AbortController>();
  stopping = false;
  private readonly name = `${hostname()}:${process.pid}`;
  /**
   * Runs planned here or whose chunks were worked here, by analysis: a chunk of a run in this map
   * reads only the run's status, not its model and plan again (a 2,500-node model is 0.9 MB of
   * JSON, its plan 0.25 MB: read and parsed for every chunk, and again to see whether it was the
   * last, they cost more than a small chunk's solves). The model and the plan never change once
   * the plan is kept, so a copy is never stale; the status is read each time.
   */
  private readonly planned = new Map<string, PlannedRun>();
  constructor(
    private readonly ctx: AppContext,
    private readonly queue: JobQueue,
    private readonly threads: number,
  ) {}

  private get db() {
    return this.ctx.store.db;
  }

  private keep(analysisId: string, run: PlannedRun): void {
    this.planned.delete(analysisId);
    this.planned.set(analysisId, run);
    for (const old of this.planned.keys()) if (this.planned.size > PLANNED_RUNS_KEPT) this.planned.delete(old);
  }

  /** A running run's model and plan (from this process' copy when it has one); null when it ended or is not planned. */
  private async loadPlanned(analysisId: string): Promise<(PlannedRun & { startedAt: Date | null }) | null> {
    const kept = this.planned.get(analysisId);
    if (kept) {
      const state = await findQueuedRunStatus(this.db, analysisId);
      if (state?.status === 'running') return { ...kept, startedAt: state.started_at ? new Date(state.started_at) : null };
      this.planned.delete(analysisId);
      return null;
    }
    const run = await this.load(analysisId, 'running');
    if (!run?.plan) return null;
    const planned = { network: run.network, scenario: run.scenario, budget: run.budget, plan: run.plan };
    this.keep(analysisId, planned);
    return { ...planned, startedAt: run.startedAt };
  }

  /** The run, if it is still live; its first job marks it running. */
  private async load(analysisId: string, status: 'queued-or-running' | 'running'): Promise<LoadedRun | null> {
    const row = await findQueuedRun(this.db, analysisId);
    if (!row) return null;
    if (row.status === 'queued' && status === 'queued-or-running') {
      if (!(await markAnalysisRunning(this.db, analysisId, this.ctx.now(), new Date()))) return null;
    } else if (row.status !== 'running') return null;
    const parameters = row.parameters as { budget?: number | null };
    return {
      network: row.model as SupplyNetwork,
      scenario: parseScenario(row.scenario),
      budget: parameters.budget ?? null,
      plan: (row.job_plan as ScenarioPlan | null) ?? null,
      scenarioResult: (row.job_scenario_result as ScenarioResult | null) ?? null,
      startedAt: row.started_at ? new Date(row.started_at) : null,
    };
  }

  /**
   * Runs one job's work with a signal that aborts on shutdown, on the job's expiry (pg-boss has
   * failed it by then: another worker takes it) and when the run stops being live (a cancel,
   * seen by the heartbeat). A cancelled run's job ends quietly; any other abort fails the job.
   */
  private async guarded(analysisId: string, job: QueueJob<object>, work: (signal: AbortSignal, beat: () => Promise<boolean>) => Promise<void>): Promise<void> {
    if (this.stopping) throw new Error('this worker is stopping');
    const controller = new AbortController();
    this.active.add(controller);
    const untrack = trackJob(this.ctx, analysisId, controller);
    const expiry = setTimeout(() => controller.abort(EXPIRED), Math.max(1, job.expireInSeconds - 0.5) * 1000);
    let live = true;
    const beat = async () => {
      try {
        live = await updateRunningAnalysis(this.db, analysisId, { heartbeat_at: new Date() });
        if (!live) controller.abort();
      } catch {
        // The database is away: the run goes on, the job's last writes wait for it.
      }
      return live;
    };
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    timer.unref();
    try {
      await work(controller.signal, beat);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason !== SHUTDOWN && controller.signal.reason !== EXPIRED) return; // cancelled
      if (error instanceof AppError) {
        // The run itself is wrong (not the worker): no retry can help.
        await this.end(analysisId, { status: 'failed', error: describe(error), finished_at: this.ctx.now() });
        return;
      }
      if (!controller.signal.aborted) this.ctx.logger.error({ err: error, analysisId }, 'analysis job failed (it is retried)');
      throw error;
    } finally {
      clearInterval(timer);
      clearTimeout(expiry);
      untrack();
      this.active.delete(controller);
    }
  }

  private recorded<T>(write: () => Promise<T>): Promise<T> {
    return retryWhileDatabaseUnavailable(write, { maxMs: RECORD_MAX_WAIT_MS });
  }

  private end(analysisId: string, values: AnalysisChanges): Promise<boolean> {
    return this.recorded(() => updateRunningAnalysis(this.db, analysisId, { ...values, heartbeat_at: new Date() }));
  }

  async plan(job: QueueJob<RunJob>): Promise<void> {
    const { analysisId } = job.data;
    const run = await this.load(analysisId, 'queued-or-running');
    if (!run || run.plan) return; // ended, or planned by an earlier try whose job did not complete
    await this.guarded(analysisId, job, async (signal) => {
      const steps = await loadScenarioSteps();
      const plan = await steps.planScenarioRun(run.network, run.scenario, { threads: this.threads, signal });
      const chunks = steps.chunkOpenRows(plan, this.ctx.config.chunkRows);
      const kept = await this.recorded(() =>
        this.db.transaction().execute(async (trx) => {
          if (!(await savePlanAndChunks(trx, analysisId, plan, chunks))) return false;
          for (let chunk = 0; chunk < chunks.length; chunk++) await this.queue.send<ChunkJob>(trx, QUEUES.chunk, { analysisId, chunk });
          return true;
        }),
      );
      if (!kept) return;
      this.keep(analysisId, { network: run.network, scenario: run.scenario, budget: run.budget, plan });
      await updateQueuedProgress(this.db, { analysisId, ...this.shares(run, plan) });
      if (chunks.length === 0) await this.combine(analysisId);
    });
  }

  private shares(run: Pick<LoadedRun, 'budget'>, plan: ScenarioPlan) {
    const totalRows = plan.outcomes.length;
    return { share: run.budget === null ? 1 : SCENARIO_SHARE_WITH_MITIGATIONS, shortcutRows: totalRows - plan.open.length, totalRows };
  }

  async chunk(job: QueueJob<ChunkJob>): Promise<void> {
    const { analysisId, chunk } = job.data;
    const run = await this.loadPlanned(analysisId);
    if (!run) return; // ended (cancelled: the chunks left are not worked)
    const plan = run.plan;
    const claimed = await claimChunk(this.db, analysisId, chunk, this.name);
    if (claimed) {
      await this.guarded(analysisId, job, async (signal) => {
        let lastWrite = 0;
        let writing: Promise<unknown> = Promise.resolve();
        const shares = this.shares(run, plan);
        const steps = await loadScenarioSteps();
        const solved = await steps.solveScenarioChunk(run.network, run.scenario, plan, claimed.row_indexes as number[], {
          threads: this.threads,
          signal,
          key: analysisId,
          onProgress: (rowsDone) => {
            if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
            lastWrite = Date.now();
            const write = () => recordChunkProgress(this.db, { analysisId, chunk, rowsDone, ...shares }).then((live) => live, () => true);
            writing = writing.then(write, write);
          },
        });
        await writing;
        await this.recorded(() => saveChunkSolved(this.db, analysisId, chunk, solved));
        await updateQueuedProgress(this.db, { analysisId, ...shares }).catch(() => {});
      });
    }
    // Also when an earlier try kept the solves but died before combining.
    await this.combine(analysisId);
  }

  /** Combines a run whose chunks are all solved (once, whoever gets there first). */
  private async combine(analysisId: string): Promise<void> {
    const run = await this.loadPlanned(analysisId);
    if (!run) return;
    const plan = run.plan;
    const steps = await loadScenarioSteps();
    await this.recorded(() =>
      this.db.transaction().execute(async (trx) => {
        const chunks = await lockSolvedChunks(trx, analysisId);
        if (!chunks) return;
        const solved = (chunks as RowSolve[][]).flat();
        const elapsed = run.startedAt ? Date.now() - run.startedAt.getTime() : 0;
        const scenario = steps.combineScenarioRun(run.network, run.scenario, plan, solved, { workers: this.threads, totalMs: elapsed, solveMs: Math.max(0, elapsed - plan.prepareMs) });
        if (run.budget === null) {
          await updateRunningAnalysis(trx, analysisId, { status: 'done', progress: 1, result: JSON.stringify({ scenario, mitigations: null }), finished_at: this.ctx.now(), heartbeat_at: new Date() });
          return;
        }
        await saveScenarioResult(trx, analysisId, scenario, SCENARIO_SHARE_WITH_MITIGATIONS);
        await this.queue.send<RunJob>(trx, QUEUES.mitigations, { analysisId });
      }),
    );
  }

  async mitigations(job: QueueJob<RunJob>): Promise<void> {
    const { analysisId } = job.data;
    const run = await this.load(analysisId, 'running');
    if (!run?.scenarioResult || run.budget === null) return;
    const { scenarioResult, budget } = run;
    await this.guarded(analysisId, job, async (signal, beat) => {
      let lastWrite = 0;
      const mitigations = await rankMitigations(run.network, scenarioResult, {
        budget,
        maxCandidates: MAX_MITIGATION_CANDIDATES,
        workers: this.threads,
        signal,
        onProgress: ({ done, total }) => {
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          const progress = Math.min(0.99, SCENARIO_SHARE_WITH_MITIGATIONS + (total === 0 ? 0 : ((1 - SCENARIO_SHARE_WITH_MITIGATIONS) * done) / total));
          void updateRunningAnalysis(this.db, analysisId, { progress, heartbeat_at: new Date() }).catch(() => {});
        },
      });
      if (!(await beat())) return;
      await this.end(analysisId, { status: 'done', progress: 1, result: JSON.stringify({ scenario: scenarioResult, mitigations }), finished_at: this.ctx.now() });
    });
  }

  async dead(job: QueueJob<RunJob>): Promise<void> {
    const analysisId = job.data.analysisId;
    const failed = await this.recorded(() => updateLiveAnalysis(this.db, analysisId, { status: 'failed', error: INTERRUPTED_ON_WORKERS, finished_at: this.ctx.now() }));
    if (failed) this.ctx.logger.warn({ analysisId }, 'analysis failed: a job of it failed on every try');
  }
}

function describe(error: AppError): string {
  const fields = error.errors.length ? `: ${error.errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`).join('; ')}` : '';
  return `${error.detail ?? error.code}${fields}`.slice(0, 2000);
}
