import type { Actor } from '../../../domain/access/actor.js';
import { listSettlements } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { loadOrder } from './logistics-order-access.js';
import { presentOrder, presentSettlement } from './present-logistics.js';

export async function getLogisticsOrder(ctx: AppContext, actor: Actor, id: string) {
  const order = await loadOrder(ctx.store.db, actor, id);
  const settlements = await listSettlements(ctx.store.db, id);
  const view = presentOrder(order, ctx.now());
  const officer = actor.roles.includes('sosa_officer');
  return {
    ...view,
    // A copy received from the supplying nation's instance is settled there (issue #13).
    canSettle: officer && view.unclaimedMinor > 0 && order.received_from === null,
    /** Confirmed settlements are the creditor's word; claims wait for it. */
    settlements: settlements.map((s) => presentSettlement(s, order, actor)),
  };
}
