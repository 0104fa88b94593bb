import { randomUUID } from 'node:crypto';
import { structuralReport } from '../../analytics/network/structural-report.js';
import { DEFAULT_NETWORK_CURRENCY, type SupplyNetwork } from '../../analytics/network/network-model.js';
import { applyScenario, parseScenario, SCENARIO_PRESETS, type Scenario, type ScenarioInput } from '../../analytics/disruption/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { NetworkAnalysisRow, SupplyNetworkRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { cancelLocalRuns, failInterruptedAnalyses, isRunningHere, STALE_MS, startScenarioRun } from './analysis-runner.js';
import { isUuid, loadNetworkRow, NETWORK_WRITERS, requireRole } from './network-access.js';

export type PresetKey = keyof typeof SCENARIO_PRESETS;
export const PRESET_KEYS = Object.keys(SCENARIO_PRESETS) as PresetKey[];

export type StartAnalysisInput =
  | { kind: 'structural'; countriesOfConcern?: string[] | undefined }
  | { kind: 'scenario'; preset?: PresetKey | undefined; scenarioId?: string | undefined; scenario?: unknown; budget?: number | undefined };

export interface AnalysisView {
  id: string;
  networkId: string;
  kind: 'structural' | 'scenario';
  status: NetworkAnalysisRow['status'];
  progress: number;
  scenario: unknown;
  parameters: Record<string, unknown>;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Only on the single read. */
  result?: unknown;
  actions: Array<'cancel'>;
}

/** Live scenario runs a nation may have at once (the machine's cores are shared). */
export const MAX_LIVE_RUNS_PER_NATION = 3;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function present(row: NetworkAnalysisRow & { username?: string }, actor: Actor, withResult: boolean): AnalysisView {
  const live = row.status === 'queued' || row.status === 'running';
  return {
    id: row.id,
    networkId: row.network_id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    scenario: row.scenario,
    parameters: row.parameters,
    error: row.error,
    createdBy: row.username ?? '',
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    ...(withResult ? { result: row.result } : {}),
    actions: live && actor.roles.some((r) => NETWORK_WRITERS.includes(r)) ? ['cancel'] : [],
  };
}

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
      ? await ctx.store.db.selectFrom('network_scenarios').select('definition').where('id', '=', input.scenarioId).where('nation', '=', actor.nation).executeTakeFirst()
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
  requireRole(actor, NETWORK_WRITERS);
  const network = await loadNetworkRow(ctx.store.db, actor, networkId, true);
  const id = randomUUID();
  const base = { id, network_id: network.id, nation: actor.nation, created_by: actor.userId };

  if (input.kind === 'structural') {
    const countriesOfConcern = input.countriesOfConcern ?? network.countries_of_concern;
    const result = structuralReport(network.model as SupplyNetwork, { countriesOfConcern, maxNodes: ctx.config.maxNetworkNodes });
    const now = ctx.now();
    const row = await ctx.store.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('network_analyses')
        .values({ ...base, kind: 'structural', scenario: null, parameters: JSON.stringify({ countriesOfConcern }), status: 'done', progress: 1, result: JSON.stringify(result), error: null, started_at: now, heartbeat_at: null, finished_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await auditAs(trx, actor, { action: 'network.analysis.run', entityType: 'network_analysis', entityId: id, data: { networkId: network.id, kind: 'structural', countriesOfConcern, singlePointsOfFailure: result.singlePointsOfFailure.total } });
      return inserted;
    });
    return { analysis: present({ ...row, username: actor.username }, actor, true), background: false };
  }

  const scenario = await resolveScenario(ctx, actor, network, input);
  const budget = input.budget ?? null;
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const live = await trx.selectFrom('network_analyses').select((eb) => eb.fn.countAll<number>().as('n')).where('nation', '=', actor.nation).where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
    if (Number(live.n) >= MAX_LIVE_RUNS_PER_NATION) {
      throw new AppError('CONFLICT', { detail: `${MAX_LIVE_RUNS_PER_NATION} scenario analyses of your nation are already running; wait for one to end or cancel one.` });
    }
    const inserted = await trx
      .insertInto('network_analyses')
      .values({ ...base, kind: 'scenario', scenario: JSON.stringify(scenario), parameters: JSON.stringify({ preset: input.preset ?? null, scenarioId: input.scenarioId ?? null, budget, currency: (network.model as SupplyNetwork).currency ?? DEFAULT_NETWORK_CURRENCY }), status: 'queued', progress: 0, result: null, error: null, started_at: null, heartbeat_at: new Date(), finished_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { action: 'network.analysis.start', entityType: 'network_analysis', entityId: id, data: { networkId: network.id, kind: 'scenario', scenario: scenario.name, scenarioKind: scenario.kind, budget } });
    return inserted;
  });
  startScenarioRun(ctx, { analysisId: id, network: network.model as SupplyNetwork, scenario, budget });
  return { analysis: present({ ...row, username: actor.username }, actor, false), background: true };
}

export async function listAnalyses(ctx: AppContext, { actor, networkId }: { actor: Actor; networkId: string }): Promise<AnalysisView[]> {
  await loadNetworkRow(ctx.store.db, actor, networkId);
  await failInterruptedAnalyses(ctx);
  const rows = await ctx.store.db
    .selectFrom('network_analyses')
    .innerJoin('users', 'users.id', 'network_analyses.created_by')
    .select([
      'network_analyses.id',
      'network_analyses.network_id',
      'network_analyses.nation',
      'network_analyses.kind',
      'network_analyses.status',
      'network_analyses.progress',
      'network_analyses.scenario',
      'network_analyses.parameters',
      'network_analyses.error',
      'network_analyses.created_by',
      'network_analyses.created_at',
      'network_analyses.started_at',
      'network_analyses.heartbeat_at',
      'network_analyses.finished_at',
      'network_analyses.cancel_requested',
      'users.username',
    ])
    .where('network_analyses.network_id', '=', networkId)
    .orderBy('network_analyses.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => present({ ...r, result: null }, actor, false));
}

async function loadAnalysisRow(ctx: AppContext, actor: Actor, networkId: string, analysisId: string): Promise<NetworkAnalysisRow & { username: string }> {
  await loadNetworkRow(ctx.store.db, actor, networkId);
  if (!isUuid(analysisId)) throw new AppError('NOT_FOUND', { detail: 'No such analysis.' });
  const read = () =>
    ctx.store.db
      .selectFrom('network_analyses')
      .innerJoin('users', 'users.id', 'network_analyses.created_by')
      .selectAll('network_analyses')
      .select('users.username')
      .where('network_analyses.id', '=', analysisId)
      .where('network_id', '=', networkId)
      .executeTakeFirst();
  let row = await read();
  if (!row) throw new AppError('NOT_FOUND', { detail: 'No such analysis.' });
  const stale = (row.status === 'queued' || row.status === 'running') && !isRunningHere(ctx, row.id) && (row.heartbeat_at === null || Date.now() - new Date(row.heartbeat_at).getTime() > STALE_MS);
  if (stale) {
    await failInterruptedAnalyses(ctx);
    row = (await read())!;
  }
  return row;
}

export async function getAnalysis(ctx: AppContext, { actor, networkId, analysisId }: { actor: Actor; networkId: string; analysisId: string }): Promise<AnalysisView> {
  return present(await loadAnalysisRow(ctx, actor, networkId, analysisId), actor, true);
}

/** Cancels a queued or running analysis at once (409 when it has already ended). */
export async function cancelAnalysis(ctx: AppContext, { actor, networkId, analysisId, reason }: { actor: Actor; networkId: string; analysisId: string; reason?: string | undefined }): Promise<AnalysisView> {
  requireRole(actor, NETWORK_WRITERS);
  const current = await loadAnalysisRow(ctx, actor, networkId, analysisId);
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('network_analyses')
      .set({ status: 'cancelled', cancel_requested: true, finished_at: ctx.now() })
      .where('id', '=', analysisId)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `The analysis has already ended (${current.status}).` });
    await auditAs(trx, actor, { action: 'network.analysis.cancel', entityType: 'network_analysis', entityId: analysisId, data: { networkId, progress: current.progress, ...(reason ? { reason } : {}) } });
    return updated;
  });
  cancelLocalRuns(ctx, [analysisId]);
  return present({ ...row, username: current.username }, actor, false);
}
