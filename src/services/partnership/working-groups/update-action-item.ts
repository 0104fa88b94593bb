import type { Actor } from '../../../domain/access/actor.js';
import type { Tx } from '../../../store/executor.js';
import { findActionItemForUpdate, updateActionItemRow, type ActionItemRow } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { notifyActionItem } from '../../notifications/notify-workflow-step.js';
import { shareWorkingGroupChange } from '../../federation/share-working-group-change.js';
import { notFound } from '../partnership-access.js';
import { loadGroup } from './working-group-access.js';
import { groupChanged } from './group-changed.js';
import { answersOf, auditGroupChange, userOf, type GroupChangeBy, type GroupInHand } from './group-change-by.js';
import { sendWorkingGroupChange, type ChangeSent } from './send-working-group-change.js';
import { isUuid } from '../../../domain/uuid.js';

type ItemStatus = 'open' | 'done' | 'cancelled';

async function findItem(trx: Tx, groupId: string, itemId: string): Promise<ActionItemRow> {
  const item = isUuid(itemId) ? await findActionItemForUpdate(trx, groupId, itemId) : undefined;
  if (!item) throw notFound('action item', itemId);
  return item;
}

/** Opens, completes or cancels an action item; the same status again changes nothing (on a copy too: nothing is sent). */
export async function updateActionItem(ctx: AppContext, actor: Actor, groupId: string, itemId: string, input: { status: ItemStatus }): Promise<ActionItemRow | ChangeSent> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const held = await loadGroup(trx, actor, groupId, { write: true });
    if (held.group.held_by !== null) {
      const item = await findItem(trx, held.group.id, itemId);
      if (item.status === input.status) return item;
      return sendWorkingGroupChange(ctx, trx, actor, held, { kind: 'set_action_item_status', itemId: item.id, status: input.status }, `Set “${item.title}” ${input.status}`);
    }
    return applyUpdateActionItem(ctx, trx, held, { kind: 'user', actor }, itemId, input);
  });
}

/** Sets the item's status, counts the change and audits it: for a change made here, and one the peer's official made (issue #13). */
export async function applyUpdateActionItem(ctx: AppContext, trx: Tx, { group, nations }: GroupInHand, by: GroupChangeBy, itemId: string, input: { status: ItemStatus }): Promise<ActionItemRow> {
  const item = await findItem(trx, group.id, itemId);
  if (item.status === input.status) {
    // Nothing changes; the peer that sent it is still answered, so its copy stops showing it as on its way.
    const answers = answersOf(by);
    if (answers) await shareWorkingGroupChange(ctx, trx, group.id, undefined, answers);
    return item;
  }
  const now = ctx.now();
  const row = await updateActionItemRow(trx, item.id, { status: input.status, closed_at: input.status === 'open' ? null : now, updated_at: now });
  await auditGroupChange(ctx, trx, by, { parties: nations, action: 'action_item.status', entityType: 'working_group', entityId: group.id, data: { item: item.id, from: item.status, to: input.status } });
  await notifyActionItem(ctx, trx, { item: row, kind: 'status', actor: userOf(by), at: now });
  await groupChanged(ctx, trx, group.id, answersOf(by));
  return row;
}
