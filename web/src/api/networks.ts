// Supply networks (supply-resilience.md): API calls and their types, for the Networks pages. The
// types are the contract's (./contract.ts), except the analysis results: the document states a
// run's result as an open object, so the report shapes below are written out here.
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

// ---- Hand-written: an analysis's result (Analysis.result is an open object in the document).

export interface CountryShare {
  country: string | null;
  ofConcern: boolean;
  critical: number;
  criticalShare: number;
  upstream: number;
  upstreamShare: number;
}

export interface StructuralReport {
  summary: NetworkSummary;
  countriesOfConcern: string[];
  endItems: Array<{ id: string; programs: string[]; criticalCount: number; critical: string[]; truncated: boolean }>;
  singlePointsOfFailure: { total: number; items: Array<{ id: string; kind: string; country: string | null; part: string; endItemCount: number; endItems: string[]; programs: string[] }> };
  criticalNodeIds: string[];
  soleSourceParts: { total: number; items: Array<{ node: string; part: string; source: string; sourceCountry: string | null }> };
  singleCountryParts: { total: number; items: Array<{ node: string; part: string; country: string; sources: number }> };
  countryExposure: {
    countriesOfConcernNotFound: string[];
    programs: Array<{
      program: string;
      endItems: string[];
      criticalCount: number;
      upstreamCount: number;
      byCountry: CountryShare[];
      ofConcern: { critical: number; criticalShare: number; upstream: number; upstreamShare: number };
      producibleWithoutCountriesOfConcern: boolean;
      producibleWithout: Array<{ country: string; producible: boolean }>;
      meanConcentration: number | null;
    }>;
  };
  stats: { killDagEdges: number; criticalPairs: number; millis: number };
}

export interface DisruptionRow {
  nodeId: string;
  label: string;
  nodeIds: string[];
  tts: number | null;
  ttsAtLeastHorizon: boolean;
  ttr: number;
  survives: boolean;
  lostValue: number;
  lostByEndItem: Record<string, number>;
  riskExposureIndex: number;
  status: string;
  method: string;
  message?: string;
}

export interface ScenarioResult {
  scenario: { kind: string; name: string; horizonDays: number };
  networkName: string | null;
  horizonDays: number;
  baseTts: number | null;
  rows: DisruptionRow[];
  programs: Array<{ program: string; endItems: string[]; worstLostUnits: number; worstLostValue: number; worstNodeId: string | null; rowsWithLoss: number }>;
  warnings: string[];
  stats: Record<string, unknown>;
  timings: { totalMs: number };
}

export interface RankedMitigation {
  mitigation: { type: string; [key: string]: unknown };
  description: string;
  cost: number;
  reduction: number;
  score: number;
}

export interface MitigationPlan {
  budget: number;
  baselineLostValue: number;
  ranked: RankedMitigation[];
  chosen: Array<RankedMitigation & { lostValueAfter: number; cumulativeCost: number }>;
  totalCost: number;
  lostValueAfter: number;
}

export type AnalysisStatus = Schema<'Analysis'>['status'];

/** An analysis whose result the caller names (R: StructuralReport, or a scenario run's result). */
export type Analysis<R = unknown> = Omit<Schema<'Analysis'>, 'result'> & { result?: R | null };

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
  /** A run with its result, read as R (the document states the result as an open object). */
  analysis: <R>(id: string, analysisId: string) => call(client.GET('/networks/{id}/analyses/{analysisId}', analysisPath(id, analysisId))) as Promise<Analysis<R>>,
  structural: (id: string, countriesOfConcern?: string[]) =>
    call(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'structural', ...(countriesOfConcern ? { countriesOfConcern } : {}) } })) as Promise<Analysis<StructuralReport>>,
  runScenario: (id: string, choice: ScenarioChoice, budget?: number) =>
    call(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'scenario', ...choice, ...(budget !== undefined ? { budget } : {}) } })),
  cancel: (id: string, analysisId: string) => call(client.POST('/networks/{id}/analyses/{analysisId}/cancel', analysisPath(id, analysisId))),
  scenarios: () => call(client.GET('/scenarios')),
};
