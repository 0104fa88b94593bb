import { sql } from 'kysely';
import type { Db } from './executor.js';

/** Runs a trivial query: resolves when the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
