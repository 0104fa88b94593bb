import { summariseNetwork, type NetworkSummary } from '../../analytics/network/structural-report.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { usernameOf } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { loadNetworkRow, mayWrite } from './network-access.js';
import { networkHeader, type NetworkHeader } from './network-header.js';

export interface NetworkDetail extends NetworkHeader {
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
    ...networkHeader(row, creator ?? ''),
    summary: summariseNetwork(model),
    model,
    actions: mayWrite(actor) ? ['analyse', 'delete'] : [],
  };
}
