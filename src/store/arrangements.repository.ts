import type { Db } from './executor.js';

/** A SOSA arrangement by id, or undefined. */
export function findArrangement(db: Db, id: string) {
  return db.selectFrom('arrangements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The two nations of every arrangement the nation is party to. */
export function listArrangementNationPairs(db: Db, nation: string) {
  return db
    .selectFrom('arrangements')
    .select(['nation_a', 'nation_b'])
    .where((eb) => eb.or([eb('nation_a', '=', nation), eb('nation_b', '=', nation)]))
    .execute();
}

/** The ids of the arrangements a nation is party to, e.g. ["US-IN", "US-GB"]. */
export async function listArrangementIds(db: Db, nation: string): Promise<string[]> {
  const rows = await db
    .selectFrom('arrangements')
    .select('id')
    .where((eb) => eb.or([eb('nation_a', '=', nation), eb('nation_b', '=', nation)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Every request path (which nation may request from which under an arrangement, and the workflow
 * the request follows), with the arrangement's name, by arrangement and requesting nation.
 */
export function listArrangementDirections(db: Db) {
  return db
    .selectFrom('arrangement_directions')
    .innerJoin('arrangements', 'arrangements.id', 'arrangement_directions.arrangement_id')
    .select(['arrangement_directions.arrangement_id', 'arrangements.name as arrangement_name', 'arrangement_directions.from_nation', 'arrangement_directions.to_nation', 'arrangement_directions.workflow_id'])
    .orderBy('arrangement_directions.arrangement_id')
    .orderBy('arrangement_directions.from_nation')
    .execute();
}

/** The request path of an arrangement from a nation (there is at most one: its key), or undefined. */
export function findArrangementDirection(db: Db, arrangementId: string, fromNation: string) {
  return db.selectFrom('arrangement_directions').selectAll().where('arrangement_id', '=', arrangementId).where('from_nation', '=', fromNation).executeTakeFirst();
}

export async function insertArrangementDirection(db: Db, values: { arrangement_id: string; from_nation: string; to_nation: string; workflow_id: string }): Promise<void> {
  await db.insertInto('arrangement_directions').values(values).execute();
}

/** Whether a workflow of that id is defined on this instance. */
export async function workflowExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('workflows').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
