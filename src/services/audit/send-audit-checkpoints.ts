import { decodeJwt } from 'jose';
import { AUDIT_CHAIN_OBJECT, AUDIT_CHECKPOINT_KIND, auditCheckpointBodySchema, type AuditCheckpointBody, type AuditCheckpointClaim } from '../../domain/audit/peer-checkpoint.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit, sequencePendingAudit } from '../../store/audit.repository.js';
import { auditHashAt, auditHeadEntry, lastSentCheckpoint } from '../../store/audit-checkpoints.repository.js';
import { lockPeerRow } from '../../store/federation-messages.repository.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from '../federation/enqueue-outbound.js';

export interface SentCheckpoint {
  peer: string;
  messageId: string;
  seq: number;
  hash: string;
}

/** The checkpoint a message of this instance's outbox carries (it signed it: no check needed to read it). */
export function checkpointOfMessage(jws: string): AuditCheckpointClaim | null {
  const parsed = auditCheckpointBodySchema.safeParse((decodeJwt(jws) as { body?: unknown }).body);
  return parsed.success ? parsed.data.checkpoint : null;
}

/**
 * Sends the head of this instance's audit chain to its peers as a signed checkpoint (issue #13,
 * domain/audit/peer-checkpoint.ts), through the outbox: the sender loop delivers it and keeps the
 * peer's signed receipt. With `dueAfterMs`, only to the peers that have had none for that long
 * (counting from the peering for a peer that has had none yet), so a restarted server keeps the
 * daily rhythm; without it (`sosa audit checkpoint`), to every peer (or those of `peers`) now.
 */
export async function sendAuditCheckpoints(ctx: AppContext, options: { dueAfterMs?: number; peers?: readonly string[] } = {}): Promise<SentCheckpoint[]> {
  const own = ctx.config.nation;
  if (!own) throw new AppError('CONFIG_INVALID', { detail: 'SOSA_NATION is not set: a shared deployment has no peers to send checkpoints to' });
  const db = ctx.store.db;
  const peers = (await listPeers(db)).filter((p) => p.arrangements.length > 0 && (!options.peers || options.peers.includes(p.nation)));
  const sent: SentCheckpoint[] = [];
  let chained = false;
  for (const peer of peers) {
    // Everything committed so far gets its position first: the checkpoint covers it.
    if (!chained) {
      await sequencePendingAudit(db);
      chained = true;
    }
    const one = await db.transaction().execute(async (trx) => {
      // Under the peer's lock (as enqueueOutbound takes it), so that two server processes never
      // both send a checkpoint naming the same previous one: the peer would flag the second.
      if (!(await lockPeerRow(trx, peer.nation))) return null;
      const now = ctx.now();
      const last = await lastSentCheckpoint(trx, peer.nation);
      if (options.dueAfterMs !== undefined && now.getTime() - (last?.createdAt ?? peer.addedAt).getTime() < options.dueAfterMs) return null;
      const head = await auditHeadEntry(trx);
      const previousClaim = last ? checkpointOfMessage(last.jws) : null;
      // The hash the chain has now at the previous checkpoint, read again, never copied from it:
      // a rewrite before it shows as a contradiction on the peer (peer-checkpoint.ts).
      const previous = previousClaim ? { seq: previousClaim.seq, hash: await auditHashAt(trx, previousClaim.seq) } : null;
      const body: AuditCheckpointBody = { checkpoint: { seq: head.seq, hash: head.hash, at: now.toISOString(), previous } };
      const message = await enqueueOutbound(ctx, trx, {
        peerNation: peer.nation,
        // The envelope names an arrangement the peer checks it shares; the chain is the whole instance's.
        arrangement: peer.arrangements[0]!,
        kind: AUDIT_CHECKPOINT_KIND,
        object: { type: AUDIT_CHAIN_OBJECT, id: own, version: Math.min(head.seq, 2_147_483_647) },
        body,
      });
      await appendAudit(trx, {
        actorId: null,
        actor: 'federation',
        nation: own,
        action: 'audit.checkpoint_sent',
        entityType: AUDIT_CHAIN_OBJECT,
        entityId: own,
        data: { to: peer.nation, messageId: message.id, seq: head.seq, hash: head.hash, previous },
      });
      return { peer: peer.nation, messageId: message.id, seq: head.seq, hash: head.hash };
    });
    if (one) sent.push(one);
  }
  return sent;
}
