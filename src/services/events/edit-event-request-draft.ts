import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { findDraftRow, updateDraftRow } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import type { DraftContent } from './draft-content.js';
import { listEventRequests, type EventRequestView } from './event-request-drafts-view.js';
import { loadEvent } from './load-event.js';
import { isUuid } from '../../domain/uuid.js';

export function draftNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such request draft.' });
}

/** Loads an open draft of an event of the actor's nation: 404 when missing, 409 when already submitted or discarded. */
export async function loadOpenDraft(ctx: AppContext, actor: Actor, eventId: string, draftId: string) {
  const event = await loadEvent(ctx.store.db, actor, eventId);
  if (!isUuid(draftId)) throw draftNotFound();
  const draft = await findDraftRow(ctx.store.db, event.id, draftId);
  if (!draft || draft.status === 'discarded') throw draftNotFound();
  if (draft.status !== 'draft') throw new AppError('CONFLICT', { detail: 'The draft was submitted already: follow the request.' });
  return { event, draft };
}

/** The officer's edit of a draft (the whole request as it will be submitted), at the version the officer saw. */
export async function editEventRequestDraft(ctx: AppContext, { actor, eventId, draftId, content, version }: { actor: Actor; eventId: string; draftId: string; content: DraftContent; version: number }): Promise<EventRequestView> {
  const { event, draft } = await loadOpenDraft(ctx, actor, eventId, draftId);
  if (draft.version !== version) throw new AppError('STALE_VERSION', { detail: `The draft changed meanwhile (version ${draft.version}, you sent ${version}). Reload and edit again.` });
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await updateDraftRow(trx, draft.id, version, { content: JSON.stringify(content), updated_by: actor.userId, updated_at: ctx.now() }))) {
      throw new AppError('STALE_VERSION', { detail: 'The draft changed meanwhile. Reload and edit again.' });
    }
    await auditAs(trx, actor, { action: 'event.requests.edit', entityType: 'event_request_draft', entityId: draft.id, data: { eventId: event.id, title: content.title, programId: content.programId, toNation: content.toNation, items: content.items.length } });
  });
  return (await listEventRequests(ctx, event.id)).find((d) => d.id === draft.id)!;
}

/** Discards a draft the officer will not submit. */
export async function discardEventRequestDraft(ctx: AppContext, { actor, eventId, draftId }: { actor: Actor; eventId: string; draftId: string }): Promise<void> {
  const { event, draft } = await loadOpenDraft(ctx, actor, eventId, draftId);
  await ctx.store.db.transaction().execute(async (trx) => {
    if (!(await updateDraftRow(trx, draft.id, draft.version, { status: 'discarded', updated_by: actor.userId, updated_at: ctx.now() }))) {
      throw new AppError('CONFLICT', { detail: 'The draft changed meanwhile. Reload.' });
    }
    await auditAs(trx, actor, { action: 'event.requests.discard', entityType: 'event_request_draft', entityId: draft.id, data: { eventId: event.id } });
  });
}
