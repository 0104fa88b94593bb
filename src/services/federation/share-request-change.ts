import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import type { Db, Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { requestBorderBody } from './request-border-body.js';

export interface SharedRequestRef {
  id: string;
  fromNation: string;
  toNation: string;
  arrangementId: string;
}

/** The peers of the request's other nation that share its arrangement (none on a shared deployment). */
export async function peersOfRequest(ctx: AppContext, db: Db, request: SharedRequestRef) {
  const own = ctx.config.nation;
  if (!own || (own !== request.fromNation && own !== request.toNation)) return [];
  const other = own === request.fromNation ? request.toNation : request.fromNation;
  return (await listPeers(db)).filter((p) => p.nation === other && p.arrangements.includes(request.arrangementId));
}

/**
 * After a step on a request, in its transaction (issue #13): on a sovereign instance, the
 * request as the other nation may see it goes to each peer of that nation that shares the
 * request's arrangement. A shared deployment (no SOSA_NATION) and an instance without such a
 * peer send nothing.
 */
export async function shareRequestChange(ctx: AppContext, trx: Tx, def: WorkflowDefinition, request: SharedRequestRef, kind: string, answers?: string): Promise<number> {
  const peers = await peersOfRequest(ctx, trx, request);
  let sent = 0;
  for (const peer of peers) {
    const projected = await requestBorderBody(trx, def, request.id, peer.nation);
    if (!projected) continue;
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind, object: { type: 'request', id: request.id, version: projected.version }, body: projected.body, ...(answers && peer.nation === request.fromNation ? { answers } : {}) });
    sent += 1;
  }
  return sent;
}
