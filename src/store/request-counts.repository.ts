import { sql } from 'kysely';
import type { Db } from './executor.js';

// The kept counts of requests per workflow, state and pair of nations (migration 0034, issue #14):
// every change appends its +1/-1 to request_state_deltas (the requests' triggers), and the
// compaction folds them into request_state_counts, so the dashboard sums a few hundred rows at
// most, however many requests there are and however many changes ran since.

/**
 * Moves every committed delta into the totals, in one statement (one transaction): a reader sees
 * the deltas or the totals they went into, never both or neither. A change still uncommitted is not
 * seen and stays for the next compaction; two compactions at once do not fold a delta twice (the
 * second's DELETE waits on the first's row locks and then finds those rows gone).
 */
export async function compactRequestStateCounts(db: Db): Promise<{ deltas: number }> {
  const { rows } = await sql<{ deltas: number }>`
    with moved as (
      delete from request_state_deltas returning workflow_id, state, from_nation, to_nation, n
    ), folded as (
      insert into request_state_counts as c (workflow_id, state, from_nation, to_nation, n)
      select workflow_id, state, from_nation, to_nation, sum(n) from moved group by 1, 2, 3, 4
      on conflict (workflow_id, state, from_nation, to_nation) do update set n = c.n + excluded.n
      returning 1
    )
    select (select count(*) from moved)::int as deltas, (select count(*) from folded)::int as groups
  `.execute(db);
  return { deltas: Number(rows[0]?.deltas ?? 0) };
}
