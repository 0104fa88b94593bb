import { LOGISTICS_ORDER_OBJECT, logisticsOrderSetBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { appendAudit } from '../../store/audit.repository.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { clearClaimSent, findArrangementNations, findLogisticsOrder, findOrderIdByReference, replaceReceivedOrder } from '../../store/logistics.repository.js';
import type { AppContext } from '../context.js';
import { Refused } from './inbound-refusal.js';

/**
 * A logistics order the peer's nation supplies to this nation (`logistics_order.set`, issue #13),
 * as the peer's instance, which keeps it, now has it: it joins or replaces the copy here, with its
 * settlements, so both nations' ledgers and balances read the same. A peer speaks only for orders
 * its nation supplies (the creditor keeps the ledger: domain/access/border/logistics.ts), to this
 * nation, under an arrangement of the two; anything else is refused and applies nothing. A
 * version no higher than the one held changes nothing (an older state arriving late).
 */
export async function applyLogisticsOrderSet(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage): Promise<void> {
  const parsed = logisticsOrderSetBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== LOGISTICS_ORDER_OBJECT || parsed.data.order.id !== message.object.id) {
    const why = parsed.success ? '' : `: ${parsed.error.issues.map((i) => i.message).join('; ').slice(0, 300)}`;
    throw new Refused('invalid_content', `a logistics_order.set carries one logistics order, with the id the message names, whose totals are those of its settlements${why}`, peer.nation, message.id);
  }
  const { order: o } = parsed.data;
  const own = ctx.config.nation!;
  if (o.supplyingNation !== peer.nation) throw new Refused('wrong_nation', `${peer.nation} sent an order ${o.supplyingNation} supplies: an order is kept and sent by its supplying nation's instance`, peer.nation, message.id);
  if (o.receivingNation !== own) throw new Refused('wrong_nation', `the order is to ${o.receivingNation}: this instance holds copies only of orders to ${own}`, peer.nation, message.id);
  if (o.arrangementId !== message.arrangement) throw new Refused('out_of_arrangement', `an order of ${o.arrangementId} came as a message of ${message.arrangement}`, peer.nation, message.id);
  const arrangement = await findArrangementNations(trx, o.arrangementId);
  if (!arrangement) throw new Refused('unknown_object', `arrangement ${o.arrangementId} is not one this instance knows`, peer.nation, message.id);
  const nations = [arrangement.nation_a, arrangement.nation_b];
  if (!nations.includes(own) || !nations.includes(peer.nation)) throw new Refused('out_of_arrangement', `${o.arrangementId} is not an arrangement between ${peer.nation} and ${own}`, peer.nation, message.id);
  // The row lock serialises two messages about one order (and a local read-modify of it).
  const held = await findLogisticsOrder(trx, o.id, { forUpdate: true });
  if (held && held.received_from !== peer.nation) throw new Refused('wrong_nation', `logistics order ${o.id} is kept here${held.received_from ? ` as ${held.received_from}'s` : ''}: ${peer.nation} may not change it`, peer.nation, message.id);
  // The keeper's order answering this nation's claim (claim-on-copy.ts) shows the claim applied.
  if (held && message.answers) await clearClaimSent(trx, peer.nation, o.id, message.answers);
  if (held && held.version >= message.object.version) return;
  const namesake = await findOrderIdByReference(trx, o.reference);
  if (namesake && namesake.id !== o.id) throw new Refused('invalid_content', `reference ${o.reference} is another order's here`, peer.nation, message.id);
  const now = ctx.now();
  await replaceReceivedOrder(
    trx,
    {
      id: o.id,
      reference: o.reference,
      arrangement_id: o.arrangementId,
      supplying_nation: o.supplyingNation,
      receiving_nation: o.receivingNation,
      support_class: o.supportClass,
      description: o.description,
      occasion: o.occasion,
      delivered_on: o.deliveredOn,
      currency: o.currency,
      amount_minor: o.amountMinor,
      settled_minor: o.settledMinor,
      claimed_minor: o.claimedMinor,
      settlement_method: o.settlementMethod,
      settle_by: o.settleBy,
      created_by: null,
      created_at: new Date(o.createdAt),
      updated_at: now,
      version: message.object.version,
      received_from: peer.nation,
    },
    o.settlements.map((s) => ({
      id: s.id,
      order_id: o.id,
      settled_on: s.settledOn,
      method: s.method,
      amount_minor: s.amountMinor,
      note: s.note,
      created_by: null,
      created_at: new Date(s.recordedAt),
      status: s.status,
      recorded_by_nation: s.recordedByNation,
      decided_by: null,
      decided_at: s.decidedAt ? new Date(s.decidedAt) : null,
      decision_note: s.decisionNote,
    })),
  );
  await appendAudit(trx, {
    actorId: null,
    actor: 'federation',
    nation: own,
    action: 'logistics_order.received',
    entityType: 'logistics_order',
    entityId: o.id,
    parties: [o.supplyingNation, o.receivingNation],
    data: { from: peer.nation, reference: o.reference, version: message.object.version, previousVersion: held?.version ?? null, amountMinor: o.amountMinor, settledMinor: o.settledMinor, claimedMinor: o.claimedMinor, currency: o.currency, settlements: o.settlements.length, messageId: message.id },
  });
}
