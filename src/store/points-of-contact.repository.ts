import type { Selectable, Updateable } from 'kysely';
import type { Db } from './executor.js';
import { insertWithNewId, type NewRow } from './insert-with-new-id.js';
import type { Database } from './schema.js';

// The SQL of the SOSA points-of-contact directory (migration 0009).

export type ContactRow = Selectable<Database['points_of_contact']>;

/** Entries of the given nations, by nation, function and name (at most 1,000). */
export function listContactRows(db: Db, nations: readonly string[], filter: { q?: string | undefined; nation?: string | undefined; function?: string | undefined; includeInactive?: boolean | undefined }): Promise<ContactRow[]> {
  let qb = db.selectFrom('points_of_contact').selectAll().where('nation', 'in', nations);
  if (filter.nation) qb = qb.where('nation', '=', filter.nation);
  if (filter.function) qb = qb.where('function', '=', filter.function);
  if (!filter.includeInactive) qb = qb.where('active', '=', true);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb = qb.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('organisation', 'ilike', pattern), eb('title', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return qb.orderBy('nation').orderBy('function').orderBy('name').limit(1000).execute();
}

/** Every entry of one nation, active or not, oldest first (what a new peer is sent, issue #13). */
export function listAllContactRowsOf(db: Db, nation: string): Promise<ContactRow[]> {
  return db.selectFrom('points_of_contact').selectAll().where('nation', '=', nation).orderBy('created_at').orderBy('id').execute();
}

export function insertContact(db: Db, values: NewRow<'points_of_contact'>): Promise<ContactRow> {
  return insertWithNewId(db, 'points_of_contact', values);
}

/** An entry locked for the change that follows. */
export function findContactForUpdate(db: Db, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('points_of_contact').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updateContactRow(db: Db, id: string, set: Updateable<Database['points_of_contact']>): Promise<ContactRow> {
  return db.updateTable('points_of_contact').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * An entry of a peer's nation as its instance sent it (issue #13): added, or replaced when the
 * message carries a later version than the one held (a message applied out of its order changes nothing).
 */
export async function upsertPeerContact(db: Db, row: Omit<ContactRow, 'created_by' | 'created_at'> & { created_at: Date }): Promise<void> {
  const { id, created_at, ...values } = row;
  await db
    .insertInto('points_of_contact')
    .values({ id, created_at, created_by: null, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values).where('points_of_contact.version', '<', row.version))
    .execute();
}
