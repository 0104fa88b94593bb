import { authoredOrigin, type RequestFacts } from '../../domain/access/border/index.js';
import { parseMentions } from '../../domain/channels/mentions.js';
import { computeRecipients } from '../../domain/channels/thread-visibility.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Tx } from '../../store/executor.js';
import type { RequestRow } from '../../store/schema.js';
import { findDisplayName } from '../../store/users.repository.js';
import type { AppContext } from '../context.js';
import { authorsOf, candidates } from '../channels/thread-access.js';
import { notifyUsers } from './notify.js';

/**
 * `@username` mentions in a request comment, by the same rule as in threads (the border): a
 * mention notifies someone who may read the comment; a mention of anyone else — or of a company
 * user the author may not know of on the request — refuses the comment (422, naming them as
 * given), so a comment never tells its content to someone who may not read it, and a refusal
 * never tells who is on the shortlist.
 */
export async function notifyCommentMentions(ctx: AppContext, trx: Tx, actor: Actor, request: RequestRow, facts: RequestFacts, comment: { id: string; body: string; visibility: 'shared' | 'internal' }): Promise<void> {
  const names = parseMentions(comment.body);
  if (names.length === 0) return;
  const mentioned = await candidates(trx, { usernames: names });
  const author = (await authorsOf(trx, [actor.userId])).get(actor.userId)!;
  const recipients = computeRecipients({
    thread: { subjectKind: 'request', nations: [request.from_nation, request.to_nation] },
    // The request's own record is its frame: the requesting nation's, shared, no company's line.
    subject: { request: facts, creator: { nation: request.from_nation, visibility: 'shared', companies: [] } },
    message: authoredOrigin(author, comment.visibility),
    author: actor,
    mentioned,
    followers: [],
  });
  const refused = [...names.filter((n) => !mentioned.some((r) => r.username === n)), ...recipients.refusedMentions];
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `${refused.map((n) => `@${n}`).join(', ')} may not see this ${comment.visibility === 'internal' ? 'internal ' : ''}comment, so it cannot mention them.`,
      errors: refused.map((n) => ({ field: 'body', message: `@${n} may not see this comment` })),
    });
  }
  const authorName = await findDisplayName(trx, actor.userId);
  await notifyUsers(ctx, trx, recipients.mention.map((c) => c.userId), {
    kind: 'mention',
    title: `${authorName} mentioned you in a comment on ${request.reference}${comment.visibility === 'internal' ? ' (internal)' : ''}`,
    body: comment.body,
    link: `/requests/${request.id}`,
    subjectKind: 'request',
    subjectId: request.id,
    eventKey: `comment:${comment.id}`,
  });
}
