import { FETCH_TYPE, federationFetchSchema } from '../../domain/federation/delivery.js';
import { duePendingNow, listOutboundAfter } from '../../store/federation-messages.repository.js';
import type { AppContext } from '../context.js';
import { refusePeerRequest, verifyPeerProof } from './peer-proof.js';

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
  const { peer, ask } = await verifyPeerProof(ctx, proof, FETCH_TYPE, federationFetchSchema, 'federation.fetch_refused');
  if (ask.after !== after) throw await refusePeerRequest(ctx, 'federation.fetch_refused', 'invalid_content', `the proof is for after=${ask.after}, not ${after}`, peer.nation);
  const rows = await listOutboundAfter(ctx.store.db, peer.nation, after, OUTBOX_PAGE + 1);
  const messages: string[] = [];
  let chars = 0;
  for (const r of rows.slice(0, OUTBOX_PAGE)) {
    if (messages.length > 0 && chars + r.jws.length > OUTBOX_PAGE_CHARS) break;
    messages.push(r.jws);
    chars += r.jws.length;
  }
  const hasMore = rows.length > messages.length;
  // The peer has fetched everything it lacked: it is up, and holds what this instance's retries
  // would post. They are due now rather than after the backoff its outage built up (up to
  // SOSA_FEDERATION_RETRY_MAX_SECONDS): the sender posts them in batches within a second and so
  // holds the peer's signed receipt of each (issue #13), instead of minutes later.
  if (!hasMore) await duePendingNow(ctx.store.db, peer.nation, ctx.now());
  return { messages, hasMore };
}
