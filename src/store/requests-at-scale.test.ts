import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { captureViewStatements, explainStatement, SCALE_VIEWS, seedScale } from '../testing/scale-reads.js';
import { TEST_STORE } from '../testing/test-store.js';
import { LIST_COUNT_CAP } from './requests.repository.js';
import { useTestApp } from '../testing/use-test-app.js';

// Issue #14, queries that stay flat as data grows: at 100,000 requests the statements the app
// sends for the list's first page, a keyset next page, a search by a reference's fragment (trigram
// indexes, migration 0033), the overdue filter, the work queue and the dashboard read the
// requests through indexes (no sequential scan of the table) and sort in memory (no sort spilled
// to disk). PostgreSQL only: the plans are PostgreSQL's, and the statements are captured at its driver.
const REQUESTS = 100_000;
/** Pages of the requests table and its indexes the work queue may read at this size: hundreds, not the thousands its candidates lie on. */
const QUEUE_REQUEST_PAGES = 600;
/** The most rows the work queue and the dashboard may take from one scan of requests, or into one sort: a page's worth and a few overdue requests, not the thousands that wait or are open. */
const FLAT_ROWS = 1_000;
const skip = TEST_STORE !== 'postgres' && 'plans of PostgreSQL (the statements are captured at the pg driver)';

describe(`reads at ${REQUESTS.toLocaleString('en')} requests (PostgreSQL plans)`, { skip }, () => {
  const t = useTestApp();
  before(async () => {
    await seedScale(t, REQUESTS);
  });

  it('the list, a keyset page, a search, the overdue filter, the work queue and the dashboard scan no requests sequentially and sort nothing on disk', async () => {
    const usSosa = await t.login('us.sosa');
    const list = await t.call(usSosa, 'GET', '/requests?limit=20');
    // Past 10,000 the count stops (LIST_COUNT_CAP): the list says "more than 10,000" rather than
    // walk a hundred thousand index entries; a narrower filter is counted exactly.
    assert.deepEqual({ total: list.body.total, capped: list.body.totalCapped }, { total: LIST_COUNT_CAP, capped: true }, 'the list says it holds more than 10,000');
    const found = await t.call(usSosa, 'GET', '/requests?limit=20&q=S4242');
    assert.deepEqual({ total: found.body.total, capped: found.body.totalCapped }, { total: found.body.items.length, capped: false }, 'a search is counted exactly');
    assert.ok(found.body.items.some((r: { reference: string }) => r.reference.endsWith('-S4242')), 'the search finds the copy by its reference');
    const statements = await captureViewStatements(t);
    assert.deepEqual([...new Set(statements.map((s) => s.view))], [...SCALE_VIEWS], 'every view was captured');
    for (const s of statements) {
      const plan = await explainStatement(t.ctx.store.db, s);
      assert.equal(plan.requestSeqScans, 0, `${s.view}: a sequential scan of requests in ${s.text.slice(0, 200)}`);
      assert.deepEqual(plan.externalSorts, [], `${s.view}: a sort spilled to disk in ${s.text.slice(0, 200)}`);
    }
  });

  it('the work queue finds its page in the index: it reads the table only for the rows it shows', async () => {
    // About 4,000 of the seeded requests wait on the US SOSA office, scattered over ~3,400 of the
    // table's pages. Counting them and ordering them from the table read every one of those pages
    // (82 ms); from requests_queue_keys (an index-only scan) the queue reads the index's entries of
    // the states it acts in (~100 pages) and the table's pages of its 20 rows.
    const queue = (await captureViewStatements(t)).filter((s) => s.view === 'work queue');
    assert.equal(queue.length, 1, 'the queue is one statement');
    const plan = await explainStatement(t.ctx.store.db, queue[0]!);
    assert.ok(plan.requestBlocks < QUEUE_REQUEST_PAGES, `the queue read ${plan.requestBlocks} pages of requests and its indexes (at most ${QUEUE_REQUEST_PAGES}): ${queue[0]!.text.slice(0, 300)}`);
  });

  it('the work queue and the dashboard read no more rows of requests than they show: no count, probe or sort of all the open ones', async () => {
    // Migration 0034: the queue's order is in its index (next_due_at kept in the row) and its total
    // and the dashboard's counts per state are kept counts. Before, at this size, the queue sorted
    // its ~4,000 candidates after probing each one's deadlines, and the dashboard counted its ~10,000 open requests.
    const statements = (await captureViewStatements(t)).filter((s) => s.view === 'work queue' || s.view === 'dashboard');
    for (const s of statements) {
      const plan = await explainStatement(t.ctx.store.db, s);
      assert.ok(plan.largestRequestScan <= FLAT_ROWS, `${s.view}: one scan of requests returned ${plan.largestRequestScan} rows (at most ${FLAT_ROWS}): ${s.text.slice(0, 300)}`);
      assert.ok(plan.largestSortInput <= FLAT_ROWS, `${s.view}: one sort took ${plan.largestSortInput} rows (at most ${FLAT_ROWS}): ${s.text.slice(0, 300)}`);
    }
  });
});
