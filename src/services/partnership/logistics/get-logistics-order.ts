import type { Actor } from '../../../domain/access/actor.js';
import { listSettlements } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { canSettleHere, claimsSentOn, keeperPeers } from './claim-on-copy.js';
import { loadOrder } from './logistics-order-access.js';
import { presentOrder, presentSettlement } from './present-logistics.js';

export async function getLogisticsOrder(ctx: AppContext, actor: Actor, id: string) {
  const order = await loadOrder(ctx.store.db, actor, id);
  const settlements = await listSettlements(ctx.store.db, id);
  const claimSent = (await claimsSentOn(ctx.store.db, [order])).get(order.id) ?? null;
  return {
    ...presentOrder(order, ctx.now()),
    // On a copy received from the supplying nation's instance (issue #13), only the receiving
    // nation's officer records a settlement, as a claim sent there (claim-on-copy.ts).
    keptBy: order.received_from,
    canSettle: canSettleHere(actor, order, claimSent, order.received_from === null ? [] : await keeperPeers(ctx.store.db)),
    /** The claim sent from this copy to the order's keeper and not yet applied there, or null. */
    claimSent,
    /** Confirmed settlements are the creditor's word; claims wait for it. */
    settlements: settlements.map((s) => presentSettlement(s, order, actor)),
  };
}
