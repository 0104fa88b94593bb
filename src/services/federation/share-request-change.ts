import type { WorkflowDefinition } from '../../domain/workflows/workflow-definition.js';
import { MESSAGE_KINDS } from '../../domain/federation/bodies.js';
import type { Db, Tx } from '../../store/executor.js';
import { latestOutboundHash, sentVersionsTo } from '../../store/federation-messages.repository.js';
import { listRequestsBetween } from '../../store/requests.repository.js';
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
 * peer send nothing. `onlyPeer`: to that peer alone (what a new peer is sent, below).
 */
export async function shareRequestChange(ctx: AppContext, trx: Tx, def: WorkflowDefinition, request: SharedRequestRef, kind: string, answers?: string, onlyPeer?: string): Promise<number> {
  const peers = (await peersOfRequest(ctx, trx, request)).filter((p) => onlyPeer === undefined || p.nation === onlyPeer);
  let sent = 0;
  for (const peer of peers) {
    const projected = await requestBorderBody(trx, def, request.id, peer.nation);
    if (!projected) continue;
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind, object: { type: 'request', id: request.id, version: projected.version }, body: projected.body, ...(answers && peer.nation === request.fromNation ? { answers } : {}) });
    sent += 1;
  }
  return sent;
}

/**
 * What a message about a request to `peerNation` answers (a comment, a file): the latest message
 * about the request to that peer. A peer that was never sent the request (no step since it was
 * submitted) is sent the request itself first (`request.shared`), so what follows always lands on
 * a copy the peer holds. Null when the peer may not read the request at all.
 */
export async function latestRequestMessageTo(ctx: AppContext, trx: Tx, request: SharedRequestRef & { workflowId: string }, peerNation: string): Promise<string | null> {
  const latest = await latestOutboundHash(trx, peerNation, 'request', request.id);
  if (latest) return latest;
  const projected = await requestBorderBody(trx, await ctx.workflows.get(request.workflowId, trx), request.id, peerNation);
  if (!projected) return null;
  const shared = await enqueueOutbound(ctx, trx, { peerNation, arrangement: request.arrangementId, kind: MESSAGE_KINDS.requestShared, object: { type: 'request', id: request.id, version: projected.version }, body: projected.body });
  return shared.messageHash;
}

/**
 * When a peer is added (share-existing-with-peer.ts): each request this instance holds between
 * its nation and the peer's, under an arrangement shared with it, that the peer was never sent at
 * its current version goes as `request.shared`: the same projection as after a step
 * (request-border-body.ts), so the peer's officials read on their copy what they would read on a
 * shared instance, and the request page here says whether it arrived. Returns the messages queued.
 */
export async function shareExistingRequestsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  const peer = (await listPeers(trx)).find((p) => p.nation === peerNation);
  if (!own || !peer) return 0;
  const sent = await sentVersionsTo(trx, peerNation, 'request');
  let queued = 0;
  for (const r of await listRequestsBetween(trx, [own, peerNation], peer.arrangements)) {
    if ((sent.get(r.id) ?? 0) >= r.version) continue;
    const ref: SharedRequestRef = { id: r.id, fromNation: r.from_nation, toNation: r.to_nation, arrangementId: r.arrangement_id };
    queued += await shareRequestChange(ctx, trx, await ctx.workflows.get(r.workflow_id, trx), ref, MESSAGE_KINDS.requestShared, undefined, peerNation);
  }
  return queued;
}
