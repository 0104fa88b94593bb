import type { AnalysisView } from '../../services/networks/analyses/present-analysis.js';
import type { NetworkDetail } from '../../services/networks/get-network.js';
import type { NetworkListItem } from '../../services/networks/list-networks.js';
import type { listScenarios, ScenarioView } from '../../services/networks/scenarios.js';
import type { SupplyNetworkRow } from '../../store/schema.js';
import type { AnalysisViewBody, ImportedNetworkView, NetworkDetailView, NetworkListItemView, SavedScenarioView, ScenarioListView } from './networks.schema.js';

// The declared shapes of networks.schema.ts, built from what the network use cases return. The
// model, scenarios, parameters and results are the analytics' own JSON objects and pass as they are.

/** POST /networks: the imported network without its model. */
export function presentImportedNetwork(row: Omit<SupplyNetworkRow, 'model'>): ImportedNetworkView {
  return { id: row.id, name: row.name, program: row.program, sourceFormat: row.source_format, nodeCount: row.node_count, edgeCount: row.edge_count, endItemCount: row.end_item_count, countriesOfConcern: row.countries_of_concern };
}

/** What a network's list row and its page both show about it. */
function networkHeader(n: NetworkListItem | NetworkDetail) {
  return {
    id: n.id,
    name: n.name,
    program: n.program,
    description: n.description,
    sourceFormat: n.sourceFormat,
    nodeCount: n.nodeCount,
    edgeCount: n.edgeCount,
    endItemCount: n.endItemCount,
    countriesOfConcern: n.countriesOfConcern,
    createdBy: n.createdBy,
    createdAt: n.createdAt,
  };
}

export function presentNetworkListItem(n: NetworkListItem): NetworkListItemView {
  return {
    ...networkHeader(n),
    lastAnalysis: n.lastAnalysis ? { id: n.lastAnalysis.id, kind: n.lastAnalysis.kind as 'structural' | 'scenario', status: n.lastAnalysis.status as NonNullable<NetworkListItemView['lastAnalysis']>['status'], createdAt: n.lastAnalysis.createdAt } : null,
  };
}

export function presentNetworkDetail(n: NetworkDetail): NetworkDetailView {
  return {
    ...networkHeader(n),
    summary: { nodes: n.summary.nodes, edges: n.summary.edges, byKind: { ...n.summary.byKind }, endItems: n.summary.endItems, programs: n.summary.programs, countries: n.summary.countries },
    model: n.model as NetworkDetailView['model'],
    actions: n.actions,
  };
}

export function presentAnalysis(a: AnalysisView): AnalysisViewBody {
  return {
    id: a.id,
    networkId: a.networkId,
    kind: a.kind,
    status: a.status,
    progress: a.progress,
    scenario: a.scenario as AnalysisViewBody['scenario'],
    parameters: a.parameters,
    error: a.error,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    // Only the single read (and a structural run, which answers with its result) carries it.
    ...('result' in a ? { result: a.result as AnalysisViewBody['result'] } : {}),
    actions: a.actions,
  };
}

export function presentSavedScenario(s: ScenarioView): SavedScenarioView {
  return { id: s.id, name: s.name, description: s.description, scenario: s.scenario as SavedScenarioView['scenario'], createdBy: s.createdBy, createdAt: s.createdAt };
}

export function presentScenarioList(l: Awaited<ReturnType<typeof listScenarios>>): ScenarioListView {
  return {
    presets: l.presets.map((p) => ({ key: p.key as ScenarioListView['presets'][number]['key'], scenario: p.scenario as ScenarioListView['presets'][number]['scenario'] })),
    saved: l.saved.map(presentSavedScenario),
  };
}
