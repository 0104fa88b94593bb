import { randomUUID } from 'node:crypto';
import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import { federationMessageSchema, type FederationMessage } from '../../domain/federation/message.js';
import { hashSigned, signPayload } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { insertOutbound, lastOutboundSeq, lockPeerRow } from '../../store/federation-messages.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';

let enqueuedInProcess = 0;
/** Messages this process put in the outbox (the sender is poked after commits that wrote one). */
export function messagesEnqueuedInProcess(): number {
  return enqueuedInProcess;
}

export interface OutboundChange {
  peerNation: string;
  arrangement: string;
  kind: string;
  object: FederationMessage['object'];
  /** The hash of the peer's message this change answers, or null. */
  answers?: string | null;
  /** The border projection of the change for that peer: only what the arrangement shares. */
  body: Record<string, unknown>;
}

/**
 * Puts one message to a peer in the outbox, inside the caller's transaction (issue #13): the
 * change and its message commit together or not at all, so no change is lost on the way to the
 * peer and no message tells of a change that did not happen. The message gets the peer's next
 * sequence number (the peer's row is locked until the commit, so numbers have no gaps) and is
 * signed now; the sender loop delivers exactly these bytes, as often as needed.
 */
export async function enqueueOutbound(ctx: AppContext, trx: Tx, change: OutboundChange): Promise<{ id: string; seq: number; messageHash: string }> {
  const own = ctx.config.nation;
  if (!own) throw new AppError('CONFIG_INVALID', { detail: 'SOSA_NATION is not set: a shared deployment has no peers to send to' });
  if (!(await lockPeerRow(trx, change.peerNation))) throw new AppError('NOT_FOUND', { detail: `${change.peerNation} is not a peer of this instance` });
  const seq = (await lastOutboundSeq(trx, change.peerNation)) + 1;
  const now = ctx.now();
  const message: FederationMessage = federationMessageSchema.parse({
    id: randomUUID(),
    arrangement: change.arrangement,
    from: own,
    to: change.peerNation,
    seq,
    kind: change.kind,
    object: change.object,
    answers: change.answers ?? null,
    sentAt: now.toISOString(),
    body: change.body,
  });
  const jws = await signPayload(message, await instanceSigningKey(ctx.config.keyDir), MESSAGE_TYPE);
  const messageHash = hashSigned(jws);
  await insertOutbound(trx, { id: message.id, peerNation: change.peerNation, seq, kind: message.kind, objectType: message.object.type, objectId: message.object.id, objectVersion: message.object.version, answersHash: message.answers, jws, messageHash, now });
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: 'federation.message_queued',
    entityType: message.object.type,
    entityId: message.object.id,
    data: { to: change.peerNation, messageId: message.id, seq, kind: message.kind, version: message.object.version, hash: messageHash },
  });
  enqueuedInProcess += 1;
  return { id: message.id, seq, messageHash };
}
