import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import { requestAttachmentBodySchema, type RequestAttachmentBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import { findInbound } from '../../store/federation-messages.repository.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findFileFromCopy, insertPartnerAttachment, partnerAttachmentExists, type DueFileFetch } from '../../store/partner-copies.repository.js';
import type { RequestRow } from '../../store/schema.js';
import { commentOrAttachmentExists, findRequestRow, insertAttachment } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { checkAttachment, checkListedAttachment } from '../requests/attachments.js';
import { answerCopy, answerCopyOrRefuse, auditFromPeer, heldWithPeer, notAfterNow, refuser } from './apply-copy-contribution.js';
import { requestBorderBody } from './request-border-body.js';
import { requestFileFetch } from './catch-up-requests.js';

type BorderAttachment = RequestAttachmentBody['attachment'];

/**
 * A shared file the peer's official attached on its copy of a request held here (`request.attachment`
 * from the copy, issue #13; see applyCommentFromCopy for who may send what). Content inside the
 * message (at most INLINE_ATTACHMENT_BYTES) is checked as an upload here is and kept at once. A
 * larger file comes listed by name, size and SHA-256 (`content: null`): what can be checked without
 * the content is checked now (type, name, this instance's MAX_ATTACHMENT_BYTES: `invalid_content`),
 * and the content is fetched from the copy's instance by its hash (fetch-partner-files.ts, the fetch
 * of a holder's large file the other way round), then checked and kept (keepFetchedFileFromCopy).
 * The copy's answer (`request.contribution_applied`) goes once the file is kept.
 */
export async function applyAttachmentFromCopy(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  const refuse = refuser(peer, message);
  const parsed = requestAttachmentBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw refuse('invalid_content', 'a request.attachment carries one shared attachment on the request it names');
  }
  const { request: ref, attachment } = parsed.data;
  if (attachment.uploader.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} sent a file attached by an official of ${attachment.uploader.nation}: a peer speaks only for its own officials`);
  const row = await heldWithPeer(ctx, trx, peer, message, ref.arrangementId);
  const content = attachment.content === null ? null : Buffer.from(attachment.content, 'base64');
  if (content) {
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (content.byteLength !== attachment.size || sha256 !== attachment.sha256) {
      throw refuse('hash_mismatch', `the content of ${attachment.filename} (${content.byteLength} bytes, SHA-256 ${sha256.slice(0, 12)}…) is not the file the message states (${attachment.size} bytes, ${attachment.sha256.slice(0, 12)}…)`);
    }
  }
  const broken = attachmentProblem(ctx, attachment, content);
  if (broken) throw refuse('invalid_content', `${attachment.filename} does not meet this instance's rules for attachments: ${broken}`);
  if ((await commentOrAttachmentExists(trx, 'attachments', attachment.id)) || (await partnerAttachmentExists(trx, attachment.id))) throw refuse('replayed', `attachment ${attachment.id} is already held here`);
  if (content) {
    await keepFile(ctx, trx, row, peer.nation, message.id, attachment, content);
    await answerCopyOrRefuse(ctx, trx, row, peer, message, hash);
    return;
  }
  await insertPartnerAttachment(trx, {
    id: attachment.id,
    peerNation: peer.nation,
    requestId: row.id,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploader: attachment.uploader,
    createdAt: attachment.createdAt,
    content: null,
    messageId: message.id,
    now: ctx.now(),
    fetchState: 'pending',
    fromCopy: true,
  });
  requestFileFetch(ctx);
  await auditFromPeer(ctx, trx, row, 'request.attachment_received', { attachment: attachment.id, filename: attachment.filename, sha256: attachment.sha256, size: attachment.size, transferred: false, fetch: 'pending', fromCopy: true, uploader: attachment.uploader.displayName, uploaderNation: peer.nation, messageId: message.id });
}

/**
 * The content of a file fetched from the copy's instance (fetch-partner-files.ts; its size and
 * SHA-256 already checked against the signed message): checked as an upload here is, kept among the
 * request's attachments as the peer official's, and the copy answered. Returns why it was not kept
 * (the content breaks this instance's rules, or the request is no longer held), or null.
 */
export async function keepFetchedFileFromCopy(ctx: AppContext, trx: Tx, due: DueFileFetch, content: Uint8Array): Promise<string | null> {
  const [listed, row, inbound] = [await findFileFromCopy(trx, due.id), await findRequestRow(trx, due.requestId), await findInbound(trx, due.messageId)];
  if (!listed || !row || !inbound) return `request ${due.requestId} or its message ${due.messageId} is no longer held here`;
  const attachment: BorderAttachment = {
    id: listed.id,
    filename: listed.filename,
    contentType: listed.content_type,
    size: listed.size,
    sha256: listed.sha256,
    uploader: { displayName: listed.uploader_name, nation: listed.uploader_nation, organisation: listed.uploader_organisation },
    visibility: 'shared',
    createdAt: listed.created_at.toISOString(),
    content: null,
  };
  const broken = attachmentProblem(ctx, attachment, content);
  if (broken) return `${attachment.filename} does not meet this instance's rules for attachments: ${broken}`;
  // Checked before it is kept: the answer below must go, or the file would be kept unanswered.
  if (!(await requestBorderBody(trx, await ctx.workflows.get(row.workflow_id, trx), row.id, due.peerNation))) return `request ${row.reference} is no longer one ${due.peerNation}'s officials read`;
  await keepFile(ctx, trx, row, due.peerNation, due.messageId, attachment, content);
  await answerCopy(ctx, trx, row, due.peerNation, inbound.messageHash);
  return null;
}

/** Why the file breaks the rules of a file attached here (type, name, size; with its content, what it holds), or null. */
function attachmentProblem(ctx: AppContext, attachment: BorderAttachment, content: Uint8Array | null): string | null {
  try {
    if (content) checkAttachment(attachment.filename, attachment.contentType, content, ctx.config.maxAttachmentBytes);
    else checkListedAttachment(attachment.filename, attachment.contentType, attachment.size, ctx.config.maxAttachmentBytes);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.detail ?? error.message;
  }
}

/** The file joins the request as the peer official's (no account here: migration 0052), audited. */
async function keepFile(ctx: AppContext, trx: Tx, row: RequestRow, peerNation: string, messageId: string, attachment: BorderAttachment, content: Uint8Array): Promise<void> {
  await insertAttachment(trx, {
    id: attachment.id,
    request_id: row.id,
    uploaded_by: null,
    uploader_name: attachment.uploader.displayName,
    uploader_organisation: attachment.uploader.organisation,
    nation: peerNation,
    visibility: 'shared',
    filename: attachment.filename,
    content_type: attachment.contentType,
    size: content.byteLength,
    sha256: attachment.sha256,
    content,
    created_at: notAfterNow(ctx, attachment.createdAt),
    message_id: messageId,
  });
  await auditFromPeer(ctx, trx, row, 'request.attachment_from_peer', { attachment: attachment.id, filename: attachment.filename, sha256: attachment.sha256, size: content.byteLength, visibility: 'shared', uploader: attachment.uploader.displayName, uploaderNation: peerNation, uploaderOrganisation: attachment.uploader.organisation, messageId });
}
