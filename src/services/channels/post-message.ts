import { randomUUID } from 'node:crypto';
import { parseMentions } from '../../domain/channels/mentions.js';
import { authoredOrigin, type RequestThreadSubject } from '../../domain/access/border/index.js';
import { computeRecipients, mayWriteInThread, type Recipients } from '../../domain/channels/thread-visibility.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { jointEventParties } from '../../domain/audit/audit-border.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import { followThreadUnlessChosen, insertThreadMessage, listFollowerIds } from '../../store/threads.repository.js';
import { findDisplayName } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { notifyUsers } from '../notifications/notify.js';
import { shareThreadMessage } from '../federation/share-thread-change.js';
import { checkVisibility, type Visibility } from '../requests/add-comment.js';
import { authorsOf, candidates, loadThreadForActor, scopeOf, type ThreadRow } from './thread-access.js';

export interface MessageInput {
  body: string;
  visibility: Visibility;
}

export function requireWriter(actor: Actor, thread: ThreadRow): void {
  if (!mayWriteInThread(actor, scopeOf(thread))) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: thread.subject_kind === 'request' ? 'On a request, those who work it write; your roles read.' : 'Auditors read threads; they do not write in them.' });
  }
}

/** Posts a message in a thread the actor may see and write in; notifies mentions and followers. */
export async function postMessage(ctx: AppContext, actor: Actor, threadId: string, input: MessageInput): Promise<string> {
  checkVisibility(actor, input.visibility);
  return ctx.store.db.transaction().execute(async (trx) => {
    const { thread, subject } = await loadThreadForActor(trx, threadId, actor);
    requireWriter(actor, thread);
    return insertMessage(ctx, trx, actor, thread, subject, input);
  });
}

/**
 * Writes the message, its audit event and its notifications in the caller's transaction. A mention
 * of someone who may not see the message refuses the whole post (422, naming them) rather than
 * leak it; an unknown name gets the same answer, so the refusal does not tell who exists elsewhere.
 */
export async function insertMessage(ctx: AppContext, trx: Tx, actor: Actor, thread: ThreadRow, subject: RequestThreadSubject | null, input: MessageInput): Promise<string> {
  const id = randomUUID();
  const now = ctx.now();
  const names = parseMentions(input.body);
  const mentioned = await candidates(trx, { usernames: names });
  const followers = await candidates(trx, { ids: await listFollowerIds(trx, thread.id) });
  const author = (await authorsOf(trx, [actor.userId])).get(actor.userId)!;
  // The border decides who is told, and what the notice says is only what they may read.
  const message = authoredOrigin(author, input.visibility);
  const recipients = computeRecipients({ thread: scopeOf(thread), subject, message, author: actor, mentioned, followers });
  const unknown = names.filter((n) => !mentioned.some((m) => m.username === n));
  const refused = [...unknown, ...recipients.refusedMentions];
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `${refused.map((n) => `@${n}`).join(', ')} may not see this ${input.visibility === 'internal' ? 'internal ' : ''}message, so it cannot mention them.`,
      errors: refused.map((n) => ({ field: 'body', message: `@${n} may not see this message` })),
    });
  }
  await insertThreadMessage(trx, { id, thread_id: thread.id, author_id: actor.userId, nation: actor.nation, visibility: input.visibility, body: input.body, mentions: recipients.mention.map((m) => m.userId), created_at: now });
  // The author follows what it takes part in (unless it chose to stop).
  await followThreadUnlessChosen(trx, thread.id, actor.userId, now);
  await auditAs(trx, actor, { parties: jointEventParties(actor, thread.nations, input.visibility), action: 'thread.message', entityType: 'thread', entityId: thread.id, data: { message: id, visibility: input.visibility, mentions: recipients.mention.map((m) => m.username) } });
  // A shared message goes to the other nation's instance, whichever holds the thread (issue #13); an internal one never.
  await shareThreadMessage(ctx, trx, thread.id, id);

  const authorName = await findDisplayName(trx, actor.userId);
  await notifyThreadMessage(ctx, trx, { thread, id, body: input.body, visibility: input.visibility, authorName, recipients });
  return id;
}

/**
 * Tells whom computeRecipients chose of a new message, in the message's transaction, once per
 * message (keyed by its id): a written message here, or one a peer's official wrote on their
 * instance (apply-thread-message.ts, issue #13).
 */
export async function notifyThreadMessage(
  ctx: AppContext,
  trx: Tx,
  m: { thread: Pick<ThreadRow, 'id' | 'title'>; id: string; body: string; visibility: Visibility; authorName: string; recipients: Pick<Recipients, 'mention' | 'threadMessage'> },
): Promise<void> {
  const { thread, recipients } = m;
  const internal = m.visibility === 'internal' ? ' (internal)' : '';
  const common = { body: m.body, link: `/threads/${thread.id}`, subjectKind: 'thread', subjectId: thread.id };
  await notifyUsers(ctx, trx, recipients.mention.map((c) => c.userId), { ...common, kind: 'mention', title: `${m.authorName} mentioned you in “${thread.title}”${internal}`, eventKey: `message:${m.id}` });
  await notifyUsers(ctx, trx, recipients.threadMessage.map((c) => c.userId), { ...common, kind: 'thread_message', title: `New message from ${m.authorName} in “${thread.title}”${internal}`, eventKey: `message:${m.id}` });
}
