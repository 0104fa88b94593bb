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
import { solveBatch, type CertifyTask, type LpTask } from './lp-worker.js';
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

export async function runScenarioImpl(network: SupplyNetwork, input: Scenario | ScenarioInput, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const started = now();
  const { signal, onProgress } = options;
  const method = options.method ?? 'fast';
  const timeLimitSeconds = options.timeLimitSeconds ?? 60;
  if (signal?.aborted) throw abortError(signal);
  const prepared = prepareScenario(network, input);
  const { lp, rows, applied } = prepared;
  const total = rows.length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    onProgress?.({ done, total });
  };
  const outcomes: Array<Outcome | null> = rows.map(() => null);
  const knownTts: Array<number | undefined> = rows.map(() => undefined);
  let baseTts: number | null = null;
  let baseLps = 0;
  const prepareEnd = now();
  const workers = options.workers ?? (rows.length <= 20 ? 0 : Math.max(1, Math.min(availableParallelism() - 1, 4)));
  const pool = workers > 0 ? await LpRun.open(workers, signal, abortError) : null;
  try {
    if (method === 'fast') {
      const certifyRows = rows.map((r) => ({ nodes: r.nodes, ttr: r.ttr, cap: r.cap }));
      const cert = pool
        ? await pool.run<CertifyResult>({ op: 'certify', lp, rows: certifyRows, horizonDays: applied.horizonDays, timeLimitSeconds })
        : await certify(lp, certifyRows, applied.horizonDays, timeLimitSeconds);
      cert.outcomes.forEach((o, i) => (outcomes[i] = o));
      cert.knownTts.forEach((t, i) => (knownTts[i] = t));
      baseTts = cert.baseTts;
      baseLps = cert.baseLps;
    } else {
      const highs = await loadHighs();
      const engine = new TextEngine(highs, buildLpForm(lp, false), { timeLimitSeconds });
      const base = engine.solveRow({ nodes: [], ttr: 0, cap: applied.horizonDays });
      baseTts = base.tts;
      baseLps = 1;
    }
    const shortcutRows = outcomes.filter((o) => o !== null).length;
    if (shortcutRows > 0) progress(shortcutRows);
    if (signal?.aborted) throw abortError(signal);

    const open: number[] = [];
    rows.forEach((_, i) => {
      if (!outcomes[i]) open.push(i);
    });
    const requests: RowRequest[] = open.map((i) => {
      const row = rows[i]!;
      const req: RowRequest = { nodes: row.nodes, ttr: row.ttr, cap: row.cap };
      if (knownTts[i] !== undefined) req.knownTts = knownTts[i]!;
      return req;
    });
    const task = { key: randomUUID(), lp, method, timeLimitSeconds };
    let solved: RowSolve[];
    if (pool && requests.length > 0) {
      solved = await solveInPool(pool, task, requests, workers, progress);
    } else {
      solved = [];
      const batchSize = 16;
      for (const batch of chunk(requests, batchSize)) {
        if (signal?.aborted) throw abortError(signal);
        solved.push(...(await solveBatch({ ...task, rows: batch })));
        progress(batch.length);
        await new Promise<void>((resolve) => setImmediate(resolve)); // let an abort land
      }
      if (signal?.aborted) throw abortError(signal);
    }
    open.forEach((i, j) => {
      const s = solved[j]!;
      outcomes[i] = { ...s, method: knownTts[i] !== undefined ? 'certificate' : 'lp' };
    });
  } finally {
    await pool?.close();
  }
  const solveEnd = now();

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

  const sum = (f: (o: Outcome) => number) => outcomes.reduce((a, o) => a + f(o!), 0);
  const end = now();
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
      baseLps,
      errors: results.filter((r) => r.status !== 'optimal').length,
      workers,
      method,
    },
    timings: { totalMs: end - started, prepareMs: prepareEnd - started, solveMs: solveEnd - prepareEnd },
  };
}

/** The baseline: the plain sequential per-row sweep (fresh LP per row, both LPs, no shortcuts, this thread). */
export function runSequentialSweep(network: SupplyNetwork, scenario: Scenario | ScenarioInput, options: Omit<RunScenarioOptions, 'workers' | 'method'> = {}): Promise<ScenarioResult> {
  return runScenarioImpl(network, scenario, { ...options, workers: 0, method: 'baseline' });
}
