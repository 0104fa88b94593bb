import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { FETCH_TYPE, MARK_TYPE, federationMarkSchema, retryDelayMs, type FederationFetch } from '../../domain/federation/delivery.js';
import { federationReceiptSchema } from '../../domain/federation/message.js';
import { signPayload, verifySigned } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { firstPendingOutbound, lastInboundSeq, listPeersWithPending, markOutboundAttemptFailed, markOutboundDelivered, markOutboundRefused, resendOutboundFrom, type OutboundRow } from '../../store/federation-messages.repository.js';
import { findPeer, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { startBackgroundLoop } from '../background-loop.js';
import { instanceSigningKey } from './instance-key.js';
import { receiveMessage } from './receive-message.js';
import { renumberPendingOutbound } from './renumber-outbound.js';
import { messagesEnqueuedInProcess } from './enqueue-outbound.js';
import { catchUpRequested, requestCatchUp, takeCatchUpRequests } from './catch-up-requests.js';
import { listPeers } from '../../store/federation-peers.repository.js';

/** How the sender reaches a peer: the global fetch, or (in tests) an app answering in-process. */
export type PeerFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Where a peer's federation endpoints answer, under its API (README "Sovereign instances"). */
export const FEDERATION_PATH = '/api/v1/federation';
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface SenderOptions {
  fetch?: PeerFetch;
  /** Try every pending message now, whatever its next attempt time (tests, `catch up now`). */
  ignoreSchedule?: boolean;
  backoff?: { firstMs: number; capMs: number };
  /** How long one call to the peer may take (SOSA_FEDERATION_ATTEMPT_TIMEOUT_SECONDS). */
  attemptTimeoutMs?: number;
}

export interface PeerDelivery {
  delivered: number;
  /** Why the first undelivered message is still pending, or null when none is. */
  blocked: string | null;
  /** Messages the peer took in and refused, with a signed receipt (present only when there were some). */
  refused?: number;
}

/**
 * Delivers the pending messages to one peer strictly in sequence order (issue #13): each is
 * POSTed as signed at enqueue time; the peer's signed receipt is verified (it must name exactly
 * the bytes sent) and stored with the delivery time. A failure stops the peer's queue until the
 * next attempt, 1 s, 2 s, 4 s … later (capped): a later message never overtakes an earlier one.
 */
export async function deliverToPeer(ctx: AppContext, peerNation: string, options: SenderOptions = {}): Promise<PeerDelivery> {
  const peer = await findPeer(ctx.store.db, peerNation);
  if (!peer) return { delivered: 0, blocked: `${peerNation} is not a peer` };
  const doFetch = options.fetch ?? fetch;
  let delivered = 0;
  let refusedCount = 0;
  const result = (blocked: string | null): PeerDelivery => ({ delivered, blocked, ...(refusedCount > 0 ? { refused: refusedCount } : {}) });
  for (;;) {
    const row = await firstPendingOutbound(ctx.store.db, peerNation);
    if (!row) return result(null);
    if (!options.ignoreSchedule && row.nextAttemptAt > ctx.now()) return result(row.lastError ?? 'waiting for its next attempt');
    let outcome = await attempt(ctx, peer, row, doFetch, options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS);
    if (outcome.kind === 'delivered') {
      delivered += 1;
      continue;
    }
    if (outcome.kind === 'refused') {
      // Taken in and refused by the peer, signed: done with, like a delivered message; the next goes.
      refusedCount += 1;
      continue;
    }
    if (outcome.kind === 'resend') {
      // Only a resend that puts earlier messages back in the queue makes progress; a peer that
      // asks for what this outbox no longer holds (or never sent) is a failure with its backoff,
      // not a loop that re-posts the same message for ever.
      if ((await resendOutboundFrom(ctx.store.db, peerNation, outcome.fromSeq, ctx.now())) > 0) continue;
      outcome = { kind: 'failed', error: `${peerNation} expects message ${outcome.fromSeq}, which this outbox cannot send again`, refused: true };
    }
    if (outcome.kind === 'renumber') {
      if ((await renumberPendingOutbound(ctx, peerNation, outcome.peerLastSeq)) > 0) continue;
      outcome = { kind: 'failed', error: `${peerNation} refused message ${row.seq} as a replay (it applied up to ${outcome.peerLastSeq})`, refused: true };
    }
    const now = ctx.now();
    const backoff = options.backoff ?? { firstMs: undefined, capMs: undefined };
    await markOutboundAttemptFailed(ctx.store.db, row.id, outcome.error, new Date(now.getTime() + retryDelayMs(row.attempts + 1, backoff.firstMs, backoff.capMs)), now);
    if (outcome.refused && outcome.error !== row.lastError) {
      // The peer refused the message (not a network failure): both sides keep a record of it.
      await ctx.store.db.transaction().execute((trx) =>
        auditMessageOutcome(trx, ctx, row, 'federation.message_refused_by_peer', { to: peerNation, messageId: row.id, seq: row.seq, error: outcome.error }),
      );
    }
    return result(outcome.error);
  }
}

/** The audit event of what became of an outbound message, on the object it carries: written by the federation layer, not a user. */
function auditMessageOutcome(trx: Tx, ctx: AppContext, row: OutboundRow, action: string, data: Record<string, unknown>): Promise<void> {
  return appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation ?? null, action, entityType: row.objectType, entityId: row.objectId, data });
}

type Attempt = { kind: 'delivered' } | { kind: 'refused' } | { kind: 'resend'; fromSeq: number } | { kind: 'renumber'; peerLastSeq: number } | { kind: 'failed'; error: string; refused: boolean };

async function attempt(ctx: AppContext, peer: PeerRecord, row: OutboundRow, doFetch: PeerFetch, timeoutMs: number): Promise<Attempt> {
  let res: Response;
  let body: unknown;
  try {
    res = await doFetch(`${peer.baseUrl}${FEDERATION_PATH}/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: row.jws }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await res.json().catch(() => null);
  } catch (error) {
    return { kind: 'failed', error: `${peer.nation} unreachable: ${error instanceof Error ? error.message : String(error)}`, refused: false };
  }
  const problem = body as { expectedSeq?: unknown; detail?: unknown; reason?: unknown; mark?: unknown } | null;
  if (res.status === 403 && problem?.reason === 'replayed' && typeof problem.mark === 'string') {
    // This instance reused numbers the peer applied (restored from an older backup): the peer's
    // signed mark says where to go on from. An unsigned or foreign mark changes nothing.
    const mark = await verifySigned(problem.mark, peer.keys, MARK_TYPE, federationMarkSchema);
    if (mark.ok && mark.value.from === peer.nation && mark.value.to === ctx.config.nation && mark.value.lastSeq >= row.seq) return { kind: 'renumber', peerLastSeq: mark.value.lastSeq };
  }
  if (res.status === 403 && typeof (problem as { receipt?: unknown } | null)?.receipt === 'string') {
    const refused = await takeRefusalReceipt(ctx, peer, row, (problem as { receipt: string }).receipt);
    if (refused) return refused;
  }
  if (res.status === 409 && Number.isInteger(problem?.expectedSeq) && (problem!.expectedSeq as number) >= 1 && (problem!.expectedSeq as number) < row.seq) return { kind: 'resend', fromSeq: problem!.expectedSeq as number };
  if (res.status !== 200) {
    const refused = res.status >= 400 && res.status < 500;
    return { kind: 'failed', error: `${peer.nation} answered ${res.status}${typeof problem?.detail === 'string' ? `: ${problem.detail}` : ''}`, refused };
  }
  const receipt = (body as { receipt?: unknown } | null)?.receipt;
  if (typeof receipt !== 'string') return { kind: 'failed', error: `${peer.nation} answered without a receipt`, refused: true };
  const verified = await verifySigned(receipt, peer.keys, RECEIPT_TYPE, federationReceiptSchema);
  if (!verified.ok) return { kind: 'failed', error: `${peer.nation}'s receipt was refused (${verified.reason}: ${verified.detail})`, refused: true };
  const r = verified.value;
  if (r.messageId !== row.id || r.messageHash !== row.messageHash || r.seq !== row.seq || r.from !== peer.nation || r.to !== ctx.config.nation) {
    return { kind: 'failed', error: `${peer.nation}'s receipt does not name the message sent`, refused: true };
  }
  const at = ctx.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    await markOutboundDelivered(trx, row.id, receipt, at);
    await auditMessageOutcome(trx, ctx, row, 'federation.message_delivered', { to: peer.nation, messageId: row.id, seq: row.seq, receivedAt: r.receivedAt, receiptHash: verified.hash });
  });
  return { kind: 'delivered' };
}

/**
 * A refusal with a signed receipt (issue #13): the peer recorded the message as refused with its
 * sequence number, so it is done with. Only a receipt signed by the peer that names exactly this
 * message (id, hash, number, both nations) and says "refused" moves the queue on: an unsigned
 * refusal, or one about other bytes, is a failed attempt like any other and retried.
 */
async function takeRefusalReceipt(ctx: AppContext, peer: PeerRecord, row: OutboundRow, receipt: string): Promise<Attempt | null> {
  const verified = await verifySigned(receipt, peer.keys, RECEIPT_TYPE, federationReceiptSchema);
  if (!verified.ok) return null;
  const r = verified.value;
  if (r.outcome !== 'refused' || r.messageId !== row.id || r.messageHash !== row.messageHash || r.seq !== row.seq || r.from !== peer.nation || r.to !== ctx.config.nation) return null;
  const reason = r.refusal?.reason ?? 'unstated';
  const at = ctx.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    await markOutboundRefused(trx, row.id, receipt, reason, at);
    await auditMessageOutcome(trx, ctx, row, 'federation.message_refused_by_peer', { to: peer.nation, messageId: row.id, seq: row.seq, reason, detail: r.refusal?.detail ?? null, receivedAt: r.receivedAt, receiptHash: verified.hash, recorded: true });
  });
  return { kind: 'refused' };
}

/**
 * Fetches what a peer sent and this instance has not applied (issue #13: a gap, or an outage of
 * this instance), from the peer's outbox, in order, and applies each message as the inbox would.
 * Returns how many were applied.
 */
export async function catchUpFromPeer(ctx: AppContext, peerNation: string, options: Pick<SenderOptions, 'fetch' | 'attemptTimeoutMs'> = {}): Promise<number> {
  const own = ctx.config.nation;
  const peer = await findPeer(ctx.store.db, peerNation);
  if (!own || !peer) return 0;
  const doFetch = options.fetch ?? fetch;
  let applied = 0;
  for (;;) {
    const after = await lastInboundSeq(ctx.store.db, peerNation);
    const ask: FederationFetch = { from: own, to: peerNation, after, issuedAt: ctx.now().toISOString() };
    const proof = await signPayload(ask, await instanceSigningKey(ctx.config.keyDir), FETCH_TYPE);
    const res = await doFetch(`${peer.baseUrl}${FEDERATION_PATH}/outbox?after=${after}&proof=${encodeURIComponent(proof)}`, { method: 'GET', signal: AbortSignal.timeout(options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS) });
    const body = (await res.json().catch(() => null)) as { messages?: unknown; hasMore?: unknown } | null;
    if (res.status !== 200 || !Array.isArray(body?.messages)) throw new AppError('CONFLICT', { detail: `${peerNation}'s outbox answered ${res.status}` });
    for (const jws of body.messages) {
      if (typeof jws !== 'string') continue;
      // A message refused for its content is recorded with its number (receiveMessage): the catch-up goes on past it.
      const result = await receiveMessage(ctx, jws);
      if (result.outcome === 'applied') applied += 1;
    }
    if (body.hasMore !== true || body.messages.length === 0) return applied;
  }
}

export interface MessageSender {
  /** Runs one round now (after a commit that queued a message); rounds coalesce, one at a time. */
  poke(): void;
  stop(): Promise<void>;
}

/** How often the sender looks at the outbox without a poke (a retry that came due, another process's messages). */
export const SENDER_INTERVAL_MS = 1_000;

/**
 * The sender of the server process (issue #13), beside the audit sequencer: poked after each
 * commit that queued a message and every second, it delivers each peer's due messages in order,
 * and fetches from a peer's outbox when the inbox saw a gap. The content of the files a peer listed
 * without it is fetched by a loop of its own (file-fetcher.ts), so a slow file never holds back a
 * message. At start it also catches up once with
 * every peer it has messages for, so an outage of this instance is made good without waiting for
 * the peer's next retry. With several server processes on one database each runs a sender: two may
 * post the same message, and the peer answers the second with the same receipt.
 */
export function startMessageSender(ctx: AppContext, options: SenderOptions & { intervalMs?: number } = {}): MessageSender {
  let seen = -1;
  const loop = startBackgroundLoop(ctx, {
    name: 'federation sender',
    intervalMs: options.intervalMs ?? SENDER_INTERVAL_MS,
    runAtStart: false,
    wakeAfterCommit: () => messagesEnqueuedInProcess() !== seen || catchUpRequested(ctx),
    round: async (stopping) => {
      seen = messagesEnqueuedInProcess();
      for (const nation of takeCatchUpRequests(ctx)) {
        await catchUpFromPeer(ctx, nation, options).catch((error: unknown) => ctx.logger.warn({ peer: nation, reason: error instanceof Error ? error.message : String(error) }, 'federation catch-up failed'));
      }
      const now = ctx.now();
      for (const p of await listPeersWithPending(ctx.store.db)) {
        if (stopping.aborted) break;
        if (p.nextAttemptAt <= now) await deliverToPeer(ctx, p.peerNation, options);
      }
    },
  });
  if (ctx.config.nation) {
    void listPeers(ctx.store.db)
      .then((peers) => peers.forEach((p) => requestCatchUp(ctx, p.nation)))
      .catch(() => {})
      .finally(loop.wake);
  }
  return { poke: loop.wake, stop: loop.stop };
}
