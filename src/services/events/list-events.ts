import type { Actor } from '../../domain/access/actor.js';
import { listEventRows } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { toEventSummary, type EventSummary } from './event-view.js';

/** The events of the actor's nation, newest start first. */
export async function listEvents(ctx: AppContext, { actor, status }: { actor: Actor; status?: 'open' | 'closed' | undefined }): Promise<EventSummary[]> {
  return (await listEventRows(ctx.store.db, actor.nation, status)).map(toEventSummary);
}
