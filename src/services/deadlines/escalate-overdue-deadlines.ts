import { appendAudit } from '../../store/audit.repository.js';
import { claimOverdueDeadlines, insertEscalationOnce } from '../../store/deadlines.repository.js';
import { escalateOverdueActionItems } from '../partnership/working-groups/escalate-overdue-action-items.js';
import type { AppContext } from '../context.js';
import { startBackgroundLoop } from '../background-loop.js';
import { notifyEscalation } from '../notifications/notify-request-events.js';

/**
 * Marks every running deadline that has passed as overdue and records exactly one escalation
 * for it. Idempotent across restarts and across server processes on one PostgreSQL: the UPDATE
 * claims each deadline row under its row lock (a second scheduler waiting on the same row sees
 * it already marked and skips it), and the escalation's primary key is the deadline id.
 */
export async function escalateOverdueDeadlines(ctx: AppContext, now = ctx.now()): Promise<number> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const claimed = await claimOverdueDeadlines(trx, now);
    let escalated = 0;
    for (const d of claimed) {
      const escalateTo = String((d.basis as Record<string, unknown>).escalateTo ?? 'sosa_officer');
      if (!(await insertEscalationOnce(trx, { deadlineId: d.id, requestId: d.request_id, at: now, to: `${d.nation}:${escalateTo}` }))) continue;
      escalated++;
      await appendAudit(trx, {
        actorId: null,
        actor: 'scheduler',
        nation: d.nation,
        action: 'deadline.escalate',
        entityType: 'request',
        entityId: d.request_id,
        data: { deadline: d.id, kind: d.kind, dueAt: d.due_at.toISOString(), escalatedTo: `${d.nation}:${escalateTo}` },
      });
      await notifyEscalation(ctx, trx, d, escalateTo);
    }
    return escalated;
  });
}

/** Runs the escalation on an interval; returns a stop function. Errors are logged, never fatal. */
export function startDeadlineScheduler(ctx: AppContext): () => Promise<void> {
  const loop = startBackgroundLoop(ctx, {
    name: 'deadline scheduler',
    intervalMs: ctx.config.schedulerIntervalSeconds * 1000,
    round: async () => {
      const n = await escalateOverdueDeadlines(ctx);
      if (n > 0) ctx.logger.info({ escalated: n }, 'overdue deadlines escalated');
      // Working groups' action items escalate on the same tick, with the same row-claiming rule.
      const items = await escalateOverdueActionItems(ctx);
      if (items > 0) ctx.logger.info({ escalated: items }, 'overdue action items escalated');
    },
  });
  return loop.stop;
}
