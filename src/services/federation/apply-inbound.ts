import { ARRANGEMENT_POSTURE_OBJECT, MESSAGE_KINDS, postureSetBodySchema, requestCommentBodySchema, type RequestCommentBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findMirror, upsertMirror } from '../../store/federation-messages.repository.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { currentPosture, findPostureChange, insertPostureChange, lockArrangement } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';
import { isParty } from './not-held.js';
import { isUuid } from '../../domain/uuid.js';
import { Refused } from './inbound-refusal.js';
import { AUDIT_CHECKPOINT_KIND } from '../../domain/audit/peer-checkpoint.js';
import { applyAuditCheckpoint } from '../audit/receive-audit-checkpoint.js';
import { applyRequestSubmit } from './apply-request-submit.js';
import { applyRequestStep } from './apply-request-step.js';
import { applyContactSet } from './apply-contact-set.js';
import { applyPostingSet } from './apply-posting-set.js';
import { applyLogisticsOrderSet } from './apply-logistics-order-set.js';
import { applyLogisticsSettlementClaim } from './apply-logistics-settlement-claim.js';
import { applySpaSet } from './apply-spa-set.js';
import { applyWorkingGroupSet } from './apply-working-group-set.js';
import { applyWorkingGroupChange } from './apply-working-group-change.js';
import { applyThreadSet } from './apply-thread-set.js';
import { applyThreadMessage } from './apply-thread-message.js';
import { applyRequestAttachment } from './apply-request-attachment.js';
import { clearStepSent, markContributionApplied } from '../../store/partner-copies.repository.js';
import { findRequestRow } from '../../store/requests.repository.js';
import { applyCommentFromCopy } from './apply-copy-contribution.js';
import { applyAttachmentFromCopy } from './apply-copy-attachment.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { notifyPartnerCopySteps } from '../notifications/notify-partner-copy-steps.js';
import { checkCopyFromHolder } from './copy-from-holder.js';

/**
 * What a verified, in-order, first-seen message changes on this instance (issue #13), in the
 * inbox's transaction. A message about something this instance does not hold, or outside the
 * arrangement, is refused (and the transaction, with it, rolled back: nothing is applied).
 * - a request's projection replaces this instance's copy of the request (only ever the copy of
 *   the desk that holds it: copy-from-holder.ts), and tells this nation's
 *   officials what its new steps tell them on a shared instance (notify-partner-copy-steps.ts); a
 *   shared comment joins that copy (it tells nobody: mentions name local accounts and never cross),
 *   and so does a shared file (apply-request-attachment.ts, kept beside the copy); a shared comment
 *   or file the peer's officials added on their copy of a request held here is kept on it as theirs
 *   (apply-copy-contribution.ts), and the holder's answer marks it applied on the copy;
 * - a new request submitted on the peer's instance is created here, the instance that holds it
 *   (apply-request-submit.ts), and a step its officials took on their copy is applied to it
 *   (apply-request-step.ts);
 * - a posture change joins the arrangement's history;
 * - a point of contact of the peer's nation joins the directory (apply-contact-set.ts), and a
 *   liaison posting it makes to this nation joins the postings (apply-posting-set.ts);
 * - a logistics order it supplies to this nation joins the ledger as a read-only copy
 *   (apply-logistics-order-set.ts), and a settlement its officials claim on their copy of an
 *   order this instance keeps is recorded as a claim (apply-logistics-settlement-claim.ts);
 * - the partner view of an SPA about this nation's request joins (or, no longer read, leaves) the
 *   SPAs its SOSA officers read (apply-spa-set.ts);
 * - a working group it holds replaces this instance's copy (apply-working-group-set.ts), and a
 *   change its officers made on their copy of a group held here is applied to it
 *   (apply-working-group-change.ts); a thread
 *   it holds and shared with this nation is kept (apply-thread-set.ts) and a shared message its
 *   officials wrote joins its thread here (apply-thread-message.ts);
 * - an audit checkpoint is kept as evidence of the peer's chain (receive-audit-checkpoint.ts).
 */
export async function applyInbound(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  if (message.kind === MESSAGE_KINDS.requestComment) return (await holdsRequest(ctx, trx, peer, message)) ? applyCommentFromCopy(ctx, trx, peer, message, hash) : applyRequestComment(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.requestAttachment) return (await holdsRequest(ctx, trx, peer, message)) ? applyAttachmentFromCopy(ctx, trx, peer, message, hash) : applyRequestAttachment(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.postureSet) return applyPostureSet(ctx, trx, peer, message);
  if (message.kind === AUDIT_CHECKPOINT_KIND) return applyAuditCheckpoint(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.requestSubmit) return applyRequestSubmit(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.requestStep) return applyRequestStep(ctx, trx, peer, message, hash);
  if (message.kind === MESSAGE_KINDS.contactSet) return applyContactSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.postingSet) return applyPostingSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.logisticsOrderSet) return applyLogisticsOrderSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.logisticsSettlementClaim) return applyLogisticsSettlementClaim(ctx, trx, peer, message, hash);
  if (message.kind === MESSAGE_KINDS.spaSet || message.kind === MESSAGE_KINDS.spaUnshared) return applySpaSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.workingGroupSet) return applyWorkingGroupSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.workingGroupChange) return applyWorkingGroupChange(ctx, trx, peer, message, hash);
  if (message.kind === MESSAGE_KINDS.threadSet) return applyThreadSet(ctx, trx, peer, message);
  if (message.kind === MESSAGE_KINDS.threadMessage) return applyThreadMessage(ctx, trx, peer, message);
  if (message.object.type !== 'request') throw new Refused('invalid_content', `${message.kind} about a ${message.object.type} is not a kind of message this instance applies`, peer.nation, message.id);
  await checkCopyFromHolder(trx, peer, message);
  const held = await findMirror(trx, peer.nation, 'request', message.object.id);
  await upsertMirror(trx, { peerNation: peer.nation, objectType: 'request', objectId: message.object.id, objectVersion: message.object.version, body: message.body, messageId: message.id, now: ctx.now() });
  // The holder's projection that answers this instance's step (partner-copy-step.ts) shows it applied.
  const stepSentBy = message.answers ? await clearStepSent(trx, peer.nation, message.object.id, message.answers) : undefined;
  // ... and the one answering a comment or file its officials added on the copy shows that applied.
  if (message.answers) await markContributionApplied(trx, peer.nation, message.object.id, message.answers, ctx.now());
  // This nation's officials are told what the steps it brings tell them on a shared instance.
  const after = readPartnerCopyBody(message.body);
  if (after) await notifyPartnerCopySteps(ctx, trx, { peerNation: peer.nation, before: held ? readPartnerCopyBody(held.body) : null, after, stepSentBy: stepSentBy ?? null });
}

/**
 * A comment or file about a request this instance holds (not a copy) with the peer came from the
 * peer's copy of it (apply-copy-contribution.ts); anything else about a request is about this
 * instance's copy. A request held here between other nations (a hub's) is not one the peer may
 * speak of: it goes the way of one not held, and gets that answer (not-held.ts).
 */
async function holdsRequest(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<boolean> {
  if (message.object.type !== 'request' || !isUuid(message.object.id)) return false;
  const row = await findRequestRow(trx, message.object.id);
  return row !== undefined && isParty(peer, row, ctx.config.nation!);
}

/** A shared comment joins this instance's copy of the request, once (a copy already holding it keeps one). */
async function applyRequestComment(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = requestCommentBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== 'request' || parsed.data.request.id !== message.object.id) {
    throw new Refused('invalid_content', 'a request.comment carries one shared comment on the request it names', peer.nation, message.id);
  }
  const { comment } = parsed.data;
  const copy = await findMirror(trx, peer.nation, 'request', message.object.id);
  if (!copy) throw new Refused('unknown_object', `request ${message.object.id} is not one ${peer.nation} has shared with this instance: there is no copy to add the comment to`, peer.nation, message.id);
  const copied = copy.body.request as { arrangementId?: unknown } | undefined;
  if (copied?.arrangementId !== message.arrangement) throw new Refused('out_of_arrangement', `request ${message.object.id} is not one of ${message.arrangement}`, peer.nation, message.id);
  const held = Array.isArray(copy.body.comments) ? (copy.body.comments as RequestCommentBody['comment'][]) : [];
  const comments = held.some((c) => c.id === comment.id) ? held.map((c) => (c.id === comment.id ? comment : c)) : [...held, comment];
  await upsertMirror(trx, { peerNation: peer.nation, objectType: 'request', objectId: message.object.id, objectVersion: message.object.version, body: { ...copy.body, comments }, messageId: message.id, now: ctx.now() });
}

/**
 * A posture change set on the peer's instance joins the arrangement's history here, as set by
 * the named officer of that nation; the current posture is then the later of the changes
 * (postures.repository.ts), the same on both instances. A peer speaks only for its own officers.
 */
async function applyPostureSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = postureSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== ARRANGEMENT_POSTURE_OBJECT) throw new Refused('invalid_content', 'a posture.set carries one posture change of an arrangement', peer.nation, message.id);
  const { change } = parsed.data;
  if (message.object.id !== message.arrangement || change.arrangementId !== message.arrangement) {
    throw new Refused('out_of_arrangement', `a posture change of ${change.arrangementId} came as a message of ${message.arrangement}`, peer.nation, message.id);
  }
  if (change.setBy.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a posture change set by an officer of ${change.setBy.nation}`, peer.nation, message.id);
  const arrangement = await lockArrangement(trx, change.arrangementId);
  if (!arrangement) throw new Refused('unknown_object', `arrangement ${change.arrangementId} is not one this instance knows`, peer.nation, message.id);
  const own = ctx.config.nation!;
  const nations = [arrangement.nation_a, arrangement.nation_b];
  if (!nations.includes(own) || !nations.includes(peer.nation)) throw new Refused('out_of_arrangement', `${change.arrangementId} is not an arrangement between ${peer.nation} and ${own}`, peer.nation, message.id);
  if (await findPostureChange(trx, change.id)) throw new Refused('replayed', `posture change ${change.id} was applied before, from another message`, peer.nation, message.id);
  const before = await currentPosture(trx, arrangement.id);
  await insertPostureChange(trx, { id: change.id, arrangement_id: arrangement.id, posture: change.posture, note: change.note, set_by: null, set_by_name: change.setBy.displayName, set_by_nation: peer.nation, set_at: new Date(change.setAt), message_id: message.id });
  const after = await currentPosture(trx, arrangement.id);
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: 'arrangement.posture.received',
    entityType: 'arrangement',
    entityId: arrangement.id,
    parties: [peer.nation],
    data: { from: before, to: after, set: change.posture, note: change.note, setBy: change.setBy.displayName, setByNation: peer.nation, setAt: change.setAt, messageId: message.id },
  });
}
