import { decodeProtectedHeader } from 'jose';
import { MESSAGE_TYPE, RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { MARK_TYPE, type FederationMark } from '../../domain/federation/delivery.js';
import { decideInbound } from '../../domain/federation/inbound-order.js';
import { federationMessageSchema, type FederationMessage, type FederationReceipt } from '../../domain/federation/message.js';
import { hashSigned, signPayload, verifySigned } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { findInbound, insertInbound, lastInboundSeq, lockPeerRow } from '../../store/federation-messages.repository.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';
import { requestCatchUp } from './catch-up-requests.js';
import { applyInbound } from './apply-inbound.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';

export type { RefusalReason };

export interface ReceiveResult {
  outcome: 'applied' | 'duplicate';
  /** The signed receipt: the same one again for a duplicate. */
  receipt: string;
  seq: number;
}

/**
 * The inbox (issue #13, `POST /federation/inbox`): a peer's signed message is verified against the
 * keys its descriptor lists, checked against the arrangements shared with it, and applied exactly
 * once, in order, in one transaction: the inbox row (keyed by message id, the signed message kept
 * as evidence), the partner's view of the object and the audit event commit together. The answer
 * is a receipt signed by this instance. A message seen before gets its receipt again; one after a
 * gap is answered with the sequence number expected (409), so the sender sends or the receiver
 * fetches what is missing first. Anything else is refused, audited, and never applied.
 */
export async function receiveMessage(ctx: AppContext, jws: string): Promise<ReceiveResult> {
  try {
    return await receive(ctx, jws.trim());
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await auditRefusal(ctx, error, hashSigned(jws.trim()));
    const mark = error.lastSeq !== null && error.peer ? await signMark(ctx, error.peer, error.lastSeq) : undefined;
    throw new AppError('FORBIDDEN', { detail: `The message was refused (${error.reason}): ${error.detail}`, extra: { reason: error.reason, ...(mark ? { mark } : {}) } });
  }
}

async function receive(ctx: AppContext, jws: string): Promise<ReceiveResult> {
  const own = ctx.config.nation;
  if (!own) throw new Refused('not_sovereign', 'this is a shared deployment (SOSA_NATION is not set): it takes no messages from peers', null, null);
  const { peer, message, hash } = await verifyMessage(ctx, jws, own);
  const result = await ctx.store.db.transaction().execute(async (trx) => {
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
      return { kind: 'done' as const, value: { outcome: 'duplicate' as const, receipt: known.receipt, seq: known.seq } };
    }
    const last = await lastInboundSeq(trx, peer.nation);
    const decision = decideInbound(last, message.seq);
    if (decision.kind === 'duplicate') throw new Refused('replayed', `sequence number ${message.seq} from ${peer.nation} was taken by another message (the last applied is ${last})`, peer.nation, message.id, last);
    if (decision.kind === 'gap') return { kind: 'gap' as const, expected: decision.missingFrom };
    return { kind: 'done' as const, value: await apply(ctx, trx, own, peer, message, jws, hash) };
  });
  if (result.kind === 'gap') {
    // The sender resends from the expected number when it reads the answer; this instance also
    // fetches what is missing from the sender's outbox (the sender may be down by then).
    requestCatchUp(ctx, peer.nation);
    throw new AppError('CONFLICT', {
      detail: `Message ${message.seq} from ${peer.nation} came before ${result.expected}: send ${result.expected} first, or this instance fetches it from your outbox.`,
      extra: { expectedSeq: result.expected, reason: 'gap' },
    });
  }
  return result.value;
}

async function verifyMessage(ctx: AppContext, jws: string, own: string): Promise<{ peer: PeerRecord; message: FederationMessage; hash: string }> {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(jws).kid;
  } catch {
    throw new Refused('malformed', 'not a compact JWS (an unsigned message is never applied)', null, null);
  }
  const peers = await listPeers(ctx.store.db);
  const peer = peers.find((p) => p.keys.some((k) => k.kid === kid));
  if (!peer) throw new Refused('unknown_key', `key ${String(kid)} is not one any peer's descriptor lists`, null, null);
  const verified = await verifySigned(jws, peer.keys, MESSAGE_TYPE, federationMessageSchema);
  if (!verified.ok) throw new Refused(verified.reason, verified.detail, peer.nation, null);
  const message = verified.value;
  if (message.from !== peer.nation) throw new Refused('wrong_nation', `signed by ${peer.nation}'s key but says it is from ${message.from}`, peer.nation, message.id);
  if (message.to !== own) throw new Refused('wrong_nation', `addressed to ${message.to}, this instance is ${own}'s`, peer.nation, message.id);
  if (!peer.arrangements.includes(message.arrangement)) throw new Refused('out_of_arrangement', `${message.arrangement} is not an arrangement this instance shares with ${peer.nation}`, peer.nation, message.id);
  const request = message.object.type === 'request' ? (message.body.request as { arrangementId?: unknown; fromNation?: unknown; toNation?: unknown } | undefined) : undefined;
  if (message.object.type === 'request') {
    const nations = [request?.fromNation, request?.toNation];
    if (request?.arrangementId !== message.arrangement || !nations.includes(own) || !nations.includes(peer.nation)) {
      throw new Refused('out_of_arrangement', `the request is not one of ${message.arrangement} between ${peer.nation} and ${own}`, peer.nation, message.id);
    }
  }
  return { peer, message, hash: verified.hash };
}

async function apply(ctx: AppContext, trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, jws: string, hash: string): Promise<ReceiveResult> {
  const now = ctx.now();
  await applyInbound(ctx, trx, peer, message);
  const payload: FederationReceipt = { messageId: message.id, messageHash: hash, from: own, to: peer.nation, seq: message.seq, receivedAt: now.toISOString(), outcome: 'applied' };
  const receipt = await signPayload(payload, await instanceSigningKey(ctx.config.keyDir), RECEIPT_TYPE);
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

/** The last number applied from `peer`, signed: what a restored sender renumbers after. */
async function signMark(ctx: AppContext, peer: string, lastSeq: number): Promise<string> {
  const mark: FederationMark = { from: ctx.config.nation!, to: peer, lastSeq, issuedAt: ctx.now().toISOString() };
  return signPayload(mark, await instanceSigningKey(ctx.config.keyDir), MARK_TYPE);
}

async function auditRefusal(ctx: AppContext, refused: Refused, hash: string): Promise<void> {
  await ctx.store.db.transaction().execute((trx) =>
    appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: ctx.config.nation ?? null,
      action: 'federation.message_refused',
      entityType: 'federation_peer',
      entityId: refused.peer ?? 'unknown',
      data: { reason: refused.reason, detail: refused.detail, messageId: refused.messageId, hash },
    }),
  );
}
