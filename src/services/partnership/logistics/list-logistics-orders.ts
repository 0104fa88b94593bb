import type { Actor } from '../../../domain/access/actor.js';
import { listLogisticsOrderRows } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { canSettleHere, claimsSentOn, keeperPeers } from './claim-on-copy.js';
import { presentOrder, todayUtc } from './present-logistics.js';

export interface OrderQuery {
  q?: string | undefined;
  status?: 'open' | 'settled' | 'overdue' | undefined;
  supportClass?: string | undefined;
  nation?: string | undefined;
  currency?: string | undefined;
}

/** The orders with what the reader may do on each here (a copy's claim is sent to its keeper: claim-on-copy.ts). */
export async function listLogisticsOrders(ctx: AppContext, actor: Actor, query: OrderQuery) {
  const now = ctx.now();
  const rows = await listLogisticsOrderRows(ctx.store.db, actor.nation, { ...query, today: todayUtc(now) });
  const sent = await claimsSentOn(ctx.store.db, rows);
  const peers = rows.some((r) => r.received_from !== null) ? await keeperPeers(ctx.store.db) : [];
  return rows.map((r) => {
    const claimSent = sent.get(r.id) ?? null;
    return { ...presentOrder(r, now), keptBy: r.received_from, canSettle: canSettleHere(actor, r, claimSent, peers), claimSent };
  });
}
