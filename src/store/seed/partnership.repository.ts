import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../executor.js';
import type { Database } from '../schema.js';

// The SQL of the partnership desk's demo records (src/services/reference/seed-partnership-demo.ts
// and seed-partnership-registers.ts): the directory, a working group, logistics orders, the Code
// of Conduct, liaison and program registers. Each seeding checks first that it has not run.

type New<T extends keyof Database> = Insertable<Database[T]>;

/** Whether a working group of that name exists. */
export async function workingGroupNamed(db: Db, name: string): Promise<boolean> {
  return (await db.selectFrom('working_groups').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** Whether the directory has an entry of that nation under that name. */
export async function contactNamed(db: Db, nation: string, name: string): Promise<boolean> {
  return (await db.selectFrom('points_of_contact').select('id').where('nation', '=', nation).where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** Every user's id, username, display name and nation. */
export function listUserDirectory(db: Db) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'nation']).execute();
}

/** The ids of the users named, by username. */
export function listUserIdsByUsername(db: Db, usernames: readonly string[]) {
  return db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
}

/**
 * Inserts demo rows into `table`. One insert for every table the seeding fills: the seeding's
 * own code decides what to write and checks first that it has not run.
 */
export async function insertSeedRows<T extends keyof Database & string>(db: Db, table: T, rows: New<T> | ReadonlyArray<New<T>>): Promise<void> {
  // Kysely cannot resolve the insert's value type for a table chosen by a type parameter; the
  // signature above holds it to the table's own insertable row.
  await db.insertInto(table).values((Array.isArray(rows) ? [...rows] : rows) as never).execute();
}

// ---- the registers ----

/** Whether any liaison posting exists. */
export async function anyLiaisonPosting(db: Db): Promise<boolean> {
  return (await db.selectFrom('liaison_postings').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** The organisation of that nation and short name, or undefined. */
export function findOrganisationOfNation(db: Db, nation: string, shortName: string) {
  return db.selectFrom('organisations').select('id').where('nation', '=', nation).where('short_name', '=', shortName).executeTakeFirst();
}

/** Whether the organisation has a Code of Conduct subscription. */
export async function hasCocSubscription(db: Db, organisationId: string): Promise<boolean> {
  return (await db.selectFrom('coc_subscriptions').select('id').where('organisation_id', '=', organisationId).executeTakeFirst()) !== undefined;
}

export async function setOrganisationCodeOfConductSince(db: Db, organisationId: string, since: string | null): Promise<void> {
  await db.updateTable('organisations').set({ code_of_conduct_since: since }).where('id', '=', organisationId).execute();
}

/** Whether the program has any milestone. */
export async function programHasMilestones(db: Db, programId: string): Promise<boolean> {
  return (await db.selectFrom('program_milestones').select('id').where('program_id', '=', programId).limit(1).executeTakeFirst()) !== undefined;
}

/** Updates a program; false when there is no program of that id. */
export async function updateProgramDetails(db: Db, programId: string, set: Updateable<Database['programs']>): Promise<boolean> {
  const updated = await db.updateTable('programs').set(set).where('id', '=', programId).executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
