import type { Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { PlacedSubOrderRow, PlacedSubOrdersTable, SupplierOrderRow, SupplierOrdersTable } from './schema.js';

// The SQL of rated sub-orders (15 CFR 700.15, 700.17): the placed_sub_orders register and the
// rows they put in a sub-supplier's book. Who may place or read them is decided in
// src/services/flow-down.

/** The orders of a company's book that another company in the system placed (latest first, at most 500). */
export function listReceivedSubOrders(db: Db, organisationId: string): Promise<SupplierOrderRow[]> {
  return db.selectFrom('supplier_orders').selectAll().where('organisation_id', '=', organisationId).where('parent_order_id', 'is not', null).orderBy('received_at', 'desc').limit(500).execute();
}

/** The sub-orders a company placed, with the decision on the order each put in the sub-supplier's book (latest first, at most 500). */
export function listPlacedSubOrders(db: Db, organisationId: string) {
  return db
    .selectFrom('placed_sub_orders as p')
    .leftJoin('supplier_orders as c', 'c.id', 'p.child_order_id')
    .select(['p.id', 'p.parent_order_id', 'p.order_number', 'p.supplier_name', 'p.supplier_organisation_id', 'p.purpose', 'p.rating', 'p.quantity', 'p.required_delivery_date', 'p.placed_at', 'p.acceptance_due_at', 'c.decision', 'c.cancelled_at', 'c.accepted'])
    .where('p.placed_by_organisation_id', '=', organisationId)
    .orderBy('p.placed_at', 'desc')
    .limit(500)
    .execute();
}

/** The other companies of a nation, by name. */
export function listOtherCompaniesOfNation(db: Db, nation: string, exceptId: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'short_name']).where('nation', '=', nation).where('kind', '=', 'company').where('id', '!=', exceptId).orderBy('name').execute();
}

/** Any book's order by id. */
export function findSupplierOrder(db: Db, id: string): Promise<SupplierOrderRow | undefined> {
  return db.selectFrom('supplier_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Book orders by id. */
export function listSupplierOrdersByIds(db: Db, ids: readonly string[]): Promise<SupplierOrderRow[]> {
  return db.selectFrom('supplier_orders').selectAll().where('id', 'in', ids).execute();
}

/** An organisation's id, name and nation (it must exist). */
export function getOrganisationForTree(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'nation']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Organisations' names by id. */
export function listOrganisationNames(db: Db, ids: readonly string[]) {
  return db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** An organisation with its kind, or undefined. */
export function findOrganisationWithKind(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'name', 'nation', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** The sub-orders placed to fill any of the orders given, by placing time then number. */
export function listSubOrdersOfParents(db: Db, parentIds: readonly string[]): Promise<PlacedSubOrderRow[]> {
  return db.selectFrom('placed_sub_orders').selectAll().where('parent_order_id', 'in', parentIds).orderBy('placed_at').orderBy('order_number').execute();
}

/** One order of a company's book, or undefined. */
export function findOrderOfCompany(db: Db, organisationId: string, id: string): Promise<SupplierOrderRow | undefined> {
  return db.selectFrom('supplier_orders').selectAll().where('id', '=', id).where('organisation_id', '=', organisationId).executeTakeFirst();
}

/** Whether the company already placed a sub-order of that number. */
export async function placedOrderNumberTaken(db: Db, organisationId: string, orderNumber: string): Promise<boolean> {
  const taken = await db.selectFrom('placed_sub_orders').select('id').where('placed_by_organisation_id', '=', organisationId).where('order_number', '=', orderNumber).executeTakeFirst();
  return taken !== undefined;
}

/** Whether the company's book already holds an order of that number. */
export async function bookOrderNumberTaken(db: Db, organisationId: string, orderNumber: string): Promise<boolean> {
  const clash = await db.selectFrom('supplier_orders').select('id').where('organisation_id', '=', organisationId).where('order_number', '=', orderNumber).executeTakeFirst();
  return clash !== undefined;
}

export async function insertBookOrder(db: Db, values: Insertable<SupplierOrdersTable>): Promise<void> {
  await db.insertInto('supplier_orders').values(values).execute();
}

export function insertPlacedSubOrder(db: Db, values: Insertable<PlacedSubOrdersTable>): Promise<PlacedSubOrderRow> {
  return db.insertInto('placed_sub_orders').values(values).returningAll().executeTakeFirstOrThrow();
}
