import { sql } from 'kysely';
import type { Tx } from './executor.js';

/**
 * Runs `work` inside a savepoint of the caller's transaction: when it throws, what it wrote, and
 * only that, is undone before the error goes on, and the transaction can go on (issue #13: one
 * message of a batch refused for its content, the others of its transaction kept).
 */
export async function inSavepoint<T>(trx: Tx, work: () => Promise<T>): Promise<T> {
  await sql`savepoint one_of_several`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint one_of_several`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint one_of_several`.execute(trx);
    await sql`release savepoint one_of_several`.execute(trx);
    throw error;
  }
}
