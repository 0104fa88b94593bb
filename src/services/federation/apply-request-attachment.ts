import { createHash } from 'node:crypto';
import { requestAttachmentBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { insertPartnerAttachment } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';
import { requestFileFetch } from './catch-up-requests.js';

/**
 * A `request.attachment` (issue #13, share-request-attachment.ts): a shared file of the peer's
 * official joins this instance's copy of the request, once, in the inbox's transaction. Refused,
 * applying nothing: a body of another shape (`invalid_content`), a file of an official of another
 * nation than the peer's (`wrong_nation`), a request this instance holds no copy of
 * (`unknown_object`) or of another arrangement (`out_of_arrangement`), and content whose size or
 * SHA-256 is not the one stated (`hash_mismatch`). A file sent without content (larger than a
 * message carries) is kept as listed and its content fetched from the sender by its hash
 * (`pending`, fetch-partner-files.ts); one larger than this instance takes from its own officials
 * (MAX_ATTACHMENT_BYTES) is listed as refused, never fetched.
 */
export async function applyRequestAttachment(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = requestAttachmentBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw new Refused('invalid_content', 'a request.attachment carries one shared attachment on the request it names', peer.nation, message.id);
  }
  const { request, attachment } = parsed.data;
  if (attachment.uploader.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a file attached by an official of ${attachment.uploader.nation}`, peer.nation, message.id);
  const copy = await findMirror(trx, peer.nation, 'request', request.id);
  if (!copy) throw new Refused('unknown_object', `request ${request.id} is not one ${peer.nation} has shared with this instance: there is no copy to add the attachment to`, peer.nation, message.id);
  const copied = copy.body.request as { arrangementId?: unknown } | undefined;
  if (copied?.arrangementId !== message.arrangement || request.arrangementId !== message.arrangement) {
    throw new Refused('out_of_arrangement', `request ${request.id} is not one of ${message.arrangement}`, peer.nation, message.id);
  }
  let content: Uint8Array | null = null;
  if (attachment.content !== null) {
    content = Buffer.from(attachment.content, 'base64');
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (content.byteLength !== attachment.size || sha256 !== attachment.sha256) {
      throw new Refused('hash_mismatch', `the content of ${attachment.filename} (${content.byteLength} bytes, SHA-256 ${sha256.slice(0, 12)}…) is not the file the message states (${attachment.size} bytes, ${attachment.sha256.slice(0, 12)}…)`, peer.nation, message.id);
    }
  }
  // A file listed without its content is fetched from the sender by its hash (fetch-partner-files.ts),
  // unless it is larger than this instance takes from its own officials: then it is refused here.
  const limit = ctx.config.maxAttachmentBytes;
  const fetchState = content !== null ? 'inline' : attachment.size > limit ? 'refused' : 'pending';
  const fetchError = fetchState === 'refused' ? `${attachment.size} bytes: larger than this instance takes (${limit} bytes, MAX_ATTACHMENT_BYTES)` : null;
  const added = await insertPartnerAttachment(trx, {
    id: attachment.id,
    peerNation: peer.nation,
    requestId: request.id,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    sha256: attachment.sha256,
    uploader: attachment.uploader,
    createdAt: attachment.createdAt,
    content,
    messageId: message.id,
    now: ctx.now(),
    fetchState,
    fetchError,
  });
  if (!added) return;
  if (fetchState === 'pending') requestFileFetch(ctx);
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: ctx.config.nation!,
    action: 'request.attachment_received',
    entityType: 'request',
    entityId: request.id,
    parties: [peer.nation],
    data: { attachment: attachment.id, filename: attachment.filename, sha256: attachment.sha256, size: attachment.size, transferred: content !== null, fetch: fetchState, uploader: attachment.uploader.displayName, uploaderNation: peer.nation, messageId: message.id },
  });
  if (fetchState === 'refused') {
    await appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation!, action: 'request.attachment_refused', entityType: 'request', entityId: request.id, parties: [peer.nation], data: { from: peer.nation, attachment: attachment.id, sha256: attachment.sha256, size: attachment.size, reason: 'too_large', detail: fetchError } });
  }
}
