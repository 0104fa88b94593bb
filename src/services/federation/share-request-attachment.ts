import { authoredOrigin, mayRead, peerReader, type RequestFacts } from '../../domain/access/border/index.js';
import { crossesInline, MESSAGE_KINDS, type RequestAttachmentBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listOutboundJwsOfKind } from '../../store/federation-messages.repository.js';
import { findAttachmentForBorder, findRequestRow, listRequestsBetween, listSharedAttachmentIds } from '../../store/requests.repository.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';
import { decodeJwt } from 'jose';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { latestRequestMessageTo, peersOfRequest, type SharedRequestRef } from './share-request-change.js';

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
export async function shareRequestAttachment(ctx: AppContext, trx: Tx, request: SharedRequestRef & { workflowId: string; version: number }, facts: RequestFacts, attachmentId: string, onlyPeer?: string): Promise<number> {
  const peers = (await peersOfRequest(ctx, trx, request)).filter((p) => onlyPeer === undefined || p.nation === onlyPeer);
  if (peers.length === 0) return 0;
  const row = await findAttachmentForBorder(trx, request.id, attachmentId);
  if (!row) return 0;
  let sent = 0;
  for (const peer of peers) {
    if (!fileCrossesTo(ctx.config.nation, row, facts, peer.nation)) continue;
    const answers = await latestRequestMessageTo(ctx, trx, request, peer.nation);
    if (!answers) continue;
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
        content: crossesInline(row.size) ? Buffer.from(row.content).toString('base64') : null,
      },
    };
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: request.arrangementId, kind: MESSAGE_KINDS.requestAttachment, object: { type: 'request', id: request.id, version: request.version }, answers, body });
    sent += 1;
  }
  return sent;
}

/** A request's file as the border reads it (store: findAttachmentForBorder). */
export type BorderFile = Pick<NonNullable<Awaited<ReturnType<typeof findAttachmentForBorder>>>, 'visibility' | 'nation' | 'organisation_id' | 'organisation_kind'>;

/**
 * Whether a request's file crosses to `peerNation` (DESIGN.md, the sovereignty rule): a shared
 * file of an official of this instance's nation (`own`) that the peer may read (`mayRead` of its
 * `authoredOrigin` for `peerReader`). An internal file, a company's file and a file of another
 * nation's official never cross. The one rule for sending a file (above) and for serving its
 * content when the peer fetches it later (serve-file.ts), so the two cannot drift apart.
 */
export function fileCrossesTo(own: string | null | undefined, file: BorderFile, facts: RequestFacts, peerNation: string): boolean {
  if (!own || file.visibility !== 'shared' || file.nation !== own || file.organisation_kind === 'company') return false;
  return mayRead(peerReader(peerNation), facts, authoredOrigin({ nation: file.nation, organisationId: file.organisation_id, isCompany: false }, 'shared'));
}

/**
 * When a peer is added (share-existing-with-peer.ts, after the requests): each shared file of this
 * nation's officials on a request the peer was just sent (or holds) that the peer was never sent
 * goes through shareRequestAttachment, so it crosses at peering exactly as it would have at upload.
 */
export async function shareExistingAttachmentsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  const peer = (await listPeers(trx)).find((p) => p.nation === peerNation);
  if (!own || !peer) return 0;
  const sent = new Set<string>();
  for (const jws of await listOutboundJwsOfKind(trx, peerNation, MESSAGE_KINDS.requestAttachment)) {
    const id = (decodeJwt(jws) as { body?: { attachment?: { id?: unknown } } }).body?.attachment?.id;
    if (typeof id === 'string') sent.add(id);
  }
  let queued = 0;
  for (const r of await listRequestsBetween(trx, [own, peerNation], peer.arrangements)) {
    const unsent = (await listSharedAttachmentIds(trx, r.id, own)).filter((id) => !sent.has(id));
    if (unsent.length === 0) continue;
    const row = await findRequestRow(trx, r.id);
    if (!row) continue;
    const facts = requestFacts(row, await loadAssignments(trx, r.id));
    const ref = { id: r.id, fromNation: r.from_nation, toNation: r.to_nation, arrangementId: r.arrangement_id, workflowId: r.workflow_id, version: r.version };
    for (const id of unsent) queued += await shareRequestAttachment(ctx, trx, ref, facts, id, peerNation);
  }
  return queued;
}
