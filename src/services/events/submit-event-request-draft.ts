import { AppError, validationError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { updateDraftRow } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import { createRequest, type NewRequestInput } from '../requests/create-request.js';
import { loadOpenDraft } from './edit-event-request-draft.js';

/**
 * Submits a draft through the one way a request is created (createRequest: the same checks,
 * reference, deadlines, notifications and audit as any request); the draft is marked submitted
 * with the request's id in the same transaction, so of two submits of one draft one request
 * results. The event stays the nation's: the request carries only what the draft says.
 */
export async function submitEventRequestDraft(ctx: AppContext, { actor, eventId, draftId }: { actor: Actor; eventId: string; draftId: string }): Promise<string> {
  const { event, draft } = await loadOpenDraft(ctx, actor, eventId, draftId);
  if (event.status !== 'open') throw new AppError('CONFLICT', { detail: 'The event is closed: its drafts are no longer submitted.' });
  const content = draft.content as Partial<NewRequestInput> & { toNation: string | null; programId: string | null };
  const missing = [
    ...(content.toNation ? [] : [{ field: 'toNation', message: 'choose the partner nation to ask' }]),
    ...(content.programId ? [] : [{ field: 'programId', message: 'choose the defence program the request supports' }]),
  ];
  if (missing.length) throw validationError(missing, 'The draft is not complete: edit it first.');
  return createRequest(ctx, actor, content as NewRequestInput, {
    alsoInTransaction: async (trx, request) => {
      if (!(await updateDraftRow(trx, draft.id, draft.version, { status: 'submitted', request_id: request.id, updated_by: actor.userId, updated_at: ctx.now() }))) {
        throw new AppError('CONFLICT', { detail: 'The draft changed or was submitted meanwhile. Reload.' });
      }
      // The link stays within the nation: the partner's auditors read the request's own submission event.
      await auditAs(trx, actor, { action: 'event.requests.submit', entityType: 'event_request_draft', entityId: draft.id, data: { eventId: event.id, requestId: request.id, reference: request.reference } });
    },
  });
}
