import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The registers of the partnership desk (logistics, working groups, points of contact) give each
// new row a random UUID in the application and read back the stored row, defaults filled in.

/** The tables whose `id` the application gives as text. */
type TableWithTextId = { [T in keyof Database]: Database[T] extends { id: string } ? T : never }[keyof Database];

/** A new row of the table, without the id this gives it. */
export type NewRow<T extends TableWithTextId> = Omit<Insertable<Database[T]>, 'id'>;

/** Inserts the row under a new random id and returns it as stored. */
export function insertWithNewId<T extends TableWithTextId>(db: Db, table: T, values: NewRow<T>): Promise<Selectable<Database[T]>> {
  // Kysely cannot follow a table name that is a type parameter: the row is typed for T above.
  const row = { id: randomUUID(), ...values } as unknown as Insertable<Database[TableWithTextId]>;
  return db.insertInto(table as TableWithTextId).values(row).returningAll().executeTakeFirstOrThrow() as Promise<Selectable<Database[T]>>;
}
