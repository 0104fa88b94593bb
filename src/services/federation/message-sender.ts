import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { FETCH_TYPE, MARK_TYPE, federationMarkSchema, retryDelayMs, type FederationFetch } from '../../domain/federation/delivery.js';
import { federationReceiptSchema, type FederationReceipt } from '../../domain/federation/message.js';
import { signPayload, verifySigned } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { lastInboundSeq, pendingOutboundBatch, listPeersWithPending, markOutboundAttemptFailed, markOutboundDelivered, markOutboundRefused, resendOutboundFrom, type OutboundRow } from '../../store/federation-messages.repository.js';
import { findPeer, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { startBackgroundLoop } from '../background-loop.js';
import { instanceSigningKey } from './instance-key.js';
import { INBOX_BATCH, receiveMessages } from './receive-messages.js';
import { renumberPendingOutbound } from './renumber-outbound.js';
import { messagesEnqueuedInProcess } from './enqueue-outbound.js';
import { catchUpRequested, requestCatchUp, takeCatchUpRequests } from './catch-up-requests.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { signedGet } from './signed-get.js';

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

/** The most characters of signed messages one batched POST carries: well under the 1 MiB body a peer takes by default (MAX_BODY_BYTES). */
export const INBOX_BATCH_CHARS = 600_000;
/** Peers whose inbox took no batch (an older version): until when this process posts them one message at a time. */
const batchRefusedUntil = new Map<string, number>();
const BATCH_RETRY_MS = 10 * 60_000;

/**
 * Delivers the pending messages to one peer strictly in sequence order (issue #13): each is
 * POSTed as signed at enqueue time; the peer's signed receipt is verified (it must name exactly
 * the bytes sent) and stored with the delivery time. When several are pending they go together,
 * up to INBOX_BATCH in one POST to the batched inbox (receive-messages.ts), answered with one
 * answer each, in order, as the inbox answers a message alone; their receipts are stored in one
 * transaction. A failure stops the peer's queue until the next attempt, 1 s, 2 s, 4 s … later
 * (capped): a later message never overtakes an earlier one.
 */
export async function deliverToPeer(ctx: AppContext, peerNation: string, options: SenderOptions = {}): Promise<PeerDelivery> {
  const peer = await findPeer(ctx.store.db, peerNation);
  if (!peer) return { delivered: 0, blocked: `${peerNation} is not a peer` };
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
  let delivered = 0;
  let refusedCount = 0;
  const result = (blocked: string | null): PeerDelivery => ({ delivered, blocked, ...(refusedCount > 0 ? { refused: refusedCount } : {}) });
  for (;;) {
    const batching = (batchRefusedUntil.get(peerNation) ?? 0) <= Date.now();
    const rows = await pendingOutboundBatch(ctx.store.db, peerNation, batching ? INBOX_BATCH : 1, INBOX_BATCH_CHARS);
    let row = rows[0];
    if (!row) return result(null);
    if (!options.ignoreSchedule && row.nextAttemptAt > ctx.now()) return result(row.lastError ?? 'waiting for its next attempt');
    let outcome: Attempt;
    const sent = rows.length > 1 ? await attemptBatch(ctx, peer, rows, doFetch, timeoutMs) : null;
    if (sent) {
      delivered += sent.delivered;
      refusedCount += sent.refused;
      if (!sent.rest) continue;
      ({ row, outcome } = sent.rest);
    } else {
      outcome = await attempt(ctx, peer, row, doFetch, timeoutMs);
    }
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
    const failed = outcome;
    const failedRow = row;
    const now = ctx.now();
    const backoff = options.backoff ?? { firstMs: undefined, capMs: undefined };
    await markOutboundAttemptFailed(ctx.store.db, failedRow.id, failed.error, new Date(now.getTime() + retryDelayMs(failedRow.attempts + 1, backoff.firstMs, backoff.capMs)), now);
    if (failed.refused && failed.error !== failedRow.lastError) {
      // The peer refused the message (not a network failure): both sides keep a record of it.
      await ctx.store.db.transaction().execute((trx) =>
        auditMessageOutcome(trx, ctx, failedRow, 'federation.message_refused_by_peer', { to: peerNation, messageId: failedRow.id, seq: failedRow.seq, error: failed.error }),
      );
    }
    return result(failed.error);
  }
}

/** The audit event of what became of an outbound message, on the object it carries: written by the federation layer, not a user. */
function auditMessageOutcome(trx: Tx, ctx: AppContext, row: OutboundRow, action: string, data: Record<string, unknown>): Promise<void> {
  return appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation ?? null, action, entityType: row.objectType, entityId: row.objectId, data });
}

type Attempt = { kind: 'delivered' } | { kind: 'refused' } | { kind: 'resend'; fromSeq: number } | { kind: 'renumber'; peerLastSeq: number } | { kind: 'failed'; error: string; refused: boolean };
/** A receipt of the peer's that names exactly the message sent, verified, to be stored. */
type Receipt = { kind: 'receipt'; row: OutboundRow; receipt: string; receiptHash: string; payload: FederationReceipt; refused: boolean };

async function post(peer: PeerRecord, path: string, payload: unknown, doFetch: PeerFetch, timeoutMs: number): Promise<{ status: number; body: unknown } | { error: string }> {
  try {
    const res = await doFetch(`${peer.baseUrl}${FEDERATION_PATH}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  } catch (error) {
    return { error: `${peer.nation} unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function attempt(ctx: AppContext, peer: PeerRecord, row: OutboundRow, doFetch: PeerFetch, timeoutMs: number): Promise<Attempt> {
  const answer = await post(peer, '/inbox', { message: row.jws }, doFetch, timeoutMs);
  if ('error' in answer) return { kind: 'failed', error: answer.error, refused: false };
  const read = await readAnswer(ctx, peer, row, answer.status, answer.body);
  if (read.kind !== 'receipt') return read;
  await storeReceipts(ctx, peer, [read]);
  return { kind: read.refused ? 'refused' : 'delivered' };
}

/**
 * Several pending messages in one POST (`/inbox/batch`): the answers come in order, one per
 * message taken, and stop at the first one not taken (a gap, a refusal that took no number),
 * which is handled as the answer to that message alone. Null when the peer takes no batch.
 */
async function attemptBatch(ctx: AppContext, peer: PeerRecord, rows: readonly OutboundRow[], doFetch: PeerFetch, timeoutMs: number): Promise<{ delivered: number; refused: number; rest: { row: OutboundRow; outcome: Attempt } | null } | null> {
  const first = rows[0]!;
  const answer = await post(peer, '/inbox/batch', { messages: rows.map((r) => r.jws) }, doFetch, timeoutMs);
  if ('error' in answer) return { delivered: 0, refused: 0, rest: { row: first, outcome: { kind: 'failed', error: answer.error, refused: false } } };
  if (answer.status === 404 || answer.status === 405 || answer.status === 413) {
    // An inbox of an older version (no batch route), or one that takes smaller bodies: one at a time.
    batchRefusedUntil.set(peer.nation, Date.now() + BATCH_RETRY_MS);
    return null;
  }
  const answers = (answer.body as { answers?: unknown } | null)?.answers;
  if (answer.status !== 200 || !Array.isArray(answers)) {
    const read = await readAnswer(ctx, peer, first, answer.status === 200 ? 502 : answer.status, answer.body);
    return { delivered: 0, refused: 0, rest: { row: first, outcome: read.kind === 'receipt' ? { kind: 'failed', error: `${peer.nation} answered the batch without its answers`, refused: true } : read } };
  }
  const taken: Receipt[] = [];
  let rest: { row: OutboundRow; outcome: Attempt } | null = null;
  for (const [i, row] of rows.entries()) {
    if (i >= answers.length) break;
    const a = answers[i] as { status?: unknown } | null;
    const read = await readAnswer(ctx, peer, row, typeof a?.status === 'number' ? a.status : 502, a);
    if (read.kind !== 'receipt') {
      rest = { row, outcome: read };
      break;
    }
    taken.push(read);
  }
  if (taken.length === 0 && !rest) rest = { row: first, outcome: { kind: 'failed', error: `${peer.nation} answered the batch with no answer`, refused: true } };
  await storeReceipts(ctx, peer, taken);
  const refused = taken.filter((t) => t.refused).length;
  return { delivered: taken.length - refused, refused, rest };
}

/** What the peer's inbox answered about one message: its verified receipt, or what to do next. */
async function readAnswer(ctx: AppContext, peer: PeerRecord, row: OutboundRow, status: number, body: unknown): Promise<Receipt | Exclude<Attempt, { kind: 'delivered' | 'refused' }>> {
  const problem = body as { expectedSeq?: unknown; detail?: unknown; reason?: unknown; mark?: unknown; receipt?: unknown } | null;
  if (status === 403 && problem?.reason === 'replayed' && typeof problem.mark === 'string') {
    // This instance reused numbers the peer applied (restored from an older backup): the peer's
    // signed mark says where to go on from. An unsigned or foreign mark changes nothing.
    const mark = await verifySigned(problem.mark, peer.keys, MARK_TYPE, federationMarkSchema);
    if (mark.ok && mark.value.from === peer.nation && mark.value.to === ctx.config.nation && mark.value.lastSeq >= row.seq) return { kind: 'renumber', peerLastSeq: mark.value.lastSeq };
  }
  if (status === 403 && typeof problem?.receipt === 'string') {
    const refused = await readRefusalReceipt(ctx, peer, row, problem.receipt);
    if (refused) return refused;
  }
  if (status === 409 && Number.isInteger(problem?.expectedSeq) && (problem!.expectedSeq as number) >= 1 && (problem!.expectedSeq as number) < row.seq) return { kind: 'resend', fromSeq: problem!.expectedSeq as number };
  if (status !== 200) {
    const refused = status >= 400 && status < 500;
    return { kind: 'failed', error: `${peer.nation} answered ${status}${typeof problem?.detail === 'string' ? `: ${problem.detail}` : ''}`, refused };
  }
  const receipt = problem?.receipt;
  if (typeof receipt !== 'string') return { kind: 'failed', error: `${peer.nation} answered without a receipt`, refused: true };
  const verified = await verifySigned(receipt, peer.keys, RECEIPT_TYPE, federationReceiptSchema);
  if (!verified.ok) return { kind: 'failed', error: `${peer.nation}'s receipt was refused (${verified.reason}: ${verified.detail})`, refused: true };
  const r = verified.value;
  if (r.outcome === 'refused' || r.messageId !== row.id || r.messageHash !== row.messageHash || r.seq !== row.seq || r.from !== peer.nation || r.to !== ctx.config.nation) {
    return { kind: 'failed', error: `${peer.nation}'s receipt does not name the message sent`, refused: true };
  }
  return { kind: 'receipt', row, receipt, receiptHash: verified.hash, payload: r, refused: false };
}

/**
 * A refusal with a signed receipt (issue #13): the peer recorded the message as refused with its
 * sequence number, so it is done with. Only a receipt signed by the peer that names exactly this
 * message (id, hash, number, both nations) and says "refused" moves the queue on: an unsigned
 * refusal, or one about other bytes, is a failed attempt like any other and retried.
 */
async function readRefusalReceipt(ctx: AppContext, peer: PeerRecord, row: OutboundRow, receipt: string): Promise<Receipt | null> {
  const verified = await verifySigned(receipt, peer.keys, RECEIPT_TYPE, federationReceiptSchema);
  if (!verified.ok) return null;
  const r = verified.value;
  if (r.outcome !== 'refused' || r.messageId !== row.id || r.messageHash !== row.messageHash || r.seq !== row.seq || r.from !== peer.nation || r.to !== ctx.config.nation) return null;
  return { kind: 'receipt', row, receipt, receiptHash: verified.hash, payload: r, refused: true };
}

/** The peer's receipts stored with their audit events, in one transaction (one message's or a batch's). */
async function storeReceipts(ctx: AppContext, peer: PeerRecord, taken: readonly Receipt[]): Promise<void> {
  if (taken.length === 0) return;
  const at = ctx.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    for (const { row, receipt, receiptHash, payload: r, refused } of taken) {
      if (refused) {
        const reason = r.refusal?.reason ?? 'unstated';
        await markOutboundRefused(trx, row.id, receipt, reason, at);
        await auditMessageOutcome(trx, ctx, row, 'federation.message_refused_by_peer', { to: peer.nation, messageId: row.id, seq: row.seq, reason, detail: r.refusal?.detail ?? null, receivedAt: r.receivedAt, receiptHash, recorded: true });
      } else {
        await markOutboundDelivered(trx, row.id, receipt, at);
        await auditMessageOutcome(trx, ctx, row, 'federation.message_delivered', { to: peer.nation, messageId: row.id, seq: row.seq, receivedAt: r.receivedAt, receiptHash });
      }
    }
  });
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
    const res = await signedGet(doFetch, `${peer.baseUrl}${FEDERATION_PATH}/outbox?after=${after}`, proof, { signal: AbortSignal.timeout(options.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS) });
    const body = (await res.json().catch(() => null)) as { messages?: unknown; hasMore?: unknown } | null;
    if (res.status !== 200 || !Array.isArray(body?.messages)) throw new AppError('CONFLICT', { detail: `${peerNation}'s outbox answered ${res.status}` });
    // Taken as the inbox takes a batch (receive-messages.ts: several to a transaction, each still
    // verified, with its inbox row, receipt and audit event). A message refused for its content is
    // recorded with its number: the catch-up goes on past it.
    const page = await receiveMessages(ctx, body.messages.filter((m): m is string => typeof m === 'string'));
    applied += page.results.filter((r) => r.outcome === 'applied').length;
    if (page.stopped) throw page.stopped.error;
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
