// The demo's open disruption event (issue #15): a cyclone over south Odisha floods HAL's
// Koraput works, which make the combustor and kit the hot-section spares of the demo engine
// network (seed-demo-networks.ts). Invented, like the demo networks.
import { randomUUID } from 'node:crypto';
import { EVENT_INPUT_SCHEMA, type EventInput } from '../../domain/events/event-model.js';
import { eventTitleExists, insertEventRows } from '../../store/disruption-events.repository.js';
import type { Db } from '../../store/executor.js';
import { findUserIdByUsername } from '../../store/networks.repository.js';

export const DEMO_EVENT: EventInput = EVENT_INPUT_SCHEMA.parse({
  title: 'Cyclone over south Odisha floods HAL Koraput',
  kind: 'naturalHazard',
  description: 'Demo: a severe cyclonic storm crossed the coast near Gopalpur; the Koraput works (combustor line, spares kitting) report flooding and a power outage. Recovery expected in about six weeks.',
  where: [{ kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 60 }],
  startedAt: '2026-11-28T06:00:00+05:30',
  expectedRecoveryAt: '2027-01-12T06:00:00+05:30',
  confidence: 'confirmed',
  sources: [{ label: 'Demo: meteorological department bulletin' }],
});

/** Seeds the demo event once (by title, for India's analyst); an existing one is left as it is. */
export async function seedDemoEvents(db: Db): Promise<number> {
  if (await eventTitleExists(db, 'IN', DEMO_EVENT.title)) return 0;
  const user = await findUserIdByUsername(db, 'in.analyst');
  if (!user) return 0;
  // Like the demo networks, demo records are not audit events: the log holds what people did.
  await insertEventRows(db, [
    {
      id: randomUUID(),
      nation: 'IN',
      title: DEMO_EVENT.title,
      kind: DEMO_EVENT.kind,
      description: DEMO_EVENT.description,
      places: JSON.stringify(DEMO_EVENT.where),
      started_at: DEMO_EVENT.startedAt,
      expected_recovery_at: DEMO_EVENT.expectedRecoveryAt ?? null,
      confidence: DEMO_EVENT.confidence,
      sources: JSON.stringify(DEMO_EVENT.sources),
      origin: 'manual',
      external_id: null,
      created_by: user.id,
    },
  ]);
  return 1;
}
