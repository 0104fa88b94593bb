import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import { renumberShift } from '../../domain/federation/delivery.js';
import { federationMessageSchema } from '../../domain/federation/message.js';
import { hashSigned, signPayload } from '../../domain/federation/signing.js';
import { appendAudit } from '../../store/audit.repository.js';
import { listPendingOutbound, lockPeerRow, renumberOutbound } from '../../store/federation-messages.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';

/**
 * A restored sender (issue #13): this instance came back from a backup older than what the peer
 * has applied from it, so its next numbers are taken at the peer (refused as replays) and its
 * queue would stay blocked for ever. The peer's signed mark says the last number it applied; the
 * pending messages move after it, in their order, each signed again under its new number. Their
 * ids stay: the peer's inbox is keyed by id, so none can be applied twice, and none of them was
 * applied yet (a message the peer holds under the same id gets its receipt, not a refusal, and the
 * sender delivers strictly in order, so those come first). The messages lost with the restore are
 * the peer's evidence of what this instance said before; this instance cannot send them again.
 *
 * Why here and not in `sosa restore`: the restore may run while the peer is unreachable, and only
 * the peer knows its mark; the sender learns it on its first delivery after the restore, whenever
 * that is. Returns how many messages moved.
 */
export async function renumberPendingOutbound(ctx: AppContext, peerNation: string, receiverLastSeq: number): Promise<number> {
  return ctx.store.db.transaction().execute(async (trx) => {
    // The peer's row lock also holds back new messages to it until the renumbering commits.
    if (!(await lockPeerRow(trx, peerNation))) return 0;
    const pending = await listPendingOutbound(trx, peerNation);
    const shift = pending.length > 0 ? renumberShift(pending[0]!.seq, receiverLastSeq) : 0;
    if (shift === 0) return 0;
    const key = await instanceSigningKey(ctx.config.keyDir);
    const now = ctx.now();
    // Highest first: each new number is free when it is taken (unique per peer and number).
    for (const row of [...pending].reverse()) {
      const payload = federationMessageSchema.parse(JSON.parse(Buffer.from(row.jws.split('.')[1]!, 'base64url').toString('utf8')));
      const jws = await signPayload({ ...payload, seq: row.seq + shift }, key, MESSAGE_TYPE);
      await renumberOutbound(trx, { id: row.id, seq: row.seq + shift, jws, messageHash: hashSigned(jws), now });
    }
    await appendAudit(trx, {
      actorId: null,
      actor: 'federation',
      nation: ctx.config.nation ?? null,
      action: 'federation.outbox_renumbered',
      entityType: 'federation_peer',
      entityId: peerNation,
      data: { peerLastSeq: receiverLastSeq, from: pending[0]!.seq, to: pending.at(-1)!.seq, shift, messages: pending.map((p) => p.id) },
    });
    return pending.length;
  });
}
