import type { Insertable } from 'kysely';
import type { Db } from '../executor.js';
import type { Database } from '../schema.js';

// The SQL of the demo data (npm start --demo; src/services/reference): organisations, users,
// programs, the demo order book and the checks that keep each seeding to once.

/** Whether a user of that username exists. */
export async function userExists(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function insertProgramsIfMissing(db: Db, programs: ReadonlyArray<Insertable<Database['programs']>>): Promise<void> {
  await db.insertInto('programs').values([...programs]).onConflict((oc) => oc.doNothing()).execute();
}

/** The id of the nation's organisation of that short name, or undefined. */
export async function findOrganisationIdByShortName(db: Db, nation: string, shortName: string): Promise<string | undefined> {
  return (await db.selectFrom('organisations').select('id').where('nation', '=', nation).where('short_name', '=', shortName).executeTakeFirst())?.id;
}

export async function insertOrganisationRow(db: Db, values: Insertable<Database['organisations']>): Promise<void> {
  await db.insertInto('organisations').values(values).execute();
}

/** Inserts a demo user; one that exists takes the password hash given (a restart with a new demo password). */
export async function upsertDemoUser(db: Db, values: Insertable<Database['users']>): Promise<void> {
  await db
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.column('username').doUpdateSet({ password_hash: values.password_hash }))
    .execute();
}

/** Sets a user's e-mail address unless one is set. */
export async function setEmailIfMissing(db: Db, username: string, email: string): Promise<void> {
  await db.updateTable('users').set({ email }).where('username', '=', username).where('email', 'is', null).execute();
}

// ---- the demo order book ----

/** An organisation's id and nation by short name (any nation), or undefined. */
export function findOrganisationByShortNameAnyNation(db: Db, shortName: string) {
  return db.selectFrom('organisations').select(['id', 'nation']).where('short_name', '=', shortName).executeTakeFirst();
}

/** Whether the company's book has any order. */
export async function companyHasOrders(db: Db, organisationId: string): Promise<boolean> {
  return (await db.selectFrom('supplier_orders').select('id').where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;
}

export async function insertProductionResourceIfMissing(db: Db, values: Insertable<Database['production_resources']>): Promise<void> {
  await db.insertInto('production_resources').values(values).onConflict((oc) => oc.doNothing()).execute();
}

export async function insertSupplierOrderRows(db: Db, rows: ReadonlyArray<Insertable<Database['supplier_orders']>>): Promise<void> {
  await db.insertInto('supplier_orders').values([...rows]).execute();
}

// ---- demo life ----

/** Whether the store has any request. */
export async function anyRequestExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('requests').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Every user, as an actor is built from. */
export function listUsersForActors(db: Db) {
  return db.selectFrom('users').select(['id', 'username', 'nation', 'organisation_id', 'roles']).execute();
}

/** Every company's id and short name. */
export function listCompanyShortNames(db: Db) {
  return db.selectFrom('organisations').select(['id', 'short_name']).where('kind', '=', 'company').execute();
}

/** The id of the row a request placed in the company's book (it must exist). */
export async function getLinkedOrderId(db: Db, requestId: string, organisationId: string): Promise<string> {
  return (await db.selectFrom('supplier_orders').select('id').where('request_id', '=', requestId).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow()).id;
}
