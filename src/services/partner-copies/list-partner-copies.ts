import type { Actor } from '../../domain/access/actor.js';
import { readPartnerCopyBody } from '../../domain/federation/partner-copy.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { listPartnerCopyPage, type PartnerCopyFilter } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { assertHoldsCopiesFor } from './partner-copy-access.js';
import type { ApiAnswer } from '../../contract/api-schema.js';

/** The copies held here, as GET /partner-copies declares them. */
export type PartnerCopyListView = ApiAnswer<'getPartnerCopies'>;
export type PartnerCopySummaryView = PartnerCopyListView['items'][number];

/** The requests this instance holds copies of, the latest to change first (issue #13). */
export async function listPartnerCopies(ctx: AppContext, { actor, filter, limit, offset }: { actor: Actor; filter: PartnerCopyFilter; limit: number; offset: number }): Promise<PartnerCopyListView> {
  assertHoldsCopiesFor(ctx, actor);
  const db = ctx.store.db;
  const [page, peers] = await Promise.all([listPartnerCopyPage(db, filter, { limit, offset }), listPeers(db)]);
  const items = page.rows.flatMap((row) => {
    const body = readPartnerCopyBody(row.body);
    if (!body) return [];
    const r = body.request;
    return [{ id: row.requestId, reference: r.reference, title: r.title, state: r.state, urgency: r.urgency, workflowId: r.workflowId, fromNation: r.fromNation, toNation: r.toNation, peer: row.peerNation, lastReceivedAt: row.updatedAt.toISOString(), version: row.objectVersion }];
  });
  return { items, total: page.total, instance: { nation: ctx.config.nation ?? null, peers: peers.map((p) => p.nation) } };
}
