// A month of demo life on a fresh store (PGlite, or PostgreSQL with SOSA_TEST_STORE=postgres):
// what a user opening the demo relies on — every official has work waiting and was told of it,
// each state of both request paths is there, the audit chain holds, a second start adds nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditLog } from '../../../store/audit.repository.js';
import { createTestApp, type TestApp } from '../../../testing/test-app.js';
import { seedDemoOrderBook } from '../seed-demo-orders.js';
import { seedPartnershipDemoData } from '../seed-partnership-demo.js';
import { DEMO_LIFE_ACTION, seedDemoLife } from './index.js';

// A Monday afternoon (UTC); the month before it runs over weekends and into the previous month.
const TODAY = '2026-11-23T14:00:00Z';

async function seededApp(now: string): Promise<{ t: TestApp; durationMs: number }> {
  const t = await createTestApp({ now });
  await seedDemoOrderBook(t.ctx.store.db, t.ctx.now());
  await seedPartnershipDemoData(t.ctx.store.db, t.ctx.now());
  const life = await seedDemoLife(t.ctx);
  assert.equal(life.seeded, true, String(life.skipped));
  return { t, durationMs: life.durationMs };
}

const TABLES = ['requests', 'request_events', 'deadlines', 'escalations', 'notifications', 'comments', 'threads', 'thread_messages', 'supplier_orders', 'order_history', 'placed_sub_orders', 'spa_requests', 'production_resources', 'audit_events'] as const;

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.ctx.store.db);
    out[table] = Number(rows[0]!.n);
  }
  return out;
}

describe('demo life', () => {
  let t: TestApp;
  before(async () => {
    const seeded = await seededApp(TODAY);
    t = seeded.t;
    console.log(`demo life seeded in ${seeded.durationMs} ms`);
  });
  after(() => t.close());

  const get = async (user: string, path: string) => {
    const res = await t.call(await t.login(user), 'GET', path);
    assert.equal(res.status, 200, `${user} GET ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  test('each state of both request paths is there', async () => {
    const rows = await t.ctx.store.db.selectFrom('requests').select(['id', 'workflow_id', 'state']).execute();
    const states = (workflow: string) => rows.filter((r) => r.workflow_id === workflow).map((r) => r.state);
    for (const s of ['submitted', 'sosa_review', 'returned', 'program_determination', 'rating_authorization', 'rated_order_placed', 'in_performance', 'delivered', 'closed']) {
      assert.ok(states('dpas').includes(s), `a DPAS request ${s}: ${states('dpas').join(', ')}`);
    }
    for (const s of ['submitted', 'mod_review', 'routed', 'in_performance']) assert.ok(states('code_of_conduct').includes(s), `a Code of Conduct request ${s}`);

    const events = await t.ctx.store.db.selectFrom('request_events').select(['request_id', 'action', 'at']).orderBy('at').execute();
    const actionsOf = (id: string) => events.filter((e) => e.request_id === id).map((e) => e.action);
    // Rejected by one supplier, placed again with another, accepted by that one.
    const replaced = rows.find((r) => actionsOf(r.id).includes('reject_rated_order'));
    assert.ok(replaced, 'a rejected rated order');
    assert.deepEqual(actionsOf(replaced.id).filter((a) => a.endsWith('rated_order')), ['place_rated_order', 'reject_rated_order', 'place_rated_order', 'accept_rated_order']);
    const suppliers = await t.ctx.store.db.selectFrom('request_assignments').select(['organisation_id', 'status']).where('request_id', '=', replaced.id).execute();
    assert.deepEqual(suppliers.map((s) => s.status).sort(), ['accepted', 'superseded']);
    assert.ok(rows.some((r) => actionsOf(r.id).includes('report_delay')), 'a delay reported');
    assert.ok(rows.some((r) => actionsOf(r.id).includes('return_for_information') && r.state === 'returned'), 'one returned for information');
    // A Code of Conduct request declined by one company, the other still asked.
    const declined = rows.find((r) => actionsOf(r.id).includes('decline'));
    assert.ok(declined && declined.state === 'routed');
    const lines = await t.ctx.store.db.selectFrom('request_assignments').select('status').where('request_id', '=', declined.id).execute();
    assert.deepEqual(lines.map((l) => l.status).sort(), ['declined', 'pending']);

    // One overdue at DoD and escalated, at the time it fell due (in the month), not at seeding.
    const escalated = await t.ctx.store.db.selectFrom('escalations').innerJoin('deadlines', 'deadlines.id', 'escalations.deadline_id').select(['deadlines.kind', 'deadlines.due_at', 'escalations.escalated_at', 'escalations.escalated_to']).execute();
    const atDod = escalated.find((e) => e.kind === 'program_determination');
    assert.ok(atDod, JSON.stringify(escalated));
    assert.equal(atDod.escalated_to, 'US:program_determination');
    assert.ok(atDod.escalated_at.getTime() < Date.parse(TODAY) && atDod.escalated_at >= atDod.due_at);
    // The month ends now: nothing happened after it, and it began about a month before.
    assert.ok(events.at(-1)!.at.getTime() <= Date.parse(TODAY));
    const days = (Date.parse(TODAY) - events[0]!.at.getTime()) / 86_400_000;
    assert.ok(days > 25 && days < 36, `the month starts ${days} days ago`);
  });

  test('every demo official has work waiting and was notified of it', async () => {
    for (const user of ['in.sosa', 'us.sosa', 'us.dod', 'us.commerce']) {
      const { items } = await get(user, '/requests?queue=mine&limit=200');
      const waiting = items.filter((r: { actions: unknown[] }) => r.actions.length > 0);
      assert.ok(waiting.length > 0, `${user} has requests waiting on it`);
      const notes = await get(user, '/notifications?limit=100');
      assert.ok(notes.unread > 0, `${user} has unread notifications`);
    }
    // DoD: the overdue one is among its work, and it was told of the escalation.
    const dod = await get('us.dod', '/requests?queue=mine&limit=200');
    assert.ok(dod.items.some((r: { nextDeadline?: { overdue: boolean } }) => r.nextDeadline?.overdue), 'DoD sees an overdue request');
    assert.ok((await get('us.dod', '/spa-requests')).items.some((s: { status: string }) => s.status === 'under_review'), 'DoD reviews an SPA request');
    for (const user of ['in.analyst', 'us.analyst', 'in.admin', 'us.admin']) {
      const d = await get(user, '/dashboard');
      assert.ok(d.requests.open.total > 0, `${user}'s dashboard counts open requests`);
    }
    for (const user of ['in.auditor', 'us.auditor']) {
      const { items } = await get(user, '/audit?action=request.&limit=50');
      assert.ok(items.length > 10, `${user} reads request events in the audit log`);
    }
  });

  test('the companies have books and commitments: lines, an order to decide, a late one, a flow-down tree', async () => {
    const lynn = (await get('us.supplier', '/rated-orders')).items as Array<{ id: string; requestId?: string | null; decision: unknown; resourceId?: string | null; daysLate: number; actions: string[] }>;
    assert.ok(lynn.length >= 4, `Lynn's book: ${lynn.length}`);
    assert.ok((await get('us.supplier', '/resources')).items.length >= 2, 'Lynn has production lines');
    assert.ok((await get('us.supplier', '/rated-orders?late=true')).items.length >= 1, 'Lynn has a late order');
    assert.ok((await get('us.supplier', '/notifications')).unread > 0);
    const subs = await get('us.supplier', '/sub-orders');
    assert.equal(subs.placed.length, 1, 'Lynn placed a rated sub-order');
    const ohio = await get('us.supplier2', '/sub-orders');
    assert.equal(ohio.received.length, 1, 'Ohio received it');
    assert.equal(ohio.placed.length, 1, 'and placed one further down');
    // The tree from Lynn's SOSA order: Lynn → Ohio → Ohio's alloy supplier.
    const root = await t.ctx.store.db.selectFrom('placed_sub_orders').select('parent_order_id').where('order_number', '=', 'LTC-SUB-7781').executeTakeFirstOrThrow();
    const tree = JSON.stringify(await get('us.supplier', `/rated-orders/${root.parent_order_id}/flow-down`));
    assert.ok(tree.includes('LTC-SUB-7781'), tree);
    assert.ok((await get('us.supplier2', '/rated-orders')).items.length >= 7, 'Ohio has its book and the SOSA orders');

    const bharat = await get('in.supplier', '/commitments');
    const byStatus = (s: string) => bharat.items.filter((i: { status: string }) => i.status === s).length;
    assert.ok(byStatus('pending') >= 2 && byStatus('committed') === 1, JSON.stringify(bharat.items.map((i: { status: string }) => i.status)));
    const deccan = await get('in.supplier2', '/commitments');
    assert.ok(deccan.items.some((i: { status: string }) => i.status === 'pending') && deccan.items.some((i: { status: string }) => i.status === 'declined'));
  });

  test('threads carry messages between the offices', async () => {
    const { items } = await get('us.sosa', '/threads?limit=50');
    const onRequests = items.filter((th: { subjectKind?: string; subject?: { kind: string } }) => (th.subjectKind ?? th.subject?.kind) === 'request');
    assert.ok(onRequests.length >= 2, JSON.stringify(items.map((th: { title: string }) => th.title)));
    const india = await get('in.sosa', '/threads?limit=50');
    assert.ok(!JSON.stringify(india).includes('determination overdue'), 'the US-internal thread stays in the US');
  });

  test('the audit chain verifies, its times never go back, and a second seeding adds nothing', async () => {
    const verdict = await verifyAuditLog(t.ctx.store.db);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
    const times = await t.ctx.store.db.selectFrom('audit_events').select(['seq', 'at']).orderBy('seq').execute();
    for (let i = 1; i < times.length; i++) assert.ok(times[i]!.at >= times[i - 1]!.at, `audit event ${times[i]!.seq} is dated before ${times[i - 1]!.seq}`);
    assert.equal((await t.ctx.store.db.selectFrom('audit_events').select('seq').where('action', '=', DEMO_LIFE_ACTION).execute()).length, 1);

    const before = await counts(t);
    const again = await seedDemoLife(t.ctx);
    assert.equal(again.seeded, false);
    assert.deepEqual(await counts(t), before);
  });
});

describe('demo life on other days', () => {
  // A Sunday at the turn of a year: the month runs over a year end, the holidays and weekends.
  for (const now of ['2027-01-03T02:30:00Z', '2026-07-04T22:00:00Z']) {
    test(`seeds every story when today is ${now}`, async () => {
      const { t } = await seededApp(now);
      try {
        const states = (await t.ctx.store.db.selectFrom('requests').select('state').execute()).map((r) => r.state);
        assert.equal(states.length, 17);
        assert.ok(states.includes('closed') && states.includes('returned'));
        assert.equal((await verifyAuditLog(t.ctx.store.db)).ok, true);
      } finally {
        await t.close();
      }
    });
  }
});
