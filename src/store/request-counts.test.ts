import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { act, buildRequest } from '../testing/request-builders.js';
import type { TestApp } from '../testing/test-app.js';
import { compactRequestStateCounts } from './request-counts.repository.js';
import { useTestApp } from '../testing/use-test-app.js';

// Issue #14, the dashboard and the work queue flat at a million requests: what they count and
// order by is kept beside the requests by triggers (migration 0034), in each change's own
// transaction. Kept values are only worth their speed if they are exact: after creates,
// transitions (deadlines started and stopped) and bulk statements, before and after a
// compaction, they equal what a plain count and a plain min() over the rows say.

type Group = { workflow_id: string; state: string; from_nation: string; to_nation: string; n: number };

const key = (g: Group) => `${g.workflow_id}/${g.state}/${g.from_nation}->${g.to_nation}`;

async function keptCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await sql<Group>`
    select workflow_id, state, from_nation, to_nation, sum(n)::int as n
    from (select * from request_state_counts union all select * from request_state_deltas) c
    group by 1, 2, 3, 4 having sum(n) <> 0`.execute(t.ctx.store.db);
  return Object.fromEntries(rows.map((g) => [key(g), Number(g.n)]));
}

async function plainCounts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await sql<Group>`select workflow_id, state, from_nation, to_nation, count(*)::int as n from requests group by 1, 2, 3, 4`.execute(t.ctx.store.db);
  return Object.fromEntries(rows.map((g) => [key(g), Number(g.n)]));
}

/** Requests whose kept next_due_at is not the earliest due time of their running deadlines. */
async function staleNextDue(t: TestApp): Promise<Array<{ id: string }>> {
  const { rows } = await sql<{ id: string }>`
    select r.id from requests r
    where r.next_due_at is distinct from (select min(d.due_at) from deadlines d where d.request_id = r.id and d.stopped_at is null)`.execute(t.ctx.store.db);
  return rows;
}

/** The difference between request_overdue and the requests a plain query finds with a running overdue deadline. */
async function staleOverdue(t: TestApp): Promise<Array<{ id: string }>> {
  const { rows } = await sql<{ id: string }>`
    (select o.request_id as id from request_overdue o
       except select r.id from requests r where exists (select 1 from deadlines d where d.request_id = r.id and d.stopped_at is null and d.overdue_at is not null))
    union all
    (select r.id from requests r where exists (select 1 from deadlines d where d.request_id = r.id and d.stopped_at is null and d.overdue_at is not null)
       except select o.request_id from request_overdue o)`.execute(t.ctx.store.db);
  return rows;
}

describe('kept request counts and next due times (migration 0034, #14)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('equal a plain count and min() after creates, transitions, bulk statements and compactions', async () => {
    const seeded = await plainCounts(t);
    assert.deepEqual(await keptCounts(t), seeded, 'the migration counted the seeded requests');

    // Through the API: creates, and transitions that stop and start deadlines and move requests between states.
    const placed = await buildRequest(t, 'IN->US', 'placed');
    await buildRequest(t, 'US->IN', 'committed');
    const submitted = await buildRequest(t, 'IN->US');
    assert.ok(((await t.ctx.store.db.selectFrom('request_state_deltas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n as number) > 0, 'the changes wrote deltas');
    assert.deepEqual(await keptCounts(t), await plainCounts(t), 'after creates and transitions');
    assert.deepEqual(await staleNextDue(t), [], 'next_due_at after creates and transitions');
    const running = await t.ctx.store.db.selectFrom('requests').select('next_due_at').where('id', '=', submitted.id).executeTakeFirstOrThrow();
    assert.ok(running.next_due_at, 'a submitted request has a running deadline kept in its row');

    await compactRequestStateCounts(t.ctx.store.db);
    assert.equal(Number((await t.ctx.store.db.selectFrom('request_state_deltas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0, 'the compaction folded every delta');
    assert.deepEqual(await keptCounts(t), await plainCounts(t), 'after a compaction');

    // More changes after the compaction: a withdrawal, and bulk statements over many rows at once.
    await act(t, 'in.sosa', submitted.id, 'withdraw', { reason: 'No longer needed.' });
    await sql`
      insert into requests (id, reference, arrangement_id, from_nation, to_nation, workflow_id, state, urgency, title, program_id, justification, classification, required_by, fields, created_by, created_at, updated_at)
      select gen_random_uuid(), r.reference || '-C' || g, r.arrangement_id, r.from_nation, r.to_nation, r.workflow_id, case when g % 2 = 0 then 'submitted' else r.state end, r.urgency, r.title, r.program_id, r.justification, r.classification, r.required_by, r.fields, r.created_by, r.created_at, r.updated_at
      from requests r cross join generate_series(1, 7) g where r.id = ${placed.id}`.execute(t.ctx.store.db);
    await sql`update requests set state = 'acknowledged' where reference like ${'%-C%'} and state = 'submitted'`.execute(t.ctx.store.db);
    await sql`update requests set title = title || ' (edited)' where reference like ${'%-C%'}`.execute(t.ctx.store.db);
    await sql`delete from requests where reference like ${'%-C1'}`.execute(t.ctx.store.db);
    // A deadline recounted (a holiday list loaded), one added by hand and one deleted.
    await sql`update deadlines set due_at = due_at - interval '1 day' where request_id = ${placed.id} and stopped_at is null`.execute(t.ctx.store.db);
    await sql`insert into deadlines (id, request_id, kind, label, nation, started_at, due_at, working_days, hours, basis)
      select gen_random_uuid(), r.id, 'extra', 'Extra', r.to_nation, r.updated_at, r.updated_at + interval '1 hour', 0, null, '{}'::jsonb from requests r where r.reference like ${'%-C2'}`.execute(t.ctx.store.db);
    await sql`delete from deadlines where request_id = ${placed.id} and stopped_at is not null`.execute(t.ctx.store.db);
    assert.deepEqual(await keptCounts(t), await plainCounts(t), 'after a withdrawal and bulk inserts, updates and a delete');
    assert.deepEqual(await staleNextDue(t), [], 'next_due_at after deadlines recounted, added and deleted');

    // The scheduler marks running deadlines overdue; a step stops one of them.
    const marked = await sql`update deadlines set overdue_at = due_at where stopped_at is null and request_id in (select id from requests where reference like ${'%-C%'} or id = ${placed.id})`.execute(t.ctx.store.db);
    assert.ok(Number(marked.numAffectedRows) >= 2, 'deadlines marked overdue');
    assert.deepEqual(await staleOverdue(t), [], 'request_overdue after deadlines were marked overdue');
    assert.ok(Number((await t.ctx.store.db.selectFrom('request_overdue').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) >= 2);
    await sql`update deadlines set stopped_at = now(), stopped_by = 'test' where request_id = ${placed.id} and stopped_at is null`.execute(t.ctx.store.db);
    assert.deepEqual(await staleOverdue(t), [], 'request_overdue after an overdue deadline stopped');
    assert.deepEqual(await staleNextDue(t), [], 'next_due_at after an overdue deadline stopped');

    await compactRequestStateCounts(t.ctx.store.db);
    assert.deepEqual(await keptCounts(t), await plainCounts(t), 'after the second compaction');
  });

  it('the dashboard counts and the work queue total what a plain count of the visible rows says', async () => {
    await buildRequest(t, 'IN->US');
    await buildRequest(t, 'IN->US');
    const us = await t.login('us.sosa');
    const dashboard = (await t.call(us, 'GET', '/dashboard')).body;
    const { rows } = await sql<{ state: string; n: number; incoming: number; outgoing: number }>`
      select state, count(*)::int as n, (count(*) filter (where to_nation = 'US'))::int as incoming, (count(*) filter (where from_nation = 'US'))::int as outgoing
      from requests where (from_nation = 'US' or to_nation = 'US')
      group by state`.execute(t.ctx.store.db);
    const terminal = new Set((await t.ctx.workflows.all()).flatMap((w) => w.states.filter((s) => s.terminal).map((s) => s.id)));
    const plain = rows.filter((r) => !terminal.has(r.state)).map((r) => ({ state: r.state, total: r.n, incoming: r.incoming, outgoing: r.outgoing }));
    const byState = (dashboard.requests.open.byState as Array<{ state: string; total: number; incoming: number; outgoing: number }>).map(({ state, total, incoming, outgoing }) => ({ state, total, incoming, outgoing }));
    const order = (a: { state: string }, b: { state: string }) => a.state.localeCompare(b.state);
    assert.deepEqual(byState.sort(order), plain.sort(order), 'the open requests per state');
    const overdue = await sql<{ n: number }>`select count(*)::int as n from requests r where (from_nation = 'US' or to_nation = 'US')
      and exists (select 1 from deadlines d where d.request_id = r.id and d.stopped_at is null and d.overdue_at is not null)`.execute(t.ctx.store.db);
    assert.ok(overdue.rows[0]!.n > 0, 'some visible request is overdue');
    assert.equal(dashboard.requests.overdue, overdue.rows[0]!.n, 'the overdue requests');

    // The queue's total (kept counts) is the number of rows it pages through.
    const first = (await t.call(us, 'GET', '/requests?queue=mine&limit=100')).body as { total: number; items: unknown[] };
    assert.ok(first.total >= 2, 'the new requests wait on the US SOSA office');
    assert.equal(first.total, first.items.length, 'the total is the queue rows');
  });
});
