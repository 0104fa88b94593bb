import type { Db } from './executor.js';

// The SQL of GET /reference: the lists a client picks from (nations, arrangements and their
// directions, programs, companies). Which of them the caller sees is decided by the caller.

export function listNationRows(db: Db) {
  return db.selectFrom('nations').selectAll().orderBy('name').execute();
}

/** The arrangements the nation is party to, oldest signed first. */
export function listArrangementRowsOfNation(db: Db, nation: string) {
  return db.selectFrom('arrangements').selectAll().where((eb) => eb.or([eb('nation_a', '=', nation), eb('nation_b', '=', nation)])).orderBy('signed_on').execute();
}

export function listArrangementDirectionRows(db: Db) {
  return db.selectFrom('arrangement_directions').selectAll().execute();
}

export function listProgramRowsByName(db: Db) {
  return db.selectFrom('programs').selectAll().orderBy('name').execute();
}

/** The companies of the nation by name; with `onlyId`, only that one. */
export function listCompanyRows(db: Db, nation: string, onlyId: string | null) {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'company')
    .where('nation', '=', nation)
    .$if(onlyId !== null, (q) => q.where('id', '=', onlyId!))
    .orderBy('name')
    .execute();
}
