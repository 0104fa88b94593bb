import { decodeJwt } from 'jose';
import { FILE_FETCH_TYPE, federationFileFetchSchema } from '../../domain/federation/delivery.js';
import { MESSAGE_KINDS, requestAttachmentBodySchema, type RequestAttachmentBody } from '../../domain/federation/bodies.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { findOutbound } from '../../store/federation-messages.repository.js';
import { findAttachmentForBorder, findRequestRow } from '../../store/requests.repository.js';
import { findContributedFile, findPartnerCopy } from '../../store/partner-copies.repository.js';
import type { RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';
import { verifyPeerProof } from './peer-proof.js';
import { peersOfRequest } from './share-request-change.js';
import { fileCrossesTo } from './share-request-attachment.js';

type RequestRef = RequestAttachmentBody['request'];

export const FILE_FETCH_REFUSED = 'federation.file_fetch_refused';
/** The reason of serveFile's 404: the one answer that marks a file "not available" on the asker. */
export const NOT_SENT = 'not_sent';

/**
 * `GET /federation/files/{sha256}` (issue #13): the content of a shared file that this instance
 * listed to a peer without it (larger than a message carries, share-request-attachment.ts), for
 * that peer alone. The request is signed by the peer (a fetch proof naming the SHA-256 and the
 * `request.attachment` message that listed the file; peer-proof.ts): unsigned, wrongly signed, of
 * an unpeered key, stale or misaddressed, it is refused (403). Then the file must be one this
 * instance sent to that very peer: the message is in its outbox to that peer (not refused there),
 * lists that SHA-256 without content, and the file is still what the border lets the peer read now
 * (DESIGN.md, sovereignty rule: a shared file of an official of this nation, on a request of an
 * arrangement the peer shares, `mayRead` for `peerReader`). An internal file, a company's file, a
 * file of another peer or arrangement, or an unknown hash answer 404, the same for each, so the
 * answer tells no more than "not a file sent to you". The same holds the other way: a file this
 * nation's official attached on the peer's request as its copy here (copyFile), served only to the
 * peer holding the request. Every refusal and every file served is audited.
 */
export async function serveFile(ctx: AppContext, sha256: string, proof: string) {
  const { own, peer, ask } = await verifyPeerProof(ctx, proof, FILE_FETCH_TYPE, federationFileFetchSchema, FILE_FETCH_REFUSED);
  const notSent = async (why: string): Promise<AppError> => {
    await ctx.store.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: null, actor: 'federation', nation: own, action: FILE_FETCH_REFUSED, entityType: 'federation_peer', entityId: peer.nation, data: { reason: 'not_sent', detail: why, sha256, messageId: ask.messageId } }),
    );
    // `reason` tells the asker that this instance itself says so (not a proxy or an older version without the route).
    return new AppError('NOT_FOUND', { detail: `No file with SHA-256 ${sha256} that this instance sent to ${peer.nation}.`, extra: { reason: NOT_SENT } });
  };
  if (ask.sha256 !== sha256) throw await notSent(`the proof is for SHA-256 ${ask.sha256}`);
  const message = await findOutbound(ctx.store.db, ask.messageId);
  if (!message || message.peerNation !== peer.nation || message.kind !== MESSAGE_KINDS.requestAttachment || message.state === 'refused') {
    throw await notSent(`message ${ask.messageId} is no request.attachment this instance sent to ${peer.nation}`);
  }
  const parsed = requestAttachmentBodySchema.safeParse((decodeJwt(message.jws) as { body?: unknown }).body);
  if (!parsed.success || parsed.data.attachment.sha256 !== sha256 || parsed.data.attachment.content !== null) {
    throw await notSent(`message ${ask.messageId} lists no file of that SHA-256 without its content`);
  }
  const { request, attachment } = parsed.data;
  const row = await findRequestRow(ctx.store.db, request.id);
  const served = row ? await heldFile(ctx, own, peer.nation, row, attachment.id, sha256, notSent) : await copyFile(ctx, peer.nation, request, attachment.id, sha256, message.id, notSent);
  await ctx.store.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: own,
      action: 'federation.file_served',
      entityType: 'request',
      entityId: request.id,
      parties: [own, peer.nation],
      data: { to: peer.nation, attachment: attachment.id, filename: served.filename, sha256, size: served.content.byteLength, messageId: message.id, ...(row ? {} : { fromCopy: true }) },
    }),
  );
  return served;
}

type NotSent = (why: string) => Promise<AppError>;
interface ServedFile {
  filename: string;
  contentType: string;
  sha256: string;
  content: Uint8Array;
}

/** A shared file of a request this instance holds, still one the border lets the peer read. */
async function heldFile(ctx: AppContext, own: string, peerNation: string, row: RequestRow, attachmentId: string, sha256: string, notSent: NotSent): Promise<ServedFile> {
  const file = await findAttachmentForBorder(ctx.store.db, row.id, attachmentId);
  if (!file || file.sha256 !== sha256) throw await notSent(`the file ${attachmentId} of SHA-256 ${sha256} is no longer on request ${row.id}`);
  const ref = { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id };
  const facts = requestFacts(row, await loadAssignments(ctx.store.db, row.id));
  // The border as at upload, read again now: the file may have been made internal, or the request moved out of the peer's reach.
  if (!(await peersOfRequest(ctx, ctx.store.db, ref)).some((p) => p.nation === peerNation) || !fileCrossesTo(own, file, facts, peerNation)) {
    throw await notSent(`${peerNation} may no longer read the file ${attachmentId} (request ${row.id}, ${row.arrangement_id})`);
  }
  return { filename: file.filename, contentType: file.content_type, sha256: file.sha256, content: file.content };
}

/**
 * A file this nation's official attached on its copy of a request the peer holds
 * (add-to-partner-copy.ts), listed to the holder without its content: served to that holder alone,
 * the one the copy belongs to, for the message that listed it, while the holder is still a peer of
 * the request's arrangement.
 */
async function copyFile(ctx: AppContext, peerNation: string, request: RequestRef, attachmentId: string, sha256: string, messageId: string, notSent: NotSent): Promise<ServedFile> {
  const copy = await findPartnerCopy(ctx.store.db, request.id);
  const file = copy?.peerNation === peerNation ? await findContributedFile(ctx.store.db, peerNation, request.id, attachmentId) : undefined;
  if (!file?.content || !file.filename || !file.content_type || file.sha256 !== sha256 || file.message_id !== messageId) {
    throw await notSent(`no file ${attachmentId} of SHA-256 ${sha256} was attached here on a copy ${peerNation} holds`);
  }
  if (!(await peersOfRequest(ctx, ctx.store.db, request)).some((p) => p.nation === peerNation)) throw await notSent(`${peerNation} is no longer a peer for ${request.arrangementId}`);
  return { filename: file.filename, contentType: file.content_type, sha256, content: file.content };
}
