import { decodeJwt } from 'jose';
import { FILE_FETCH_TYPE, federationFileFetchSchema } from '../../domain/federation/delivery.js';
import { MESSAGE_KINDS, requestAttachmentBodySchema } from '../../domain/federation/bodies.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { findOutbound } from '../../store/federation-messages.repository.js';
import { findAttachmentForBorder, findRequestRow } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';
import { verifyPeerProof } from './peer-proof.js';
import { peersOfRequest } from './share-request-change.js';
import { fileCrossesTo } from './share-request-attachment.js';

export const FILE_FETCH_REFUSED = 'federation.file_fetch_refused';

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
 * answer tells no more than "not a file sent to you". Every refusal and every file served is audited.
 */
export async function serveFile(ctx: AppContext, sha256: string, proof: string) {
  const { own, peer, ask } = await verifyPeerProof(ctx, proof, FILE_FETCH_TYPE, federationFileFetchSchema, FILE_FETCH_REFUSED);
  const notSent = async (why: string): Promise<AppError> => {
    await ctx.store.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: null, actor: 'federation', nation: own, action: FILE_FETCH_REFUSED, entityType: 'federation_peer', entityId: peer.nation, data: { reason: 'not_sent', detail: why, sha256, messageId: ask.messageId } }),
    );
    return new AppError('NOT_FOUND', { detail: `No file with SHA-256 ${sha256} that this instance sent to ${peer.nation}.` });
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
  const file = row ? await findAttachmentForBorder(ctx.store.db, request.id, attachment.id) : undefined;
  if (!row || !file || file.sha256 !== sha256) throw await notSent(`the file ${attachment.id} of SHA-256 ${sha256} is no longer on request ${request.id}`);
  const ref = { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id };
  const facts = requestFacts(row, await loadAssignments(ctx.store.db, row.id));
  // The border as at upload, read again now: the file may have been made internal, or the request moved out of the peer's reach.
  if (!(await peersOfRequest(ctx, ctx.store.db, ref)).some((p) => p.nation === peer.nation) || !fileCrossesTo(own, file, facts, peer.nation)) {
    throw await notSent(`${peer.nation} may no longer read the file ${attachment.id} (request ${request.id}, ${row.arrangement_id})`);
  }
  await ctx.store.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: own,
      action: 'federation.file_served',
      entityType: 'request',
      entityId: row.id,
      parties: [own, peer.nation],
      data: { to: peer.nation, attachment: file.id, filename: file.filename, sha256, size: file.size, messageId: message.id },
    }),
  );
  return { filename: file.filename, contentType: file.content_type, sha256: file.sha256, content: file.content };
}
