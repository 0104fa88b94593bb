import type { Actor } from '../../domain/access/actor.js';
import { dayAfter } from '../../analytics/events/draft-requests.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { listEventPlaces, listEventRows } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { readEventImpact, type EventImpactView } from './event-impact-runner.js';
import { toEventSummary, type EventImpactSummary, type EventListItem } from './event-view.js';

/**
 * The events of the actor's nation, newest start first; each open one with its impact in a line
 * (the dashboard leads with them, issue #15). The impact is read as cached, or its computation
 * started, like the event page does: no LP runs here.
 */
export async function listEvents(ctx: AppContext, { actor, status }: { actor: Actor; status?: 'open' | 'closed' | undefined }): Promise<EventListItem[]> {
  const rows = await listEventRows(ctx.store.db, actor.nation, status);
  const open = rows.filter((r) => r.status === 'open');
  const places = new Map((await listEventPlaces(ctx.store.db, actor.nation, open.map((r) => r.id))).map((p) => [p.id, p.places as EventPlace[]]));
  const impacts = new Map<string, EventImpactSummary>();
  for (const row of open) {
    const startedAt = new Date(row.started_at).toISOString();
    const view = await readEventImpact(ctx, {
      id: row.id,
      nation: row.nation,
      places: places.get(row.id) ?? [],
      startedAt,
      expectedRecoveryAt: row.expected_recovery_at === null ? null : new Date(row.expected_recovery_at).toISOString(),
    });
    impacts.set(row.id, summariseImpact(view, startedAt));
  }
  return rows.map((row) => ({ ...toEventSummary(row), impact: impacts.get(row.id) ?? null }));
}

/** Programs that lose output (as the event page counts them) and the first of their stop days. */
export function summariseImpact(view: Pick<EventImpactView, 'status' | 'networks'>, startedAt: string): EventImpactSummary {
  const stopping = view.networks.flatMap((n) => n.programs.filter((p) => p.survives === false));
  const days = stopping.map((p) => p.daysUntilOutputStops).filter((d): d is number => d !== null);
  const firstStopDays = days.length > 0 ? Math.min(...days) : null;
  return { status: view.status, programsStopping: stopping.length, firstStopDays, firstStopOn: firstStopDays === null ? null : dayAfter(startedAt, firstStopDays) };
}
