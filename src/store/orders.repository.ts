import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Db } from './executor.js';
import type { Database, ProductionResourceRow, ProductionResourcesTable, SupplierOrderRow, SupplierOrdersTable } from './schema.js';

// The SQL of the DPAS order desk: a company's production resources (lines) and its order book
// (supplier_orders), including the rows a SOSA request places there. Who may read or change them,
// and the 15 CFR 700 rules, are decided in src/services/orders.

/** Columns to set on a book row. */
export type SupplierOrderChanges = Updateable<SupplierOrdersTable>;
export type NewSupplierOrder = Insertable<SupplierOrdersTable>;

// A multi-row insert is one statement; PostgreSQL allows 65,535 parameters in one.
const INSERT_BATCH = 1000;

// ---- organisations, as the desk reads them ----

/** The organisation with its kind, or undefined. */
export function findDeskOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'nation', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
}

/** An organisation's id, nation and name (it must exist). */
export function getOrganisationNameAndNation(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'nation', 'name']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** An organisation's id and nation (it must exist). */
export function getOrganisationNation(db: Db, id: string) {
  return db.selectFrom('organisations').select(['id', 'nation']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether any arrangement direction reaches the nation through the DPAS workflow. */
export async function hasDpasDirectionTo(db: Db, nation: string): Promise<boolean> {
  const row = await db.selectFrom('arrangement_directions').select('arrangement_id').where('to_nation', '=', nation).where('workflow_id', '=', 'dpas').executeTakeFirst();
  return row !== undefined;
}

// ---- production resources ----

/** A company's production resources, by name. */
export function listProductionResources(db: Db, organisationId: string): Promise<ProductionResourceRow[]> {
  return db.selectFrom('production_resources').selectAll().where('organisation_id', '=', organisationId).orderBy('name').execute();
}

/** A company's lines with their daily capacity (in no particular order). */
export function listResourceLines(db: Db, organisationId: string) {
  return db.selectFrom('production_resources').select(['id', 'name', 'capacity_per_day']).where('organisation_id', '=', organisationId).execute();
}

/** A company's resource names by id. */
export async function resourceNamesOf(db: Db, organisationId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('production_resources').select(['id', 'name']).where('organisation_id', '=', organisationId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One resource's name and capacity (it must exist). */
export function getResourceLine(db: Db, id: string) {
  return db.selectFrom('production_resources').select(['name', 'capacity_per_day']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether the company already has a resource of that name. */
export async function resourceNameTaken(db: Db, organisationId: string, name: string): Promise<boolean> {
  const taken = await db.selectFrom('production_resources').select('id').where('organisation_id', '=', organisationId).where('name', '=', name).executeTakeFirst();
  return taken !== undefined;
}

export function insertProductionResource(db: Db, values: Insertable<ProductionResourcesTable>): Promise<ProductionResourceRow> {
  return db.insertInto('production_resources').values(values).returningAll().executeTakeFirstOrThrow();
}

// ---- the order book ----

/** Every order of a company's book, by required delivery date then order number. */
/** An order still open on a book: not cancelled, delivered, closed or rejected (one definition for every query). */
function isOpenOrder(eb: ExpressionBuilder<Database, 'supplier_orders'>) {
  return eb.and([eb('cancelled_at', 'is', null), eb('delivered_on', 'is', null), eb('closed_at', 'is', null), eb.or([eb('decision', 'is', null), eb('decision', '!=', 'rejected')])]);
}

export function listCompanyOrders(db: Db, organisationId: string): Promise<SupplierOrderRow[]> {
  return db.selectFrom('supplier_orders').selectAll().where('organisation_id', '=', organisationId).orderBy('required_delivery_date').orderBy('order_number').execute();
}

/** The open orders of a company's book: not cancelled, delivered, closed or rejected; by required date then number. */
export function listOpenCompanyOrders(db: Db, organisationId: string): Promise<SupplierOrderRow[]> {
  return db
    .selectFrom('supplier_orders')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where(isOpenOrder)
    .orderBy('required_delivery_date')
    .orderBy('order_number')
    .execute();
}

/** Units each line has still to make (orders on a line, not cancelled, delivered or closed), by resource id. */
export function openUnitsByLine(db: Db, organisationId: string) {
  return db
    .selectFrom('supplier_orders')
    .select(['resource_id', (eb) => eb.fn.sum<string>('quantity').as('units')])
    .where('organisation_id', '=', organisationId)
    .where('resource_id', 'is not', null)
    .where('cancelled_at', 'is', null)
    .where('delivered_on', 'is', null)
    .where('closed_at', 'is', null)
    .groupBy('resource_id')
    .execute();
}

/** The order numbers already in a company's book. */
export async function orderNumbersOf(db: Db, organisationId: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('supplier_orders').select('order_number').where('organisation_id', '=', organisationId).execute()).map((r) => r.order_number));
}

/** Inserts book rows, in batches (one statement each). */
export async function insertSupplierOrders(db: Db, values: readonly NewSupplierOrder[]): Promise<void> {
  for (let i = 0; i < values.length; i += INSERT_BATCH) await db.insertInto('supplier_orders').values(values.slice(i, i + INSERT_BATCH)).execute();
}

export async function updateSupplierOrder(db: Db, id: string, set: SupplierOrderChanges): Promise<void> {
  await db.updateTable('supplier_orders').set(set).where('id', '=', id).execute();
}

// ---- orders a SOSA request placed (request_id) ----

/** The quantities of a request's items. */
export function listRequestItemQuantities(db: Db, requestId: string) {
  return db.selectFrom('request_items').select('quantity').where('request_id', '=', requestId).execute();
}

/** The order of that number in a company's book, with the request it came from, if any. */
export function findOrderByNumber(db: Db, organisationId: string, orderNumber: string) {
  return db.selectFrom('supplier_orders').select(['id', 'request_id']).where('organisation_id', '=', organisationId).where('order_number', '=', orderNumber).executeTakeFirst();
}

/** The row a request placed in the company's book, locked. */
export function findLinkedOrderForUpdate(db: Db, requestId: string, organisationId: string): Promise<SupplierOrderRow | undefined> {
  return db.selectFrom('supplier_orders').selectAll().where('request_id', '=', requestId).where('organisation_id', '=', organisationId).forUpdate().executeTakeFirst();
}

/** The row a request placed in the company's book and not cancelled: the base of the locked finders below, which differ only in the decision they want. */
function liveLinkedOrder(db: Db, requestId: string, organisationId: string) {
  return db.selectFrom('supplier_orders').selectAll().where('request_id', '=', requestId).where('organisation_id', '=', organisationId).where('cancelled_at', 'is', null);
}

/** The row a request placed in the company's book, not cancelled and accepted, locked. */
export function findAcceptedLinkedOrderForUpdate(db: Db, requestId: string, organisationId: string): Promise<SupplierOrderRow | undefined> {
  return liveLinkedOrder(db, requestId, organisationId).where('decision', '=', 'accepted').forUpdate().executeTakeFirst();
}

/** The row a request placed in the company's book, not cancelled and not decided yet, locked. */
export function findUndecidedLinkedOrderForUpdate(db: Db, requestId: string, organisationId: string): Promise<SupplierOrderRow | undefined> {
  return liveLinkedOrder(db, requestId, organisationId).where('decision', 'is', null).forUpdate().executeTakeFirst();
}

/** The ids of a request's open rows (not cancelled, delivered, closed or rejected), locked. */
export function listOpenLinkedOrderIdsForUpdate(db: Db, requestId: string) {
  return db
    .selectFrom('supplier_orders')
    .select(['id'])
    .where('request_id', '=', requestId)
    .where(isOpenOrder)
    .forUpdate()
    .execute();
}

export async function insertSupplierOrder(db: Db, values: NewSupplierOrder): Promise<void> {
  await db.insertInto('supplier_orders').values(values).execute();
}

/** Every row a request placed, with its supplier's name and nation, latest change first. */
export function listLinkedOrdersWithSupplier(db: Db, requestId: string) {
  return db
    .selectFrom('supplier_orders')
    .innerJoin('organisations', 'organisations.id', 'supplier_orders.organisation_id')
    .selectAll('supplier_orders')
    .select(['organisations.name as supplier_name', 'organisations.nation as supplier_nation'])
    .where('request_id', '=', requestId)
    .orderBy('supplier_orders.updated_at', 'desc')
    .execute();
}
