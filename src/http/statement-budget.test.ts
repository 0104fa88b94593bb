import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countStatementsPerRequest } from '../testing/statement-counter.js';
import { TEST_STORE } from '../testing/test-store.js';

// Issue #14 "one round trip per view": the SQL statements a read costs, counted at the pg driver
// (the session lookup, BEGIN and COMMIT included), may not grow past what the reads were brought
// down to. A change that adds a query to one of these views fails here: fold it into the view's
// statement (store/request-reads.repository.ts, store/dashboard.repository.ts) or raise the budget
// on purpose, with the reason in the commit.
const BUDGET = {
  // The session and the detail's one statement (the disruption event it was drafted from folded into it: was 3).
  'detail (own nation)': 2,
  // The other nation's read also writes its audit event: one INSERT into the queue, its own transaction (was BEGIN, INSERT, COMMIT: 5).
  'detail (other nation)': 3,
  list: 2,
  queue: 2,
  // Before issue #14: 20 (one or more per register); now the session, one statement for every register but SPA, and SPA's list.
  dashboard: 3,
};

describe('SQL statements per read (PostgreSQL, counted at the driver)', () => {
  it('detail, list, queue and dashboard stay within their statement budget', { skip: TEST_STORE !== 'postgres' && 'counts the pg driver’s statements (PostgreSQL)' }, async () => {
    const counts = await countStatementsPerRequest();
    for (const [view, budget] of Object.entries(BUDGET)) {
      assert.ok(counts[view]! <= budget, `${view}: ${counts[view]} SQL statements, budget ${budget} (all: ${JSON.stringify(counts)})`);
    }
  });
});
