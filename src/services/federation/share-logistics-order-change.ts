import { borderLogisticsOrder, logisticsKeeper } from '../../domain/access/border/logistics.js';
import { LOGISTICS_ORDER_OBJECT, MESSAGE_KINDS, type LogisticsOrderSetBody } from '../../domain/federation/bodies.js';
import type { Tx } from '../../store/executor.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { findLogisticsOrder, listKeptOrdersBetween, listSettlementsOf, type LogisticsOrderRow, type LogisticsSettlementRow } from '../../store/logistics.repository.js';
import type { AppContext } from '../context.js';
import { enqueueOutbound } from './enqueue-outbound.js';

/**
 * After the supplying nation's officer records a logistics order, a settlement, or a decision on
 * a claim, or a claim the receiving nation's instance sent (which the order then answers), in
 * that transaction (issue #13): the order as it now stands, with all its settlements
 * (domain/access/border/logistics.ts), goes to the receiving nation's instance when it is a peer
 * sharing the order's arrangement (`logistics_order.set`), under the order's version. Only the
 * instance that keeps the order (its supplying nation's) sends it; a received copy, an order with
 * no such peer, and any change on a shared deployment send nothing.
 */
export async function shareLogisticsOrderChange(ctx: AppContext, trx: Tx, orderId: string, answers: string | null = null): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const order = await findLogisticsOrder(trx, orderId);
  if (!order) return 0;
  return (await sendOrders(ctx, trx, order.receiving_nation, [order], answers)) ? 1 : 0;
}

/**
 * What exists when two instances are first peered (issue #13): the current state of every order
 * this instance keeps that the peer's nation is party to — those this nation supplies to it —
 * each under its version, as if it had just changed. Orders the peer's nation supplies are kept
 * by its own instance, which sends them; a copy of one recorded here before the peering is not
 * sent (the keeper would refuse it: the debtor does not write the creditor's ledger).
 */
export async function shareExistingLogisticsWith(ctx: AppContext, trx: Tx, peerNation: string): Promise<number> {
  const own = ctx.config.nation;
  if (!own) return 0;
  const orders = await listKeptOrdersBetween(trx, own, peerNation);
  return sendOrders(ctx, trx, peerNation, orders);
}

/** `answers`: the hash of the peer's claim this change applied (apply-logistics-settlement-claim.ts), which the order then answers. */
async function sendOrders(ctx: AppContext, trx: Tx, peerNation: string, orders: readonly LogisticsOrderRow[], answers: string | null = null): Promise<number> {
  const own = ctx.config.nation!;
  const peer = (await listPeers(trx)).find((p) => p.nation === peerNation);
  if (!peer) return 0;
  const crossing = orders.filter((o) => o.received_from === null && logisticsKeeper(o) === own && o.receiving_nation === peerNation && peer.arrangements.includes(o.arrangement_id));
  const settlements = new Map<string, LogisticsSettlementRow[]>();
  for (const s of await listSettlementsOf(trx, crossing.map((o) => o.id))) settlements.set(s.order_id, [...(settlements.get(s.order_id) ?? []), s]);
  for (const o of crossing) {
    const body: LogisticsOrderSetBody = { order: borderLogisticsOrder(o, settlements.get(o.id) ?? []) as LogisticsOrderSetBody['order'] };
    await enqueueOutbound(ctx, trx, { peerNation, arrangement: o.arrangement_id, kind: MESSAGE_KINDS.logisticsOrderSet, object: { type: LOGISTICS_ORDER_OBJECT, id: o.id, version: o.version }, answers, body });
  }
  return crossing.length;
}
