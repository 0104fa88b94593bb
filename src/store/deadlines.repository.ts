import type { Db } from './executor.js';

// The SQL of deadline escalation: running deadlines that passed are claimed (marked overdue under
// their row lock, so a second scheduler skips them) and get exactly one escalation each.

/** Marks every running deadline due by `now` and not yet overdue as overdue; returns the ones marked. */
export function claimOverdueDeadlines(db: Db, now: Date) {
  return db
    .updateTable('deadlines')
    .set({ overdue_at: now })
    .where('stopped_at', 'is', null)
    .where('overdue_at', 'is', null)
    .where('due_at', '<=', now)
    .returning(['id', 'request_id', 'kind', 'label', 'nation', 'due_at', 'basis'])
    .execute();
}

/** Records the deadline's escalation; false when it already has one (the deadline id is the key). */
export async function insertEscalationOnce(db: Db, values: { deadlineId: string; requestId: string; at: Date; to: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('escalations')
    .values({ deadline_id: values.deadlineId, request_id: values.requestId, escalated_at: values.at, escalated_to: values.to })
    .onConflict((oc) => oc.column('deadline_id').doNothing())
    .returning('deadline_id')
    .executeTakeFirst();
  return Boolean(inserted);
}
