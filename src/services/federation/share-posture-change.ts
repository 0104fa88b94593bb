import { borderPostureChange } from '../../domain/access/border/index.js';
import { ARRANGEMENT_POSTURE_OBJECT, MESSAGE_KINDS, type PostureSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { latestInboundHash } from '../../store/federation-messages.repository.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { countPostureChanges, findPostureChange } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After an officer sets an arrangement's posture, in its transaction (issue #13): the change, as
 * both nations read it (border/posture.ts), goes to each peer of the arrangement's other nation
 * that shares the arrangement (`posture.set`), answering the last posture message received from
 * it (what the officer knew of the other side's posture). A shared deployment sends nothing.
 */
export async function sharePostureChange(ctx: AppContext, trx: Tx, arrangement: { id: string; nation_a: string; nation_b: string }, changeId: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own || (own !== arrangement.nation_a && own !== arrangement.nation_b)) return 0;
  const other = own === arrangement.nation_a ? arrangement.nation_b : arrangement.nation_a;
  const peers = (await listPeers(trx)).filter((p) => p.nation === other && p.arrangements.includes(arrangement.id));
  if (peers.length === 0) return 0;
  const row = await findPostureChange(trx, changeId);
  if (!row) return 0;
  const change = borderPostureChange({ ...row, set_by_name: row.display_name ?? row.set_by_name ?? '' });
  const version = await countPostureChanges(trx, arrangement.id);
  for (const peer of peers) {
    const body: PostureSetBody = { change };
    const answers = await latestInboundHash(trx, peer.nation, ARRANGEMENT_POSTURE_OBJECT, arrangement.id);
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: arrangement.id, kind: MESSAGE_KINDS.postureSet, object: { type: ARRANGEMENT_POSTURE_OBJECT, id: arrangement.id, version }, answers, body });
  }
  return peers.length;
}
