import { authoredOrigin, mayRead, peerReader, type RequestFacts } from '../../domain/access/border/index.js';
import { INLINE_ATTACHMENT_BYTES, MESSAGE_KINDS, type RequestAttachmentBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { latestOutboundHash } from '../../store/federation-messages.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { requestBorderBody } from './request-border-body.js';
import { peersOfRequest, type SharedRequestRef } from './share-request-change.js';

/**
 * After an attachment is added to a request, in its transaction (issue #13): a shared file by an
 * official of this instance's nation that the peer may read (the border: `mayRead` of the file's
 * `authoredOrigin` for `peerReader`) crosses as a `request.attachment` message answering the
 * latest message about the request to that peer, like a shared comment (share-request-comment.ts;
 * a request never sent first goes as `request.shared`). The uploader is named (display name,
 * nation, organisation), never by account. The content goes inline, base64, when the file is at
 * most INLINE_ATTACHMENT_BYTES; a larger one crosses as metadata only (`content: null`) and the
 * receiver lists it as not transferred. An internal file, a company's file and a file of another
 * nation's official never cross.
 */
export async function shareRequestAttachment(ctx: AppContext, trx: Tx, request: SharedRequestRef & { workflowId: string; version: number }, facts: RequestFacts, attachmentId: string): Promise<number> {
  const peers = await peersOfRequest(ctx, trx, request);
  if (peers.length === 0) return 0;
  const row = await trx
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .selectAll('attachments')
    .select(['users.display_name', 'users.organisation_id', 'organisations.name as organisation_name', 'organisations.kind as organisation_kind'])
    .where('attachments.id', '=', attachmentId)
    .where('attachments.request_id', '=', request.id)
    .executeTakeFirst();
  if (!row || row.visibility !== 'shared' || row.nation !== ctx.config.nation || row.organisation_kind === 'company') return 0;
  const origin = authoredOrigin({ nation: row.nation, organisationId: row.organisation_id, isCompany: false }, row.visibility);
  let sent = 0;
  for (const peer of peers) {
    if (!mayRead(peerReader(peer.nation), facts, origin)) continue;
    let answers = await latestOutboundHash(trx, peer.nation, 'request', request.id);
    if (!answers) {
      const projected = await requestBorderBody(trx, await ctx.workflows.get(request.workflowId, trx), request.id, peer.nation);
      if (!projected) continue;
      const shared = await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind: MESSAGE_KINDS.requestShared, object: { type: 'request', id: request.id, version: projected.version }, body: projected.body });
      answers = shared.messageHash;
    }
    const body: RequestAttachmentBody = {
      request: { id: request.id, arrangementId: request.arrangementId, fromNation: request.fromNation, toNation: request.toNation },
      attachment: {
        id: row.id,
        filename: row.filename,
        contentType: row.content_type,
        size: row.size,
        sha256: row.sha256,
        uploader: { displayName: row.display_name, nation: row.nation, organisation: row.organisation_name },
        visibility: 'shared',
        createdAt: new Date(row.created_at).toISOString(),
        content: row.size <= INLINE_ATTACHMENT_BYTES ? Buffer.from(row.content).toString('base64') : null,
      },
    };
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind: MESSAGE_KINDS.requestAttachment, object: { type: 'request', id: request.id, version: request.version }, answers, body });
    sent += 1;
  }
  return sent;
}
