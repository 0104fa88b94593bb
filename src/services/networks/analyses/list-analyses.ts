import type { Actor } from '../../../domain/access/actor.js';
import { listAnalysisRows } from '../../../store/network-analyses.repository.js';
import type { AppContext } from '../../context.js';
import { failInterruptedAnalyses } from '../analysis-runner.js';
import { loadNetworkRow } from '../network-access.js';
import { present, type AnalysisView } from './present-analysis.js';

/** A network's analyses (without results), after marking those a crashed process left running as failed. */
export async function listAnalyses(ctx: AppContext, { actor, networkId }: { actor: Actor; networkId: string }): Promise<AnalysisView[]> {
  await loadNetworkRow(ctx.store.db, actor, networkId);
  await failInterruptedAnalyses(ctx);
  const rows = await listAnalysisRows(ctx.store.db, networkId);
  return rows.map((r) => present({ ...r, result: null }, actor, false));
}
