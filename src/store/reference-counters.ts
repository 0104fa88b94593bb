import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * The next number of a reference series (LSO-USIN, SPA-US-2026, …), taken inside the writing
 * transaction: the counter row stays locked until that transaction ends, so concurrent writers of
 * one series queue for it and get consecutive numbers, and a write that fails rolls its number back
 * with everything else — the series has no gaps. (A sequence would hand out numbers outside the
 * transaction, and a failed write would leave a hole.) Take it as late as possible in the
 * transaction: the lock is held until commit.
 */
export async function nextReferenceNumber(trx: Transaction<Database>, series: string): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    insert into reference_counters (series, last_value) values (${series}, 1)
    on conflict (series) do update set last_value = reference_counters.last_value + 1
    returning last_value as n`.execute(trx);
  return Number(rows[0]!.n);
}
