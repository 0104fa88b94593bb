import { LIAISON_POSTING_OBJECT, MESSAGE_KINDS, type PostingSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { listPostingDocumentRows, listPostingRows } from '../../store/liaison.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After the sending nation's officer creates or edits a liaison posting, in that transaction
 * (issue #13): the posting as it now stands, with its assignment documents, goes to the host
 * nation's instance when it is a peer (`posting.set`), under the posting's version, and to the
 * previous host's when an edit moved the posting away from it (which then drops its copy). A
 * posting to a nation this instance is not peered with, and any change on a shared deployment,
 * sends nothing.
 */
export async function sharePostingChange(ctx: AppContext, trx: Tx, postingId: string, previousHost?: string): Promise<number> {
  const own = ctx.config.nation;
  const [row] = await listPostingRows(trx, [postingId]);
  if (!own || !row || row.sending_nation !== own) return 0;
  const hosts = new Set([row.host_nation, previousHost ?? row.host_nation]);
  const peers = (await listPeers(trx)).filter((p) => hosts.has(p.nation) && p.arrangements.length > 0);
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
