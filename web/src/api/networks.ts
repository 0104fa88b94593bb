// Supply networks (supply-resilience.md): API calls and their types, for the Networks pages. The
// routes declare no answer yet (src/http/contract-pending.ts): the answers' types are hand-written
// until they do; the bodies are the contract's.
import { call, callPending, client, query } from './client.js';
import type { Schema } from './contract.js';

export type NodeKind = 'site' | 'part' | 'endItem';

export interface NetworkNode {
  id: string;
  kind: NodeKind;
  part?: string;
  country?: string;
  owner?: string;
  capacityPerDay?: number;
  inventory?: { unit: 'days' | 'units'; amount: number };
  leadTimeDays?: number;
  ttrDays?: number;
  unitCost?: number;
  demandPerDay?: number;
  programs?: string[];
  willems?: { classification: string; relDepth?: number; stageTime?: number; stageCost?: number; [key: string]: unknown };
}

export interface NetworkEdge {
  from: string;
  to: string;
  part?: string;
  quantity: number;
  route?: string;
}

export interface SupplyNetwork {
  name?: string;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NetworkListItem {
  id: string;
  name: string;
  program: string;
  description: string;
  sourceFormat: 'json' | 'willems';
  nodeCount: number;
  edgeCount: number;
  endItemCount: number;
  countriesOfConcern: string[];
  createdBy: string;
  createdAt: string;
  lastAnalysis: { id: string; kind: string; status: string; createdAt: string } | null;
}

export interface NetworkSummary {
  nodes: number;
  edges: number;
  byKind: Record<NodeKind, number>;
  endItems: number;
  programs: string[];
  countries: Array<{ country: string | null; nodes: number }>;
}

export interface NetworkDetail extends Omit<NetworkListItem, 'lastAnalysis'> {
  summary: NetworkSummary;
  model: SupplyNetwork;
  actions: Array<'analyse' | 'delete'>;
}

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

export type AnalysisStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Analysis<R = unknown> {
  id: string;
  networkId: string;
  kind: 'structural' | 'scenario';
  status: AnalysisStatus;
  progress: number;
  scenario: { kind: string; name: string } | null;
  parameters: Record<string, unknown>;
  error: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result?: R | null;
  actions: Array<'cancel'>;
}

export interface ScenarioPreset {
  key: 'peacetime' | 'emergency' | 'armedConflict';
  scenario: { kind: string; name: string };
}

export interface SavedScenario {
  id: string;
  name: string;
  description: string;
  scenario: { kind: string; name: string };
  createdBy: string;
  createdAt: string;
}

export type ImportNetworkBody = Schema<'ImportNetwork'>;

export type ScenarioChoice = { preset: ScenarioPreset['key'] } | { scenarioId: string };

const net = (id: string) => ({ params: { path: { id } } });
const analysisPath = (id: string, analysisId: string) => ({ params: { path: { id, analysisId } } });

export const networksApi = {
  list: (q?: string) => callPending<{ items: NetworkListItem[] }>(client.GET('/networks', { params: { query: query({ q }) } })),
  get: (id: string) => callPending<NetworkDetail>(client.GET('/networks/{id}', net(id))),
  importNetwork: (body: ImportNetworkBody) => callPending<NetworkListItem>(client.POST('/networks', { body })),
  remove: (id: string) => call(client.DELETE('/networks/{id}', net(id))),
  analyses: (id: string) => callPending<{ items: Analysis[] }>(client.GET('/networks/{id}/analyses', net(id))),
  analysis: <R>(id: string, analysisId: string) => callPending<Analysis<R>>(client.GET('/networks/{id}/analyses/{analysisId}', analysisPath(id, analysisId))),
  structural: (id: string, countriesOfConcern?: string[]) =>
    callPending<Analysis<StructuralReport>>(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'structural', ...(countriesOfConcern ? { countriesOfConcern } : {}) } })),
  runScenario: (id: string, choice: ScenarioChoice, budget?: number) =>
    callPending<Analysis>(client.POST('/networks/{id}/analyses', { ...net(id), body: { kind: 'scenario', ...choice, ...(budget !== undefined ? { budget } : {}) } })),
  cancel: (id: string, analysisId: string) => callPending<Analysis>(client.POST('/networks/{id}/analyses/{analysisId}/cancel', analysisPath(id, analysisId))),
  scenarios: () => callPending<{ presets: ScenarioPreset[]; saved: SavedScenario[] }>(client.GET('/scenarios')),
};
