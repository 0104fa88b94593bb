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

/**
 * An open event's impact in a line, for lists and the dashboard: how many programs lose output and
 * the first day output stops (the event's start + the fewest days until a program's output stops).
 */
export interface EventImpactSummary {
  status: 'computing' | 'ready' | 'failed';
  programsStopping: number;
  firstStopDays: number | null;
  firstStopOn: string | null;
}

/** An event as the list shows it: an open one with its impact in a line (null for a closed one). */
export interface EventListItem extends EventSummary {
  impact: EventImpactSummary | null;
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
