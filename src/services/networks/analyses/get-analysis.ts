import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/access/actor.js';
import { findAnalysisRow } from '../../../store/network-analyses.repository.js';
import type { AppContext } from '../../context.js';
import { failInterruptedAnalyses, isRunningHere, STALE_MS } from '../analysis-runner.js';
import { loadNetworkRow } from '../network-access.js';
import { present, type AnalysisView, type PresentedRow } from './present-analysis.js';
import { isUuid } from '../../../domain/uuid.js';

/** An analysis of a network the actor sees; one left running by a process that died reads as failed. */
export async function loadAnalysisRow(ctx: AppContext, actor: Actor, networkId: string, analysisId: string): Promise<PresentedRow & { runner: 'local' | 'queue'; username: string }> {
  await loadNetworkRow(ctx.store.db, actor, networkId);
  if (!isUuid(analysisId)) throw new AppError('NOT_FOUND', { detail: 'No such analysis.' });
  const read = () => findAnalysisRow(ctx.store.db, networkId, analysisId);
  let row = await read();
  if (!row) throw new AppError('NOT_FOUND', { detail: 'No such analysis.' });
  const stale = row.runner === 'local' && (row.status === 'queued' || row.status === 'running') && !isRunningHere(ctx, row.id) && (row.heartbeat_at === null || Date.now() - new Date(row.heartbeat_at).getTime() > STALE_MS);
  if (stale) {
    await failInterruptedAnalyses(ctx);
    row = (await read())!;
  }
  return row;
}

export async function getAnalysis(ctx: AppContext, { actor, networkId, analysisId }: { actor: Actor; networkId: string; analysisId: string }): Promise<AnalysisView> {
  return present(await loadAnalysisRow(ctx, actor, networkId, analysisId), actor, true);
}
