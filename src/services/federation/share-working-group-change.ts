import { borderWorkingGroup, workingGroupCrossesTo } from '../../domain/access/border/index.js';
import { MESSAGE_KINDS, WORKING_GROUP_OBJECT, type WorkingGroupSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { findGroupWithNations, listHeldGroupIds, loadGroupDetail } from '../../store/working-groups.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After a change of a working group this instance holds, in that transaction (issue #13): the group
 * as it now stands (border/working-group.ts: its whole joint record, no account ids) goes to the
 * instance of the arrangement's other nation when it is a peer sharing that arrangement, as
 * `working_group.set` under the group's version. A copy of a peer's group is never sent on (it is
 * changed there, through a `working_group.change`), and a shared deployment sends nothing. A change the
 * other nation's instance sent is answered (`answers`: its message's hash), so its copy shows the
 * change applied.
 */
export async function shareWorkingGroupChange(ctx: AppContext, trx: Tx, groupId: string, onlyPeer?: string, answers?: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const row = await findGroupWithNations(trx, groupId);
  if (!row || row.held_by !== null) return 0;
  const nations = [row.nation_a, row.nation_b];
  const peers = (await listPeers(trx)).filter((p) => p.nation !== own && workingGroupCrossesTo(nations, p.nation) && p.arrangements.includes(row.arrangement_id) && (onlyPeer === undefined || p.nation === onlyPeer));
  if (peers.length === 0) return 0;
  const { members, meetings, items, attendance } = await loadGroupDetail(trx, groupId);
  const body: WorkingGroupSetBody = { group: borderWorkingGroup({ group: row, members, meetings, attendance, items }) };
  for (const peer of peers) {
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: row.arrangement_id, kind: MESSAGE_KINDS.workingGroupSet, object: { type: WORKING_GROUP_OBJECT, id: row.id, version: row.version }, answers: answers ?? null, body });
  }
  return peers.length;
}

/**
 * When two instances are first peered (issue #13): every working group this instance holds that the
 * peer's nation may read (of an arrangement between the two) goes to it as it stands now, in the
 * caller's transaction. Returns how many were queued.
 */
export async function shareExistingWorkingGroupsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  let sent = 0;
  for (const id of await listHeldGroupIds(trx, peerNation)) sent += await shareWorkingGroupChange(ctx, trx, id, peerNation);
  return sent;
}
