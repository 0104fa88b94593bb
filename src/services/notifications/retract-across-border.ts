import { authoredOrigin, mayRead, readBasis, threadCreatorOrigin, type BorderReader, type RequestFacts } from '../../domain/access/border/index.js';
import { mayViewMessage, mayViewThread } from '../../domain/channels/thread-visibility.js';
import type { Tx } from '../../store/executor.js';
import { dropMailOfNotifications } from '../../store/mail-outbox.repository.js';
import { deleteNotifications, listNotificationsAbout } from '../../store/notifications.repository.js';
import { listCommentOrigins, listMessageOrigins, listRequestThreads } from '../../store/threads.repository.js';
import { authorOf, authorsOf } from '../channels/thread-access.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * When the border moves — a company's line on a request closes (its rated order rejected or
 * replaced, it declined, another company committed) or another company comes to perform — what
 * it let through before may now cross it: a company's notice of a request it no longer reads, the
 * requesting nation's notice of a comment by a supplier that no longer performs. Such in-app
 * notifications are withdrawn, in the transaction of the step, and their e-mail is not sent if it
 * is still waiting. An e-mail already sent cannot be recalled (README, e-mail).
 *
 * Each notification is checked as a read of its subject (the request, or the thread on it) and,
 * when it carries a comment or a message (event keys `comment:ID`, `message:ID`), of that content.
 */
export async function retractAcrossBorder(trx: Tx, requestId: string, facts: RequestFacts): Promise<number> {
  const threads = await listRequestThreads(trx, requestId);
  const threadIds = threads.map((t) => t.id);
  const notes = await listNotificationsAbout(trx, requestId, threadIds);
  if (notes.length === 0) return 0;
  const idsOf = (prefix: string) => notes.map((n) => n.event_key).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).filter((id) => isUuid(id));
  const [comments, messages] = await Promise.all([
    listCommentOrigins(trx, idsOf('comment:')),
    listMessageOrigins(trx, idsOf('message:')),
  ]);
  const authors = await authorsOf(trx, [...threads.map((t) => t.created_by), ...comments.map((c) => c.author_id), ...messages.map((m) => m.author_id)]);

  const withdrawn: string[] = [];
  for (const n of notes) {
    const reader: BorderReader = { nation: n.nation, roles: n.roles as BorderReader['roles'], organisationId: n.organisation_id };
    const [kind, contentId] = n.event_key.split(':');
    let crosses: boolean;
    if (n.subject_kind === 'thread') {
      const t = threads.find((x) => x.id === n.subject_id)!;
      const scope = { subjectKind: 'request' as const, nations: t.nations };
      const subject = { request: facts, creator: threadCreatorOrigin(authorOf(authors, t.created_by, t.nations[0]!), t.nations) };
      const message = kind === 'message' ? messages.find((m) => m.id === contentId) : undefined;
      crosses = message ? mayViewMessage(reader, scope, subject, authoredOrigin(authorOf(authors, message.author_id, message.nation), message.visibility)) : mayViewThread(reader, scope, subject);
    } else {
      const comment = kind === 'comment' ? comments.find((c) => c.id === contentId) : undefined;
      crosses = comment ? mayRead(reader, facts, authoredOrigin(authorOf(authors, comment.author_id, comment.nation), comment.visibility)) : readBasis(reader, facts) !== null;
    }
    if (!crosses) withdrawn.push(n.id);
  }
  if (withdrawn.length === 0) return 0;
  await dropMailOfNotifications(trx, withdrawn);
  await deleteNotifications(trx, withdrawn);
  return withdrawn.length;
}
