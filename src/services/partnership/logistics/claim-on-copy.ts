import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../domain/access/actor.js';
import { AppError } from '../../../domain/errors.js';
import { LOGISTICS_ORDER_OBJECT, MESSAGE_KINDS, logisticsSettlementClaimBodySchema, type LogisticsSettlementClaimBody } from '../../../domain/federation/bodies.js';
import { unclaimedMinor, type SettlementMethod } from '../../../domain/partnership/logistics-ledger.js';
import { formatMinor } from '../../../domain/partnership/money.js';
import { auditAs } from '../../../store/audit.repository.js';
import type { Db, Tx } from '../../../store/executor.js';
import { latestInboundHash } from '../../../store/federation-messages.repository.js';
import { listPeers, type PeerRecord } from '../../../store/federation-peers.repository.js';
import { listClaimsSent, markClaimSent, type LogisticsOrderRow } from '../../../store/logistics.repository.js';
import { findNamedOfficial } from '../../../store/users.repository.js';
import type { AppContext } from '../../context.js';
import { enqueueOutbound } from '../../federation/enqueue-outbound.js';
import type { SettlementFacts } from './settle-logistics-order.js';

/**
 * The receiving nation's claim of a settlement on its copy of a logistics order (issue #13, README
 * "Sovereign instances"). The order is kept by the supplying nation's instance, the creditor's
 * ledger (domain/access/border/logistics.ts); on the receiving nation's instance it is a read-only
 * copy. What the debtor does on a shared instance — record a settlement, which is a claim until
 * the creditor confirms it — its officer does here on the copy: the claim is checked by the rules
 * a claim on the keeper follows (settle-logistics-order.ts `checkSettlementInput`), then goes to
 * the keeper as `logistics_settlement.claim`, answering the latest `logistics_order.set` received
 * about the order; the keeper records it as a claim by the same path (recordSettlement) or refuses
 * it (apply-logistics-settlement-claim.ts), and its next `logistics_order.set` answers the claim
 * and replaces the copy. Until then the copy is marked "claim sent, not yet applied" (migration
 * 0042), and no second claim is sent on top of it. Message, mark and audit commit together.
 */

export interface ClaimSentReceipt {
  settlementId: string;
  messageId: string;
  keptBy: string;
}

/** A claim sent from this copy and not yet answered by the keeper, as the order's readers see it. */
export interface ClaimSentView {
  settlementId: string;
  amountMinor: number;
  amount: string;
  settledOn: string;
  method: SettlementMethod;
  note: string;
  sentTo: string;
  sentAt: string;
  delivery: 'pending' | 'delivered' | 'refused';
  refusalReason: string | null;
}

export async function sendSettlementClaim(ctx: AppContext, trx: Tx, actor: Actor, order: LogisticsOrderRow, s: SettlementFacts): Promise<ClaimSentReceipt> {
  const keeper = order.received_from!;
  const blocked = whyNoClaimNow(order, (await claimsSentOn(trx, [order])).get(order.id) ?? null, await keeperPeers(trx));
  if (blocked) throw blocked;
  const official = await findNamedOfficial(trx, actor.userId);
  const body: LogisticsSettlementClaimBody = {
    order: { id: order.id, reference: order.reference, arrangementId: order.arrangement_id, supplyingNation: order.supplying_nation, receivingNation: order.receiving_nation },
    settlement: { id: randomUUID(), amountMinor: s.amountMinor, currency: order.currency, settledOn: s.settledOn, method: s.method, note: s.note },
    actor: { displayName: official.displayName, nation: actor.nation, organisation: official.organisation },
    claimedAt: ctx.now().toISOString(),
  };
  const answers = await latestInboundHash(trx, keeper, LOGISTICS_ORDER_OBJECT, order.id);
  const sent = await enqueueOutbound(ctx, trx, { peerNation: keeper, arrangement: order.arrangement_id, kind: MESSAGE_KINDS.logisticsSettlementClaim, object: { type: LOGISTICS_ORDER_OBJECT, id: order.id, version: order.version }, answers, body });
  await markClaimSent(trx, order.id, sent.id);
  await auditAs(trx, actor, {
    parties: [order.supplying_nation, order.receiving_nation],
    action: 'logistics_order.claim_sent_to_peer',
    entityType: 'logistics_order',
    entityId: order.id,
    data: { reference: order.reference, settlement: body.settlement.id, amountMinor: s.amountMinor, currency: order.currency, method: s.method, settledOn: s.settledOn, keptBy: keeper, messageId: sent.id, seq: sent.seq },
  });
  return { settlementId: body.settlement.id, messageId: sent.id, keptBy: keeper };
}

/**
 * Why the copy's reader cannot send a claim now, or null: a claim sent before is still on its way
 * (the keeper's answer replaces the copy first; a refused one no longer counts), or the keeper is
 * no longer a peer for the order's arrangement, so a claim could not reach it.
 */
export function whyNoClaimNow(order: LogisticsOrderRow, claimSent: ClaimSentView | null, peers: readonly PeerRecord[]): AppError | null {
  const keeper = order.received_from!;
  if (claimSent && claimSent.delivery !== 'refused') {
    return new AppError('CONFLICT', { detail: `A settlement claim of ${claimSent.amount} ${order.currency}, sent to ${keeper} from this copy, is not applied yet: its answer replaces this copy first.`, extra: { claimSent: claimSent.settlementId, sentAt: claimSent.sentAt } });
  }
  if (!peers.some((p) => p.nation === keeper && p.arrangements.includes(order.arrangement_id))) {
    return new AppError('CONFLICT', { detail: `${keeper}, which keeps logistics order ${order.reference}, is no longer a peer of this instance for ${order.arrangement_id}: the claim cannot reach it.` });
  }
  return null;
}

/** The peers of this instance, to know whether a copy's keeper can still be reached. */
export function keeperPeers(db: Db): Promise<PeerRecord[]> {
  return listPeers(db);
}

/**
 * Whether the reader may record a settlement of the order here, as `POST .../settlements` would
 * take it: a SOSA officer of either nation on an order kept here with something left to settle;
 * on a copy, only the receiving nation's officer, as a claim sent to the keeper, when none is on
 * its way and the keeper is still a peer.
 */
export function canSettleHere(actor: Actor, order: LogisticsOrderRow, claimSent: ClaimSentView | null, peers: readonly PeerRecord[]): boolean {
  if (!actor.roles.includes('sosa_officer')) return false;
  if (unclaimedMinor({ amountMinor: order.amount_minor, settledMinor: order.settled_minor, claimedMinor: order.claimed_minor }) <= 0) return false;
  if (order.received_from === null) return true;
  return actor.nation === order.receiving_nation && whyNoClaimNow(order, claimSent, peers) === null;
}

/** The claims sent about these copies and not yet answered, by order id, as their readers see them. */
export async function claimsSentOn(db: Db, orders: readonly LogisticsOrderRow[]): Promise<Map<string, ClaimSentView>> {
  const copies = orders.filter((o) => o.received_from !== null && o.claim_sent_message_id !== null);
  const byId = new Map(copies.map((o) => [o.id, o]));
  const views = new Map<string, ClaimSentView>();
  for (const row of await listClaimsSent(db, copies.map((o) => o.id))) {
    const order = byId.get(row.orderId)!;
    const payload = JSON.parse(Buffer.from(row.jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as { body?: unknown };
    const parsed = logisticsSettlementClaimBodySchema.safeParse(payload.body);
    if (!parsed.success) continue;
    const s = parsed.data.settlement;
    views.set(row.orderId, {
      settlementId: s.id,
      amountMinor: s.amountMinor,
      amount: formatMinor(s.amountMinor, order.currency),
      settledOn: s.settledOn,
      method: s.method,
      note: s.note,
      sentTo: order.received_from!,
      sentAt: row.sentAt.toISOString(),
      delivery: row.delivery === 'refused' ? 'refused' : row.delivery === 'delivered' ? 'delivered' : 'pending',
      refusalReason: row.refusalReason,
    });
  }
  return views;
}
