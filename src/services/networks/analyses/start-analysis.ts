import { randomUUID } from 'node:crypto';
import { structuralReport } from '../../../analytics/network/structural-report.js';
import { DEFAULT_NETWORK_CURRENCY, type SupplyNetwork } from '../../../analytics/network/network-model.js';
import { applyScenario, parseScenario, SCENARIO_PRESETS, type Scenario, type ScenarioInput } from '../../../analytics/disruption/index.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { countLiveAnalyses, findSavedScenarioDefinition, insertAnalysis } from '../../../store/network-analyses.repository.js';
import type { SupplyNetworkRow } from '../../../store/schema.js';
import type { AppContext } from '../../context.js';
import { startScenarioRun } from '../analysis-runner.js';
import { loadNetworkRow, NETWORK_WRITERS } from '../network-access.js';
import { MAX_LIVE_RUNS_PER_NATION, present, type AnalysisView, type PresetKey, type StartAnalysisInput } from './present-analysis.js';
import { isUuid } from '../../../domain/uuid.js';

/** Fills a §5 preset template with what this network names: its programs, its countries of concern. */
export function presetScenario(key: PresetKey, network: SupplyNetwork, countriesOfConcern: readonly string[]): ScenarioInput {
  const preset = structuredClone(SCENARIO_PRESETS[key]) as ScenarioInput;
  const programs = new Set<string>();
  for (const node of network.nodes) if (node.kind === 'endItem') for (const p of node.programs && node.programs.length ? node.programs : [node.id]) programs.add(p);
  const present = new Set(network.nodes.map((n) => n.country).filter((c): c is string => !!c));
  const concern = countriesOfConcern.filter((c) => present.has(c));
  if (preset.kind === 'emergency') {
    preset.surge = { ...preset.surge, programs: [...programs] };
    preset.regionCountries = concern;
  }
  if (preset.kind === 'armedConflict') preset.countriesOfConcern = concern;
  return preset;
}

async function resolveScenario(ctx: AppContext, actor: Actor, network: SupplyNetworkRow, input: Extract<StartAnalysisInput, { kind: 'scenario' }>): Promise<Scenario> {
  const given = [input.preset, input.scenarioId, input.scenario].filter((x) => x !== undefined).length;
  if (given !== 1) throw new AppError('VALIDATION_FAILED', { detail: 'Give exactly one of preset, scenarioId or scenario.', errors: [{ field: 'preset', message: 'give exactly one of preset, scenarioId or scenario' }] });
  let raw: unknown = input.scenario;
  if (input.preset) raw = presetScenario(input.preset, network.model as SupplyNetwork, network.countries_of_concern);
  if (input.scenarioId) {
    const saved = isUuid(input.scenarioId)
      ? await findSavedScenarioDefinition(ctx.store.db, actor.nation, input.scenarioId)
      : undefined;
    if (!saved) throw new AppError('VALIDATION_FAILED', { detail: 'No such saved scenario.', errors: [{ field: 'scenarioId', message: 'is not a saved scenario of your nation' }] });
    raw = saved.definition;
  }
  try {
    const scenario = parseScenario(raw);
    // Names the network does not have are refused now, not found failed later.
    applyScenario(network.model as SupplyNetwork, scenario);
    return scenario;
  } catch (error) {
    if (error instanceof AppError && input.scenario !== undefined) {
      throw new AppError(error.code, { detail: error.detail, errors: error.errors.map((e) => ({ field: `scenario/${e.field}`, message: e.message })), extra: error.extra });
    }
    throw error;
  }
}

/**
 * Structural analyses run at once (201, with the result); scenario analyses are queued and run
 * in the background (202): poll the analysis for status and progress.
 */
export async function startAnalysis(ctx: AppContext, { actor, networkId, input }: { actor: Actor; networkId: string; input: StartAnalysisInput }): Promise<{ analysis: AnalysisView; background: boolean }> {
  const network = await loadNetworkRow(ctx.store.db, actor, networkId, true);
  const id = randomUUID();
  const base = { id, network_id: network.id, nation: actor.nation, created_by: actor.userId };

  if (input.kind === 'structural') {
    const countriesOfConcern = input.countriesOfConcern ?? network.countries_of_concern;
    const result = structuralReport(network.model as SupplyNetwork, { countriesOfConcern, maxNodes: ctx.config.maxNetworkNodes });
    const now = ctx.now();
    const row = await ctx.store.db.transaction().execute(async (trx) => {
      const inserted = await insertAnalysis(trx, { ...base, kind: 'structural', scenario: null, parameters: JSON.stringify({ countriesOfConcern }), status: 'done', progress: 1, result: JSON.stringify(result), error: null, started_at: now, heartbeat_at: null, finished_at: now });
      await auditAs(trx, actor, { action: 'network.analysis.run', entityType: 'network_analysis', entityId: id, data: { networkId: network.id, kind: 'structural', countriesOfConcern, singlePointsOfFailure: result.singlePointsOfFailure.total } });
      return inserted;
    });
    return { analysis: present({ ...row, username: actor.username }, actor, true), background: false };
  }

  const scenario = await resolveScenario(ctx, actor, network, input);
  const budget = input.budget ?? null;
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    if ((await countLiveAnalyses(trx, actor.nation)) >= MAX_LIVE_RUNS_PER_NATION) {
      throw new AppError('CONFLICT', { detail: `${MAX_LIVE_RUNS_PER_NATION} scenario analyses of your nation are already running; wait for one to end or cancel one.` });
    }
    const queue = ctx.analysisQueue;
    const inserted = await insertAnalysis(trx, { ...base, runner: queue ? 'queue' : 'local', kind: 'scenario', scenario: JSON.stringify(scenario), parameters: JSON.stringify({ preset: input.preset ?? null, scenarioId: input.scenarioId ?? null, budget, currency: (network.model as SupplyNetwork).currency ?? DEFAULT_NETWORK_CURRENCY }), status: 'queued', progress: 0, result: null, error: null, started_at: null, heartbeat_at: new Date(), finished_at: null });
    // Queued in the same transaction: the run has its first job exactly when it exists.
    if (queue) await queue.enqueueRun(trx, id);
    await auditAs(trx, actor, { action: 'network.analysis.start', entityType: 'network_analysis', entityId: id, data: { networkId: network.id, kind: 'scenario', scenario: scenario.name, scenarioKind: scenario.kind, budget } });
    return inserted;
  });
  if (!ctx.analysisQueue) startScenarioRun(ctx, { analysisId: id, network: network.model as SupplyNetwork, scenario, budget });
  return { analysis: present({ ...row, username: actor.username }, actor, false), background: true };
}
