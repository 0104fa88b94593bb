import { LIAISON_POSTING_OBJECT, MESSAGE_KINDS, type PostingSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { sentVersionsTo } from '../../store/federation-messages.repository.js';
import { listPostingDocumentRows, listPostingIdsBetween, listPostingRows } from '../../store/liaison.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After the sending nation's officer creates or edits a liaison posting, in that transaction
 * (issue #13): the posting as it now stands, with its assignment documents, goes to the host
 * nation's instance when it is a peer (`posting.set`), under the posting's version, and to the
 * previous host's when an edit moved the posting away from it (which then drops its copy). A
 * posting to a nation this instance is not peered with, and any change on a shared deployment,
 * sends nothing. `onlyPeer`: to that peer alone (what a new peer is sent, below).
 */
export async function sharePostingChange(ctx: AppContext, trx: Tx, postingId: string, previousHost?: string, onlyPeer?: string): Promise<number> {
  const own = ctx.config.nation;
  const [row] = await listPostingRows(trx, [postingId]);
  if (!own || !row || row.sending_nation !== own) return 0;
  const hosts = new Set([row.host_nation, previousHost ?? row.host_nation]);
  const peers = (await listPeers(trx)).filter((p) => hosts.has(p.nation) && p.arrangements.length > 0 && (onlyPeer === undefined || p.nation === onlyPeer));
  if (peers.length === 0) return 0;
  const documents = await listPostingDocumentRows(trx, [postingId]);
  const body: PostingSetBody = {
    posting: {
      id: row.id,
      officer: { name: row.officer_name, rank: row.officer_rank, serviceNumber: row.service_number },
      sendingNation: row.sending_nation,
      hostNation: row.host_nation,
      hostCommand: row.host_command,
      location: row.location,
      startDate: row.start_date,
      endDate: row.end_date,
      status: row.status,
      hostPoc: { name: row.host_poc_name, email: row.host_poc_email },
      notes: row.notes,
      documents: documents.map((d) => ({ title: d.title, number: d.number, issuedOn: d.issued_on })),
    },
  };
  for (const peer of peers) {
    await enqueueOutbound(ctx, trx, { peerNation: peer.nation, arrangement: peer.arrangements[0]!, kind: MESSAGE_KINDS.postingSet, object: { type: LIAISON_POSTING_OBJECT, id: row.id, version: row.version }, body });
  }
  return peers.length;
}

/**
 * When a peer is added (share-existing-with-peer.ts): each posting this nation makes to the
 * peer's nation that the peer was never sent at its current version. Returns the messages queued.
 */
export async function shareExistingPostingsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const ids = await listPostingIdsBetween(trx, own, peerNation);
  if (ids.length === 0) return 0;
  const sent = await sentVersionsTo(trx, peerNation, LIAISON_POSTING_OBJECT);
  const versions = new Map((await listPostingRows(trx, ids)).map((r) => [r.id, r.version]));
  let queued = 0;
  for (const id of ids) {
    if ((sent.get(id) ?? 0) >= (versions.get(id) ?? 0)) continue;
    queued += await sharePostingChange(ctx, trx, id, undefined, peerNation);
  }
  return queued;
}
