// What the after report of an event reads of the requests drafted from it (issue #15, "After").
import type { Db } from './executor.js';

/** The submitted requests of an event: when each was submitted, its state, its lines and the delivery date the supplier recorded. */
export async function listEventRequestOutcomes(db: Db, eventId: string) {
  const requests = await db
    .selectFrom('event_request_drafts as d')
    .innerJoin('requests as r', 'r.id', 'd.request_id')
    .select(['d.id as draft_id', 'd.basis', 'r.id', 'r.reference', 'r.state', 'r.created_at'])
    .where('d.event_id', '=', eventId)
    .where('d.status', '=', 'submitted')
    .orderBy('r.created_at')
    .execute();
  if (requests.length === 0) return [];
  const ids = requests.map((r) => r.id);
  const [items, deliveries] = await Promise.all([
    db.selectFrom('request_items').select(['request_id', 'line_no', 'part_number', 'quantity', 'unit', 'required_delivery_date']).where('request_id', 'in', ids).orderBy('request_id').orderBy('line_no').execute(),
    db.selectFrom('request_events').select(['request_id', 'fields', 'id']).where('request_id', 'in', ids).where('action', '=', 'mark_delivered').orderBy('id').execute(),
  ]);
  return requests.map((r) => ({
    ...r,
    items: items.filter((i) => i.request_id === r.id),
    // The last delivery recorded (a request is delivered once; the last wins should it be recorded again).
    deliveredOn: deliveries.filter((d) => d.request_id === r.id).map((d) => (d.fields as { delivered_on?: unknown }).delivered_on).filter((v): v is string => typeof v === 'string').at(-1) ?? null,
  }));
}
