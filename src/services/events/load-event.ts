import type { Actor } from '../../domain/access/actor.js';
import type { EventPlace } from '../../domain/events/event-model.js';
import { findEventRow } from '../../store/disruption-events.repository.js';
import type { Db } from '../../store/executor.js';
import { eventNotFound } from './event-access.js';
import type { ImpactEvent } from './event-impact-runner.js';
import { isUuid } from '../../domain/uuid.js';

/** An event of the actor's nation, or 404 (another nation's event and a missing one alike). */
export async function loadEvent(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw eventNotFound();
  const row = await findEventRow(db, actor.nation, id);
  if (!row) throw eventNotFound();
  return row;
}

export type EventRow = Awaited<ReturnType<typeof loadEvent>>;

/** What the impact of the event is computed from. */
export function impactEventOf(row: EventRow): ImpactEvent {
  return {
    id: row.id,
    nation: row.nation,
    places: row.places as EventPlace[],
    startedAt: new Date(row.started_at).toISOString(),
    expectedRecoveryAt: row.expected_recovery_at === null ? null : new Date(row.expected_recovery_at).toISOString(),
  };
}
