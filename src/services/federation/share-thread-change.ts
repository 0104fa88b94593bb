import { authoredOrigin, borderThreadMessage, peerReader, threadCrossesTo, type BorderThread } from '../../domain/access/border/index.js';
import { MESSAGE_KINDS, THREAD_MESSAGE_OBJECT, THREAD_OBJECT, type ThreadMessageBody, type ThreadSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { latestOutboundHash, sentVersionsTo } from '../../store/federation-messages.repository.js';
import { findRequestRow } from '../../store/requests.repository.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import { listThreadMessageRows } from '../../store/thread-list.repository.js';
import { findThread, listHeldSharedThreadIds, listOwnSharedMessageIds } from '../../store/threads.repository.js';
import { findDisplayName } from '../../store/users.repository.js';
import { authorsOf, requestSubject, type ThreadRequestSubject } from '../channels/thread-access.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { requestBorderBody } from './request-border-body.js';

type ThreadRow = NonNullable<Awaited<ReturnType<typeof findThread>>>;

/**
 * Threads across sovereign instances (issue #13). A thread shared by two nations is held by the
 * instance of the nation that opened it, which sends it to the other's as `thread.set` when it is
 * opened. Each nation speaks for its own words: a shared message goes, as `thread.message`, from
 * the instance where it was written (its author's nation's) to the other, whichever of the two
 * holds the thread. An internal message never leaves (the border lets none through to a peer). A
 * shared deployment sends nothing.
 *
 * A thread on a request goes to the other nation's instance of the request: from the holder to the
 * peer it shares the request with (which keeps a copy of it), from a partner copy to the holder.
 * The border is the request's (border/thread.ts `threadCrossesTo`): only what the peer's officials
 * would read on a shared instance, and only officials' words.
 */
async function peersOf(ctx: AppContext, trx: Tx, thread: ThreadRow, onlyPeer?: string): Promise<Array<{ peer: PeerRecord; subject: ThreadRequestSubject | null }>> {
  const own = ctx.config.nation;
  if (!own || thread.arrangement_id === null) return [];
  const scope = { subjectKind: thread.subject_kind, nations: thread.nations };
  const subject = await requestSubject(trx, thread);
  if (thread.subject_kind === 'request' && (!subject || subject.request.arrangementId !== thread.arrangement_id)) return [];
  return (await listPeers(trx))
    .filter((p) => p.nation !== own && threadCrossesTo(scope, p.nation, subject) && p.arrangements.includes(thread.arrangement_id!) && (onlyPeer === undefined || p.nation === onlyPeer))
    // A request's thread goes only where the request is: to the holder of the copy kept here.
    .filter((p) => subject?.copyOf === undefined || p.nation === subject.copyOf)
    .map((peer) => ({ peer, subject }));
}

/**
 * A thread on a request held here lands on the peer's copy of it: a peer that was never sent the
 * request (no step since it was submitted) first gets it (`request.shared`), as a comment does
 * (share-request-comment.ts). False when the request cannot go to that peer.
 */
async function requestSentTo(ctx: AppContext, trx: Tx, thread: ThreadRow, subject: ThreadRequestSubject | null, peerNation: string): Promise<boolean> {
  if (thread.subject_kind !== 'request' || subject?.copyOf !== undefined) return true;
  if (await latestOutboundHash(trx, peerNation, 'request', thread.subject_id!)) return true;
  const request = await findRequestRow(trx, thread.subject_id!);
  if (!request) return false;
  const projected = await requestBorderBody(trx, await ctx.workflows.get(request.workflow_id, trx), request.id, peerNation);
  if (!projected) return false;
  await enqueueOutbound(ctx, trx, { peerNation, arrangement: request.arrangement_id, kind: MESSAGE_KINDS.requestShared, object: { type: 'request', id: request.id, version: projected.version }, body: projected.body });
  return true;
}

/** After a thread is opened here, in that transaction: the other nation's instance gets it (`thread.set`). */
export async function shareThreadOpened(ctx: AppContext, trx: Tx, threadId: string, onlyPeer?: string): Promise<number> {
  if (!ctx.config.nation) return 0;
  const thread = await findThread(trx, threadId);
  // Held here: opened here by an official of this nation.
  if (!thread || thread.held_by !== null || thread.created_by === null || thread.created_nation !== ctx.config.nation) return 0;
  const peers = await peersOf(ctx, trx, thread, onlyPeer);
  if (peers.length === 0) return 0;
  const border: BorderThread = {
    id: thread.id,
    subjectKind: thread.subject_kind as BorderThread['subjectKind'],
    subjectId: thread.subject_id,
    title: thread.title,
    nations: [...thread.nations],
    arrangementId: thread.arrangement_id,
    createdBy: { displayName: (await findDisplayName(trx, thread.created_by)) ?? '', nation: thread.created_nation },
    createdAt: thread.created_at.toISOString(),
  };
  const body: ThreadSetBody = { thread: border };
  let sent = 0;
  for (const { peer, subject } of peers) {
    if (!(await requestSentTo(ctx, trx, thread, subject, peer.nation))) continue;
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: thread.arrangement_id!, kind: MESSAGE_KINDS.threadSet, object: { type: THREAD_OBJECT, id: thread.id, version: 1 }, body });
    sent += 1;
  }
  return sent;
}

/**
 * After a message is written here, in its transaction: when the border lets it through to the
 * other nation's instance (a shared message of this nation in a thread that crosses), it goes
 * there once (`thread.message`; a message never changes, so its version is 1).
 */
export async function shareThreadMessage(ctx: AppContext, trx: Tx, threadId: string, messageId: string, onlyPeer?: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const thread = await findThread(trx, threadId);
  if (!thread) return 0;
  const [row] = await listThreadMessageRows(trx, threadId, messageId);
  // Only this nation's own words, written here: a message received from the peer is not sent back.
  if (!row || row.author_id === null || row.nation !== own) return 0;
  const [author] = row.author_id !== null ? (await authorsOf(trx, [row.author_id])).values() : [];
  let sent = 0;
  for (const { peer, subject } of await peersOf(ctx, trx, thread, onlyPeer)) {
    const request = { subject, author: authoredOrigin(author ?? { nation: row.nation, organisationId: '', isCompany: false }, row.visibility) };
    const message = borderThreadMessage(peerReader(peer.nation), { subjectKind: thread.subject_kind, nations: thread.nations }, row, request);
    if (!message) continue;
    const body: ThreadMessageBody = { thread: { id: thread.id, nations: [...thread.nations], arrangementId: thread.arrangement_id }, message };
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: thread.arrangement_id!, kind: MESSAGE_KINDS.threadMessage, object: { type: THREAD_MESSAGE_OBJECT, id: row.id, version: 1 }, body });
    sent += 1;
  }
  return sent;
}

/**
 * When two instances are first peered (issue #13): every thread this instance holds that the peer's
 * nation may read goes to it, then this nation's shared messages in it, in the order written, in
 * the caller's transaction. Returns how many messages were queued.
 */
export async function shareExistingThreadsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  let sent = 0;
  // A peer removed and added again already holds what it was sent then (threads and messages do
  // not change once sent): only the rest goes.
  const sentThreads = await sentVersionsTo(trx, peerNation, THREAD_OBJECT);
  const sentMessages = await sentVersionsTo(trx, peerNation, THREAD_MESSAGE_OBJECT);
  for (const id of await listHeldSharedThreadIds(trx, peerNation)) {
    if (!sentThreads.has(id)) {
      const opened = await shareThreadOpened(ctx, trx, id, peerNation);
      if (opened === 0) continue;
      sent += opened;
    }
    for (const messageId of await listOwnSharedMessageIds(trx, id, own)) if (!sentMessages.has(messageId)) sent += await shareThreadMessage(ctx, trx, id, messageId, peerNation);
  }
  return sent;
}
