import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from './executor.js';
import { insertWithNewId, type NewRow } from './insert-with-new-id.js';
import type { Database } from './schema.js';

// The SQL of the LEMOA / ACSA logistics ledger (migration 0009): orders and their settlements.
// Who may read or write what is decided in src/services/partnership/logistics.

export type LogisticsOrderRow = Selectable<Database['logistics_orders']>;
export type LogisticsSettlementRow = Selectable<Database['logistics_settlements']>;

export interface LogisticsOrderFilter {
  q?: string | undefined;
  supportClass?: string | undefined;
  currency?: string | undefined;
  /** Orders this nation supplies or receives. */
  nation?: string | undefined;
  /** 'open' and 'overdue': not fully settled; 'overdue' also past `settleBy` before `today`. */
  status?: 'open' | 'settled' | 'overdue' | undefined;
  today: string;
}

export function findLogisticsOrder(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('logistics_orders').selectAll().where('id', '=', id).$if(options.forUpdate === true, (q) => q.forUpdate()).executeTakeFirst();
}

/** The arrangement between two nations (either order of the pair), or undefined. */
export function findArrangementBetween(db: Db, nationA: string, nationB: string) {
  return db
    .selectFrom('arrangements')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('nation_a', '=', nationA), eb('nation_b', '=', nationB)]), eb.and([eb('nation_a', '=', nationB), eb('nation_b', '=', nationA)])]))
    .orderBy('id')
    .executeTakeFirst();
}

export function findArrangementNations(db: Db, arrangementId: string) {
  return db.selectFrom('arrangements').select(['id', 'nation_a', 'nation_b']).where('id', '=', arrangementId).executeTakeFirst();
}

export function insertLogisticsOrder(db: Db, values: NewRow<'logistics_orders'>) {
  return insertWithNewId(db, 'logistics_orders', values);
}

/** A new settlement under a new id, or under `id` when a peer's claim names it (issue #13). */
export function insertSettlement(db: Db, values: NewRow<'logistics_settlements'>, id?: string) {
  if (id === undefined) return insertWithNewId(db, 'logistics_settlements', values);
  return db.insertInto('logistics_settlements').values({ id, ...values }).returningAll().executeTakeFirstOrThrow();
}

export function findSettlementById(db: Db, settlementId: string) {
  return db.selectFrom('logistics_settlements').select(['id', 'order_id']).where('id', '=', settlementId).executeTakeFirst();
}

export function findSettlement(db: Db, orderId: string, settlementId: string) {
  return db.selectFrom('logistics_settlements').selectAll().where('id', '=', settlementId).where('order_id', '=', orderId).executeTakeFirst();
}

export async function updateSettlementRow(db: Db, settlementId: string, set: Updateable<Database['logistics_settlements']>): Promise<void> {
  await db.updateTable('logistics_settlements').set(set).where('id', '=', settlementId).execute();
}

/**
 * Moves amounts between an order's buckets in one statement (no read-modify-write): `settled`
 * and `claimed` are added to settled_minor and claimed_minor (negative to take away).
 */
export function addToOrderAmounts(db: Db, orderId: string, change: { settled?: number; claimed?: number }, now: Date) {
  return db
    .updateTable('logistics_orders')
    .set((eb) => ({
      ...(change.settled ? { settled_minor: eb('settled_minor', '+', change.settled) } : {}),
      ...(change.claimed ? { claimed_minor: eb('claimed_minor', '+', change.claimed) } : {}),
      // Each change is a new state of the order for the partner's instance (migration 0040).
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listSettlements(db: Db, orderId: string) {
  return db.selectFrom('logistics_settlements').selectAll().where('order_id', '=', orderId).orderBy('settled_on').orderBy('created_at').execute();
}

/** Claims (settlements awaiting the creditor) of the given orders, oldest first. */
export function listClaims(db: Db, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('logistics_settlements').selectAll().where('status', '=', 'claimed').where('order_id', 'in', orderIds).orderBy('created_at').execute();
}

const visibleOrders = (db: Db, nation: string) => db.selectFrom('logistics_orders').where((eb) => eb.or([eb('supplying_nation', '=', nation), eb('receiving_nation', '=', nation)]));

/** Orders the nation supplies or receives, latest delivery first (at most 5,000). */
export function listLogisticsOrderRows(db: Db, viewerNation: string, filter: LogisticsOrderFilter) {
  let q = visibleOrders(db, viewerNation).selectAll();
  if (filter.supportClass) q = q.where('support_class', '=', filter.supportClass);
  if (filter.currency) q = q.where('currency', '=', filter.currency);
  if (filter.nation) q = q.where((eb) => eb.or([eb('supplying_nation', '=', filter.nation!), eb('receiving_nation', '=', filter.nation!)]));
  if (filter.status === 'settled') q = q.whereRef('settled_minor', '=', 'amount_minor');
  if (filter.status === 'open') q = q.whereRef('settled_minor', '<', 'amount_minor');
  if (filter.status === 'overdue') q = q.whereRef('settled_minor', '<', 'amount_minor').where('settle_by', '<', filter.today);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('reference', 'ilike', pattern), eb('description', 'ilike', pattern), eb('occasion', 'ilike', pattern)]));
  }
  return q.orderBy('delivered_on', 'desc').orderBy('reference').limit(5000).execute();
}

/** The nation's orders not fully settled, by settle-by date. */
export function listUnsettledOrderRows(db: Db, viewerNation: string) {
  return visibleOrders(db, viewerNation).selectAll().whereRef('settled_minor', '<', 'amount_minor').orderBy('settle_by').execute();
}

/** The orders this instance keeps (not received) that `supplying` supplies to `receiving`, oldest first. */
export function listKeptOrdersBetween(db: Db, supplying: string, receiving: string) {
  return db.selectFrom('logistics_orders').selectAll().where('supplying_nation', '=', supplying).where('receiving_nation', '=', receiving).where('received_from', 'is', null).orderBy('created_at').orderBy('id').execute();
}

/** The settlements of the given orders, in the order of `listSettlements`. */
export function listSettlementsOf(db: Db, orderIds: readonly string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('logistics_settlements').selectAll().where('order_id', 'in', orderIds).orderBy('settled_on').orderBy('created_at').execute();
}

export function findOrderIdByReference(db: Db, reference: string) {
  return db.selectFrom('logistics_orders').select('id').where('reference', '=', reference).executeTakeFirst();
}

/**
 * An order as the peer that keeps it sent it (migration 0040): inserted, or replaced whole, with
 * its settlements (a settlement is never removed on the keeper, so the list only grows and changes
 * status; replacing it keeps the copy exactly the keeper's).
 */
export async function replaceReceivedOrder(db: Db, order: Insertable<Database['logistics_orders']> & { id: string }, settlements: ReadonlyArray<Insertable<Database['logistics_settlements']>>): Promise<void> {
  const { id, ...columns } = order;
  await db.insertInto('logistics_orders').values(order).onConflict((oc) => oc.column('id').doUpdateSet(columns)).execute();
  await db.deleteFrom('logistics_settlements').where('order_id', '=', id).execute();
  if (settlements.length > 0) await db.insertInto('logistics_settlements').values([...settlements]).execute();
}

/** The claim this instance sent the keeper about its copy of an order, not yet answered (issue #13, migration 0042). */
export async function markClaimSent(trx: Db, orderId: string, messageId: string): Promise<void> {
  await trx.updateTable('logistics_orders').set({ claim_sent_message_id: messageId }).where('id', '=', orderId).execute();
}

/** The keeper's order answering the claim (by the claim message's hash) shows it applied. */
export async function clearClaimSent(trx: Db, peerNation: string, orderId: string, answersHash: string): Promise<void> {
  await trx
    .updateTable('logistics_orders')
    .set({ claim_sent_message_id: null })
    .where('id', '=', orderId)
    .where('claim_sent_message_id', 'in', (eb) => eb.selectFrom('federation_outbox').select('id').where('peer_nation', '=', peerNation).where('message_hash', '=', answersHash))
    .execute();
}

export interface ClaimSentRow {
  orderId: string;
  messageId: string;
  sentAt: Date;
  /** pending: not yet taken in; delivered: taken in, its answer not yet here; refused: the keeper refused it. */
  delivery: string;
  refusalReason: string | null;
  /** The signed message, whose body says what was claimed. */
  jws: string;
}

/** The claims sent about the given copies and not yet answered, with their delivery state. */
export async function listClaimsSent(db: Db, orderIds: readonly string[]): Promise<ClaimSentRow[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom('logistics_orders as o')
    .innerJoin('federation_outbox as m', 'm.id', 'o.claim_sent_message_id')
    .select(['o.id as order_id', 'm.id as message_id', 'm.created_at', 'm.state', 'm.refusal_reason', 'm.jws'])
    .where('o.id', 'in', orderIds)
    .execute();
  return rows.map((r) => ({ orderId: r.order_id, messageId: r.message_id, sentAt: r.created_at, delivery: r.state, refusalReason: r.refusal_reason, jws: r.jws }));
}
