import { threadCrossesTo } from '../../domain/access/border/index.js';
import { THREAD_OBJECT, threadSetBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findThread, insertThread } from '../../store/threads.repository.js';
import { requestSubject } from '../channels/thread-access.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A thread the peer's instance holds and shares with this nation (`thread.set`, issue #13) is
 * kept here as it was opened, named by its opener (no account here); its messages follow as
 * `thread.message`. A peer speaks only for threads its own officials opened, between its nation
 * and this one, under the arrangement the message is of; a thread never changes once opened, so
 * the same thread again changes nothing. A thread on a request is kept only on a request this
 * instance keeps with the peer (its own, or the peer's as a copy: `unknown_object` else) and of
 * the thread's arrangement.
 */
export async function applyThreadSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = threadSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== THREAD_OBJECT || parsed.data.thread.id !== message.object.id) {
    throw new Refused('invalid_content', 'a thread.set carries one thread, with the id the message names', peer.nation, message.id);
  }
  const { thread: t } = parsed.data;
  const own = ctx.config.nation!;
  if (t.createdBy.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a thread opened by an official of ${t.createdBy.nation}: a peer holds only the threads its own officials open`, peer.nation, message.id);
  if (t.nations.length !== 2 || !t.nations.includes(own) || !t.nations.includes(peer.nation)) throw new Refused('wrong_nation', `the thread is between ${t.nations.join(' and ')}: this instance keeps threads between ${peer.nation} and ${own}`, peer.nation, message.id);
  if (t.arrangementId !== message.arrangement) throw new Refused('out_of_arrangement', `the thread is of ${t.arrangementId ?? 'no arrangement'}, the message of ${message.arrangement}`, peer.nation, message.id);
  if (t.subjectKind === 'request') {
    // The request the thread is on must be one this instance keeps with the peer: its own record
    // (the peer keeps a copy of it) or the peer's request kept here as a copy, under one id.
    const subject = await requestSubject(trx, { subject_kind: 'request', subject_id: t.subjectId, created_by: null, created_nation: t.createdBy.nation, nations: t.nations });
    if (!subject || (subject.copyOf !== undefined && subject.copyOf !== peer.nation) || !threadCrossesTo(t, peer.nation, subject)) {
      throw new Refused('unknown_object', `request ${t.subjectId ?? '(none)'} is not one this instance keeps with ${peer.nation}`, peer.nation, message.id);
    }
    if (subject.request.arrangementId !== t.arrangementId) throw new Refused('out_of_arrangement', `request ${t.subjectId} is of ${subject.request.arrangementId}, the thread of ${t.arrangementId ?? 'no arrangement'}`, peer.nation, message.id);
  }
  const held = await findThread(trx, t.id, { forUpdate: true });
  if (held) {
    if (held.held_by !== peer.nation) throw new Refused('wrong_nation', `thread ${t.id} is held by ${held.held_by ?? own} here: ${peer.nation} may not send it`, peer.nation, message.id);
    return;
  }
  await insertThread(trx, {
    id: t.id,
    subject_kind: t.subjectKind,
    subject_id: t.subjectId,
    title: t.title,
    nations: t.nations,
    arrangement_id: t.arrangementId,
    created_by: null,
    creator_name: t.createdBy.displayName,
    created_nation: t.createdBy.nation,
    created_at: new Date(t.createdAt),
    held_by: peer.nation,
  });
}
