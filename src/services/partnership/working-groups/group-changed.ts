import type { Tx } from '../../../store/executor.js';
import { touchGroup } from '../../../store/working-groups.repository.js';
import type { AppContext } from '../../context.js';
import { shareWorkingGroupChange } from '../../federation/share-working-group-change.js';

/**
 * After any change of a working group (members, meetings, attendance, action items), in its
 * transaction: the group's version counts it, and the partner's instance, when it is a peer, gets
 * the group as it now stands (issue #13), answering the peer's `working_group.change` when the
 * change came from it (`answers`).
 */
export async function groupChanged(ctx: AppContext, trx: Tx, groupId: string, answers?: string): Promise<void> {
  await touchGroup(trx, groupId, ctx.now());
  await shareWorkingGroupChange(ctx, trx, groupId, undefined, answers);
}
