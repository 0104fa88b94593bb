// Result and option types of the disruption analytics (supply-resilience.md §4–§6). All results
// are plain JSON (numbers, strings, arrays, records): `Infinity` never appears in a result — a
// time-to-survive at or beyond the horizon is reported as `tts: null` with `ttsAtLeastHorizon: true`.
import type { Scenario } from './scenario-presets.js';

/** Per-disruption outcome of the LPs. 'optimal' = both LPs solved (or proven by a shortcut). */
export type DisruptionStatus = 'optimal' | 'infeasible' | 'unbounded' | 'solver_error' | 'time_limit';

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
export interface DisruptionResult {
  /** The disruption's id: the node id for a single-node disruption, else e.g. 'country:CN'. */
  nodeId: string;
  label: string;
  /** Every node out in this disruption (beyond the scenario's base outages). */
  nodeIds: string[];
  /** §4 TTS in days; null when ≥ the horizon (reported as ∞) or when status ≠ 'optimal'. */
  tts: number | null;
  ttsAtLeastHorizon: boolean;
  /** Days the disruption lasts (the node's TTR, an event's days, or the horizon). */
  ttr: number;
  /** tts ≥ ttr. False when status ≠ 'optimal'. */
  survives: boolean;
  /** §4 PI: Σ_k w[k]·l[k] over the TTR window (0 when it survives). */
  lostValue: number;
  /** Units of each end item short over the TTR window (only end items with a shortfall). */
  lostByEndItem: Record<string, number>;
  /** Risk exposure index: lostValue / the worst row's lostValue (0 when no row loses anything). */
  riskExposureIndex: number;
  status: DisruptionStatus;
  /** How the answer was obtained. */
  method: 'lp' | 'certificate' | 'irrelevant';
  message?: string;
}

export interface ProgramLoss {
  program: string;
  endItems: string[];
  /** The worst row for this program: its lost units summed over the program's end items, and value. */
  worstLostUnits: number;
  worstLostValue: number;
  worstNodeId: string | null;
  /** Rows in which this program loses output. */
  rowsWithLoss: number;
}

export interface SolverStats {
  disruptions: number;
  ttsLps: number;
  piLps: number;
  /** Rows answered without their own LP (not upstream of any end item, or proven by a base-solution certificate). */
  shortcutRows: number;
  baseLps: number;
  errors: number;
  workers: number;
  method: 'fast' | 'baseline';
}

export interface ScenarioResult {
  scenario: Scenario;
  networkName: string | null;
  horizonDays: number;
  /** TTS of the scenario's base conditions with nothing else out (null = ≥ horizon). */
  baseTts: number | null;
  rows: DisruptionResult[];
  programs: ProgramLoss[];
  warnings: string[];
  stats: SolverStats;
  timings: { totalMs: number; prepareMs: number; solveMs: number };
}
