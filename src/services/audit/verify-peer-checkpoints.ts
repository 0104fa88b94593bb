import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { federationReceiptSchema } from '../../domain/federation/message.js';
import { hashSigned, verifySigned } from '../../domain/federation/signing.js';
import { checkpointConflicts, type HeldCheckpoint } from '../../domain/audit/peer-checkpoint.js';
import { auditHashAt, listHeldCheckpoints, listSentCheckpoints, type SentCheckpointRow } from '../../store/audit-checkpoints.repository.js';
import type { Db } from '../../store/executor.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import { auditAs } from '../../store/audit.repository.js';
import type { Actor } from '../../domain/access/actor.js';
import type { ApiSchema } from '../../contract/api-schema.js';
import type { AppContext } from '../context.js';
import { readHeldCheckpoint } from './receive-audit-checkpoint.js';
import { checkpointOfMessage } from './send-audit-checkpoints.js';

// The verdict is what GET /audit/peer-checkpoints declares (audit.schema.ts), less the time of
// the check: the contract writes its shape once (issue #12).
type Verdict = ApiSchema<'AuditPeerCheckpoints'>;
/** A checkpoint this instance sent, checked against its chain as it is now. */
export type SentCheckpointCheck = Verdict['sent'][number];
/** A checkpoint held from a peer, its signature checked again. */
export type HeldCheckpointCheck = Verdict['held'][number];
export type CheckpointProblem = Verdict['problems'][number];
export type PeerCheckpointVerdict = Omit<Verdict, 'verifiedAt'>;

/**
 * `sosa audit verify --peer-checkpoints` (issue #13): both ways round.
 * - Own chain: every checkpoint this instance sent must still be in its chain (the same hash at
 *   the same position), and the peer's receipt, signed by the peer, must name exactly the bytes of
 *   the copy kept here, so neither the chain nor the copy can be rewritten unseen.
 * - Peers' chains: every checkpoint held from a peer must still verify against the peer's keys,
 *   and each peer's checkpoints must form one growing, consistent sequence (peer-checkpoint.ts).
 */
export async function verifyPeerCheckpoints(db: Db, ownNation: string): Promise<PeerCheckpointVerdict> {
  const peers = new Map((await listPeers(db)).map((p) => [p.nation, p]));
  const verdict: PeerCheckpointVerdict = { ok: true, sent: [], held: [], problems: [], notes: [] };
  for (const row of await listSentCheckpoints(db)) {
    const claim = checkpointOfMessage(row.jws);
    if (!claim) {
      verdict.problems.push({ side: 'own', peer: row.peerNation, position: null, messageId: row.messageId, problem: `the copy of checkpoint message ${row.messageId} carries no checkpoint: it was altered` });
      continue;
    }
    const receipt = await checkReceipt(row, peers.get(row.peerNation), ownNation);
    const at = await auditHashAt(db, claim.seq);
    const chain = at === null ? 'truncated' : at === claim.hash ? 'intact' : 'rewritten';
    verdict.sent.push({ peer: row.peerNation, messageId: row.messageId, seq: claim.seq, hash: claim.hash, takenAt: claim.at, receipt: receipt.state, receivedAt: receipt.receivedAt, chain });
    const proof = receipt.state === 'received' ? `, which ${row.peerNation} received at ${receipt.receivedAt} (its signed receipt is held)` : '';
    if (chain === 'truncated') verdict.problems.push({ side: 'own', peer: row.peerNation, position: claim.seq, messageId: row.messageId, problem: `event ${claim.seq} of the checkpoint sent to ${row.peerNation} at ${claim.at}${proof} is gone: the log was truncated` });
    if (chain === 'rewritten') verdict.problems.push({ side: 'own', peer: row.peerNation, position: claim.seq, messageId: row.messageId, problem: `event ${claim.seq} no longer has the hash of the checkpoint sent to ${row.peerNation} at ${claim.at}${proof}: the log was rewritten up to it` });
    if (receipt.state === 'invalid') verdict.problems.push({ side: 'own', peer: row.peerNation, position: claim.seq, messageId: row.messageId, problem: `${row.peerNation}'s receipt for the checkpoint at ${claim.seq} does not hold: ${receipt.detail}` });
    if (receipt.state === 'unverifiable') verdict.notes.push(`${row.peerNation}'s receipt for the checkpoint at ${claim.seq} is signed with a key its descriptor no longer lists`);
  }
  const bySender = new Map<string, HeldCheckpoint[]>();
  for (const row of await listHeldCheckpoints(db)) {
    const read = await readHeldCheckpoint(row, peers.get(row.senderNation));
    const receivedAt = row.receivedAt.toISOString();
    if (!read.ok) {
      const signature = read.reason === 'unknown_key' ? 'unverifiable' : 'invalid';
      verdict.held.push({ peer: row.senderNation, messageId: row.messageId, seq: null, hash: null, takenAt: null, receivedAt, signature });
      if (signature === 'invalid') verdict.problems.push({ side: 'peer', peer: row.senderNation, position: null, messageId: row.messageId, problem: `the checkpoint held from ${row.senderNation} (message ${row.messageId}) no longer verifies: ${read.detail}` });
      else verdict.notes.push(`the checkpoint held from ${row.senderNation} (message ${row.messageId}) cannot be verified: ${read.detail}`);
      continue;
    }
    verdict.held.push({ peer: row.senderNation, messageId: row.messageId, seq: read.claim.seq, hash: read.claim.hash, takenAt: read.claim.at, receivedAt, signature: 'valid' });
    bySender.set(row.senderNation, [...(bySender.get(row.senderNation) ?? []), { messageId: row.messageId, claim: read.claim }]);
  }
  for (const [peer, held] of bySender) {
    for (const c of checkpointConflicts(held)) verdict.problems.push({ side: 'peer', peer, position: c.position, messageId: c.messageId, problem: `${peer}'s checkpoint (message ${c.messageId}) contradicts an earlier one: ${c.problem}` });
  }
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

async function checkReceipt(row: SentCheckpointRow, peer: PeerRecord | undefined, ownNation: string): Promise<{ state: SentCheckpointCheck['receipt']; receivedAt: string | null; detail?: string }> {
  if (!row.receipt) return { state: 'pending', receivedAt: null };
  if (!peer) return { state: 'unverifiable', receivedAt: null };
  const verified = await verifySigned(row.receipt, peer.keys, RECEIPT_TYPE, federationReceiptSchema);
  if (!verified.ok) return verified.reason === 'unknown_key' ? { state: 'unverifiable', receivedAt: null } : { state: 'invalid', receivedAt: null, detail: verified.detail };
  const r = verified.value;
  // The receipt names the bytes the peer received: the copy kept here must be those bytes.
  if (r.messageId !== row.messageId || r.messageHash !== hashSigned(row.jws) || r.from !== row.peerNation || r.to !== ownNation) {
    return { state: 'invalid', receivedAt: r.receivedAt, detail: 'it names other bytes than the copy kept here: the copy was altered' };
  }
  return { state: r.outcome === 'refused' ? 'refused' : 'received', receivedAt: r.receivedAt };
}

/**
 * The same check for an auditor while the server runs (`GET /audit/peer-checkpoints`, and
 * `sosa audit verify --peer-checkpoints --url`), itself audited. A shared deployment has no peers:
 * nothing was exchanged, nothing fails.
 */
export async function verifyPeerCheckpointsAs(ctx: AppContext, actor: Actor): Promise<PeerCheckpointVerdict & { verifiedAt: string }> {
  const db = ctx.store.db;
  const verdict = ctx.config.nation ? await verifyPeerCheckpoints(db, ctx.config.nation) : { ok: true, sent: [], held: [], problems: [], notes: [] };
  await db.transaction().execute((trx) =>
    auditAs(trx, actor, {
      action: 'audit.verify_peer_checkpoints',
      entityType: 'audit_log',
      entityId: 'chain',
      data: { ok: verdict.ok, sent: verdict.sent.length, held: verdict.held.length, problems: verdict.problems.map((p) => ({ side: p.side, peer: p.peer, position: p.position })) },
    }),
  );
  return { ...verdict, verifiedAt: ctx.now().toISOString() };
}
