import { borderComments, peerReader, type RequestFacts } from '../../domain/access/border/index.js';
import { MESSAGE_KINDS, type RequestCommentBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listCommentRows } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { latestRequestMessageTo, peersOfRequest, type SharedRequestRef } from './share-request-change.js';

/**
 * After a comment on a request, in its transaction (issue #13): a shared comment the peer may
 * read (the border, `borderComments` with `peerReader`) crosses as a `request.comment` message
 * that answers the latest message about the request to that peer. An internal comment, and a
 * company's comment on a line the peer may not know, never cross. A peer that was never sent the
 * request (no step since it was submitted) first gets the request itself (`request.shared`), so
 * the comment always lands on a copy the peer holds.
 */
export async function shareRequestComment(ctx: AppContext, trx: Tx, request: SharedRequestRef & { workflowId: string; version: number }, facts: RequestFacts, commentId: string): Promise<number> {
  const peers = await peersOfRequest(ctx, trx, request);
  if (peers.length === 0) return 0;
  const row = (await listCommentRows(trx, request.id)).find((c) => c.id === commentId);
  if (!row) return 0;
  let sent = 0;
  for (const peer of peers) {
    const [comment] = borderComments(peerReader(peer.nation), facts, [row]);
    if (!comment) continue;
    // When the request goes first, its body already holds this comment; the comment message that
    // follows adds nothing new then, and is sent all the same, so each shared comment has its own
    // message as evidence.
    const answers = await latestRequestMessageTo(ctx, trx, request, peer.nation);
    if (!answers) continue;
    const body: RequestCommentBody = { request: { id: request.id, arrangementId: request.arrangementId, fromNation: request.fromNation, toNation: request.toNation }, comment };
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind: MESSAGE_KINDS.requestComment, object: { type: 'request', id: request.id, version: request.version }, answers, body });
    sent += 1;
  }
  return sent;
}
