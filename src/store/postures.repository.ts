import { sql, type Expression, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Db } from './executor.js';
import type { Database } from './schema.js';

// The SQL of arrangement postures (migrations 0026, 0030): each change is a row, local or received
// from the peer instance. The current one is the first in the order of `currentPostureChange`,
// which both instances of an arrangement apply alike: the latest `set_at`; at the same instant
// the change of the nation whose code sorts last; from one nation at one instant, the one it made
// last (both instances hold one nation's changes in the order it made them, the peer's in message
// order). So concurrent changes on the two instances converge on both to the same posture.

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

/**
 * The latest changes of each arrangement's posture, current first (the order below), with who set
 * each: a local setter's username and display name, or the name the peer's message gave. At most
 * `perArrangement` of each, however many another arrangement has, so an answer that shows them
 * stays bounded as the years of changes grow (postures.schema.ts `historyTotal` says how many).
 */
export async function listPostureChanges(db: Db, arrangementIds: readonly string[], perArrangement: number) {
  if (arrangementIds.length === 0) return [];
  const ranked = db
    .selectFrom('arrangement_postures')
    .select([
      'arrangement_postures.id',
      'arrangement_postures.arrangement_id',
      'arrangement_postures.posture',
      'arrangement_postures.note',
      'arrangement_postures.set_by',
      'arrangement_postures.set_by_nation',
      'arrangement_postures.set_at',
      'arrangement_postures.seq',
      'arrangement_postures.set_by_name',
      'arrangement_postures.message_id',
      sql<number>`row_number() over (partition by arrangement_id order by set_at desc, set_by_nation desc, seq desc)`.as('rank'),
    ])
    .where('arrangement_postures.arrangement_id', 'in', arrangementIds)
    .as('ranked');
  return db
    .selectFrom(ranked)
    .leftJoin('users', 'users.id', 'ranked.set_by')
    .select(['ranked.id', 'ranked.arrangement_id', 'ranked.posture', 'ranked.note', 'ranked.set_by_nation', 'ranked.set_at', 'ranked.seq', 'ranked.set_by_name', 'ranked.message_id', 'users.username', 'users.display_name'])
    .where('ranked.rank', '<=', perArrangement)
    .orderBy('ranked.arrangement_id')
    .orderBy('ranked.rank')
    .execute();
}

/** How many changes each arrangement's posture has had in all (those never changed are absent). */
export async function countPostureChangesOf(db: Db, arrangementIds: readonly string[]): Promise<Map<string, number>> {
  if (arrangementIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('arrangement_postures')
    .select((eb) => ['arrangement_id', eb.fn.countAll().as('n')])
    .where('arrangement_id', 'in', arrangementIds)
    .groupBy('arrangement_id')
    .execute();
  return new Map(rows.map((r) => [r.arrangement_id, Number(r.n)]));
}

/** The arrangement's posture changes, current first (the order above). */
function postureChangesCurrentFirst<TB extends keyof Database>(db: Db | ExpressionBuilder<Database, TB>, arrangementId: string | Expression<string>) {
  return (db as Db)
    .selectFrom('arrangement_postures')
    .where('arrangement_postures.arrangement_id', '=', arrangementId)
    .orderBy('arrangement_postures.set_at', 'desc')
    .orderBy('arrangement_postures.set_by_nation', 'desc')
    .orderBy('arrangement_postures.seq', 'desc')
    .limit(1);
}

/**
 * The arrangement's current posture (peacetime when never set) as an expression, for a statement
 * that reads it with other things (requests.repository.ts findNewRequestFacts).
 */
export function currentPostureOf<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, arrangementId: Expression<string>) {
  return eb.fn.coalesce(postureChangesCurrentFirst(eb, arrangementId).select('arrangement_postures.posture'), sql.lit('peacetime')).$castTo<Posture>();
}

/** The arrangement's current posture change (the order above), or undefined while never set (peacetime). */
export async function currentPostureChange(db: Db, arrangementId: string): Promise<{ id: string; posture: Posture; setAt: Date; setByNation: string } | undefined> {
  const row = await postureChangesCurrentFirst(db, arrangementId).select(['id', 'posture', 'set_at', 'set_by_nation']).executeTakeFirst();
  return row && { id: row.id, posture: row.posture, setAt: new Date(row.set_at), setByNation: row.set_by_nation };
}

/** The arrangement's current posture (peacetime when never set). */
export async function currentPosture(db: Db, arrangementId: string): Promise<Posture> {
  return (await currentPostureChange(db, arrangementId))?.posture ?? 'peacetime';
}

/** One change with its setter's display name (a local user's, or the one received), for the border. */
export async function findPostureChange(db: Db, id: string) {
  return db
    .selectFrom('arrangement_postures')
    .leftJoin('users', 'users.id', 'arrangement_postures.set_by')
    .select(['arrangement_postures.id', 'arrangement_postures.arrangement_id', 'arrangement_postures.posture', 'arrangement_postures.note', 'arrangement_postures.set_by_nation', 'arrangement_postures.set_at', 'arrangement_postures.set_by_name', 'users.display_name'])
    .where('arrangement_postures.id', '=', id)
    .executeTakeFirst();
}

/** How many changes the arrangement's posture has had (the version of the posture as a shared object). */
export async function countPostureChanges(db: Db, arrangementId: string): Promise<number> {
  const row = await db.selectFrom('arrangement_postures').select((eb) => eb.fn.countAll().as('n')).where('arrangement_id', '=', arrangementId).executeTakeFirst();
  return Number(row?.n ?? 0);
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
