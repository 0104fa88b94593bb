import { randomUUID } from 'node:crypto';
import { isCompanyUser } from '../../domain/access/border/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import { requestEventParties } from '../../domain/audit/audit-border.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertComment } from '../../store/requests.repository.js';
import type { AppContext } from '../context.js';
import { shareRequestComment } from '../federation/share-request-comment.js';
import { notifyCommentMentions } from '../notifications/notify-comment-mentions.js';
import { loadRequestForActor } from './load-request.js';

export type Visibility = 'shared' | 'internal';

function checkVisibility(actor: Actor, visibility: Visibility) {
  // A company is not part of its nation's internal deliberation: it writes only shared notes.
  if (visibility === 'internal' && isCompanyUser(actor)) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: 'A supplier cannot write internal notes; internal notes are for officials of one nation.' });
  }
}

// Those who work the request write on it; auditors, analysts and admins read.
export const CORRESPONDENTS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'];

export function requireCorrespondent(actor: Actor): void {
  if (!actor.roles.some((r) => CORRESPONDENTS.includes(r))) {
    throw new AppError('ROLE_NOT_ALLOWED', { detail: `Comments and attachments are written by ${CORRESPONDENTS.join(', ')}; your roles read.` });
  }
}

export async function addComment(ctx: AppContext, actor: Actor, requestId: string, input: { body: string; visibility: Visibility }): Promise<string> {
  checkVisibility(actor, input.visibility);
  requireCorrespondent(actor);
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (trx) => {
    // A company whose line on the request is closed (rejected, replaced, declined) gets 404 here.
    const { row, facts } = await loadRequestForActor(trx, requestId, actor);
    await insertComment(trx, { id, request_id: row.id, author_id: actor.userId, nation: actor.nation, visibility: input.visibility, body: input.body, created_at: ctx.now() });
    await auditAs(trx, actor, { parties: requestEventParties(actor, { fromNation: row.from_nation, toNation: row.to_nation }, input.visibility), action: 'request.comment', entityType: 'request', entityId: row.id, data: { comment: id, visibility: input.visibility } });
    await notifyCommentMentions(ctx, trx, actor, row, facts, { id, body: input.body, visibility: input.visibility });
    // Sovereign instances (issue #13): a shared comment crosses to the peer with the comment; an internal one never does.
    if (input.visibility === 'shared') {
      await shareRequestComment(ctx, trx, { id: row.id, fromNation: row.from_nation, toNation: row.to_nation, arrangementId: row.arrangement_id, workflowId: row.workflow_id, version: row.version }, facts, id);
    }
  });
  return id;
}

export { checkVisibility };
