import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureViewStatements, explainStatement, SCALE_VIEWS, seedScale } from '../testing/scale-reads.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { TEST_STORE } from '../testing/test-store.js';

// Issue #14, queries that stay flat as data grows: at 100,000 requests the statements the app
// sends for the list's first page, a keyset next page, the work queue and the dashboard read the
// requests through indexes (no sequential scan of the table) and sort in memory (no sort spilled
// to disk). PostgreSQL only: the plans are PostgreSQL's, and the statements are captured at its driver.
const REQUESTS = 100_000;
const skip = TEST_STORE !== 'postgres' && 'plans of PostgreSQL (the statements are captured at the pg driver)';

describe(`reads at ${REQUESTS.toLocaleString('en')} requests (PostgreSQL plans)`, { skip }, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await seedScale(t, REQUESTS);
  });
  after(() => t?.close());

  it('the list, a keyset page, the work queue and the dashboard scan no requests sequentially and sort nothing on disk', async () => {
    const usSosa = await t.login('us.sosa');
    const list = await t.call(usSosa, 'GET', '/requests?limit=20');
    assert.equal(list.body.total, REQUESTS + 1, 'the seeded copies and their template are listed');
    const statements = await captureViewStatements(t);
    assert.deepEqual([...new Set(statements.map((s) => s.view))], [...SCALE_VIEWS], 'every view was captured');
    for (const s of statements) {
      const plan = await explainStatement(t.ctx.store.db, s);
      assert.equal(plan.requestSeqScans, 0, `${s.view}: a sequential scan of requests in ${s.text.slice(0, 200)}`);
      assert.deepEqual(plan.externalSorts, [], `${s.view}: a sort spilled to disk in ${s.text.slice(0, 200)}`);
    }
  });
});
