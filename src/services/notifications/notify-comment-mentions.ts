import type { Transaction } from 'kysely';
import { readBasis } from '../../domain/access/request-visibility.js';
import { parseMentions } from '../../domain/channels/mentions.js';
import { computeRecipients, type Candidate } from '../../domain/channels/thread-visibility.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/workflows/workflow-engine.js';
import type { Database, RequestRow } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import type { AssignmentRow } from '../requests/load-request.js';
import { notifyUsers } from './notify.js';

/**
 * `@username` mentions in a request comment, by the same rule as in threads: a mention notifies
 * someone who may see the comment; a mention of anyone else refuses the comment (422, naming
 * them), so a comment never tells its content to someone who may not read it.
 */
export async function notifyCommentMentions(ctx: AppContext, trx: Transaction<Database>, actor: Actor, request: RequestRow, assignments: readonly AssignmentRow[], comment: { id: string; body: string; visibility: 'shared' | 'internal' }): Promise<void> {
  const names = parseMentions(comment.body);
  if (names.length === 0) return;
  const rows = await trx.selectFrom('users').select(['id', 'username', 'nation', 'roles', 'organisation_id', 'display_name']).where('active', '=', true).where('username', 'in', names).execute();
  const parties = { fromNation: request.from_nation, toNation: request.to_nation, arrangementId: request.arrangement_id };
  const mentioned: Candidate[] = rows.map((u) => {
    const user = { userId: u.id, username: u.username, nation: u.nation, organisationId: u.organisation_id, roles: u.roles as Actor['roles'] };
    return { ...user, mayReadSubject: readBasis(user, parties, assignments) !== null };
  });
  const recipients = computeRecipients({ thread: { subjectKind: 'request', nations: [request.from_nation, request.to_nation] }, message: { visibility: comment.visibility, nation: actor.nation }, authorId: actor.userId, mentioned, followers: [] });
  const refused = [...names.filter((n) => !rows.some((r) => r.username === n)), ...recipients.refusedMentions];
  if (refused.length) {
    throw new AppError('VALIDATION_FAILED', {
      detail: `${refused.map((n) => `@${n}`).join(', ')} may not see this ${comment.visibility === 'internal' ? 'internal ' : ''}comment, so it cannot mention them.`,
      errors: refused.map((n) => ({ field: 'body', message: `@${n} may not see this comment` })),
    });
  }
  const author = await trx.selectFrom('users').select('display_name').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  await notifyUsers(ctx, trx, recipients.mention.map((c) => c.userId), {
    kind: 'mention',
    title: `${author.display_name} mentioned you in a comment on ${request.reference}${comment.visibility === 'internal' ? ' (internal)' : ''}`,
    body: comment.body,
    link: `/requests/${request.id}`,
    subjectKind: 'request',
    subjectId: request.id,
    eventKey: `comment:${comment.id}`,
  });
}
