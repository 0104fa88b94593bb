import type { Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of arrangement postures (migration 0026): each change is a row, the latest is current.

export type Posture = 'peacetime' | 'emergency' | 'armed_conflict';

/** The arrangements the nation is party to, with the two nations. */
export function listArrangementsOfNation(db: Db, nation: string) {
  return db
    .selectFrom('arrangements')
    .select(['id', 'name', 'nation_a', 'nation_b'])
    .where((eb) => eb.or([eb('nation_a', '=', nation), eb('nation_b', '=', nation)]))
    .orderBy('id')
    .execute();
}

/** The changes of the arrangements' postures, newest first, with who set each (at most 50 per arrangement). */
export async function listPostureChanges(db: Db, arrangementIds: readonly string[]) {
  if (arrangementIds.length === 0) return [];
  const rows = await db
    .selectFrom('arrangement_postures')
    .innerJoin('users', 'users.id', 'arrangement_postures.set_by')
    .select(['arrangement_postures.id', 'arrangement_postures.arrangement_id', 'arrangement_postures.posture', 'arrangement_postures.note', 'arrangement_postures.set_by_nation', 'arrangement_postures.set_at', 'arrangement_postures.seq', 'users.username'])
    .where('arrangement_postures.arrangement_id', 'in', arrangementIds)
    .orderBy('arrangement_postures.seq', 'desc')
    .limit(50 * arrangementIds.length)
    .execute();
  return rows;
}

/** The arrangement's current posture (peacetime when never set). */
export async function currentPosture(db: Db, arrangementId: string): Promise<Posture> {
  const row = await db.selectFrom('arrangement_postures').select('posture').where('arrangement_id', '=', arrangementId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.posture ?? 'peacetime';
}

/** Serialises posture changes of one arrangement (the transaction's lock on the arrangement row). */
export async function lockArrangement(db: Db, arrangementId: string) {
  return db.selectFrom('arrangements').select(['id', 'nation_a', 'nation_b']).where('id', '=', arrangementId).forUpdate().executeTakeFirst();
}

export async function insertPostureChange(db: Db, values: Insertable<Database['arrangement_postures']>): Promise<void> {
  await db.insertInto('arrangement_postures').values(values).execute();
}

/** Whether any arrangement of the nation is in emergency or armed conflict. */
export async function nationHasHeightenedPosture(db: Db, nation: string): Promise<boolean> {
  const arrangements = await listArrangementsOfNation(db, nation);
  for (const a of arrangements) if ((await currentPosture(db, a.id)) !== 'peacetime') return true;
  return false;
}
