import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { crossesInline, MESSAGE_KINDS, type RequestAttachmentBody, type RequestCommentBody } from '../../domain/federation/bodies.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { latestInboundHash } from '../../store/federation-messages.repository.js';
import { findPartnerCopy, insertContribution, type PartnerCopyRow } from '../../store/partner-copies.repository.js';
import { findNamedOfficial } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from '../federation/enqueue-outbound.js';
import { peersOfRequest } from '../federation/share-request-change.js';
import { requireCorrespondent, type Visibility } from '../requests/add-comment.js';
import { checkAttachment, cleanUpload } from '../requests/attachments.js';
import { holdsCopiesFor } from './partner-copy-access.js';
import { notFound } from './read-partner-copy.js';
import { isUuid } from '../../domain/uuid.js';

/** What `POST /partner-copies/{id}/comments` and `/attachments` answer. */
export interface ContributionReceipt {
  id: string;
  kind: 'comment' | 'attachment';
  visibility: Visibility;
  /** sent: on its way to the holder, which keeps it as this official's or refuses it; internal: kept on this instance only. */
  state: 'sent' | 'internal';
  messageId: string | null;
  heldBy: string;
  size?: number;
  sha256?: string;
}

/**
 * `POST /partner-copies/{id}/comments` (issue #13, README "Sovereign instances"): on a shared
 * deployment both nations' officials comment on a request (add-comment.ts); on a sovereign
 * instance the other nation's officials read the request as a partner copy, and comment there. A
 * shared comment goes to the holder as `request.comment`, answering the latest message received
 * about the request, named as this official (nation, name, organisation; never an account); the
 * holder keeps it as theirs or refuses it (apply-copy-contribution.ts), and its answer
 * (`request.contribution_applied`) shows it applied here. An internal comment is this nation's
 * own deliberation (DESIGN.md, sovereignty rule): it stays on this instance, never sent.
 * Comment, message and audit commit together.
 */
export async function commentOnPartnerCopy(ctx: AppContext, actor: Actor, id: string, input: { body: string; visibility: Visibility }): Promise<ContributionReceipt> {
  requireCorrespondent(actor);
  const commentId = randomUUID();
  return ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref, reference } = await copyToWriteOn(ctx, trx, actor, id, input.visibility === 'shared');
    const createdAt = ctx.now();
    let messageId: string | null = null;
    if (input.visibility === 'shared') {
      const official = await findNamedOfficial(trx, actor.userId);
      const body: RequestCommentBody = { request: ref, comment: { id: commentId, author: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation }, visibility: 'shared', body: input.body, createdAt: createdAt.toISOString() } };
      messageId = await send(ctx, trx, row, MESSAGE_KINDS.requestComment, body);
    }
    await insertContribution(trx, { id: commentId, peer_nation: row.peerNation, request_id: id, kind: 'comment', visibility: input.visibility, body: input.body, message_id: messageId, author_id: actor.userId, created_at: createdAt });
    await auditAs(trx, actor, {
      // An internal comment is this nation's alone: its audit event is not the partner's to read.
      parties: input.visibility === 'shared' ? [ref.fromNation, ref.toNation] : [actor.nation],
      action: input.visibility === 'shared' ? 'request.comment_sent_to_peer' : 'partner_copy.internal_comment',
      entityType: 'request',
      entityId: id,
      data: { reference, comment: commentId, visibility: input.visibility, heldBy: row.peerNation, messageId },
    });
    return { id: commentId, kind: 'comment' as const, visibility: input.visibility, state: messageId ? ('sent' as const) : ('internal' as const), messageId, heldBy: row.peerNation };
  });
}

/**
 * `POST /partner-copies/{id}/attachments` (issue #13): a shared file of this nation's official on
 * the copy, held to the rules of an upload on a request (attachments.ts `checkAttachment`: type,
 * name, content, MAX_ATTACHMENT_BYTES, the bound the holder's own uploads have), sent to the holder
 * as `request.attachment`, which the holder checks again and keeps as this official's
 * (apply-copy-contribution.ts). Its content goes inside the signed message when it fits
 * (INLINE_ATTACHMENT_BYTES, 384 KiB); a larger file is listed by name, size and SHA-256 and the
 * holder fetches the content from this instance by its hash (serve-file.ts serves it to the holder
 * alone, fetch-partner-files.ts on the holder). The file is kept here in either case: it downloads
 * from the copy whatever the holder does with it, and it is what the holder's fetch is served.
 */
export async function attachToPartnerCopy(ctx: AppContext, actor: Actor, id: string, input: { filename: string; contentType: string; content: Uint8Array }): Promise<ContributionReceipt> {
  requireCorrespondent(actor);
  const { filename, contentType } = cleanUpload(input.filename, input.contentType);
  checkAttachment(filename, contentType, input.content, ctx.config.maxAttachmentBytes);
  const inline = crossesInline(input.content.byteLength);
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const attachmentId = randomUUID();
  return ctx.store.db.transaction().execute(async (trx) => {
    const { row, ref, reference } = await copyToWriteOn(ctx, trx, actor, id, true);
    const createdAt = ctx.now();
    const official = await findNamedOfficial(trx, actor.userId);
    const body: RequestAttachmentBody = {
      request: ref,
      attachment: { id: attachmentId, filename, contentType, size: input.content.byteLength, sha256, uploader: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation }, visibility: 'shared', createdAt: createdAt.toISOString(), content: inline ? Buffer.from(input.content).toString('base64') : null },
    };
    const messageId = await send(ctx, trx, row, MESSAGE_KINDS.requestAttachment, body);
    await insertContribution(trx, { id: attachmentId, peer_nation: row.peerNation, request_id: id, kind: 'attachment', visibility: 'shared', filename, content_type: contentType, size: input.content.byteLength, sha256, content: input.content, message_id: messageId, author_id: actor.userId, created_at: createdAt });
    await auditAs(trx, actor, { parties: [ref.fromNation, ref.toNation], action: 'request.attachment_sent_to_peer', entityType: 'request', entityId: id, data: { reference, attachment: attachmentId, filename, sha256, size: input.content.byteLength, visibility: 'shared', heldBy: row.peerNation, messageId, inline } });
    return { id: attachmentId, kind: 'attachment' as const, visibility: 'shared' as const, state: 'sent' as const, messageId, heldBy: row.peerNation, size: input.content.byteLength, sha256 };
  });
}

/** The copy the actor writes on: one held here, of a request of the actor's nation's, whose holder is still a peer when something is to be sent. */
async function copyToWriteOn(ctx: AppContext, trx: Tx, actor: Actor, id: string, sending: boolean) {
  if (!holdsCopiesFor(ctx, actor)) throw notFound(id);
  const row = isUuid(id) ? await findPartnerCopy(trx, id) : undefined;
  const copy = row && readPartnerCopyBody(row.body);
  if (!row || !copy) throw notFound(id);
  const r = copy.request;
  if (actor.nation !== r.fromNation && actor.nation !== r.toNation) throw notFound(id);
  const ref = { id, arrangementId: r.arrangementId, fromNation: r.fromNation, toNation: r.toNation };
  if (sending && !(await peersOfRequest(ctx, trx, ref)).some((p) => p.nation === row.peerNation)) {
    throw new AppError('CONFLICT', { detail: `${row.peerNation}, which holds request ${r.reference || id}, is no longer a peer of this instance for ${r.arrangementId}: nothing written here can reach it.` });
  }
  return { row, ref, reference: r.reference };
}

async function send(ctx: AppContext, trx: Tx, row: PartnerCopyRow, kind: string, body: RequestCommentBody | RequestAttachmentBody): Promise<string> {
  const answers = await latestInboundHash(trx, row.peerNation, 'request', row.requestId);
  const sent = await enqueueOutbound(ctx, trx, { peerNation: row.peerNation, arrangement: body.request.arrangementId, kind, object: { type: 'request', id: row.requestId, version: row.objectVersion }, answers, body });
  return sent.id;
}
