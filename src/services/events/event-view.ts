import type { EventConfidence, EventKind, EventPlace, EventSource } from '../../domain/events/event-model.js';
import type { EventListRow } from '../../store/disruption-events.repository.js';

export interface EventSummary {
  id: string;
  title: string;
  kind: EventKind;
  startedAt: string;
  expectedRecoveryAt: string | null;
  confidence: EventConfidence;
  status: 'open' | 'closed';
  origin: 'manual' | 'cap' | 'geojson';
  externalId: string | null;
  recordedBy: string;
  recordedAt: string;
  closedAt: string | null;
}

export interface EventRecord extends EventSummary {
  description: string;
  where: EventPlace[];
  sources: EventSource[];
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toEventSummary(row: EventListRow): EventSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as EventKind,
    startedAt: iso(row.started_at)!,
    expectedRecoveryAt: iso(row.expected_recovery_at),
    confidence: row.confidence as EventConfidence,
    status: row.status,
    origin: row.origin,
    externalId: row.external_id,
    recordedBy: row.username,
    recordedAt: iso(row.created_at)!,
    closedAt: iso(row.closed_at),
  };
}
