import { decodeProtectedHeader } from 'jose';
import { FETCH_TYPE, federationFetchSchema, fetchProofFresh } from '../../domain/federation/delivery.js';
import { verifySigned } from '../../domain/federation/signing.js';
import { AppError } from '../../domain/errors.js';
import { appendAudit } from '../../store/audit.repository.js';
import { listOutboundAfter } from '../../store/federation-messages.repository.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import type { AppContext } from '../context.js';

export const OUTBOX_PAGE = 200;
/**
 * A page also ends before this many characters of messages (at least one message a page): a
 * message carrying a file's content inline (request.attachment) is up to about 700,000
 * characters, and 200 of them would make an answer of 140 MB.
 */
export const OUTBOX_PAGE_CHARS = 4_000_000;

/**
 * `GET /federation/outbox?after=N` (issue #13): a peer catching up after an outage fetches its
 * messages after N, in order, as they were signed. The request is signed by the peer (a short-lived
 * fetch proof naming who asks whom and from which number), so only the peer reads what was meant
 * for it; each message in the answer carries this instance's own signature, which the peer checks
 * as if it had been posted to its inbox.
 */
export async function serveOutbox(ctx: AppContext, proof: string, after: number): Promise<{ messages: string[]; hasMore: boolean }> {
  const own = ctx.config.nation;
  const refuse = async (reason: string, detail: string, peer: string | null) => {
    await ctx.store.db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: null, actor: 'federation', nation: own ?? null, action: 'federation.fetch_refused', entityType: 'federation_peer', entityId: peer ?? 'unknown', data: { reason, detail } }),
    );
    return new AppError('FORBIDDEN', { detail: `The fetch was refused (${reason}): ${detail}`, extra: { reason } });
  };
  if (!own) throw await refuse('not_sovereign', 'this is a shared deployment (SOSA_NATION is not set)', null);
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(proof).kid;
  } catch {
    throw await refuse('malformed', 'the proof is not a compact JWS', null);
  }
  const peer = (await listPeers(ctx.store.db)).find((p) => p.keys.some((k) => k.kid === kid));
  if (!peer) throw await refuse('unknown_key', `key ${String(kid)} is not one any peer's descriptor lists`, null);
  const verified = await verifySigned(proof, peer.keys, FETCH_TYPE, federationFetchSchema);
  if (!verified.ok) throw await refuse(verified.reason, verified.detail, peer.nation);
  const ask = verified.value;
  if (ask.from !== peer.nation || ask.to !== own) throw await refuse('wrong_nation', `the proof asks as ${ask.from} of ${ask.to}`, peer.nation);
  if (ask.after !== after) throw await refuse('invalid_content', `the proof is for after=${ask.after}, not ${after}`, peer.nation);
  if (!fetchProofFresh(ask.issuedAt, ctx.now())) throw await refuse('stale', `the proof was issued at ${ask.issuedAt}`, peer.nation);
  const rows = await listOutboundAfter(ctx.store.db, peer.nation, after, OUTBOX_PAGE + 1);
  const messages: string[] = [];
  let chars = 0;
  for (const r of rows.slice(0, OUTBOX_PAGE)) {
    if (messages.length > 0 && chars + r.jws.length > OUTBOX_PAGE_CHARS) break;
    messages.push(r.jws);
    chars += r.jws.length;
  }
  return { messages, hasMore: rows.length > messages.length };
}
