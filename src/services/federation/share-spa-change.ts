import { peerReader, spaPartnerNations, spaPartnerView, spaReadExplainedBy, type SpaOrderLink, type SpaRequestRef } from '../../domain/access/border/index.js';
import { spaViewFor } from '../../domain/dpas/spa.js';
import { MESSAGE_KINDS, SPA_REQUEST_OBJECT, spaSetBodySchema, spaUnsharedBodySchema } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { latestOutboundForObject } from '../../store/federation-messages.repository.js';
import { findPeer, listPeers, type PeerRecord } from '../../store/federation-peers.repository.js';
import type { SpaRequestRow } from '../../store/schema.js';
import { bumpSpaPartnerVersion, listFiledSpasAboutRequestsOf, listSpaIdsAboutRequest, listSpaOrderRows, organisationName } from '../../store/spa.repository.js';
import type { AppContext } from '../context.js';
import { scopeOf, spaFactsOf, spaLinksOf } from '../spa/spa-view.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After an SPA (15 CFR 700.50) is filed or takes a step, in that transaction (issue #13): each
 * peer whose nation reads its partner view (border/spa.ts: the SPA is about the rated order of
 * that nation's request, held by the company that performs it) is sent the view as it now stands
 * (`spa.set`), under a version that counts these changes (migration 0038). A peer that was sent
 * the view and no longer reads it (the filer's order on its request was rejected or replaced) is
 * told so (`spa.unshared`) and drops its copy; one that never read it learns nothing, not even
 * that the SPA changed. A draft crosses to nobody. A shared deployment sends nothing.
 */
export async function shareSpaChange(ctx: AppContext, trx: Tx, spaId: string): Promise<number> {
  if (!ctx.config.nation) return 0;
  const peers = (await listPeers(trx)).filter((p) => p.arrangements.length > 0);
  if (peers.length === 0) return 0;
  // Counted (and the row locked) before it is read: two changes are sent in the order they commit.
  const row = await bumpSpaPartnerVersion(trx, spaId);
  if (!row || row.nation !== ctx.config.nation) return 0;
  return sendSpa(ctx, trx, row, peers, { unshare: true });
}

/**
 * After a step on a SOSA request changed the company that performs it (a rated order placed,
 * rejected or replaced), in that transaction: who reads the SPAs about the request's rated orders
 * may have changed, so each is shared again as above.
 */
export async function shareSpasAboutRequest(ctx: AppContext, trx: Tx, requestId: string): Promise<number> {
  if (!ctx.config.nation) return 0;
  let sent = 0;
  for (const id of await listSpaIdsAboutRequest(trx, requestId)) sent += await shareSpaChange(ctx, trx, id);
  return sent;
}

/**
 * The current partner view of every SPA this instance holds that `peerNation` reads, to that
 * peer (for when two instances are first peered: what exists crosses without waiting for its next
 * change). Sent under the version it has; a peer that holds it already keeps its copy. Nothing is
 * sent about an SPA the peer does not read. The requests they concern must reach the peer first
 * (it refuses an SPA about a request it holds no copy of).
 */
export async function shareExistingSpasWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const peer = await findPeer(trx, peerNation);
  if (!peer || peer.arrangements.length === 0) return 0;
  let sent = 0;
  for (const row of await listFiledSpasAboutRequestsOf(trx, own, peerNation)) sent += await sendSpa(ctx, trx, row, [peer], { unshare: false });
  return sent;
}

async function sendSpa(ctx: AppContext, trx: Tx, row: SpaRequestRow, peers: readonly PeerRecord[], options: { unshare: boolean }): Promise<number> {
  const links = (await spaLinksOf(trx, [row.id])).get(row.id)?.links ?? [];
  const scope = scopeOf(row, spaPartnerNations(row.nation, links));
  const lastKind = options.unshare ? new Map((await latestOutboundForObject(trx, SPA_REQUEST_OBJECT, row.id)).map((m) => [m.peerNation, m.kind])) : new Map<string, string>();
  let view: ReturnType<typeof spaPartnerView> | null = null;
  let sent = 0;
  for (const peer of peers) {
    const object = { type: SPA_REQUEST_OBJECT, id: row.id, version: row.partner_version };
    // The peer stands as its nation's SOSA officers: the same rule as their read on a shared instance.
    const reads = spaViewFor(peerReader(peer.nation), scope) === 'partner';
    const explained = ofOneArrangement(spaReadExplainedBy(row.nation, links, peer.nation), peer);
    if (reads && explained.length) {
      view ??= spaPartnerView(spaFactsOf(row, await listSpaOrderRows(trx, row.id), await organisationName(trx, row.organisation_id)));
      // Checked as the receiver checks it: nothing but the partner view leaves the instance.
      const body = spaSetBodySchema.parse({ spa: view, requests: explained });
      await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: explained[0]!.arrangementId, kind: MESSAGE_KINDS.spaSet, object, body });
      sent += 1;
    } else if (lastKind.get(peer.nation) === MESSAGE_KINDS.spaSet) {
      const concerned = ofOneArrangement(requestsOf(links, peer.nation), peer);
      if (concerned.length === 0) continue;
      const body = spaUnsharedBodySchema.parse({ spa: { id: row.id, nation: row.nation }, requests: concerned });
      await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: concerned[0]!.arrangementId, kind: MESSAGE_KINDS.spaUnshared, object, body });
      sent += 1;
    }
  }
  return sent;
}

/** The requests of `nation` the SPA's orders are rated orders of, whoever performs them now. */
function requestsOf(links: readonly SpaOrderLink[], nation: string): SpaRequestRef[] {
  const refs: SpaRequestRef[] = [];
  for (const { request: r } of links) {
    if ((r.fromNation === nation || r.toNation === nation) && !refs.some((x) => x.id === r.id)) refs.push({ id: r.id, arrangementId: r.arrangementId, fromNation: r.fromNation, toNation: r.toNation });
  }
  return refs;
}

/** A message belongs to one arrangement: the requests of the first one the peer shares. */
function ofOneArrangement(refs: readonly SpaRequestRef[], peer: PeerRecord): SpaRequestRef[] {
  const shared = refs.filter((r) => peer.arrangements.includes(r.arrangementId));
  return shared.filter((r) => r.arrangementId === shared[0]?.arrangementId);
}
