// The work queue has no scan limit (issue #14): it used to summarise the first 2,000 open
// requests and keep those waiting on the caller, so request 2,001 and later never appeared and
// the total stopped at what was scanned. Built in SQL from the states in which the caller can act,
// every request waiting on the caller is counted and can be paged to.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { F414_BLADES } from '../../testing/fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

const COPIES = 2_100;

interface Page {
  items: Array<{ id: string; reference: string; waitingOnYou: boolean }>;
  total: number;
}

describe('the work queue beyond 2,000 requests (#14)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  let template: string;
  let before0: number;
  before(async () => {
    const created = await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    template = created.body.id as string;
    before0 = ((await t.call(await t.login('us.sosa'), 'GET', '/requests?queue=mine&limit=1')).body as Page).total;
    // 2,100 more requests like it, all waiting on the US SOSA office, in one statement; each is a
    // day older than the last, so they sort after every other request of its urgency.
    await sql`
      insert into requests (id, reference, arrangement_id, from_nation, to_nation, workflow_id, state, urgency, title, program_id, justification, classification, required_by, fields, supplier_organisation_id, created_by, created_at, updated_at)
      select gen_random_uuid(), r.reference || '-Q' || lpad(g::text, 5, '0'), r.arrangement_id, r.from_nation, r.to_nation, r.workflow_id, r.state, r.urgency, r.title || ' #' || g, r.program_id, r.justification, r.classification, r.required_by, r.fields, r.supplier_organisation_id, r.created_by, r.created_at - make_interval(days => g), r.updated_at - make_interval(days => g)
      from requests r cross join generate_series(1, ${COPIES}) as g
      where r.id = ${template}
    `.execute(t.ctx.store.db);
  });

  it('counts every request waiting on the caller and pages past the 2,000th', async () => {
    const token = await t.login('us.sosa');
    const first = (await t.call(token, 'GET', '/requests?queue=mine&limit=200')).body as Page;
    assert.equal(first.total, before0 + COPIES, 'the total counts every request that waits on the caller');
    const seen = new Set<string>();
    for (let offset = 0; offset < first.total; offset += 200) {
      const res = await t.call(token, 'GET', `/requests?queue=mine&limit=200&offset=${offset}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const page = res.body as Page;
      assert.equal(page.total, first.total, `the total holds on the page at ${offset}`);
      assert.equal(page.items.length, Math.min(200, first.total - offset), `a full page at ${offset}`);
      for (const item of page.items) {
        assert.equal(item.waitingOnYou, true, `${item.reference} is in the queue and waits on the caller`);
        seen.add(item.id);
      }
    }
    assert.equal(seen.size, first.total, 'the pages hold each request once');
    // The oldest copies sort last: they are the ones a 2,000-row scan never reached.
    const last = (await t.call(token, 'GET', `/requests?queue=mine&limit=200&offset=${first.total - 100}`)).body as Page;
    assert.ok(last.items.some((i) => i.reference.endsWith(`-Q${String(COPIES).padStart(5, '0')}`)), 'the oldest copy is on the last page');
    // None of them waits on the requesting nation.
    assert.equal(((await t.call(await t.login('in.sosa'), 'GET', '/requests?queue=mine&limit=1')).body as Page).total, 0);
  });
});
