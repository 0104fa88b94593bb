import { decodeJwt, decodeProtectedHeader } from 'jose';
import { MESSAGE_TYPE, RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { MARK_TYPE, type FederationMark } from '../../domain/federation/delivery.js';
import { federationMessageSchema, type FederationMessage, type FederationReceipt } from '../../domain/federation/message.js';
import { hashSigned, signPayload, verifySigned, type SigningKey } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { unstorableFields } from '../../domain/unstorable.js';
import { appendAudit } from '../../store/audit.repository.js';
import { decideRefusalAudit, leftOut } from './anonymous-refusals.js';
import type { Tx } from '../../store/executor.js';
import { exchangedMessageHeld, insertInbound } from '../../store/federation-messages.repository.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';
import { requestCatchUp } from './catch-up-requests.js';
import { applyInbound } from './apply-inbound.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';

/**
 * The steps of the inbox (`receive-messages.ts`, which takes one message as a batch of one): verify
 * a message, check its content, apply it or record it as refused, and the refusals' answers and audit.
 */
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
  // Refused before anything is written: the database would refuse it, and fail the whole batch.
  const unstorable = unstorableFields(message.body);
  if (unstorable.length) throw new Refused('invalid_content', `the body holds what this instance cannot store: ${unstorable.slice(0, 5).map((e) => `${e.field} ${e.message}`).join('; ')}`, peer.nation, message.id);
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
