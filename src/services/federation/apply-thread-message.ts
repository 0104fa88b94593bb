import { authoredOrigin, threadCrossesTo } from '../../domain/access/border/index.js';
import { computeRecipients } from '../../domain/channels/thread-visibility.js';
import { THREAD_MESSAGE_OBJECT, threadMessageBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findMessageThreadId, findThread, insertThreadMessage, listFollowerIds } from '../../store/threads.repository.js';
import { notifyThreadMessage } from '../channels/post-message.js';
import { candidates, requestSubject, scopeOf } from '../channels/thread-access.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A shared message an official of the peer's nation wrote on its instance (`thread.message`,
 * issue #13) joins the thread here once, named by its author (no account here): in a thread the
 * peer holds, or one held here that is shared with the peer's nation (the peer's officials write in
 * it on their own instance); on a request, one the peer's officials may read, on a request this
 * instance keeps with the peer. A peer speaks only for its own nation's words; a thread this instance
 * does not keep with the peer is `unknown_object`; a message already held changes nothing (and
 * tells nobody again). The thread's followers of this nation are told as of a message written here.
 */
export async function applyThreadMessage(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = threadMessageBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== THREAD_MESSAGE_OBJECT || parsed.data.message.id !== message.object.id) {
    throw new Refused('invalid_content', 'a thread.message carries one message, with the id the message names', peer.nation, message.id);
  }
  const { thread: ref, message: m } = parsed.data;
  if (m.author.nation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent a message written by an official of ${m.author.nation}: a peer sends only its own nation's words`, peer.nation, message.id);
  const thread = await findThread(trx, ref.id, { forUpdate: true });
  // On a request, the thread must still be one the peer may read (an official's, on a request kept with the peer).
  const subject = thread ? await requestSubject(trx, thread) : null;
  const kept =
    thread &&
    (thread.held_by === peer.nation || thread.held_by === null) &&
    threadCrossesTo({ subjectKind: thread.subject_kind, nations: thread.nations }, peer.nation, subject) &&
    (subject?.copyOf === undefined || subject.copyOf === peer.nation);
  if (!thread || !kept) throw new Refused('unknown_object', `thread ${ref.id} is not one this instance keeps with ${peer.nation}`, peer.nation, message.id);
  if (thread.arrangement_id !== message.arrangement || ref.arrangementId !== thread.arrangement_id) throw new Refused('out_of_arrangement', `thread ${ref.id} is of ${thread.arrangement_id ?? 'no arrangement'}, the message of ${message.arrangement}`, peer.nation, message.id);
  const heldIn = await findMessageThreadId(trx, m.id);
  if (heldIn === thread.id) return;
  if (heldIn !== undefined) throw new Refused('invalid_content', `message ${m.id} is held here in another thread`, peer.nation, message.id);
  await insertThreadMessage(trx, {
    id: m.id,
    thread_id: thread.id,
    author_id: null,
    author_name: m.author.displayName,
    author_organisation: m.author.organisation,
    nation: m.author.nation,
    visibility: 'shared',
    body: m.body,
    mentions: [],
    created_at: new Date(m.createdAt),
  });
  // Its followers here are told as of a message written here (mentions name accounts of the
  // writer's instance and do not cross); the border decides who of them may read it.
  const own = ctx.config.nation!;
  const followers = (await candidates(trx, { ids: await listFollowerIds(trx, thread.id) })).filter((c) => c.nation === own);
  const author = { userId: '', username: '', nation: peer.nation, roles: [], organisationId: '' };
  const recipients = computeRecipients({ thread: scopeOf(thread), subject: null, message: authoredOrigin({ nation: peer.nation, organisationId: '', isCompany: false }, 'shared'), author, mentioned: [], followers });
  await notifyThreadMessage(ctx, trx, { thread, id: m.id, body: m.body, visibility: 'shared', authorName: m.author.displayName, recipients });
}
