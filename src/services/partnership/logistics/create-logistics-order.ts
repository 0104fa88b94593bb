import { DateTime } from 'luxon';
import { AppError, validationError } from '../../../domain/errors.js';
import type { Tx } from '../../../store/executor.js';
import { settleBy, type SettlementMethod, type SupportClass } from '../../../domain/partnership/logistics-ledger.js';
import { parseAmount } from '../../../domain/partnership/money.js';
import type { Actor } from '../../../domain/access/actor.js';
import { auditAs } from '../../../store/audit.repository.js';
import { findArrangementBetween, insertLogisticsOrder } from '../../../store/logistics.repository.js';
import { nextReferenceNumber } from '../../../store/reference-counters.js';
import type { AppContext } from '../../context.js';
import { checkRecordedDate } from './logistics-order-access.js';
import { logisticsKeeper } from '../../../domain/access/border/logistics.js';
import { listPeers } from '../../../store/federation-peers.repository.js';
import { shareLogisticsOrderChange } from '../../federation/share-logistics-order-change.js';

/**
 * The LEMOA / ACSA reciprocal logistics support ledger (dpas-sosa-sources.md §3.2): orders from
 * a supplying to a receiving nation, settled by cash, replacement in kind or equal-value exchange
 * within the settlement period (10 USC 2345: 12 months after delivery; a setting).
 */
export interface NewLogisticsOrder {
  supplyingNation: string;
  receivingNation: string;
  supportClass: SupportClass;
  description: string;
  occasion?: string | undefined;
  deliveredOn: string;
  currency: string;
  amount: string;
  settlementMethod: SettlementMethod;
}

export async function createLogisticsOrder(ctx: AppContext, actor: Actor, input: NewLogisticsOrder) {
  if (input.supplyingNation === input.receivingNation) throw validationError([{ field: 'receivingNation', message: 'must differ from the supplying nation' }]);
  if (actor.nation !== input.supplyingNation && actor.nation !== input.receivingNation) {
    throw validationError([{ field: 'supplyingNation', message: `your nation (${actor.nation}) must supply or receive the support` }]);
  }
  const amount = parseAmount(input.amount, input.currency);
  if (!amount.ok) throw validationError([{ field: 'amount', message: amount.message }]);
  const delivered = DateTime.fromISO(input.deliveredOn, { zone: 'utc' });
  if (!delivered.isValid) throw validationError([{ field: 'deliveredOn', message: 'is not a calendar date' }]);
  checkRecordedDate('deliveredOn', input.deliveredOn, ctx.now());
  return ctx.store.db.transaction().execute(async (trx) => {
    const arrangement = await findArrangementBetween(trx, input.supplyingNation, input.receivingNation);
    if (!arrangement) throw validationError([{ field: 'receivingNation', message: `${input.supplyingNation} and ${input.receivingNation} have no arrangement` }]);
    await requireKeeperHere(ctx, trx, { supplying_nation: input.supplyingNation }, arrangement.id);
    // Last before the insert: the counter row stays locked until the commit.
    const series = `LSO-${input.supplyingNation}${input.receivingNation}`;
    const seq = await nextReferenceNumber(trx, series);
    const now = ctx.now();
    const row = await insertLogisticsOrder(trx, {
      reference: `${series}-${String(seq).padStart(5, '0')}`,
      arrangement_id: arrangement.id,
      supplying_nation: input.supplyingNation,
      receiving_nation: input.receivingNation,
      support_class: input.supportClass,
      description: input.description,
      occasion: input.occasion ?? '',
      delivered_on: input.deliveredOn,
      currency: input.currency,
      amount_minor: amount.minor,
      settled_minor: 0,
      settlement_method: input.settlementMethod,
      settle_by: settleBy(input.deliveredOn, ctx.config.logisticsSettlementMonths),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      });
    await auditAs(trx, actor, { parties: [row.supplying_nation, row.receiving_nation], action: 'logistics_order.create', entityType: 'logistics_order', entityId: row.id, data: { reference: row.reference, supplying: row.supplying_nation, receiving: row.receiving_nation, class: row.support_class, amountMinor: row.amount_minor, currency: row.currency, method: row.settlement_method, settleBy: row.settle_by } });
    await shareLogisticsOrderChange(ctx, trx, row.id);
    return row;
  });
}

/**
 * On a sovereign instance (issue #13) an order is recorded on the instance that keeps it, its
 * supplying nation's (domain/access/border/logistics.ts): the receiving nation's officer records
 * none that a peer of the supplying nation keeps under the arrangement; that instance sends it
 * here. With no such peer (or on a shared deployment) it is recorded here, as before.
 */
async function requireKeeperHere(ctx: AppContext, trx: Tx, order: { supplying_nation: string }, arrangementId: string): Promise<void> {
  const own = ctx.config.nation;
  const keeper = logisticsKeeper(order);
  if (!own || keeper === own) return;
  const peer = (await listPeers(trx)).find((p) => p.nation === keeper && p.arrangements.includes(arrangementId));
  if (peer) throw new AppError('ROLE_NOT_ALLOWED', { detail: `An order ${keeper} supplies is recorded on ${keeper}'s desk, which keeps the ledger of what it is owed, and reaches this one as a copy.` });
}
