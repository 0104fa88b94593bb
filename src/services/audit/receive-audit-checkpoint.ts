import { verifySigned } from '../../domain/federation/signing.js';
import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import { federationMessageSchema, type FederationMessage } from '../../domain/federation/message.js';
import { AUDIT_CHAIN_OBJECT, auditCheckpointBodySchema, checkpointContradiction, type AuditCheckpointClaim } from '../../domain/audit/peer-checkpoint.js';
import { appendAudit } from '../../store/audit.repository.js';
import { listHeldCheckpoints, type HeldCheckpointRow } from '../../store/audit-checkpoints.repository.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from '../federation/inbound-refusal.js';

/**
 * The checkpoint a held message carries, its signature checked again against the peer's keys:
 * what the inbox verified on arrival is verified again whenever it is used as evidence.
 */
export async function readHeldCheckpoint(row: HeldCheckpointRow, peer: PeerRecord | undefined): Promise<{ ok: true; claim: AuditCheckpointClaim } | { ok: false; reason: string; detail: string }> {
  if (!peer) return { ok: false, reason: 'unknown_key', detail: `${row.senderNation} is no longer a peer: its keys are not known` };
  const verified = await verifySigned(row.jws, peer.keys, MESSAGE_TYPE, federationMessageSchema);
  if (!verified.ok) return { ok: false, reason: verified.reason, detail: verified.detail };
  if (verified.hash !== row.messageHash || verified.value.id !== row.messageId || verified.value.from !== row.senderNation) return { ok: false, reason: 'bad_signature', detail: 'the stored message is not the one received' };
  const parsed = auditCheckpointBodySchema.safeParse(verified.value.body);
  if (!parsed.success) return { ok: false, reason: 'invalid_content', detail: 'the message carries no checkpoint' };
  return { ok: true, claim: parsed.data.checkpoint };
}

/**
 * A peer's audit checkpoint, verified and in order (inbox-steps.ts), is kept: the inbox row
 * of the message is the evidence. A checkpoint that contradicts one held before from the same peer
 * (domain/audit/peer-checkpoint.ts) is kept all the same, because the contradiction signed by the
 * peer is the proof, and it is audited as a conflict, which `sosa audit verify --peer-checkpoints`
 * reports.
 */
export async function applyAuditCheckpoint(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = auditCheckpointBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== AUDIT_CHAIN_OBJECT || message.object.id !== peer.nation) {
    throw new Refused('invalid_content', `an audit.checkpoint carries one checkpoint of ${peer.nation}'s own audit chain`, peer.nation, message.id);
  }
  const next = parsed.data.checkpoint;
  const held: AuditCheckpointClaim[] = [];
  for (const row of await listHeldCheckpoints(trx, peer.nation)) {
    const read = await readHeldCheckpoint(row, peer);
    if (read.ok) held.push(read.claim);
  }
  const conflict = checkpointContradiction(held, next);
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: ctx.config.nation ?? null,
    action: conflict ? 'audit.peer_checkpoint_conflict' : 'audit.peer_checkpoint_received',
    entityType: AUDIT_CHAIN_OBJECT,
    entityId: peer.nation,
    data: { from: peer.nation, messageId: message.id, seq: next.seq, hash: next.hash, at: next.at, ...(conflict ? { position: conflict.position, problem: conflict.problem } : {}) },
  });
  if (conflict) ctx.logger.warn({ peer: peer.nation, position: conflict.position, problem: conflict.problem }, 'a peer audit checkpoint contradicts one held before');
}
