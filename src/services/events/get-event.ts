import type { EventSource } from '../../domain/events/event-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { findUsername } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import { readEventImpact, type EventImpactView } from './event-impact-runner.js';
import { listEventRequests, type EventRequestView } from './event-request-drafts-view.js';
import { impactEventOf, loadEvent } from './load-event.js';
import { toEventSummary, type EventRecord } from './event-view.js';

export type { EventImpactView } from './event-impact-runner.js';

export interface EventDetail extends EventRecord {
  closing: { closedAt: string; closedBy: string | null; note: string } | null;
  /** Computed in the background on the nation's networks as they are, cached per inputs (event-impact-runner.ts). */
  impact: EventImpactView;
  /** The priority-support requests drafted from the event, and their progress once submitted. */
  requests: EventRequestView[];
}

/**
 * One event of the actor's nation with its impact and its requests: 404 for another nation's
 * event and a missing one alike. Reads the cached impact (or starts computing it): no LP here.
 */
export async function getEvent(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<EventDetail> {
  const row = await loadEvent(ctx.store.db, actor, id);
  const event = impactEventOf(row);
  const [impact, requests, closedBy] = await Promise.all([readEventImpact(ctx, event), listEventRequests(ctx, row.id), row.closed_by ? findUsername(ctx.store.db, row.closed_by) : null]);
  return {
    ...toEventSummary(row),
    description: row.description,
    where: event.places,
    sources: row.sources as EventSource[],
    closing: row.closed_at ? { closedAt: new Date(row.closed_at).toISOString(), closedBy, note: row.closing_note ?? '' } : null,
    impact,
    requests,
  };
}
