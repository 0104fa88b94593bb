import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { DateTime } from 'luxon';
import { DATE_BOUNDS_MESSAGE, isDateInBounds, latestDateAnywhere } from '../../domain/bounds.js';
import { AppError, validationError } from '../../domain/errors.js';
import { checkSettlement, computeBalances, isSettlementOverdue, openMinor, settleBy, settlementStatusFor, unclaimedMinor, type SettlementMethod, type SupportClass } from '../../domain/partnership/logistics-ledger.js';
import { formatMinor, parseAmount } from '../../domain/partnership/money.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { nextReferenceNumber } from '../../store/reference-counters.js';
import type { Database } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { isUuid, notFound, type Executor } from './partnership-access.js';

/**
 * The LEMOA / ACSA reciprocal logistics support ledger (dpas-sosa-sources.md §3.2): orders from
 * a supplying to a receiving nation, settled by cash, replacement in kind or equal-value exchange
 * within the settlement period (10 USC 2345: 12 months after delivery; a setting). The SOSA
 * officers and auditors of the two nations see an order; only the officers write; anyone of
 * another nation gets 404. Two-sided: a settlement the receiving nation (the debtor) records is
 * claimed until the supplying nation (the creditor) confirms it (decide-settlement-claim.ts).
 */
type OrderRow = Selectable<Database['logistics_orders']>;

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

function todayUtc(now: Date): string {
  return DateTime.fromJSDate(now, { zone: 'utc' }).toISODate()!;
}

export function presentOrder(o: OrderRow, now: Date) {
  const open = openMinor({ amountMinor: o.amount_minor, settledMinor: o.settled_minor });
  const unclaimed = unclaimedMinor({ amountMinor: o.amount_minor, settledMinor: o.settled_minor, claimedMinor: o.claimed_minor });
  return {
    id: o.id,
    reference: o.reference,
    arrangementId: o.arrangement_id,
    supplyingNation: o.supplying_nation,
    receivingNation: o.receiving_nation,
    supportClass: o.support_class,
    description: o.description,
    occasion: o.occasion,
    deliveredOn: o.delivered_on,
    currency: o.currency,
    amountMinor: o.amount_minor,
    amount: formatMinor(o.amount_minor, o.currency),
    settledMinor: o.settled_minor,
    settled: formatMinor(o.settled_minor, o.currency),
    /** Claimed by the debtor, not yet confirmed by the creditor: still part of `open`. */
    claimedMinor: o.claimed_minor,
    claimed: formatMinor(o.claimed_minor, o.currency),
    /** Open on confirmed settlements (what the creditor counts as owed). */
    openMinor: open,
    open: formatMinor(open, o.currency),
    /** Neither confirmed nor claimed: the most a new settlement may be. */
    unclaimedMinor: unclaimed,
    unclaimed: formatMinor(unclaimed, o.currency),
    settlementMethod: o.settlement_method,
    settleBy: o.settle_by,
    status: open === 0 ? 'settled' : o.settled_minor > 0 ? 'partly_settled' : 'open',
    overdue: isSettlementOverdue({ amountMinor: o.amount_minor, settledMinor: o.settled_minor, settleBy: o.settle_by }, todayUtc(now)),
  };
}

export async function loadOrder(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<OrderRow> {
  if (!isUuid(id)) throw notFound('logistics order', id);
  let q = db.selectFrom('logistics_orders').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || (row.supplying_nation !== actor.nation && row.receiving_nation !== actor.nation)) throw notFound('logistics order', id);
  return row;
}

export const requireOfficer = (actor: Actor) => {
  if (!actor.roles.includes('sosa_officer')) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'Only the SOSA officers of the two nations write to the logistics ledger.' });
};

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
    const arrangement = await trx
      .selectFrom('arrangements')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('nation_a', '=', input.supplyingNation), eb('nation_b', '=', input.receivingNation)]), eb.and([eb('nation_a', '=', input.receivingNation), eb('nation_b', '=', input.supplyingNation)])]))
      .orderBy('id')
      .executeTakeFirst();
    if (!arrangement) throw validationError([{ field: 'receivingNation', message: `${input.supplyingNation} and ${input.receivingNation} have no arrangement` }]);
    // Last before the insert: the counter row stays locked until the commit.
    const series = `LSO-${input.supplyingNation}${input.receivingNation}`;
    const seq = await nextReferenceNumber(trx, series);
    const now = ctx.now();
    const row = await trx
      .insertInto('logistics_orders')
      .values({
        id: randomUUID(),
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
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { parties: [row.supplying_nation, row.receiving_nation], action: 'logistics_order.create', entityType: 'logistics_order', entityId: row.id, data: { reference: row.reference, supplying: row.supplying_nation, receiving: row.receiving_nation, class: row.support_class, amountMinor: row.amount_minor, currency: row.currency, method: row.settlement_method, settleBy: row.settle_by } });
    return row;
  });
}

/** A date something happened on: within the domain bounds and not later than today anywhere on earth. */
function checkRecordedDate(field: string, date: string, now: Date): void {
  if (!isDateInBounds(date)) throw validationError([{ field, message: DATE_BOUNDS_MESSAGE }]);
  const latest = latestDateAnywhere(now);
  if (date > latest) throw validationError([{ field, message: `must not be in the future (it is ${latest} at the latest anywhere)` }]);
}

export async function settleLogisticsOrder(ctx: AppContext, actor: Actor, id: string, input: { amount: string; settledOn: string; method: SettlementMethod; note?: string | undefined }) {
  return ctx.store.db.transaction().execute(async (trx) => {
    // The row lock serialises settlements of one order: two at once cannot both fit the open amount.
    const order = await loadOrder(trx, actor, id, true);
    requireOfficer(actor);
    const amount = parseAmount(input.amount, order.currency);
    if (!amount.ok) throw validationError([{ field: 'amount', message: amount.message }]);
    checkRecordedDate('settledOn', input.settledOn, ctx.now());
    if (input.settledOn < order.delivered_on) throw validationError([{ field: 'settledOn', message: `is before the delivery on ${order.delivered_on}` }]);
    const check = checkSettlement({ amountMinor: order.amount_minor, settledMinor: order.settled_minor, claimedMinor: order.claimed_minor, currency: order.currency }, amount.minor);
    if (!check.ok) {
      throw new AppError('VALIDATION_FAILED', {
        detail: check.message,
        errors: [{ field: 'amount', message: `exceeds the open amount of ${formatMinor(check.openMinor, order.currency)} ${order.currency}${order.claimed_minor > 0 ? ` not yet claimed (${formatMinor(order.claimed_minor, order.currency)} ${order.currency} awaits confirmation)` : ''}` }],
        extra: { openAmount: formatMinor(check.openMinor, order.currency), openMinor: check.openMinor, claimedAmount: formatMinor(order.claimed_minor, order.currency), currency: order.currency },
      });
    }
    // The creditor's own record is its acknowledgement; the debtor's is a claim until the creditor confirms.
    const status = settlementStatusFor({ supplyingNation: order.supplying_nation, receivingNation: order.receiving_nation }, actor.nation);
    const now = ctx.now();
    const settlement = await trx
      .insertInto('logistics_settlements')
      .values({ id: randomUUID(), order_id: order.id, settled_on: input.settledOn, method: input.method, amount_minor: amount.minor, note: input.note ?? '', created_by: actor.userId, created_at: now, status, recorded_by_nation: actor.nation, decided_by: status === 'confirmed' ? actor.userId : null, decided_at: status === 'confirmed' ? now : null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await trx
      .updateTable('logistics_orders')
      .set((eb) => (status === 'confirmed' ? { settled_minor: eb('settled_minor', '+', amount.minor), updated_at: now } : { claimed_minor: eb('claimed_minor', '+', amount.minor), updated_at: now }))
      .where('id', '=', order.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await auditAs(trx, actor, { parties: [order.supplying_nation, order.receiving_nation], action: 'logistics_order.settle', entityType: 'logistics_order', entityId: order.id, data: { settlement: settlement.id, status, amountMinor: amount.minor, currency: order.currency, method: input.method, settledOn: input.settledOn, openAfterMinor: updated.amount_minor - updated.settled_minor, claimedAfterMinor: updated.claimed_minor } });
    return { order: updated, settlementId: settlement.id, status };
  });
}

export async function getLogisticsOrder(ctx: AppContext, actor: Actor, id: string) {
  const order = await loadOrder(ctx.store.db, actor, id);
  const settlements = await ctx.store.db.selectFrom('logistics_settlements').selectAll().where('order_id', '=', id).orderBy('settled_on').orderBy('created_at').execute();
  const view = presentOrder(order, ctx.now());
  const officer = actor.roles.includes('sosa_officer');
  return {
    ...view,
    canSettle: officer && view.unclaimedMinor > 0,
    /** Confirmed settlements are the creditor's word; claims wait for it. */
    settlements: settlements.map((s) => presentSettlement(s, order, actor)),
  };
}

type SettlementRow = Selectable<Database['logistics_settlements']>;

export function presentSettlement(s: SettlementRow, order: Pick<OrderRow, 'currency' | 'supplying_nation'>, actor: Actor) {
  return {
    id: s.id,
    settledOn: s.settled_on,
    method: s.method,
    amountMinor: s.amount_minor,
    amount: formatMinor(s.amount_minor, order.currency),
    note: s.note,
    status: s.status,
    recordedBy: s.recorded_by_nation,
    decidedAt: s.decided_at?.toISOString() ?? null,
    decisionNote: s.decision_note,
    /** The creditor's SOSA officers confirm or dispute a claim. */
    canDecide: s.status === 'claimed' && actor.nation === order.supplying_nation && actor.roles.includes('sosa_officer'),
  };
}

export interface OrderQuery {
  q?: string | undefined;
  status?: 'open' | 'settled' | 'overdue' | undefined;
  supportClass?: string | undefined;
  nation?: string | undefined;
  currency?: string | undefined;
}

function visibleOrders(ctx: AppContext, actor: Actor) {
  return ctx.store.db.selectFrom('logistics_orders').where((eb) => eb.or([eb('supplying_nation', '=', actor.nation), eb('receiving_nation', '=', actor.nation)]));
}

export async function listLogisticsOrders(ctx: AppContext, actor: Actor, query: OrderQuery) {
  let q = visibleOrders(ctx, actor).selectAll();
  if (query.supportClass) q = q.where('support_class', '=', query.supportClass);
  if (query.currency) q = q.where('currency', '=', query.currency);
  if (query.nation) q = q.where((eb) => eb.or([eb('supplying_nation', '=', query.nation!), eb('receiving_nation', '=', query.nation!)]));
  if (query.status === 'settled') q = q.whereRef('settled_minor', '=', 'amount_minor');
  if (query.status === 'open') q = q.whereRef('settled_minor', '<', 'amount_minor');
  if (query.status === 'overdue') q = q.whereRef('settled_minor', '<', 'amount_minor').where('settle_by', '<', todayUtc(ctx.now()));
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('reference', 'ilike', pattern), eb('description', 'ilike', pattern), eb('occasion', 'ilike', pattern)]));
  }
  const rows = await q.orderBy('delivered_on', 'desc').orderBy('reference').limit(5000).execute();
  const now = ctx.now();
  return rows.map((r) => presentOrder(r, now));
}

/**
 * Who owes whom per currency (gross, with the claimed part apart, and net on confirmed
 * settlements), the orders open past their settle-by date, and the claims awaiting confirmation.
 */
export async function logisticsBalances(ctx: AppContext, actor: Actor) {
  const rows = await visibleOrders(ctx, actor).selectAll().whereRef('settled_minor', '<', 'amount_minor').orderBy('settle_by').execute();
  const { gross, net } = computeBalances(rows.map((r) => ({ supplyingNation: r.supplying_nation, receivingNation: r.receiving_nation, currency: r.currency, amountMinor: r.amount_minor, settledMinor: r.settled_minor, claimedMinor: r.claimed_minor, settleBy: r.settle_by })));
  const now = ctx.now();
  const fmt = <T extends { currency: string }>(x: T, minor: number) => ({ ...x, amount: formatMinor(minor, x.currency) });
  const claimedOrders = rows.filter((r) => r.claimed_minor > 0);
  const claims = claimedOrders.length
    ? await ctx.store.db.selectFrom('logistics_settlements').selectAll().where('status', '=', 'claimed').where('order_id', 'in', claimedOrders.map((r) => r.id)).orderBy('created_at').execute()
    : [];
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
