import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from './executor.js';
import type { Database, ProgramMilestonesTable, ProgramRisksTable, ProgramStatus } from './schema.js';

// The SQL of the co-production programs (migration 0009): programs, milestones, risks, and the
// requests made under them. Who may read or change a program is decided in src/services/programs.

/** A program's own nation and partner nations (who is party to it), or undefined. */
export function findProgramParties(db: Db, programId: string) {
  return db.selectFrom('programs').select(['nation', 'partner_nations']).where('id', '=', programId).executeTakeFirst();
}

/** A program's lead and partner nations with its links and version; `forUpdate` locks the row. */
export function findProgramForUpdate(db: Db, id: string) {
  return db.selectFrom('programs').select(['id', 'name', 'nation', 'partner_nations', 'version', 'network_id', 'working_group_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The program holding the code, or undefined. */
export function findProgramByCode(db: Db, id: string) {
  return db.selectFrom('programs').select(['id', 'name', 'nation', 'partner_nations']).where('id', '=', id).executeTakeFirst();
}

export interface ProgramSearch {
  /** Programs this nation leads or partners in. */
  nation: string;
  status?: ProgramStatus | undefined;
  /** … and that this nation leads or partners in. */
  partner?: string | undefined;
  q?: string | undefined;
}

/** Ids of the programs matching the search, by name. */
export async function searchProgramIds(db: Db, search: ProgramSearch): Promise<string[]> {
  let query = db
    .selectFrom('programs')
    .select('id')
    .where((eb) => eb.or([eb('nation', '=', search.nation), eb(sql<string>`${search.nation}`, '=', eb.fn.any('partner_nations'))]));
  if (search.status) query = query.where('status', '=', search.status);
  if (search.partner) query = query.where((eb) => eb.or([eb('nation', '=', search.partner!), eb(sql<string>`${search.partner}`, '=', eb.fn.any('partner_nations'))]));
  if (search.q) {
    const like = `%${search.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('id', 'ilike', like), eb('name', 'ilike', like), eb('description', 'ilike', like)]));
  }
  return (await query.orderBy('name').execute()).map((r) => r.id);
}

export function listProgramRows(db: Db, ids: readonly string[]) {
  return db.selectFrom('programs').selectAll().where('id', 'in', ids).execute();
}

export function listMilestoneRows(db: Db, programIds: readonly string[]) {
  return db.selectFrom('program_milestones').selectAll().where('program_id', 'in', programIds).orderBy('position').execute();
}

export function listRiskRows(db: Db, programIds: readonly string[]) {
  return db.selectFrom('program_risks').selectAll().where('program_id', 'in', programIds).orderBy('position').execute();
}

/** The newest 200 requests made under the programs that the nation sends or receives (the sovereignty rule). */
export function listProgramRequestsOfNation(db: Db, programIds: readonly string[], nation: string) {
  return db
    .selectFrom('requests')
    .select(['id', 'reference', 'title', 'state', 'from_nation', 'to_nation', 'urgency', 'required_by', 'program_id'])
    .where('program_id', 'in', programIds)
    .where((eb) => eb.or([eb('from_nation', '=', nation), eb('to_nation', '=', nation)]))
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

/** The nation owning a supply network, or undefined. */
export async function findNetworkNation(db: Db, networkId: string): Promise<string | undefined> {
  return (await db.selectFrom('supply_networks').select('nation').where('id', '=', networkId).executeTakeFirst())?.nation;
}

/** The two nations of a working group's arrangement, or undefined. */
export function findWorkingGroupNations(db: Db, groupId: string) {
  return db.selectFrom('working_groups').innerJoin('arrangements', 'arrangements.id', 'working_groups.arrangement_id').select(['arrangements.nation_a', 'arrangements.nation_b']).where('working_groups.id', '=', groupId).executeTakeFirst();
}

export async function listNationCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('nations').select('code').execute()).map((n) => n.code));
}

export async function insertProgram(db: Db, values: Insertable<Database['programs']>): Promise<void> {
  await db.insertInto('programs').values(values).execute();
}

export async function updateProgramRow(db: Db, id: string, set: Updateable<Database['programs']>): Promise<void> {
  await db.updateTable('programs').set(set).where('id', '=', id).execute();
}

export interface MilestoneInput {
  title: string;
  dueOn: string;
  status: ProgramMilestonesTable['status'];
  completedOn: string | null;
}
export interface RiskInput {
  title: string;
  likelihood: number;
  impact: number;
  owner: string;
  mitigation: string;
  status: ProgramRisksTable['status'];
}

/** Replaces a program's milestones and risks with the ones given, in their order. */
export async function replaceMilestonesAndRisks(db: Db, programId: string, milestones: readonly MilestoneInput[], risks: readonly RiskInput[]): Promise<void> {
  await db.deleteFrom('program_milestones').where('program_id', '=', programId).execute();
  await db.deleteFrom('program_risks').where('program_id', '=', programId).execute();
  if (milestones.length) {
    await db.insertInto('program_milestones').values(milestones.map((m, i) => ({ id: randomUUID(), program_id: programId, position: i, title: m.title, due_on: m.dueOn, status: m.status, completed_on: m.completedOn }))).execute();
  }
  if (risks.length) {
    await db.insertInto('program_risks').values(risks.map((k, i) => ({ id: randomUUID(), program_id: programId, position: i, title: k.title, likelihood: k.likelihood, impact: k.impact, owner: k.owner, mitigation: k.mitigation, status: k.status }))).execute();
  }
}
