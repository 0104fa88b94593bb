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
