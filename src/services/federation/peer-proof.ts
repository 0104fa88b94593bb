import { decodeProtectedHeader } from 'jose';
import type { z } from 'zod';
import { fetchProofFresh } from '../../domain/federation/delivery.js';
import { verifySigned } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';
import { decideRefusalAudit, leftOut } from './anonymous-refusals.js';

/**
 * A refusal of a peer's signed request, audited on this instance once a minute of its kind
 * (anonymous-refusals.ts): whatever its reason, anyone holding a copy of the proof could have sent
 * it (a stale one, or one addressed elsewhere, is still a peer's signature). Answered 403.
 */
export async function refusePeerRequest(ctx: AppContext, action: string, reason: string, detail: string, peer: string | null, extra: Record<string, unknown> = {}): Promise<AppError> {
  const audit = decideRefusalAudit(ctx, action, reason, peer, { replayable: true });
  if (audit) {
    await ctx.store.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation ?? null, action, entityType: 'federation_peer', entityId: peer ?? 'unknown', data: { reason, detail, ...extra, ...leftOut(audit) } }),
    );
  }
  return new AppError('FORBIDDEN', { detail: `The fetch was refused (${reason}): ${detail}`, extra: { reason } });
}

/**
 * Who asks, for a GET a peer signs (issue #13: the outbox catch-up, a file's content): the proof
 * must be a compact JWS of `type`, signed by a key of a peer's descriptor, from that peer to this
 * instance, and issued within FETCH_PROOF_TTL_MS. Anything else is refused (403), audited as
 * `refusedAction` with its reason; a shared deployment (no SOSA_NATION) answers no peer.
 */
export async function verifyPeerProof<S extends z.ZodType<{ from: string; to: string; issuedAt: string }>>(
  ctx: AppContext,
  proof: string,
  type: string,
  schema: S,
  refusedAction: string,
): Promise<{ own: string; peer: PeerRecord; ask: z.infer<S> }> {
  const own = ctx.config.nation;
  const refuse = (reason: string, detail: string, peer: string | null) => refusePeerRequest(ctx, refusedAction, reason, detail, peer);
  if (!own) throw await refuse('not_sovereign', 'this is a shared deployment (SOSA_NATION is not set)', null);
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(proof).kid;
  } catch {
    throw await refuse('malformed', 'the proof is not a compact JWS', null);
  }
  const peer = (await listPeers(ctx.store.db)).find((p) => p.keys.some((k) => k.kid === kid));
  if (!peer) throw await refuse('unknown_key', `key ${String(kid)} is not one any peer's descriptor lists`, null);
  const verified = await verifySigned(proof, peer.keys, type, schema);
  if (!verified.ok) throw await refuse(verified.reason, verified.detail, peer.nation);
  const ask = verified.value as z.infer<S>;
  if (ask.from !== peer.nation || ask.to !== own) throw await refuse('wrong_nation', `the proof asks as ${ask.from} of ${ask.to}`, peer.nation);
  if (!fetchProofFresh(ask.issuedAt, ctx.now())) throw await refuse('stale', `the proof was issued at ${ask.issuedAt}`, peer.nation);
  return { own, peer, ask };
}
