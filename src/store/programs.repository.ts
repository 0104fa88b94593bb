import type { Db } from './executor.js';

/** A program's own nation and partner nations (who is party to it), or undefined. */
export function findProgramParties(db: Db, programId: string) {
  return db.selectFrom('programs').select(['nation', 'partner_nations']).where('id', '=', programId).executeTakeFirst();
}
