import { randomUUID } from 'node:crypto';
import type { EventInput } from '../../domain/events/event-model.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertEventRows } from '../../store/disruption-events.repository.js';
import type { Tx } from '../../store/executor.js';
import type { AppContext } from '../context.js';
import type { EventRecord } from './event-view.js';

export interface NewEvent {
  event: EventInput;
  origin: 'manual' | 'cap' | 'geojson';
  externalId: string | null;
}

/** Inserts events of the actor's nation with one audit event each, in the caller's transaction. */
export async function insertEvents(trx: Tx, ctx: AppContext, actor: Actor, events: readonly NewEvent[]): Promise<EventRecord[]> {
  const now = ctx.now();
  const records: EventRecord[] = [];
  const rows = events.map(({ event, origin, externalId }) => {
    const id = randomUUID();
    records.push({
      id,
      title: event.title,
      kind: event.kind,
      description: event.description,
      where: event.where,
      startedAt: new Date(event.startedAt).toISOString(),
      expectedRecoveryAt: event.expectedRecoveryAt ? new Date(event.expectedRecoveryAt).toISOString() : null,
      confidence: event.confidence,
      sources: event.sources,
      status: 'open',
      origin,
      externalId,
      recordedBy: actor.username,
      recordedAt: now.toISOString(),
      closedAt: null,
    });
    return {
      id,
      nation: actor.nation,
      title: event.title,
      kind: event.kind,
      description: event.description,
      places: JSON.stringify(event.where),
      started_at: event.startedAt,
      expected_recovery_at: event.expectedRecoveryAt ?? null,
      confidence: event.confidence,
      sources: JSON.stringify(event.sources),
      origin,
      external_id: externalId,
      created_by: actor.userId,
      created_at: now,
    };
  });
  await insertEventRows(trx, rows);
  for (const r of records) {
    await auditAs(trx, actor, {
      action: r.origin === 'manual' ? 'event.record' : 'event.import',
      entityType: 'disruption_event',
      entityId: r.id,
      data: { title: r.title, kind: r.kind, origin: r.origin, ...(r.externalId ? { externalId: r.externalId } : {}), places: r.where.map((p) => p.kind), startedAt: r.startedAt, expectedRecoveryAt: r.expectedRecoveryAt },
    });
  }
  return records;
}

/** Records one event for the actor's nation (audited). The input is already validated (EVENT_INPUT_SCHEMA). */
export async function recordEvent(ctx: AppContext, { actor, event }: { actor: Actor; event: EventInput }): Promise<EventRecord> {
  return ctx.store.db.transaction().execute(async (trx) => (await insertEvents(trx, ctx, actor, [{ event, origin: 'manual', externalId: null }]))[0]!);
}
