import { decodeJwt, decodeProtectedHeader } from 'jose';
import { MESSAGE_TYPE, RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { MARK_TYPE, type FederationMark } from '../../domain/federation/delivery.js';
import { decideInbound } from '../../domain/federation/inbound-order.js';
import { federationMessageSchema, type FederationMessage, type FederationReceipt } from '../../domain/federation/message.js';
import { hashSigned, signPayload, verifySigned, type SigningKey } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { decideRefusalAudit, leftOut } from './anonymous-refusals.js';
import type { Tx } from '../../store/executor.js';
import { exchangedMessageHeld, findInbound, insertInbound, lastInboundSeq, lockPeerRow } from '../../store/federation-messages.repository.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';
import { requestCatchUp } from './catch-up-requests.js';
import { applyInbound } from './apply-inbound.js';
import { ContentRefused, Refused, type RefusalReason } from './inbound-refusal.js';

export type { RefusalReason };

export interface ReceiveResult {
  /** "refused": authentic and in sequence, recorded with its number, nothing applied (also for a copy of such a message). */
  outcome: 'applied' | 'duplicate' | 'refused';
  /** The signed receipt: the same one again for a duplicate. */
  receipt: string;
  seq: number;
  /** With "refused": why. */
  refusal?: { reason: RefusalReason; detail: string };
}

/**
 * The inbox (issue #13, `POST /federation/inbox`): a peer's signed message is verified against the
 * keys its descriptor lists, checked against the arrangements shared with it, and applied exactly
 * once, in order, in one transaction: the inbox row (keyed by message id, the signed message kept
 * as evidence), the partner's view of the object and the audit event commit together. The answer
 * is a receipt signed by this instance. A message seen before gets its receipt again; one after a
 * gap is answered with the sequence number expected (409), so the sender sends or the receiver
 * fetches what is missing first. A message that is not authentic, misaddressed or replayed is
 * refused, audited, and takes no sequence number. An authentic, in-sequence message refused for
 * its content (an object this instance does not hold, another arrangement, an answer to no message
 * exchanged …) is recorded as refused: it takes its number, applies nothing, is audited, and
 * gets a signed refusal receipt, so the sender's queue moves on instead of retrying it for ever.
 */
export async function receiveMessage(ctx: AppContext, jws: string): Promise<ReceiveResult> {
  try {
    return await receive(ctx, jws.trim());
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    throw await refusalError(ctx, error, jws.trim());
  }
}

/**
 * A message refused before it took a number (not authentic, misaddressed, replayed): audited,
 * and answered 403 with the reason; a reused number also with this instance's signed mark.
 */
export async function refusalError(ctx: AppContext, refused: Refused, jws: string): Promise<AppError> {
  await auditRefusal(ctx, refused, hashSigned(jws));
  const mark = refused.lastSeq !== null && refused.peer ? await signMark(ctx, refused.peer, refused.lastSeq) : undefined;
  return new AppError('FORBIDDEN', { detail: `The message was refused (${refused.reason}): ${refused.detail}`, extra: { reason: refused.reason, ...(mark ? { mark } : {}) } });
}

/** The answer to a message after a gap (409): the sender resends from `expected`, and this instance fetches what is missing. */
export function gapError(ctx: AppContext, peerNation: string, seq: number, expected: number): AppError {
  // The sender resends from the expected number when it reads the answer; this instance also
  // fetches what is missing from the sender's outbox (the sender may be down by then).
  requestCatchUp(ctx, peerNation);
  return new AppError('CONFLICT', {
    detail: `Message ${seq} from ${peerNation} came before ${expected}: send ${expected} first, or this instance fetches it from your outbox.`,
    extra: { expectedSeq: expected, reason: 'gap' },
  });
}

type Taken = { kind: 'done'; value: ReceiveResult } | { kind: 'gap'; expected: number };

async function receive(ctx: AppContext, jws: string): Promise<ReceiveResult> {
  const own = ctx.config.nation;
  if (!own) throw new Refused('not_sovereign', 'this is a shared deployment (SOSA_NATION is not set): it takes no messages from peers', null, null);
  const { peer, message, hash } = await verifyMessage(jws, own, await listPeers(ctx.store.db));
  let result: Taken;
  try {
    result = await ctx.store.db.transaction().execute(async (trx) => {
      const seen = await takeInOrder(ctx, trx, own, peer, message, hash);
      if (seen) return seen;
      try {
        await checkContent(trx, own, peer, message);
        return { kind: 'done' as const, value: await apply(ctx, trx, own, peer, message, jws, hash, await instanceSigningKey(ctx.config.keyDir)) };
      } catch (error) {
        // Rolls back whatever the apply had written; the refusal is then recorded on its own.
        if (error instanceof Refused) throw new ContentRefused(error);
        throw error;
      }
    });
  } catch (error) {
    if (!(error instanceof ContentRefused)) throw error;
    // Checked again under the peer's lock: another process may have taken the number meanwhile.
    result = await ctx.store.db.transaction().execute(async (trx) => (await takeInOrder(ctx, trx, own, peer, message, hash)) ?? { kind: 'done' as const, value: await recordRefused(ctx, trx, own, peer, message, jws, hash, error.refused, await instanceSigningKey(ctx.config.keyDir)) });
  }
  if (result.kind === 'gap') throw gapError(ctx, peer.nation, message.seq, result.expected);
  return result.value;
}

/**
 * Under the peer's lock: the answer for a message seen before (its receipt again), or for one
 * after a gap; null when the message is the next one, to be applied or recorded as refused.
 */
async function takeInOrder(ctx: AppContext, trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, hash: string): Promise<Taken | null> {
  if (!(await lockPeerRow(trx, peer.nation))) throw new Refused('unknown_key', `${peer.nation} is no longer a peer of this instance`, peer.nation, message.id);
  const known = await findInbound(trx, message.id);
  if (known) {
    if (known.messageHash !== hash) throw new Refused('replayed', `message ${message.id} was received before with other content`, peer.nation, message.id);
    // The same bytes again: the sender's retry after a lost answer, or a copy replayed on the
    // way. Either way nothing is applied and the same receipt answers; the copy is recorded, so
    // a replay on the link leaves a trace in the receiver's log.
    await appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: own,
      action: 'federation.message_duplicate',
      entityType: message.object.type,
      entityId: message.object.id,
      data: { from: peer.nation, messageId: message.id, seq: message.seq, hash },
    });
    if (known.outcome === 'refused') return { kind: 'done', value: { outcome: 'refused', receipt: known.receipt, seq: known.seq, refusal: refusalOf(known.receipt) } };
    return { kind: 'done', value: { outcome: 'duplicate', receipt: known.receipt, seq: known.seq } };
  }
  const last = await lastInboundSeq(trx, peer.nation);
  const decision = decideInbound(last, message.seq);
  if (decision.kind === 'duplicate') throw new Refused('replayed', `sequence number ${message.seq} from ${peer.nation} was taken by another message (the last applied is ${last})`, peer.nation, message.id, last);
  if (decision.kind === 'gap') return { kind: 'gap', expected: decision.missingFrom };
  return null;
}

export interface VerifiedMessage {
  peer: PeerRecord;
  message: FederationMessage;
  hash: string;
}

/**
 * Authenticity: signed by a key of the peer's descriptor (`peers`, read once by the caller for
 * a whole batch), from that peer, to this instance.
 */
export async function verifyMessage(jws: string, own: string, peers: readonly PeerRecord[]): Promise<VerifiedMessage> {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(jws).kid;
  } catch {
    throw new Refused('malformed', 'not a compact JWS (an unsigned message is never applied)', null, null);
  }
  const peer = peers.find((p) => p.keys.some((k) => k.kid === kid));
  if (!peer) throw new Refused('unknown_key', `key ${String(kid)} is not one any peer's descriptor lists`, null, null);
  const verified = await verifySigned(jws, peer.keys, MESSAGE_TYPE, federationMessageSchema);
  if (!verified.ok) throw new Refused(verified.reason, verified.detail, peer.nation, null);
  const message = verified.value;
  if (message.from !== peer.nation) throw new Refused('wrong_nation', `signed by ${peer.nation}'s key but says it is from ${message.from}`, peer.nation, message.id);
  if (message.to !== own) throw new Refused('wrong_nation', `addressed to ${message.to}, this instance is ${own}'s`, peer.nation, message.id);
  return { peer, message, hash: verified.hash };
}

/** What an authentic message says: of an arrangement shared with the peer, answering a message exchanged with it. */
export async function checkContent(trx: Tx, own: string, peer: PeerRecord, message: FederationMessage): Promise<void> {
  if (!peer.arrangements.includes(message.arrangement)) throw new Refused('out_of_arrangement', `${message.arrangement} is not an arrangement this instance shares with ${peer.nation}`, peer.nation, message.id);
  if (message.object.type === 'request') {
    const request = message.body.request as { arrangementId?: unknown; fromNation?: unknown; toNation?: unknown } | undefined;
    const nations = [request?.fromNation, request?.toNation];
    if (request?.arrangementId !== message.arrangement || !nations.includes(own) || !nations.includes(peer.nation)) {
      throw new Refused('out_of_arrangement', `the request is not one of ${message.arrangement} between ${peer.nation} and ${own}`, peer.nation, message.id);
    }
  }
  // The envelope's `answers` (issue #13) is evidence of what the sender knew when it acted: it
  // must name a message about the same object that the two instances exchanged, either way.
  if (message.answers !== null && !(await exchangedMessageHeld(trx, peer.nation, message.object, message.answers))) {
    throw new Refused('answers_mismatch', `it answers message ${message.answers.slice(0, 12)}…, which is no message about ${message.object.type} ${message.object.id} exchanged between ${peer.nation} and ${own}`, peer.nation, message.id);
  }
}

export async function apply(ctx: AppContext, trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, jws: string, hash: string, key: SigningKey): Promise<ReceiveResult> {
  const now = ctx.now();
  await applyInbound(ctx, trx, peer, message, hash);
  const payload: FederationReceipt = { messageId: message.id, messageHash: hash, from: own, to: peer.nation, seq: message.seq, receivedAt: now.toISOString(), outcome: 'applied' };
  const receipt = await signPayload(payload, key, RECEIPT_TYPE);
  await insertInbound(trx, { messageId: message.id, senderNation: peer.nation, seq: message.seq, kind: message.kind, objectType: message.object.type, objectId: message.object.id, objectVersion: message.object.version, jws, messageHash: hash, appliedAt: now, receipt });
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: 'federation.message_received',
    entityType: message.object.type,
    entityId: message.object.id,
    data: { from: peer.nation, messageId: message.id, seq: message.seq, kind: message.kind, version: message.object.version, hash },
  });
  return { outcome: 'applied', receipt, seq: message.seq };
}

/**
 * An authentic, in-sequence message refused for its content: kept as evidence in the inbox with
 * its number (the next message from the peer is then expected), nothing applied, audited, and
 * answered with a signed receipt that says it was refused and why.
 */
export async function recordRefused(ctx: AppContext, trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, jws: string, hash: string, refused: Refused, key: SigningKey): Promise<ReceiveResult> {
  const now = ctx.now();
  const refusal = { reason: refused.reason, detail: refused.detail.slice(0, 2000) };
  const payload: FederationReceipt = { messageId: message.id, messageHash: hash, from: own, to: peer.nation, seq: message.seq, receivedAt: now.toISOString(), outcome: 'refused', refusal };
  const receipt = await signPayload(payload, key, RECEIPT_TYPE);
  await insertInbound(trx, { messageId: message.id, senderNation: peer.nation, seq: message.seq, kind: message.kind, objectType: message.object.type, objectId: message.object.id, objectVersion: message.object.version, jws, messageHash: hash, appliedAt: now, receipt, refusalReason: refused.reason });
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: 'federation.message_refused',
    entityType: message.object.type,
    entityId: message.object.id,
    data: { from: peer.nation, reason: refused.reason, detail: refusal.detail, messageId: message.id, seq: message.seq, kind: message.kind, hash, recorded: true },
  });
  return { outcome: 'refused', receipt, seq: message.seq, refusal };
}

/** The refusal a stored receipt of this instance states (a copy of a refused message gets the same answer). */
export function refusalOf(receipt: string): { reason: RefusalReason; detail: string } {
  const payload = decodeJwt(receipt) as Partial<FederationReceipt>;
  return { reason: (payload.refusal?.reason ?? 'invalid_content') as RefusalReason, detail: payload.refusal?.detail ?? '' };
}

/** The last number applied from `peer`, signed: what a restored sender renumbers after. */
export async function signMark(ctx: AppContext, peer: string, lastSeq: number): Promise<string> {
  const mark: FederationMark = { from: ctx.config.nation!, to: peer, lastSeq, issuedAt: ctx.now().toISOString() };
  return signPayload(mark, await instanceSigningKey(ctx.config.keyDir), MARK_TYPE);
}

export async function auditRefusal(ctx: AppContext, refused: Refused, hash: string): Promise<void> {
  const audit = decideRefusalAudit(ctx, 'federation.message_refused', refused.reason, refused.peer);
  if (!audit) return;
  await ctx.store.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: ctx.config.nation ?? null,
      action: 'federation.message_refused',
      entityType: 'federation_peer',
      entityId: refused.peer ?? 'unknown',
      data: { reason: refused.reason, detail: refused.detail, messageId: refused.messageId, hash, ...leftOut(audit) },
    }),
  );
}
