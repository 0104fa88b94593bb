import { appendAudit } from '../../../store/audit.repository.js';
import { claimOverdueActionItems } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notifyActionItem } from '../../notifications/notify-workflow-step.js';
import { groupChanged } from './group-changed.js';

/**
 * Marks every open action item past due as overdue and escalates it exactly once: an audit event
 * (the notification) and the overdue flag the UI shows. Like the request deadlines' scheduler,
 * the claim takes each row under its row lock, so two schedulers or a restart never escalate an
 * item twice.
 */
export async function escalateOverdueActionItems(ctx: AppContext, now = ctx.now()): Promise<number> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const claimed = await claimOverdueActionItems(trx, now);
    for (const item of claimed) {
      await appendAudit(trx, {
        actorId: null,
        actor: 'scheduler',
        nation: item.owner_nation,
        action: 'action_item.escalate',
        entityType: 'working_group',
        entityId: item.group_id,
        data: { item: item.id, title: item.title, owner: item.owner_member_id, dueAt: item.due_at.toISOString(), escalatedTo: item.escalated_to },
      });
      await notifyActionItem(ctx, trx, { item, kind: 'escalated', actor: null, at: now });
    }
    // The escalation is part of the group's record: its partner's copy shows it too (issue #13).
    for (const groupId of new Set(claimed.map((i) => i.group_id))) await groupChanged(ctx, trx, groupId);
    return claimed.length;
  });
}
