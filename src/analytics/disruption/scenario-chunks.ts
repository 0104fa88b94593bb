// A scenario run cut into steps that different processes may take (issue #14, analysis on many
// workers): the plan (prepare + certificates), chunks of the rows still open solved anywhere, and
// the combination into one result. runScenarioImpl takes the same steps in one go, so a run split
// across workers gives the rows the in-process run gives (to solver tolerance: the warm start of
// a row's LP depends on the rows its thread solved before).
import type { SupplyNetwork } from '../network/network-model.js';
import { LpRun } from './lp-worker-pool.js';
import { abortError, combineScenario, planScenario, prepareScenario, solveRows, type PreparedScenario, type ScenarioPlan } from './run-analysis.js';
import type { Scenario } from './scenario-presets.js';
import type { RowSolve } from './time-to-survive.js';
import type { ScenarioResult } from './types.js';

export type { ScenarioPlan } from './run-analysis.js';
export type { RowSolve } from './time-to-survive.js';

interface StepOptions {
  /** LP threads of this process the step may use (the process' shared pool of that size). */
  threads: number;
  signal?: AbortSignal | undefined;
}

async function withPool<T>(options: StepOptions, work: (pool: LpRun | null) => Promise<T>): Promise<T> {
  if (options.signal?.aborted) throw abortError(options.signal);
  const pool = options.threads > 0 ? await LpRun.open(options.threads, options.signal, abortError) : null;
  try {
    return await work(pool);
  } finally {
    await pool?.close();
  }
}

/**
 * The prepared scenario of a network and scenario, made once per pair of objects: a worker that
 * keeps a run's model (analysis-jobs.ts) solves its chunks and combines them without preparing
 * the scenario again each time (a tenth of a second for 2,500 nodes). Nothing downstream changes
 * a prepared scenario; a new network or scenario object prepares anew.
 */
const preparedByNetwork = new WeakMap<SupplyNetwork, WeakMap<Scenario, PreparedScenario>>();
function prepared(network: SupplyNetwork, scenario: Scenario): PreparedScenario {
  let byScenario = preparedByNetwork.get(network);
  if (!byScenario) preparedByNetwork.set(network, (byScenario = new WeakMap()));
  let out = byScenario.get(scenario);
  if (!out) byScenario.set(scenario, (out = prepareScenario(network, scenario)));
  return out;
}

/** The plan of a run: which rows a shortcut answers, which stay open for the LPs. */
export function planScenarioRun(network: SupplyNetwork, scenario: Scenario, options: StepOptions & { timeLimitSeconds?: number }): Promise<ScenarioPlan> {
  const started = performance.now();
  const ready = prepared(network, scenario);
  const prepareMs = performance.now() - started;
  return withPool(options, (pool) => planScenario(ready, { method: 'fast', timeLimitSeconds: options.timeLimitSeconds ?? 60, pool, prepareMs }));
}

/** The open rows of a plan, cut in chunks of at most `size` rows (indexes into the prepared rows). */
export function chunkOpenRows(plan: ScenarioPlan, size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < plan.open.length; i += size) out.push(plan.open.slice(i, i + size));
  return out;
}

/**
 * Solves some open rows of a plan. `key` names the LP model a thread keeps between tasks: the
 * chunks of one run share it, so a thread builds the model once per run, not once per chunk.
 */
export function solveScenarioChunk(
  network: SupplyNetwork,
  scenario: Scenario,
  plan: ScenarioPlan,
  rowIndexes: readonly number[],
  options: StepOptions & { key: string; onProgress?: (rowsDone: number) => void },
): Promise<RowSolve[]> {
  const ready = prepared(network, scenario);
  let done = 0;
  return withPool(options, (pool) =>
    solveRows(ready, plan, rowIndexes, {
      pool,
      workers: options.threads,
      key: options.key,
      signal: options.signal,
      onBatch: (count) => options.onProgress?.((done += count)),
    }),
  );
}

/** The run's result from its plan and the solves of its open rows, in the plan's order. */
export function combineScenarioRun(network: SupplyNetwork, scenario: Scenario, plan: ScenarioPlan, solved: readonly RowSolve[], meta: { workers: number; totalMs: number; solveMs: number }): ScenarioResult {
  if (solved.length !== plan.open.length) throw new Error(`combineScenarioRun: ${solved.length} solves for ${plan.open.length} open rows`);
  return combineScenario(prepared(network, scenario), plan, solved, meta);
}
