// Keyset pagination of the request list (issue #14): following nextCursor walks the same rows in
// the same order as offset pages, with the whole count on every page, even when many requests
// share one updated_at (the test clock stands still); a cursor that this server did not give out
// is refused (422) with the field named, and the work queue refuses one.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

describe('request list: keyset pages (?after=nextCursor)', () => {
  const t = useTestApp();
  let token: string;
  before(async () => {
    token = await t.login('in.sosa');
    for (let i = 0; i < 7; i++) {
      const res = await t.call(token, 'POST', '/requests', { ...F414_BLADES, title: `Keyset request ${i}` });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });

  it('walks every request once, in the order of the offset pages, with the total on each page', async () => {
    const all = await t.call(token, 'GET', '/requests?limit=200');
    assert.equal(all.status, 200);
    const expected = all.body.items.map((r: { id: string }) => r.id);
    assert.ok(expected.length >= 7);
    assert.equal(all.body.nextCursor, null, 'a page that is not full is the last');
    const walked: string[] = [];
    let path = '/requests?limit=3';
    for (let pages = 0; pages < 10; pages++) {
      const page = await t.call(token, 'GET', path);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.equal(page.body.total, expected.length);
      assert.equal(page.body.totalCapped, false, 'a short list is counted exactly');
      walked.push(...page.body.items.map((r: { id: string }) => r.id));
      if (page.body.nextCursor === null) break;
      path = `/requests?limit=3&after=${encodeURIComponent(page.body.nextCursor)}`;
    }
    assert.deepEqual(walked, expected);
  });

  it('answers 422 naming the field for a cursor it did not give out, and for one with the queue', async () => {
    const forged = await t.call(token, 'GET', `/requests?after=${Buffer.from('["yesterday","x"]').toString('base64url')}`);
    assert.equal(forged.status, 422);
    assert.equal(forged.body.errors[0].field, 'after');
    const first = await t.call(token, 'GET', '/requests?limit=1');
    const queued = await t.call(token, 'GET', `/requests?queue=mine&after=${encodeURIComponent(first.body.nextCursor)}`);
    assert.equal(queued.status, 422);
    assert.equal(queued.body.errors[0].field, 'after');
  });
});
