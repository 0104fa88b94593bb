import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { findActionItemForUpdate, updateActionItemRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notifyActionItem } from '../../notifications/notify-workflow-step.js';
import { isUuid, notFound } from '../partnership-access.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';

/** Opens, completes or cancels an action item; the same status again changes nothing. */
export async function updateActionItem(ctx: AppContext, actor: Actor, groupId: string, itemId: string, input: { status: 'open' | 'done' | 'cancelled' }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const { group, nations } = await loadGroup(trx, actor, groupId, { write: true });
    const item = isUuid(itemId) ? await findActionItemForUpdate(trx, group.id, itemId) : undefined;
    if (!item) throw notFound('action item', itemId);
    if (item.status === input.status) return item;
    const now = ctx.now();
    const row = await updateActionItemRow(trx, item.id, { status: input.status, closed_at: input.status === 'open' ? null : now, updated_at: now });
    await auditAs(trx, actor, { parties: nations, action: 'action_item.status', entityType: 'working_group', entityId: group.id, data: { item: item.id, from: item.status, to: input.status } });
    await notifyActionItem(ctx, trx, { item: row, kind: 'status', actor, at: now });
    await groupChanged(ctx, trx, group.id);
    return row;
  });
}
