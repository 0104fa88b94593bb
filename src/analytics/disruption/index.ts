// Public API of the disruption analytics (supply-resilience.md §4–§6), for the store, API and CLI.
//
//   SCENARIO_SCHEMA / Scenario / ScenarioInput / parseScenario   — §5 scenarios (zod, JSON-storable)
//   SCENARIO_PRESETS                                              — §5 preset templates
//   applyScenario(network, scenario)                              — base conditions + rows to evaluate
//   runScenario(network, scenario, options) → ScenarioResult      — §4 TTS + PI for every row, workers
//   rankMitigations(network, resultOrScenario, options) → plan    — §6 greedy under a budget
//
// Everything is pure (no I/O except worker threads); results are plain JSON.
import type { SupplyNetwork } from '../network/network-model.js';
import type { MitigationPlan, RankMitigationsOptions } from './mitigation-types.js';
import type { Scenario, ScenarioInput } from './scenario-presets.js';
import type { RunScenarioOptions, ScenarioResult } from './types.js';

export { SCENARIO_SCHEMA, SCENARIO_PRESETS, DISRUPTION_EVENT_SCHEMA, parseScenario, applyScenario } from './scenario-presets.js';
export type { Scenario, ScenarioInput, DisruptionEvent, AppliedScenario, Disruption } from './scenario-presets.js';
export type { DisruptionResult, DisruptionStatus, ProgramLoss, ProgressEvent, RunScenarioOptions, ScenarioResult, SolverStats } from './types.js';
export { DEFAULT_COST_MODEL } from './mitigation-types.js';
export { applyMitigation } from './mitigations.js';
export { runSequentialSweep } from './run-analysis.js';
export { closeLpWorkerPools } from './lp-worker-pool.js';
export { DEFAULT_TTR_DAYS } from './lp-network.js';
export { withWillemsDefaults, WILLEMS_DEFAULTS } from './willems-defaults.js';
export type { ChosenMitigation, CostModel, Mitigation, MitigationPlan, RankedMitigation, RankMitigationsOptions } from './mitigation-types.js';

/**
 * §4 for every row of the scenario (§5): TTS, TTR, survives, PI (lost value, lost units per end
 * item), risk exposure index. Throws AppError VALIDATION_FAILED for an invalid network or a
 * scenario that names unknown nodes/programs; solver trouble is a per-row status, never a throw.
 * Rejects with an error named 'AbortError' when `options.signal` aborts.
 */
export async function runScenario(network: SupplyNetwork, scenario: Scenario | ScenarioInput, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const { runScenarioImpl } = await import('./run-analysis.js');
  return runScenarioImpl(network, scenario, options);
}

/**
 * §6: candidate mitigations (second source for sole-source parts, buffer stock, relocation), each
 * scored by the reduction of the scenario's summed lost value per unit cost; greedy with
 * re-evaluation under `options.budget`. Async because it re-solves the LPs.
 */
export async function rankMitigations(network: SupplyNetwork, input: ScenarioResult | Scenario | ScenarioInput, options: RankMitigationsOptions): Promise<MitigationPlan> {
  const { rankMitigationsImpl } = await import('./mitigations.js');
  return rankMitigationsImpl(network, input, options);
}

// Issue #14: the steps of a run, for the job queue's workers (loaded only by them).
export type { ScenarioPlan, RowSolve } from './scenario-chunks.js';
export async function loadScenarioSteps() {
  return import('./scenario-chunks.js');
}
