// Result and option types of the disruption analytics (supply-resilience.md §4–§6). All results
// are plain JSON (numbers, strings, arrays, records): `Infinity` never appears in a result — a
// time-to-survive at or beyond the horizon is reported as `tts: null` with `ttsAtLeastHorizon: true`.
// Each result is declared once, as a zod schema (the API's response schema reuses it) with its type.
import { z } from 'zod';
import { COUNT } from '../result-numbers.js';
import { SCENARIO_SCHEMA } from './scenario-presets.js';

/** Per-disruption outcome of the LPs. 'optimal' = both LPs solved (or proven by a shortcut). */
export const DISRUPTION_STATUS_SCHEMA = z.enum(['optimal', 'infeasible', 'unbounded', 'solver_error', 'time_limit']);
export type DisruptionStatus = z.infer<typeof DISRUPTION_STATUS_SCHEMA>;

export interface ProgressEvent {
  done: number;
  total: number;
}

export interface RunScenarioOptions {
  onProgress?: (progress: ProgressEvent) => void;
  /** Aborting rejects the promise with an error named 'AbortError' and stops the worker pool. */
  signal?: AbortSignal;
  /** Worker threads; 0 = solve in this thread. Default: min(available cores − 1, 4), at least 1; 0 for ≤ 20 disruptions. */
  workers?: number;
  /**
   * 'fast' (default): structural and certificate shortcuts + one warm-started model per worker;
   * 'baseline': one fresh LP per disruption from CPLEX LP text (the plain per-node sweep).
   */
  method?: 'fast' | 'baseline';
  /** Seconds per LP solve (default 60). */
  timeLimitSeconds?: number;
}

/** One row: a node (or node set) out, under the scenario's base conditions. */
export const DISRUPTION_RESULT_SCHEMA = z.strictObject({
  /** The disruption's id: the node id for a single-node disruption, else e.g. 'country:CN'. */
  nodeId: z.string(),
  label: z.string(),
  /** Every node out in this disruption (beyond the scenario's base outages). */
  nodeIds: z.array(z.string()),
  /** §4 TTS in days; null when ≥ the horizon (reported as ∞) or when status ≠ 'optimal'. */
  tts: z.number().nullable().describe('Days; null when at or beyond the horizon (ttsAtLeastHorizon) or not solved'),
  ttsAtLeastHorizon: z.boolean(),
  /** Days the disruption lasts (the node's TTR, an event's days, or the horizon). */
  ttr: z.number(),
  /** tts ≥ ttr. False when status ≠ 'optimal'. */
  survives: z.boolean(),
  /** §4 PI: Σ_k w[k]·l[k] over the TTR window (0 when it survives). */
  lostValue: z.number(),
  /** Units of each end item short over the TTR window (only end items with a shortfall). */
  lostByEndItem: z.record(z.string(), z.number()),
  /** Risk exposure index: lostValue / the worst row's lostValue (0 when no row loses anything). */
  riskExposureIndex: z.number(),
  status: DISRUPTION_STATUS_SCHEMA,
  /** How the answer was obtained. */
  method: z.enum(['lp', 'certificate', 'irrelevant']),
  message: z.string().optional(),
});
export type DisruptionResult = z.infer<typeof DISRUPTION_RESULT_SCHEMA>;

export const PROGRAM_LOSS_SCHEMA = z.strictObject({
  program: z.string(),
  endItems: z.array(z.string()),
  /** The worst row for this program: its lost units summed over the program's end items, and value. */
  worstLostUnits: z.number(),
  worstLostValue: z.number(),
  worstNodeId: z.string().nullable(),
  /** Rows in which this program loses output. */
  rowsWithLoss: COUNT,
});
export type ProgramLoss = z.infer<typeof PROGRAM_LOSS_SCHEMA>;

export const SOLVER_STATS_SCHEMA = z.strictObject({
  disruptions: COUNT,
  ttsLps: COUNT,
  piLps: COUNT,
  /** Rows answered without their own LP (not upstream of any end item, or proven by a base-solution certificate). */
  shortcutRows: COUNT,
  baseLps: COUNT,
  errors: COUNT,
  workers: COUNT,
  method: z.enum(['fast', 'baseline']),
});
export type SolverStats = z.infer<typeof SOLVER_STATS_SCHEMA>;

export const SCENARIO_RESULT_SCHEMA = z.strictObject({
  scenario: SCENARIO_SCHEMA,
  networkName: z.string().nullable(),
  horizonDays: z.number(),
  /** TTS of the scenario's base conditions with nothing else out (null = ≥ horizon). */
  baseTts: z.number().nullable(),
  rows: z.array(DISRUPTION_RESULT_SCHEMA),
  programs: z.array(PROGRAM_LOSS_SCHEMA),
  warnings: z.array(z.string()),
  stats: SOLVER_STATS_SCHEMA,
  timings: z.strictObject({ totalMs: z.number(), prepareMs: z.number(), solveMs: z.number() }),
});
export type ScenarioResult = z.infer<typeof SCENARIO_RESULT_SCHEMA>;
