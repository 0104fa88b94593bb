import { AppError } from '../../domain/errors.js';
import { LOGISTICS_ORDER_OBJECT, logisticsSettlementClaimBodySchema } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { checkSettlement } from '../../domain/partnership/logistics-ledger.js';
import type { Tx } from '../../store/executor.js';
import type { PeerRecord } from '../../store/federation-peers.repository.js';
import { findLogisticsOrder, findSettlementById } from '../../store/logistics.repository.js';
import type { AppContext } from '../context.js';
import { recordSettlement } from '../partnership/logistics/settle-logistics-order.js';
import { Refused, type RefusalReason } from './inbound-refusal.js';

/**
 * A settlement the receiving nation claims (`logistics_settlement.claim`, issue #13, README
 * "Sovereign instances"), recorded by its named official on its own instance, where the order is
 * a copy, applied here, the instance that keeps the order (its supplying nation's, the
 * creditor's ledger: domain/access/border/logistics.ts), in the inbox's transaction. The peer
 * speaks only for its own officials, only as the order's receiving nation (the debtor: the
 * creditor's own settlements are recorded here), about an order kept here under the arrangement
 * of the message. The claim must still fit the order as it stands now: an order settled or
 * claimed meanwhile beyond what the claim leaves open refuses it (`step_not_allowed`, as a racing
 * local settlement loses with 422). It then takes the one path every settlement takes
 * (settle-logistics-order.ts `recordSettlement`): checked again by this ledger's rules, recorded
 * as a claim awaiting this nation's confirmation, audited naming the peer's official, and the
 * order as it now stands back to the peer, answering this message. The inbox keys by message id,
 * so it is applied once; a refusal applies nothing (the inbox records it, the peer keeps the receipt).
 */
export async function applyLogisticsSettlementClaim(ctx: AppContext, trx: Tx, peer: PeerRecord, message: FederationMessage, hash: string): Promise<void> {
  const refuse = (reason: RefusalReason, detail: string) => new Refused(reason, detail, peer.nation, message.id);
  const parsed = logisticsSettlementClaimBodySchema.safeParse(message.body);
  if (!parsed.success || message.object.type !== LOGISTICS_ORDER_OBJECT || parsed.data.order.id !== message.object.id) {
    throw refuse('invalid_content', 'a logistics_settlement.claim carries one settlement claimed on the logistics order the message names, with the official who claims it');
  }
  const { order: ref, settlement, actor } = parsed.data;
  if (actor.nation !== peer.nation) throw refuse('wrong_nation', `${peer.nation} sent a claim made by an official of ${actor.nation}: a peer speaks only for its own officials`);
  // The row lock serialises the claim with a settlement or decision taken here meanwhile.
  const order = await findLogisticsOrder(trx, ref.id, { forUpdate: true });
  if (!order) throw refuse('unknown_object', `logistics order ${ref.id} is not held on this instance`);
  if (order.received_from !== null) throw refuse('wrong_nation', `logistics order ${order.reference} is kept on ${order.received_from}'s instance, not this one: a claim on it goes there`);
  if (order.receiving_nation !== peer.nation) throw refuse('wrong_nation', `logistics order ${order.reference} is supplied to ${order.receiving_nation}: only the receiving nation claims its settlement, and ${peer.nation} is not it`);
  if (order.arrangement_id !== message.arrangement) throw refuse('out_of_arrangement', `logistics order ${order.reference} is one of ${order.arrangement_id}, not ${message.arrangement}`);
  if (settlement.currency !== order.currency) throw refuse('invalid_content', `the claim is in ${settlement.currency}; logistics order ${order.reference} is settled in ${order.currency}`);
  if (await findSettlementById(trx, settlement.id)) throw refuse('replayed', `settlement ${settlement.id} is already on this ledger`);
  const fits = checkSettlement({ amountMinor: order.amount_minor, settledMinor: order.settled_minor, claimedMinor: order.claimed_minor, currency: order.currency }, settlement.amountMinor);
  if (!fits.ok) throw refuse('step_not_allowed', `${fits.message} The order moved on before the claim arrived.`);
  try {
    await recordSettlement(ctx, trx, order, { kind: 'peer', nation: peer.nation, displayName: actor.displayName, organisation: actor.organisation, messageId: message.id, answers: hash, settlementId: settlement.id }, { amountMinor: settlement.amountMinor, settledOn: settlement.settledOn, method: settlement.method, note: settlement.note });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    throw refuse('invalid_content', `the claim does not meet this ledger's rules: ${error.errors?.length ? error.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : error.message}`);
  }
}
