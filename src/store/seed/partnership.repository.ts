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

/** Every user's id, username, display name and nation. */
export function listUserDirectory(db: Db) {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'nation']).execute();
}

/** The ids of the users named, by username. */
export function listUserIdsByUsername(db: Db, usernames: readonly string[]) {
  return db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute();
}

export async function insertPointOfContact(db: Db, values: New<'points_of_contact'>): Promise<void> {
  await db.insertInto('points_of_contact').values(values).execute();
}
export async function insertWorkingGroup(db: Db, values: New<'working_groups'>): Promise<void> {
  await db.insertInto('working_groups').values(values).execute();
}
export async function insertWorkingGroupMember(db: Db, values: New<'working_group_members'>): Promise<void> {
  await db.insertInto('working_group_members').values(values).execute();
}
export async function insertWorkingGroupMeeting(db: Db, values: New<'working_group_meetings'>): Promise<void> {
  await db.insertInto('working_group_meetings').values(values).execute();
}
export async function insertWorkingGroupAttendance(db: Db, values: New<'working_group_attendance'>): Promise<void> {
  await db.insertInto('working_group_attendance').values(values).execute();
}
export async function insertWorkingGroupActionItem(db: Db, values: New<'working_group_action_items'>): Promise<void> {
  await db.insertInto('working_group_action_items').values(values).execute();
}
export async function insertLogisticsOrder(db: Db, values: New<'logistics_orders'>): Promise<void> {
  await db.insertInto('logistics_orders').values(values).execute();
}
export async function insertLogisticsSettlement(db: Db, values: New<'logistics_settlements'>): Promise<void> {
  await db.insertInto('logistics_settlements').values(values).execute();
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

export async function insertSeedOrganisation(db: Db, values: New<'organisations'>): Promise<void> {
  await db.insertInto('organisations').values(values).execute();
}
export async function insertCocSubscription(db: Db, values: New<'coc_subscriptions'>): Promise<void> {
  await db.insertInto('coc_subscriptions').values(values).execute();
}
export async function insertCocStatusHistory(db: Db, values: New<'coc_status_history'>): Promise<void> {
  await db.insertInto('coc_status_history').values(values).execute();
}
export async function insertCocCapabilities(db: Db, values: ReadonlyArray<New<'coc_capabilities'>>): Promise<void> {
  await db.insertInto('coc_capabilities').values([...values]).execute();
}
export async function insertCocContacts(db: Db, values: ReadonlyArray<New<'coc_contacts'>>): Promise<void> {
  await db.insertInto('coc_contacts').values([...values]).execute();
}
export async function setOrganisationCodeOfConductSince(db: Db, organisationId: string, since: string | null): Promise<void> {
  await db.updateTable('organisations').set({ code_of_conduct_since: since }).where('id', '=', organisationId).execute();
}
export async function insertLiaisonPosting(db: Db, values: New<'liaison_postings'>): Promise<void> {
  await db.insertInto('liaison_postings').values(values).execute();
}
export async function insertLiaisonDocument(db: Db, values: New<'liaison_documents'>): Promise<void> {
  await db.insertInto('liaison_documents').values(values).execute();
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
export async function insertProgramMilestones(db: Db, values: ReadonlyArray<New<'program_milestones'>>): Promise<void> {
  await db.insertInto('program_milestones').values([...values]).execute();
}
export async function insertProgramRisks(db: Db, values: ReadonlyArray<New<'program_risks'>>): Promise<void> {
  await db.insertInto('program_risks').values([...values]).execute();
}
