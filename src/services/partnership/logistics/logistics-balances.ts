import type { Actor } from '../../../domain/access/actor.js';
import { computeBalances } from '../../../domain/partnership/logistics-ledger.js';
import { formatMinor } from '../../../domain/partnership/money.js';
import { listClaims, listUnsettledOrderRows } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { presentOrder, presentSettlement } from './present-logistics.js';

/**
 * Who owes whom per currency (gross, with the claimed part apart, and net on confirmed
 * settlements), the orders open past their settle-by date, and the claims awaiting confirmation.
 */
export async function logisticsBalances(ctx: AppContext, actor: Actor) {
  const rows = await listUnsettledOrderRows(ctx.store.db, actor.nation);
  const { gross, net } = computeBalances(rows.map((r) => ({ supplyingNation: r.supplying_nation, receivingNation: r.receiving_nation, currency: r.currency, amountMinor: r.amount_minor, settledMinor: r.settled_minor, claimedMinor: r.claimed_minor, settleBy: r.settle_by })));
  const now = ctx.now();
  const fmt = <T extends { currency: string }>(x: T, minor: number) => ({ ...x, amount: formatMinor(minor, x.currency) });
  const claimedOrders = rows.filter((r) => r.claimed_minor > 0);
  const claims = await listClaims(ctx.store.db, claimedOrders.map((r) => r.id));
  const byId = new Map(claimedOrders.map((r) => [r.id, r]));
  return {
    settlementMonths: ctx.config.logisticsSettlementMonths,
    gross: gross.map((d) => ({ ...fmt(d, d.openMinor), claimed: formatMinor(d.claimedMinor, d.currency) })),
    net: net.map((d) => fmt(d, d.netMinor)),
    overdue: rows.map((r) => presentOrder(r, now)).filter((o) => o.overdue),
    /** Settlements the debtor recorded that the creditor has not yet confirmed or disputed. */
    claims: claims.map((s) => {
      const o = byId.get(s.order_id)!;
      return { ...presentSettlement(s, o, actor), orderId: o.id, reference: o.reference, description: o.description, supplyingNation: o.supplying_nation, receivingNation: o.receiving_nation, currency: o.currency };
    }),
  };
}
