import type { Tx } from '../../store/executor.js';
import type { AppContext } from '../context.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { shareExistingContactsWith } from './share-contact-change.js';
import { shareExistingPostingsWith } from './share-posting-change.js';
import { shareExistingPosturesWith } from './share-posture-change.js';
import { shareExistingRequestsWith } from './share-request-change.js';
import { shareExistingAttachmentsWith } from './share-request-attachment.js';
import { shareExistingSpasWith } from './share-spa-change.js';
import { shareExistingWorkingGroupsWith } from './share-working-group-change.js';
import { shareExistingThreadsWith } from './share-thread-change.js';
import { shareExistingLogisticsWith } from './share-logistics-order-change.js';

/**
 * Queues, in the caller's transaction, each record of one kind that the peer's nation may read
 * and the peer was never sent at its current version; answers how many messages it queued. Each
 * goes through the kind's own share function, so a record crosses at peering exactly as it would
 * after its next change (the border decides, src/domain/access/border/).
 */
export type ExistingSharer = (ctx: AppContext, trx: Tx, peerNation: string) => Promise<number>;

/**
 * Every kind of record a new peer is sent what exists of (issue #13). A kind that crosses when it
 * changes but is missing here would reach a new peer only at its next change: add its sharer.
 * The peer receives them in this order.
 */
export const EXISTING_RECORD_SHARERS: ReadonlyArray<{ what: string; share: ExistingSharer }> = [
  { what: 'points of contact', share: shareExistingContactsWith },
  { what: 'liaison postings', share: shareExistingPostingsWith },
  { what: 'postures', share: shareExistingPosturesWith },
  { what: 'requests', share: shareExistingRequestsWith },
  // After the requests: a file lands on the copy of its request the peer holds.
  { what: 'request attachments', share: shareExistingAttachmentsWith },
  // After the requests: an SPA's partner view names requests the peer must already hold.
  { what: 'SPA requests', share: shareExistingSpasWith },
  { what: 'working groups', share: shareExistingWorkingGroupsWith },
  // After the requests: a thread on a request lands on the copy of it the peer holds.
  { what: 'threads', share: shareExistingThreadsWith },
  { what: 'logistics orders', share: shareExistingLogisticsWith },
];

export interface SharedWithPeer {
  /** Messages queued, all kinds. */
  total: number;
  /** Per kind, in the list's order (kinds with none included). */
  byKind: Array<{ what: string; count: number }>;
}

/**
 * When a peer is first added (add-peer.ts), in the transaction that adds it: the current state of
 * everything its nation may read goes into its queue, signed now and delivered by the server's
 * sender once the peer takes messages from this instance. Without it, records made before the
 * peering would cross only when they next change.
 */
export async function shareExistingWithPeer(ctx: AppContext, trx: Tx, peerNation: string, sharers = EXISTING_RECORD_SHARERS): Promise<SharedWithPeer> {
  const byKind: SharedWithPeer['byKind'] = [];
  for (const { what, share } of sharers) byKind.push({ what, count: await share(ctx, trx, peerNation) });
  return { total: byKind.reduce((n, k) => n + k.count, 0), byKind };
}

/**
 * `sosa demo federation` peers its two instances before their first start seeds the demo; that
 * start sends each peer what its nation keeps of the demo, as peering would have.
 */
export async function shareDemoWithPeers(ctx: AppContext): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    for (const peer of await listPeers(trx)) if (peer.arrangements.length > 0) await shareExistingWithPeer(ctx, trx, peer.nation);
  });
}
