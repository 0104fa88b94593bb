// Supply networks (supply-resilience.md): API calls and their types (the contract's, ./contract.ts),
// for the Networks pages.
import { call, client, query } from './client.js';
import type { Answer, Body, Schema } from './contract.js';

export type SupplyNetwork = Schema<'SupplyNetworkModel'>;
export type NetworkNode = SupplyNetwork['nodes'][number];
export type NetworkEdge = SupplyNetwork['edges'][number];
export type NodeKind = NetworkNode['kind'];

export type NetworkListItem = Schema<'NetworkListItem'>;
export type NetworkDetail = Schema<'NetworkDetail'>;
export type NetworkSummary = NetworkDetail['summary'];
export type ImportedNetwork = Schema<'ImportedNetwork'>;
export type ImportNetworkBody = Schema<'ImportNetwork'>;

// ---- An analysis's result: a union in the document; the page that asked names which one it reads.
export type StructuralReport = Schema<'StructuralReport'>;
export type CountryShare = StructuralReport['countryExposure']['programs'][number]['byCountry'][number];
export type ScenarioRunResult = Schema<'ScenarioRunResult'>;
export type ScenarioResult = Schema<'ScenarioResult'>;
export type DisruptionRow = Schema<'DisruptionRow'>;
export type MitigationPlan = Schema<'MitigationPlan'>;
export type RankedMitigation = Schema<'RankedMitigation'>;

export type AnalysisStatus = Schema<'Analysis'>['status'];

/** An analysis whose result the caller names (R: StructuralReport or ScenarioRunResult). */
export type Analysis<R extends Schema<'Analysis'>['result'] = Schema<'Analysis'>['result']> = Omit<Schema<'Analysis'>, 'result'> & { result?: R | null };

export type ScenarioPreset = Answer<'getScenarios'>['presets'][number];
export type SavedScenario = Schema<'SavedScenario'>;

type ScenarioStart = Extract<Body<'postNetworksByIdAnalyses'>, { kind: 'scenario' }>;
/** A preset or a saved scenario: one of the two. */
export type ScenarioChoice = { preset: NonNullable<ScenarioStart['preset']> } | { scenarioId: string };

const net = (id: string) => ({ params: { path: { id } } });
const analysisPath = (id: string, analysisId: string) => ({ params: { path: { id, analysisId } } });

export const networksApi = {
  list: (q?: string) => call(client.GET('/networks', { params: { query: query({ q }) } })),
  get: (id: string) => call(client.GET('/networks/{id}', net(id))),
  importNetwork: (body: ImportNetworkBody) => call(client.POST('/networks', { body })),
  remove: (id: string) => call(client.DELETE('/networks/{id}', net(id))),
  analyses: (id: string) => call(client.GET('/networks/{id}/analyses', net(id))),
  /** A run with its result, read as R: the caller knows which kind of run it asked for. */
  analysis: <R extends Analysis['result']>(id: string, analysisId: string) => call(client.GET('/networks/{id}/analyses/{analysisId}', analysisPath(id, analysisId))) as Promise<Analysis<R>>,
  structural: (id: string, countriesOfConcern?: string[]) =>
    call(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'structural', ...(countriesOfConcern ? { countriesOfConcern } : {}) } })) as Promise<Analysis<StructuralReport>>,
  runScenario: (id: string, choice: ScenarioChoice, budget?: number) =>
    call(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'scenario', ...choice, ...(budget !== undefined ? { budget } : {}) } })),
  cancel: (id: string, analysisId: string) => call(client.POST('/networks/{id}/analyses/{analysisId}/cancel', analysisPath(id, analysisId))),
  scenarios: () => call(client.GET('/scenarios')),
};
