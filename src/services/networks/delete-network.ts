import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { deleteNetworkRow, listNetworkAnalysisStatuses } from '../../store/networks.repository.js';
import type { AppContext } from '../context.js';
import { cancelLocalRuns } from './analysis-runner.js';
import { loadNetworkRow, NETWORK_WRITERS} from './network-access.js';

/** Deletes a network of the actor's nation and its analyses (running ones are stopped), audited. */
export async function deleteNetwork(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<void> {
  const analysisIds = await ctx.store.db.transaction().execute(async (trx) => {
    const row = await loadNetworkRow(trx, actor, id);
    const analyses = await listNetworkAnalysisStatuses(trx, id);
    await deleteNetworkRow(trx, id);
    await auditAs(trx, actor, {
      action: 'network.delete',
      entityType: 'supply_network',
      entityId: id,
      data: { name: row.name, nodes: row.node_count, edges: row.edge_count, analyses: analyses.length },
    });
    return analyses.filter((a) => a.status === 'queued' || a.status === 'running').map((a) => a.id);
  });
  cancelLocalRuns(ctx, analysisIds);
}
