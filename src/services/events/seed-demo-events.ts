// The demo's open disruption event (issue #15): a cyclone over south Odisha floods HAL's
// Koraput works, which make the combustor and kit the hot-section spares of the demo engine
// network (seed-demo-networks.ts), and closes Visakhapatnam port, through which Bharat Precision
// Forgings' Pune blade shop gets its castings — so the event strikes a site of a company of the
// instance, and the demo has already asked it (an unanswered impact survey for in.supplier).
// Invented, like the demo networks.
import { randomUUID } from 'node:crypto';
import { EVENT_INPUT_SCHEMA, type EventInput } from '../../domain/events/event-model.js';
import { eventTitleExists, insertEventRows } from '../../store/disruption-events.repository.js';
import { insertSurveyRows } from '../../store/event-surveys.repository.js';
import type { Db } from '../../store/executor.js';
import { findUserIdByUsername } from '../../store/networks.repository.js';
import { listStruckSites } from './struck-sites.js';

export const DEMO_EVENT: EventInput = EVENT_INPUT_SCHEMA.parse({
  title: 'Cyclone over south Odisha floods HAL Koraput',
  kind: 'naturalHazard',
  description:
    "Demo: a severe cyclonic storm crossed the coast near Gopalpur; the Koraput works (combustor line, spares kitting) report flooding and a power outage. Visakhapatnam port is closed, which holds up the castings of Bharat Precision Forgings' Pune blade shop. Recovery expected in about six weeks.",
  where: [
    { kind: 'circle', latitude: 18.9, longitude: 83.0, radiusKm: 60 },
    { kind: 'site', nodeId: 'Bharat Precision blades' },
  ],
  startedAt: '2026-11-28T06:00:00+05:30',
  expectedRecoveryAt: '2027-01-12T06:00:00+05:30',
  confidence: 'confirmed',
  sources: [{ label: 'Demo: meteorological department bulletin' }],
});

/**
 * Seeds the demo event once (by title, for India's analyst), with the impact survey the analyst
 * sent to each company of the instance whose sites it strikes (BPF); an existing event is left as
 * it is.
 */
export async function seedDemoEvents(db: Db): Promise<number> {
  if (await eventTitleExists(db, 'IN', DEMO_EVENT.title)) return 0;
  const user = await findUserIdByUsername(db, 'in.analyst');
  if (!user) return 0;
  const eventId = randomUUID();
  // Like the demo networks, demo records are not audit events: the log holds what people did.
  await insertEventRows(db, [
    {
      id: eventId,
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
  await seedDemoSurveys(db, eventId, user.id);
  return 1;
}

/** As send-surveys.ts sends them: one survey per struck company, asking about its struck sites. No notification (a demo record, not something that happened). */
async function seedDemoSurveys(db: Db, eventId: string, analystId: string): Promise<void> {
  const bySurvey = new Map<string, Array<{ networkId: string; nodeId: string; part: string }>>();
  for (const s of await listStruckSites(db, 'IN', DEMO_EVENT.where)) {
    if (!s.company) continue;
    const sites = bySurvey.get(s.company.id) ?? [];
    if (!sites.some((x) => x.networkId === s.networkId && x.nodeId === s.nodeId)) sites.push({ networkId: s.networkId, nodeId: s.nodeId, part: s.part });
    bySurvey.set(s.company.id, sites);
  }
  if (bySurvey.size === 0) return;
  const sentAt = new Date(Date.parse(DEMO_EVENT.startedAt) + 86_400_000);
  await insertSurveyRows(
    db,
    [...bySurvey].map(([organisationId, sites]) => ({ id: randomUUID(), event_id: eventId, nation: 'IN', organisation_id: organisationId, sites: JSON.stringify(sites), sent_by: analystId, sent_at: sentAt })),
  );
}
