// Runs §4 TTS + PI for every row of a scenario (§5): the plain sequential per-row LP sweep
// (method 'baseline': a fresh CPLEX-LP-text solve per LP, every row, both LPs) and the fast
// path (method 'fast'):
//   1. prune nodes that feed no end item with demand (they cannot change any LP: their y, x can
//      be set to 0 in every solution) — rows made only of such nodes have the base answer;
//   2. certificates: solve the undisrupted TTS LP once (t0), plus up to 8 "spread" LPs at t = t0 (while they still certify ≥ 1 % of the open rows)
//      that minimise production at nodes not yet certified; every row whose nodes ship nothing
//      beyond their own inventory in one of these solutions has TTS = t0 exactly (see
//      `certifies` in time-to-survive.ts), and PI = 0 when t0 ≥ TTR; if t0 = 0 every row has TTS 0;
//   3. the other rows: one persistent HiGHS model per worker, bounds changed per row (warm start),
//      in the process' piscina worker threads (lp-worker-pool.ts); PI only for rows that do not survive (PI = 0 otherwise, proven).
// Both methods give the same numbers to solver tolerance (tested on random networks).
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { SupplyNetwork } from '../network/network-model.js';
import { buildLpNetwork, type LpNetwork } from './lp-network.js';
import { certify, type CertifyOutcome, type CertifyResult } from './certify.js';
import { LpRun } from './lp-worker-pool.js';
import { solveBatch, type LpTask } from './lp-worker.js';
import { applyScenario, parseScenario, type AppliedScenario, type Scenario, type ScenarioInput } from './scenario-presets.js';
import { buildLpForm, loadHighs, TextEngine, TOLERANCE, type RowRequest, type RowSolve } from './time-to-survive.js';
import type { DisruptionResult, ProgramLoss, RunScenarioOptions, ScenarioResult } from './types.js';

const now = () => Number(process.hrtime.bigint()) / 1e6;

export function abortError(signal?: AbortSignal): Error {
  const reason = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const error = new Error('The disruption analysis was cancelled', { cause: reason });
  error.name = 'AbortError';
  return error;
}

interface PlannedRow {
  id: string;
  label: string;
  nodes: number[];
  ttr: number;
  cap: number;
}

export interface PreparedScenario {
  scenario: Scenario;
  applied: AppliedScenario;
  lp: LpNetwork;
  rows: PlannedRow[];
}

export function prepareScenario(network: SupplyNetwork, input: Scenario | ScenarioInput): PreparedScenario {
  const scenario = parseScenario(input);
  const applied = applyScenario(network, scenario);
  const lp = buildLpNetwork(network, applied);
  const T = applied.horizonDays;
  const rows = applied.disruptions.map((d) => {
    let ttr: number;
    if (d.days === 'ttr') ttr = d.nodes.reduce((m, v) => Math.max(m, lp.ttr[v]!), 0);
    else ttr = d.days;
    return { id: d.id, label: d.label, nodes: d.nodes, ttr, cap: Math.max(T, ttr) };
  });
  return { scenario, applied, lp, rows };
}

type Outcome = CertifyOutcome;

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function solveInPool(pool: LpRun, task: Omit<LpTask, 'rows' | 'op'>, requests: RowRequest[], workers: number, onBatch: (count: number) => void): Promise<RowSolve[]> {
  const size = Math.max(1, Math.min(64, Math.ceil(requests.length / (workers * 8))));
  const batches = chunk(
    requests.map((r, i) => ({ r, i })),
    size,
  );
  const out: RowSolve[] = new Array(requests.length);
  await Promise.all(
    batches.map(async (batch) => {
      let solved: RowSolve[];
      try {
        solved = await pool.run<RowSolve[]>({ op: 'rows', ...task, rows: batch.map((b) => b.r) });
      } catch (error) {
        if (pool.aborted || (error as Error)?.name === 'AbortError') throw error;
        // A worker that died (e.g. out of memory) fails its batch's rows, not the whole run.
        const message = `worker failed: ${(error as Error)?.message ?? String(error)}`;
        solved = batch.map(({ r }) => ({ tts: null, cap: r.cap, ttr: r.ttr, survives: false, lostValue: 0, lost: [], status: 'solver_error' as const, message, ttsLps: 0, piLps: 0 }));
      }
      batch.forEach((b, j) => (out[b.i] = solved[j]!));
      if (!pool.aborted) onBatch(batch.length);
    }),
  );
  return out;
}

function toResult(prepared: PreparedScenario, row: PlannedRow, outcome: Outcome): DisruptionResult {
  const { lp } = prepared;
  const atLeast = outcome.status === 'optimal' && outcome.tts !== null && outcome.tts >= row.cap - TOLERANCE * Math.max(1, row.cap);
  const lostByEndItem: Record<string, number> = {};
  for (const [k, units] of outcome.lost) lostByEndItem[lp.ids[k]!] = units;
  const result: DisruptionResult = {
    nodeId: row.id,
    label: row.label,
    nodeIds: row.nodes.map((v) => lp.ids[v]!),
    tts: outcome.status === 'optimal' && outcome.tts !== null && !atLeast ? Math.max(0, outcome.tts) : null, // also turns −0 into 0
    ttsAtLeastHorizon: atLeast,
    ttr: row.ttr,
    survives: outcome.status === 'optimal' && outcome.survives,
    lostValue: Math.max(0, outcome.lostValue),
    lostByEndItem,
    riskExposureIndex: 0,
    status: outcome.status,
    method: outcome.method,
  };
  if (outcome.message !== undefined) result.message = outcome.message;
  return result;
}

/**
 * What the certificate step leaves for the row solves: plain JSON, so a queued run (issue #14)
 * stores it between its jobs and any process solves a chunk of the open rows from it.
 */
export interface ScenarioPlan {
  /** Per prepared row: the answer of a shortcut, or null for a row still to solve. */
  outcomes: Array<Outcome | null>;
  /** Per prepared row: a TTS proven by a certificate (only its PI LP runs), else null. */
  knownTts: Array<number | null>;
  baseTts: number | null;
  baseLps: number;
  /** The rows still to solve (indexes into the prepared rows), in order. */
  open: number[];
  method: 'fast' | 'baseline';
  timeLimitSeconds: number;
  prepareMs: number;
  planMs: number;
}

/** Step 2 of the fast path (the certificates) or the baseline's base solve; no row LP yet. */
export async function planScenario(prepared: PreparedScenario, options: { method: 'fast' | 'baseline'; timeLimitSeconds: number; pool: LpRun | null; prepareMs: number }): Promise<ScenarioPlan> {
  const started = now();
  const { lp, rows, applied } = prepared;
  const { method, timeLimitSeconds, pool } = options;
  const outcomes: Array<Outcome | null> = rows.map(() => null);
  const knownTts: Array<number | null> = rows.map(() => null);
  let baseTts: number | null;
  let baseLps: number;
  if (method === 'fast') {
    const certifyRows = rows.map((r) => ({ nodes: r.nodes, ttr: r.ttr, cap: r.cap }));
    const cert = pool
      ? await pool.run<CertifyResult>({ op: 'certify', lp, rows: certifyRows, horizonDays: applied.horizonDays, timeLimitSeconds })
      : await certify(lp, certifyRows, applied.horizonDays, timeLimitSeconds);
    cert.outcomes.forEach((o, i) => (outcomes[i] = o));
    cert.knownTts.forEach((t, i) => (knownTts[i] = t ?? null));
    baseTts = cert.baseTts;
    baseLps = cert.baseLps;
  } else {
    const highs = await loadHighs();
    const engine = new TextEngine(highs, buildLpForm(lp, false), { timeLimitSeconds });
    const base = engine.solveRow({ nodes: [], ttr: 0, cap: applied.horizonDays });
    baseTts = base.tts;
    baseLps = 1;
  }
  const open: number[] = [];
  rows.forEach((_, i) => {
    if (!outcomes[i]) open.push(i);
  });
  return { outcomes, knownTts, baseTts, baseLps, open, method, timeLimitSeconds, prepareMs: options.prepareMs, planMs: now() - started };
}

/** The LP requests of some of the plan's open rows (indexes into the prepared rows). */
export function rowRequests(prepared: PreparedScenario, plan: ScenarioPlan, rowIndexes: readonly number[]): RowRequest[] {
  return rowIndexes.map((i) => {
    const row = prepared.rows[i]!;
    const req: RowRequest = { nodes: row.nodes, ttr: row.ttr, cap: row.cap };
    const known = plan.knownTts[i];
    if (known !== null && known !== undefined) req.knownTts = known;
    return req;
  });
}

/** Solves rows of a plan: in the pool's threads, or in this thread (16 at a time, abortable between). */
export async function solveRows(
  prepared: PreparedScenario,
  plan: ScenarioPlan,
  rowIndexes: readonly number[],
  options: { pool: LpRun | null; workers: number; key: string; signal?: AbortSignal | undefined; onBatch: (count: number) => void },
): Promise<RowSolve[]> {
  const { pool, signal } = options;
  const requests = rowRequests(prepared, plan, rowIndexes);
  const task = { key: options.key, lp: prepared.lp, method: plan.method, timeLimitSeconds: plan.timeLimitSeconds };
  if (pool && requests.length > 0) return solveInPool(pool, task, requests, options.workers, options.onBatch);
  const solved: RowSolve[] = [];
  for (const batch of chunk(requests, 16)) {
    if (signal?.aborted) throw abortError(signal);
    solved.push(...(await solveBatch({ ...task, rows: batch })));
    options.onBatch(batch.length);
    await new Promise<void>((resolve) => setImmediate(resolve)); // let an abort land
  }
  if (signal?.aborted) throw abortError(signal);
  return solved;
}

/**
 * The result from the plan and the solves of its open rows (`solved[j]` answers `plan.open[j]`):
 * the same function whether the rows were solved here or in chunks by other processes.
 */
export function combineScenario(prepared: PreparedScenario, plan: ScenarioPlan, solved: readonly RowSolve[], meta: { workers: number; totalMs: number; solveMs: number }): ScenarioResult {
  const { lp, rows, applied } = prepared;
  const outcomes: Outcome[] = plan.outcomes.map((o) => o!);
  plan.open.forEach((i, j) => {
    const s = solved[j]!;
    const known = plan.knownTts[i];
    outcomes[i] = { ...s, method: known !== null && known !== undefined ? 'certificate' : 'lp' };
  });
  const results = rows.map((row, i) => toResult(prepared, row, outcomes[i]!));
  const worst = results.reduce((m, r) => Math.max(m, r.lostValue), 0);
  for (const r of results) r.riskExposureIndex = worst > 0 ? r.lostValue / worst : 0;

  const programs: ProgramLoss[] = lp.programs.map((p) => {
    const endIds = p.endItems.map((k) => lp.ids[k]!);
    let worstUnits = 0;
    let worstValue = 0;
    let worstNodeId: string | null = null;
    let rowsWithLoss = 0;
    for (const r of results) {
      let units = 0;
      let value = 0;
      for (let j = 0; j < endIds.length; j++) {
        const u = r.lostByEndItem[endIds[j]!] ?? 0;
        units += u;
        value += u * lp.value[p.endItems[j]!]!;
      }
      if (units > 0) rowsWithLoss++;
      if (value > worstValue || (value === worstValue && units > worstUnits)) {
        worstValue = value;
        worstUnits = units;
        worstNodeId = units > 0 ? r.nodeId : worstNodeId;
      }
    }
    return { program: p.name, endItems: endIds, worstLostUnits: worstUnits, worstLostValue: worstValue, worstNodeId, rowsWithLoss };
  });

  const sum = (f: (o: Outcome) => number) => outcomes.reduce((a, o) => a + f(o), 0);
  const baseTts = plan.baseTts;
  return {
    scenario: prepared.scenario,
    networkName: lp.name,
    horizonDays: applied.horizonDays,
    baseTts: baseTts === null || baseTts >= applied.horizonDays - TOLERANCE * applied.horizonDays ? null : baseTts,
    rows: results,
    programs,
    warnings: applied.warnings,
    stats: {
      disruptions: rows.length,
      ttsLps: sum((o) => o.ttsLps),
      piLps: sum((o) => o.piLps),
      shortcutRows: results.filter((r) => r.method !== 'lp').length,
      baseLps: plan.baseLps,
      errors: results.filter((r) => r.status !== 'optimal').length,
      workers: meta.workers,
      method: plan.method,
    },
    timings: { totalMs: meta.totalMs, prepareMs: plan.prepareMs, solveMs: meta.solveMs },
  };
}

export async function runScenarioImpl(network: SupplyNetwork, input: Scenario | ScenarioInput, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const started = now();
  const { signal, onProgress } = options;
  const method = options.method ?? 'fast';
  const timeLimitSeconds = options.timeLimitSeconds ?? 60;
  if (signal?.aborted) throw abortError(signal);
  const prepared = prepareScenario(network, input);
  const { rows } = prepared;
  const total = rows.length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    onProgress?.({ done, total });
  };
  const prepareEnd = now();
  const workers = options.workers ?? (rows.length <= 20 ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 4)));
  const pool = workers > 0 ? await LpRun.open(workers, signal, abortError) : null;
  let plan: ScenarioPlan;
  let solved: RowSolve[];
  try {
    plan = await planScenario(prepared, { method, timeLimitSeconds, pool, prepareMs: prepareEnd - started });
    const shortcutRows = rows.length - plan.open.length;
    if (shortcutRows > 0) progress(shortcutRows);
    if (signal?.aborted) throw abortError(signal);
    solved = await solveRows(prepared, plan, plan.open, { pool, workers, key: randomUUID(), signal, onBatch: progress });
  } finally {
    await pool?.close();
  }
  const solveEnd = now();
  return combineScenario(prepared, plan, solved, { workers, totalMs: now() - started, solveMs: solveEnd - prepareEnd });
}

/** The baseline: the plain sequential per-row sweep (fresh LP per row, both LPs, no shortcuts, this thread). */
export function runSequentialSweep(network: SupplyNetwork, scenario: Scenario | ScenarioInput, options: Omit<RunScenarioOptions, 'workers' | 'method'> = {}): Promise<ScenarioResult> {
  return runScenarioImpl(network, scenario, { ...options, workers: 0, method: 'baseline' });
}
