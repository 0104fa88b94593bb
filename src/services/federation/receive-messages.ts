import { decideInbound } from '../../domain/federation/inbound-order.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { SigningKey } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { inSavepoint } from '../../store/savepoint.js';
import { contentErrorState } from '../../store/content-error.js';
import { findInboundMany, lastInboundSeq, lockPeerRow, type InboundRow } from '../../store/federation-messages.repository.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';
import { Refused } from './inbound-refusal.js';
import { apply, checkContent, gapError, recordRefused, refusalError, refusalOf, verifyMessage, type ReceiveResult, type VerifiedMessage } from './inbox-steps.js';

/** The most messages one batched POST to the inbox carries (README "Sovereign instances"). */
export const INBOX_BATCH = 100;
/**
 * The most messages applied in one transaction: the peer's row stays locked, and on PGlite the
 * one connection busy, for the whole transaction, so a long backlog is applied in steps that let a
 * user's request in between (about 0.1 s each on PGlite).
 */
export const APPLY_CHUNK = 50;

export interface BatchReceived {
  /** What became of each message, in order, up to the first one not taken. */
  results: ReceiveResult[];
  /** The first message not taken (after a gap, or refused before it took a number) and why; those after it were not looked at. */
  stopped: { index: number; error: AppError } | null;
}

type Verified = VerifiedMessage & { jws: string };
type Stop = { kind: 'refused'; refused: Refused; jws: string } | { kind: 'gap'; peer: string; seq: number; expected: number };

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
 *
 * It is a batch of one (receiveMessages): the same in-order rules, the same savepoint, the same
 * audit events; what would stop a batch at its first message is thrown, answered as the route
 * answers it (403, 409, or the fault).
 */
export async function receiveMessage(ctx: AppContext, jws: string): Promise<ReceiveResult> {
  const { results, stopped } = await receiveMessages(ctx, [jws]);
  if (stopped) throw stopped.error;
  return results[0]!;
}

/**
 * Several messages of a peer at once (issue #13: the sender's batched POST, and the pages this
 * instance fetches from a peer's outbox to catch up), and the single inbox's one (receiveMessage):
 * each is verified (receive-message.ts) and taken in sequence, with its own inbox row, signed
 * receipt and audit event, a content refusal recorded with its number; up to APPLY_CHUNK of them
 * share one transaction, one lock of the peer's row and one read of the peer list, the inbox and
 * the last number. A message refused for its content is undone alone (a savepoint) and recorded as
 * refused; the others stand. Copies of messages taken before answer with their stored receipts
 * and are audited together, one `federation.message_duplicate` event per transaction naming each
 * (so a replay on the link still leaves its trace). The batch stops at the first message after a
 * gap or refused before it took a number (not authentic, misaddressed, replayed: anyone on the
 * link could send those, and they must not move the peer's sequence).
 */
export async function receiveMessages(ctx: AppContext, signed: readonly string[]): Promise<BatchReceived> {
  const own = ctx.config.nation;
  const list = signed.map((s) => s.trim());
  if (!own) throw await refusalError(ctx, new Refused('not_sovereign', 'this is a shared deployment (SOSA_NATION is not set): it takes no messages from peers', null, null), list[0] ?? '');
  const peers = await listPeers(ctx.store.db);
  const key = await instanceSigningKey(ctx.config.keyDir);
  const results: ReceiveResult[] = [];
  let next = 0;
  while (next < list.length) {
    const chunk: Verified[] = [];
    let rejected: Refused | null = null;
    while (next + chunk.length < list.length && chunk.length < APPLY_CHUNK) {
      const jws = list[next + chunk.length]!;
      try {
        const verified = await verifyMessage(jws, own, peers);
        if (chunk.length > 0 && verified.peer.nation !== chunk[0]!.peer.nation) break;
        chunk.push({ ...verified, jws });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        rejected = error;
        break;
      }
    }
    if (chunk.length > 0) {
      const first = await takeChunk(ctx, own, chunk, key);
      // The chunk's transaction failed on something other than a message's content (a fault): each
      // message is then taken alone, so those before the faulty one are applied and the fault
      // surfaces where it lies (a message alone is not tried twice).
      const attempts = 'failed' in first && chunk.length > 1 ? chunk.map((one) => () => takeChunk(ctx, own, [one], key)) : [() => Promise.resolve(first)];
      for (const attempt of attempts) {
        const taken = await attempt();
        if ('failed' in taken) {
          if (taken.failed instanceof AppError) return { results, stopped: { index: next, error: taken.failed } };
          throw taken.failed;
        }
        results.push(...taken.done);
        next += taken.done.length;
        if (taken.stop) return { results, stopped: { index: next, error: await stopError(ctx, taken.stop) } };
      }
    }
    if (rejected) return { results, stopped: { index: next, error: await refusalError(ctx, rejected, list[next]!) } };
  }
  return { results, stopped: null };
}

function stopError(ctx: AppContext, stop: Stop): Promise<AppError> | AppError {
  return stop.kind === 'gap' ? gapError(ctx, stop.peer, stop.seq, stop.expected) : refusalError(ctx, stop.refused, stop.jws);
}

/** One transaction: the chunk's messages taken in order under the peer's lock; `failed` (nothing taken) when the transaction failed. */
async function takeChunk(ctx: AppContext, own: string, chunk: readonly Verified[], key: SigningKey): Promise<{ done: ReceiveResult[]; stop: Stop | null } | { failed: unknown }> {
  const peer = chunk[0]!.peer;
  try {
    return await ctx.store.db.transaction().execute(async (trx) => {
      const done: ReceiveResult[] = [];
      if (!(await lockPeerRow(trx, peer.nation))) return { done, stop: { kind: 'refused' as const, refused: new Refused('unknown_key', `${peer.nation} is no longer a peer of this instance`, peer.nation, chunk[0]!.message.id), jws: chunk[0]!.jws } };
      const known = await findInboundMany(trx, chunk.map((c) => c.message.id));
      const copies: Array<{ messageId: string; seq: number; hash: string }> = [];
      let last = await lastInboundSeq(trx, peer.nation);
      let stop: Stop | null = null;
      for (const { message, hash, jws } of chunk) {
        const held = known.get(message.id);
        if (held) {
          if (held.messageHash !== hash) {
            stop = { kind: 'refused', refused: new Refused('replayed', `message ${message.id} was received before with other content`, peer.nation, message.id), jws };
            break;
          }
          copies.push({ messageId: message.id, seq: message.seq, hash });
          done.push(held.outcome === 'refused' ? { outcome: 'refused', receipt: held.receipt, seq: held.seq, refusal: refusalOf(held.receipt) } : { outcome: 'duplicate', receipt: held.receipt, seq: held.seq });
          continue;
        }
        const decision = decideInbound(last, message.seq);
        if (decision.kind === 'duplicate') {
          stop = { kind: 'refused', refused: new Refused('replayed', `sequence number ${message.seq} from ${peer.nation} was taken by another message (the last applied is ${last})`, peer.nation, message.id, last), jws };
          break;
        }
        if (decision.kind === 'gap') {
          stop = { kind: 'gap', peer: peer.nation, seq: message.seq, expected: decision.missingFrom };
          break;
        }
        const result = await takeOne(ctx, trx, own, peer, message, jws, hash, key);
        done.push(result);
        // The same message twice in one batch: the second is a copy of the first.
        known.set(message.id, { messageId: message.id, senderNation: peer.nation, seq: message.seq, messageHash: hash, appliedAt: ctx.now(), receipt: result.receipt, outcome: result.outcome === 'refused' ? 'refused' : 'applied', refusalReason: result.refusal?.reason ?? null } satisfies InboundRow);
        last = message.seq;
      }
      if (copies.length > 0) {
        await appendAudit(trx, {
          actorId: null,
          actor: 'federation',
          nation: own,
          action: 'federation.message_duplicate',
          entityType: 'federation_peer',
          entityId: peer.nation,
          data: { from: peer.nation, count: copies.length, messages: copies },
        });
      }
      return { done, stop };
    });
  } catch (error) {
    if (chunk.length > 1) ctx.logger.warn({ peer: peer.nation, reason: error instanceof Error ? error.message : String(error) }, 'federation batch failed: taking its messages one by one');
    return { failed: error };
  }
}

/**
 * A message next in sequence: applied, or, refused for its content, undone alone and recorded as
 * refused (it takes its number). Content the database refuses (SQLSTATE class 22 or 23: a value it
 * cannot hold, a reference to nothing, a key taken) is refused as `invalid_content` too, for the
 * checks before it did not foresee it: it would fail the same way each time the peer sent it, and
 * every later message of the peer would wait behind it for ever. Any other error (a lost
 * connection, a serialization failure) fails the batch, which the sender sends again.
 */
async function takeOne(ctx: AppContext, trx: Tx, own: string, peer: PeerRecord, message: FederationMessage, jws: string, hash: string, key: SigningKey): Promise<ReceiveResult> {
  try {
    return await inSavepoint(trx, async () => {
      await checkContent(trx, own, peer, message);
      return apply(ctx, trx, own, peer, message, jws, hash, key);
    });
  } catch (error) {
    const state = contentErrorState(error);
    // The SQLSTATE only: the database's message may quote the peer's values.
    if (state) ctx.logger.warn({ peer: peer.nation, messageId: message.id, kind: message.kind, sqlState: state }, "a peer's message the database refused: recorded as refused");
    const refused = error instanceof Refused ? error : state ? new Refused('invalid_content', `this instance's database refused its content (SQLSTATE ${state})`, peer.nation, message.id) : null;
    if (!refused) throw error;
    return recordRefused(ctx, trx, own, peer, message, jws, hash, refused, key);
  }
}
