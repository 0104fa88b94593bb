import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countStatementsPerRequest } from '../testing/statement-counter.js';
import { TEST_STORE } from '../testing/test-store.js';

// Issue #14 "one round trip per view": the SQL statements a read costs, counted at the pg driver
// (BEGIN and COMMIT included; the session lookup when the process reads it), may not grow past what the reads were brought
// down to. A change that adds a query to one of these views fails here: fold it into the view's
// statement (store/request-reads.repository.ts, store/dashboard.repository.ts) or raise the budget
// on purpose, with the reason in the commit. A create and a step (an acknowledge) are held the same
// way (store/requests.repository.ts insertNewRequest, writeRequestStep).
// The session is kept by the server process (services/auth/session-cache.ts): a steady reader's
// session costs no statement (each budget was one more before).
const BUDGET = {
  // The detail's one statement (the disruption event it was drafted from folded into it: was 3 with the session).
  'detail (own nation)': 1,
  // The other nation's read also writes its audit event: one INSERT into the queue, its own transaction (was BEGIN, INSERT, COMMIT: 5).
  'detail (other nation)': 2,
  list: 1,
  queue: 1,
  // Before issue #14: 20 (one or more per register); now one statement for every register but SPA, and SPA's list.
  dashboard: 2,
  // The checks' one read (direction with its posture, program, nation's name: was 3), BEGIN, the
  // recipients with the acting nation's name (was 2), the delivery with preferences (was 2), the
  // request's one statement with its audit event (was 2), the notifications in one INSERT, COMMIT,
  // the answer's read (was 13, then 9).
  create: 8,
  // BEGIN, the locked read, the step's one statement (row, deadlines, history and audit events: was
  // 5), the recipients with the acting nation's name (was 2), COMMIT, the answer's read and its
  // request.read event (was 12).
  transition: 7,
};

describe('SQL statements per request (PostgreSQL, counted at the driver)', () => {
  it('detail, list, queue, dashboard, create and transition stay within their statement budget', { skip: TEST_STORE !== 'postgres' && 'counts the pg driver’s statements (PostgreSQL)' }, async () => {
    const counts = await countStatementsPerRequest();
    for (const [view, budget] of Object.entries(BUDGET)) {
      assert.ok(counts[view]! <= budget, `${view}: ${counts[view]} SQL statements, budget ${budget} (all: ${JSON.stringify(counts)})`);
    }
  });
});
