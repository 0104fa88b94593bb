import { authoredOrigin, mayRead, peerReader, readBasis } from '../../domain/access/border/index.js';
import { MESSAGE_KINDS, requestCommentBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { COMMENT_MAX_CHARS } from '../../domain/requests/comment-limits.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import type { RequestRow } from '../../store/schema.js';
import { commentOrAttachmentExists, findRequestRow, insertComment } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { loadAssignments, requestFacts } from '../requests/load-request.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';
import { requestBorderBody } from './request-border-body.js';
import { isParty, notHeld } from './not-held.js';

/**
 * A shared comment or file an official of the peer's nation added on its partner copy of a request
 * this instance holds (`request.comment` / `request.attachment` from the copy, issue #13, README
 * "Sovereign instances"), kept here in the inbox's transaction as that official's, named by nation,
 * name and organisation (no account here: migration 0052), as on a shared deployment both nations'
 * officials comment and attach on a request (services/requests/add-comment.ts, attachments.ts).
 *
 * The peer speaks only for its own officials (`wrong_nation`), about a request held here between
 * its nation and this one that its officials may read (`unknown_object`, the answer for a request
 * not held: not-held.ts), under the message's arrangement (`out_of_arrangement`). What it says is held to the rules a comment or file
 * added here is: a comment's length, a file's type, name, content and size (`invalid_content`), its
 * size and SHA-256 as stated (`hash_mismatch`). An id already used here is a replay (`replayed`).
 * Kept, it is audited, and the request as the peer may see it (with the comment) goes back as
 * `request.contribution_applied` answering the message, so the copy shows it applied. It is not
 * sent on as a message of this nation's: the words are the peer's.
 */
export async function applyCommentFromCopy(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  const refuse = refuser(peer, message);
  const parsed = requestCommentBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw refuse('invalid_content', 'a request.comment carries one shared comment on the request it names');
  }
  const { request: ref, comment } = parsed.data;
  if (comment.author.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} sent a comment written by an official of ${comment.author.nation}: a peer speaks only for its own officials`);
  const row = await heldWithPeer(ctx, trx, peer, message, ref.arrangementId);
  if (comment.body.trim().length === 0 || comment.body.length > COMMENT_MAX_CHARS) throw refuse('invalid_content', `a comment is 1 to ${COMMENT_MAX_CHARS} characters here; this one has ${comment.body.length}`);
  if (await commentOrAttachmentExists(trx, 'comments', comment.id)) throw refuse('replayed', `comment ${comment.id} is already held here`);
  await insertComment(trx, {
    id: comment.id,
    request_id: row.id,
    author_id: null,
    author_name: comment.author.displayName,
    author_organisation: comment.author.organisation,
    nation: peer.nation,
    visibility: 'shared',
    body: comment.body,
    created_at: notAfterNow(ctx, comment.createdAt),
    message_id: message.id,
  });
  await auditFromPeer(ctx, trx, row, 'request.comment_from_peer', { comment: comment.id, visibility: 'shared', author: comment.author.displayName, authorNation: peer.nation, authorOrganisation: comment.author.organisation, messageId: message.id });
  await answerCopyOrRefuse(ctx, trx, row, peer, message, hash);
}

/** What a peer's official added, recorded by the federation layer (no account here): both nations of the request read it. */
export function auditFromPeer(ctx: AppContext, trx: Tx, row: { id: string; from_nation: string; to_nation: string }, action: string, data: Record<string, unknown>): Promise<void> {
  return appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation!, action, entityType: 'request', entityId: row.id, parties: [row.from_nation, row.to_nation], data });
}

export function refuser(peer: PeerRecord, message: FederationMessage) {
  return (reason: RefusalReason, detail: string) => new Refused(reason, detail, peer.nation, message.id);
}

/** The request the message names, held here between the peer's nation and this one, of the message's arrangement, that the peer's officials may read. */
export async function heldWithPeer(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, arrangementId: string): Promise<RequestRow> {
  const refuse = refuser(peer, message);
  const row = await findRequestRow(trx, message.object.id);
  // A request held here between other nations (a hub's) is answered as one not held: the signed
  // refusal names no reference or nation of it, and does not tell the peer it exists.
  if (!row || !isParty(peer, row, ctx.config.nation!)) throw notHeld(peer, message);
  if (row.arrangement_id !== message.arrangement || arrangementId !== row.arrangement_id) throw refuse('out_of_arrangement', `request ${row.reference} is one of ${row.arrangement_id}, not ${message.arrangement}`);
  // DESIGN.md, sovereignty rule: the peer's officials write only where they read.
  const facts = requestFacts(row, await loadAssignments(trx, row.id));
  const reader = peerReader(peer.nation);
  if (!readBasis(reader, facts) || !mayRead(reader, facts, authoredOrigin({ nation: peer.nation, organisationId: '', isCompany: false }, 'shared'))) {
    throw refuse('unknown_object', `request ${row.reference} is not one ${peer.nation}'s officials read`);
  }
  return row;
}

/** The official's clock, unless it runs ahead of this one: a comment is not dated in this instance's future. */
export function notAfterNow(ctx: AppContext, at: string): Date {
  return new Date(Math.min(Date.parse(at), ctx.now().getTime()));
}

/**
 * The request as the peer may see it, answering its message: the copy then shows what it sent as
 * applied. False when the request cannot be sent to the peer (one it does not read): nothing sent.
 */
export async function answerCopy(ctx: AppContext, trx: Tx, row: RequestRow, peerNation: string, hash: string): Promise<boolean> {
  const projected = await requestBorderBody(trx, await ctx.workflows.get(row.workflow_id, trx), row.id, peerNation);
  if (!projected) return false;
  await enqueueOutbound(ctx, trx, { peerNation, arrangement: row.arrangement_id, kind: MESSAGE_KINDS.requestContributionApplied, object: { type: 'request', id: row.id, version: projected.version }, body: projected.body, answers: hash });
  return true;
}

/**
 * answerCopy in the inbox's transaction: a request the peer could not be sent is one it does not
 * read, so its comment or file is refused with it rather than kept without an answer, and the copy
 * shows a final state. heldWithPeer checked the same read basis, so this is the border's last word.
 */
export async function answerCopyOrRefuse(ctx: AppContext, trx: Tx, row: RequestRow, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  if (!(await answerCopy(ctx, trx, row, peer.nation, hash))) throw notHeld(peer, message);
}
