import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { updateLiveAnalysis } from '../../../store/network-analyses.repository.js';
import type { AppContext } from '../../context.js';
import { cancelLocalRuns } from '../analysis-runner.js';
import { NETWORK_WRITERS} from '../network-access.js';
import { loadAnalysisRow } from './get-analysis.js';
import { present, type AnalysisView } from './present-analysis.js';

/** Cancels a queued or running analysis at once (409 when it has already ended). */
export async function cancelAnalysis(ctx: AppContext, { actor, networkId, analysisId, reason }: { actor: Actor; networkId: string; analysisId: string; reason?: string | undefined }): Promise<AnalysisView> {
  const current = await loadAnalysisRow(ctx, actor, networkId, analysisId);
  const row = await ctx.store.db.transaction().execute(async (trx) => {
    const updated = await updateLiveAnalysis(trx, analysisId, { status: 'cancelled', cancel_requested: true, finished_at: ctx.now() });
    if (!updated) throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: `The analysis has already ended (${current.status}).` });
    await auditAs(trx, actor, { action: 'network.analysis.cancel', entityType: 'network_analysis', entityId: analysisId, data: { networkId, progress: current.progress, ...(reason ? { reason } : {}) } });
    return updated;
  });
  cancelLocalRuns(ctx, [analysisId]);
  return present({ ...row, username: current.username }, actor, false);
}
