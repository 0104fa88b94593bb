import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { assertSiteTransition, type SiteStatus } from '../../domain/events/site-status.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertSiteStatusRows, lockEvent } from '../../store/event-surveys.repository.js';
import { findEventRow } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { eventNotFound } from './event-access.js';
import { listEventSurveys, type EventSurveysView } from './list-event-surveys.js';
import { currentStatus, loadEventFacts } from './site-facts.js';
import { listStruckSites } from './struck-sites.js';
import { isUuid } from '../../domain/uuid.js';

/**
 * The nation's analyst or SOSA officer moves one struck site's status (site-status.ts rules),
 * with a note; the change is a history row and an audit event. The event's lock makes two
 * changes of one event take turns, so each is checked against the status it really follows.
 */
export async function setSiteStatus(
  ctx: AppContext,
  { actor, eventId, networkId, nodeId, status, note }: { actor: Actor; eventId: string; networkId: string; nodeId: string; status: Exclude<SiteStatus, 'potential'>; note: string },
): Promise<EventSurveysView> {
  if (!isUuid(eventId)) throw eventNotFound();
  const event = await findEventRow(ctx.store.db, actor.nation, eventId);
  if (!event) throw eventNotFound();
  const struck = await listStruckSites(ctx.store.db, actor.nation, event.places as EventPlace[]);
  if (!struck.some((s) => s.networkId === networkId && s.nodeId === nodeId)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'Not a site this event strikes.', errors: [{ field: 'nodeId', message: `"${nodeId}" is not a site this event strikes in that network` }] });
  }
  await ctx.store.db.transaction().execute(async (trx) => {
    const locked = await lockEvent(trx, actor.nation, eventId);
    if (!locked) throw eventNotFound();
    if (locked.status !== 'open') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: 'The event is closed: its site statuses are final.' });
    const { history } = await loadEventFacts(trx, actor.nation, { id: eventId, startedAt: new Date(locked.started_at).toISOString() });
    const from = currentStatus(history, networkId, nodeId);
    assertSiteTransition(from, status);
    await insertSiteStatusRows(trx, [{ event_id: eventId, network_id: networkId, node_id: nodeId, status, note, set_by: actor.userId, set_at: ctx.now(), survey_id: null }]);
    await auditAs(trx, actor, { action: 'event.site_status', entityType: 'disruption_event', entityId: eventId, data: { networkId, nodeId, from, to: status, note } });
  });
  return listEventSurveys(ctx, { actor, eventId });
}
