import { borderPostureChange } from '../../domain/access/border/index.js';
import { ARRANGEMENT_POSTURE_OBJECT, MESSAGE_KINDS, type PostureSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { decodeJwt } from 'jose';
import { latestInboundHash, sentMessagesAbout } from '../../store/federation-messages.repository.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { countPostureChanges, currentPostureChange, findPostureChange, listArrangementsOfNation } from '../../store/postures.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After an officer sets an arrangement's posture, in its transaction (issue #13): the change, as
 * both nations read it (border/posture.ts), goes to each peer of the arrangement's other nation
 * that shares the arrangement (`posture.set`), answering the last posture message received from
 * it (what the officer knew of the other side's posture). A shared deployment sends nothing.
 * `onlyPeer`: to that peer alone (what a new peer is sent, below).
 */
export async function sharePostureChange(ctx: AppContext, trx: Tx, arrangement: { id: string; nation_a: string; nation_b: string }, changeId: string, onlyPeer?: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own || (own !== arrangement.nation_a && own !== arrangement.nation_b)) return 0;
  const other = own === arrangement.nation_a ? arrangement.nation_b : arrangement.nation_a;
  const peers = (await listPeers(trx)).filter((p) => p.nation === other && p.arrangements.includes(arrangement.id) && (onlyPeer === undefined || p.nation === onlyPeer));
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

/**
 * When a peer is added (share-existing-with-peer.ts): for each arrangement shared with it, the
 * current posture when this nation's officer set it and the peer was never sent that change. A
 * posture the peer's own nation set is its own to send; one never set (peacetime) sends nothing;
 * an older change of this nation, superseded, would change nothing there. Returns the messages queued.
 */
export async function shareExistingPosturesWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  let queued = 0;
  for (const arrangement of await listArrangementsOfNation(trx, own)) {
    if (arrangement.nation_a !== peerNation && arrangement.nation_b !== peerNation) continue;
    const current = await currentPostureChange(trx, arrangement.id);
    if (!current || current.setByNation !== own) continue;
    const sent = (await sentMessagesAbout(trx, peerNation, MESSAGE_KINDS.postureSet, arrangement.id)).some((jws) => (decodeJwt(jws) as { body?: PostureSetBody }).body?.change?.id === current.id);
    if (sent) continue;
    queued += await sharePostureChange(ctx, trx, arrangement, current.id, peerNation);
  }
  return queued;
}
