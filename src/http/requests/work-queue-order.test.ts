// The work queue's order (issue #14), kept when the queue moved to an index: most urgent first
// (armed conflict, emergency, routine), then the earliest running deadline (a stopped one does not
// count; none sorts last), then the most recently updated, then by id; and its offset pages are
// slices of that one order.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { F414_BLADES } from '../../testing/fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

const COPIES = 24;
const URGENCIES = ['routine', 'emergency', 'armed_conflict'] as const;
const RANK: Record<string, number> = { armed_conflict: 0, emergency: 1, routine: 2 };

interface Page {
  items: Array<{ id: string; reference: string }>;
  total: number;
}

describe('the work queue order (#14)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  before(async () => {
    const created = await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const db = t.ctx.store.db;
    // Copies of a request waiting on the US SOSA office, over the three urgencies, an hour apart,
    // some updated at the same moment (the id decides); every third without a deadline, the others
    // with a running one due on one of five days (ties go to the update), and some with an earlier
    // one already stopped (it must not count).
    await sql`
      insert into requests (id, reference, arrangement_id, from_nation, to_nation, workflow_id, state, urgency, title, program_id, justification, classification, required_by, fields, supplier_organisation_id, created_by, created_at, updated_at)
      select gen_random_uuid(), r.reference || '-O' || lpad(g::text, 3, '0'), r.arrangement_id, r.from_nation, r.to_nation, r.workflow_id, r.state,
             (${sql.val([...URGENCIES])}::text[])[1 + g % 3], r.title || ' #' || g, r.program_id, r.justification, r.classification, r.required_by, r.fields,
             r.supplier_organisation_id, r.created_by, r.created_at, r.updated_at - make_interval(hours => g / 2)
      from requests r cross join generate_series(1, ${COPIES}) as g
      where r.id = ${created.body.id}
    `.execute(db);
    await sql`
      insert into deadlines (id, request_id, kind, label, nation, started_at, due_at, working_days, hours, basis, stopped_at, stopped_by)
      select gen_random_uuid(), r.id, k.kind, k.kind, r.to_nation, r.updated_at, k.due_at, 5, null, '{}'::jsonb, k.stopped_at, k.stopped_by
      from requests r, lateral (values
          ('acknowledge', timestamptz '2026-11-24T00:00:00Z' + make_interval(days => (regexp_match(r.reference, '-O([0-9]+)$'))[1]::int % 5), null::timestamptz, null::text),
          ('earlier', timestamptz '2026-11-20T00:00:00Z', timestamptz '2026-11-21T00:00:00Z', 'acknowledge')
        ) as k(kind, due_at, stopped_at, stopped_by)
      where r.reference ~ '-O[0-9]+$' and (regexp_match(r.reference, '-O([0-9]+)$'))[1]::int % 3 <> 0
        and (k.kind = 'acknowledge' or (regexp_match(r.reference, '-O([0-9]+)$'))[1]::int % 4 = 0)
    `.execute(db);
  });

  it('is most urgent first, then the earliest running deadline (none last), then the most recently updated; its pages are slices of that order', async () => {
    const token = await t.login('us.sosa');
    const whole = (await t.call(token, 'GET', '/requests?queue=mine&limit=200')).body as Page;
    assert.equal(whole.total, COPIES + 1, 'the copies and their template wait on the US SOSA office');
    const rows = await t.ctx.store.db
      .selectFrom('requests')
      .select(['id', 'urgency', 'updated_at', (eb) => eb.selectFrom('deadlines').select((d) => d.fn.min('due_at').as('due')).whereRef('deadlines.request_id', '=', 'requests.id').where('stopped_at', 'is', null).as('next_due')])
      .where('id', 'in', whole.items.map((i) => i.id))
      .execute();
    const due = (r: (typeof rows)[number]) => (r.next_due ? new Date(r.next_due as Date).getTime() : Number.POSITIVE_INFINITY);
    const expected = [...rows]
      .sort((a, b) => RANK[a.urgency]! - RANK[b.urgency]! || due(a) - due(b) || new Date(b.updated_at).getTime() - new Date(a.updated_at).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((r) => r.id);
    assert.deepEqual(whole.items.map((i) => i.id), expected);
    assert.ok(rows.some((r) => r.next_due === null) && rows.some((r) => r.next_due !== null), 'some rows with a running deadline and some without');
    const paged: string[] = [];
    for (let offset = 0; offset < whole.total; offset += 7) {
      const page = (await t.call(token, 'GET', `/requests?queue=mine&limit=7&offset=${offset}`)).body as Page;
      assert.equal(page.total, whole.total);
      paged.push(...page.items.map((i) => i.id));
    }
    assert.deepEqual(paged, expected, 'the pages of 7 put together are the whole queue in order');
  });
});
