import { assessEventImpact, type NetworkImpact } from '../../analytics/events/event-impact.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { eventDurationDays, type EventPlace, type EventSource } from '../../domain/events/event-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { findEventRow, listNetworkModels } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { eventNotFound, isUuid } from './event-access.js';
import { toEventSummary, type EventRecord } from './event-view.js';
import { loadEventFacts } from './site-facts.js';

export interface EventImpactView {
  computedAt: string;
  /** The event's duration from start to expected recovery (null: each struck site's own TTR). */
  durationDays: number | null;
  /** How many of the nation's networks were checked. */
  networksChecked: number;
  /** The networks the event strikes, each with its §4 analysis for exactly this disruption. */
  networks: NetworkImpact[];
}

export interface EventDetail extends EventRecord {
  impact: EventImpactView;
}

/**
 * One event of the actor's nation with its impact, computed now on the nation's networks (so it
 * reflects them as they are): 404 for another nation's event and a missing one alike.
 */
export async function getEvent(ctx: AppContext, { actor, id }: { actor: Actor; id: string }): Promise<EventDetail> {
  if (!isUuid(id)) throw eventNotFound();
  const row = await findEventRow(ctx.store.db, actor.nation, id);
  if (!row) throw eventNotFound();
  const summary = toEventSummary(row);
  const where = row.places as EventPlace[];
  const durationDays = eventDurationDays({ startedAt: summary.startedAt, expectedRecoveryAt: summary.expectedRecoveryAt });
  const networks = await listNetworkModels(ctx.store.db, actor.nation);
  // The companies' answers and the sites' statuses replace the modelled assumptions (issue #15).
  const { facts } = await loadEventFacts(ctx.store.db, actor.nation, { id, startedAt: summary.startedAt });
  const impacts = await assessEventImpact(
    { where, durationDays },
    networks.map((n) => ({ id: n.id, name: n.name, model: n.model as SupplyNetwork })),
    { facts },
  );
  return {
    ...summary,
    description: row.description,
    where,
    sources: row.sources as EventSource[],
    impact: { computedAt: ctx.now().toISOString(), durationDays, networksChecked: networks.length, networks: impacts },
  };
}
