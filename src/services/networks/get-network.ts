import { summariseNetwork, type NetworkSummary } from '../../analytics/network/structural-report.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { usernameOf } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { loadNetworkRow, mayWrite } from './network-access.js';

export interface NetworkDetail {
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
  summary: Pick<NetworkSummary, 'nodes' | 'edges' | 'byKind' | 'endItems' | 'programs' | 'countries'>;
  model: SupplyNetwork;
  /** What the actor may do: analyse (structural and scenario runs), delete. */
  actions: Array<'analyse' | 'delete'>;
}

/** One network of the actor's nation with its model and a summary (404 for another nation's). */
export async function getNetwork(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<NetworkDetail> {
  const row = await loadNetworkRow(ctx.store.db, actor, id, true);
  const creator = await usernameOf(ctx.store.db, row.created_by);
  const model = row.model as SupplyNetwork;
  return {
    id: row.id,
    name: row.name,
    program: row.program,
    description: row.description,
    sourceFormat: row.source_format,
    nodeCount: row.node_count,
    edgeCount: row.edge_count,
    endItemCount: row.end_item_count,
    countriesOfConcern: row.countries_of_concern,
    createdBy: creator ?? '',
    createdAt: new Date(row.created_at).toISOString(),
    summary: summariseNetwork(model),
    model,
    actions: mayWrite(actor) ? ['analyse', 'delete'] : [],
  };
}
