import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { escalateOverdueActionItems } from '../../services/partnership/working-groups/escalate-overdue-action-items.js';
import { sequencePendingAudit, verifyAuditLog } from '../../store/audit.repository.js';
import { addThirdNations, userId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { TEST_STORE } from '../../testing/test-store.js';
import { withTwoServers } from '../../testing/two-servers.js';
import { useTestApp } from '../../testing/use-test-app.js';

const count = async (t: TestApp, table: 'logistics_orders' | 'logistics_settlements' | 'working_group_action_items' | 'audit_events') =>
  Number((await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('points of contact: each nation keeps its own, both nations of an arrangement read', () => {
  const t = useTestApp({}, addThirdNations);

  it('India adds its logistics contact; the US reads it, the UK (another US partner) does not; only India changes it', async () => {
    const inSosa = await t.login('in.sosa');
    const created = await t.call(inSosa, 'POST', '/points-of-contact', { function: 'logistics', name: 'Cdr. Arjun Rao', organisation: 'Integrated Defence Staff, Logistics', email: 'arjun.rao@example.in', phone: '+91 11 2301 0000' });
    assert.equal(created.status, 201);
    assert.equal(created.body.nation, 'IN', 'the nation is the officer’s own, never chosen');
    const us = await t.call(await t.login('us.sosa'), 'GET', '/points-of-contact?function=logistics');
    assert.ok(us.body.items.some((c: { id: string }) => c.id === created.body.id));
    const gb = await t.call(await t.login('gb.sosa'), 'GET', '/points-of-contact');
    assert.ok(!gb.body.items.some((c: { nation: string }) => c.nation === 'IN'), 'the UK sees no Indian contact');
    assert.equal((await t.call(await t.login('gb.sosa'), 'PATCH', `/points-of-contact/${created.body.id}`, { name: 'x' })).status, 404);
    assert.equal((await t.call(await t.login('us.sosa'), 'PATCH', `/points-of-contact/${created.body.id}`, { name: 'x' })).status, 403);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', '/points-of-contact')).status, 403);
    const patched = await t.call(inSosa, 'PATCH', `/points-of-contact/${created.body.id}`, { title: 'Joint Director (Logistics)' });
    assert.equal(patched.body.title, 'Joint Director (Logistics)');
    const search = await t.call(inSosa, 'GET', '/points-of-contact?q=arjun');
    assert.deepEqual(search.body.items.map((c: { id: string }) => c.id), [created.body.id]);
  });

  it('refuses a contact nobody can reach (no e-mail, no phone)', async () => {
    const res = await t.call(await t.login('us.sosa'), 'POST', '/points-of-contact', { function: 'legal', name: 'Counsel', organisation: 'DoD OGC' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'email');
  });
});

describe('working groups: members of both nations, action items with owners and working-day due dates', () => {
  // Monday 2026-11-23, 15:00 in New Delhi.
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' }, addThirdNations);
  let groupId: string;
  let members: Record<string, string>;
  let meetingId: string;
  before(async () => {
    const res = await t.call(await t.login('us.sosa'), 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Jet engine co-production (F414) working group',
      purpose: 'Supply chain of the F414-INS6 co-production: castings, forgings, blades.',
      members: [
        { userId: await userId(t, 'us.sosa'), chair: true },
        { userId: await userId(t, 'in.sosa'), chair: true },
        { userId: await userId(t, 'in.analyst') },
        { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL Engine Division', email: 's.menon@example.in' },
      ],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    groupId = res.body.id;
    members = Object.fromEntries(res.body.members.map((m: { name: string; id: string }) => [m.name, m.id]));
    const meeting = await t.call(await t.login('in.sosa'), 'POST', `/working-groups/${groupId}/meetings`, { title: 'Second meeting', startsAt: '2026-11-23T15:00:00+05:30', timeZone: 'Asia/Kolkata', agenda: '1. Castings lead time' });
    assert.equal(meeting.status, 201);
    meetingId = meeting.body.id;
  });

  it('refuses an action item without an owner (422) and writes nothing', async () => {
    const before = await count(t, 'working_group_action_items');
    const res = await t.call(await t.login('in.sosa'), 'POST', `/working-groups/${groupId}/action-items`, { title: 'Send casting forecast', meetingId, dueInWorkingDays: 2 });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'ownerMemberId');
    assert.equal(await count(t, 'working_group_action_items'), before);
  });

  it("counts 'N working days from the meeting' in the owner's nation: India skips Guru Nanak's Birthday, the US Thanksgiving", async () => {
    const sosa = await t.login('in.sosa');
    const indian = await t.call(sosa, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Forging capacity plan', ownerMemberId: members['Dr. S. Menon'], meetingId, dueInWorkingDays: 2 });
    assert.equal(indian.status, 201, JSON.stringify(indian.body));
    assert.equal(indian.body.dueDate, '2026-11-26');
    assert.equal(indian.body.ownerNation, 'IN');
    const american = await t.call(sosa, 'POST', `/working-groups/${groupId}/action-items`, { title: 'DPAS rating outlook', ownerMemberId: members['Dana Whitfield'], meetingId, dueInWorkingDays: 3 });
    assert.equal(american.body.dueDate, '2026-11-27');
    const byDate = await t.call(sosa, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Minutes circulated', ownerMemberId: members['Col. Priya Raghavan'], dueDate: '2026-11-24' });
    assert.equal(byDate.body.dueDate, '2026-11-24');
    assert.match(byDate.body.dueBasis.warning, /Guru Nanak/);
  });

  it('escalates an overdue item exactly once (audit event + flag), and never a done one', async () => {
    const sosa = await t.login('in.sosa');
    const done = await t.call(sosa, 'POST', `/working-groups/${groupId}/action-items`, { title: 'Already done', ownerMemberId: members['Rahul Verma'], dueDate: '2026-11-24' });
    assert.equal((await t.call(sosa, 'PATCH', `/working-groups/${groupId}/action-items/${done.body.id}`, { status: 'done' })).body.status, 'done');
    t.clock.set('2026-11-24T18:29:00Z'); // 23:59 on the 24th in New Delhi: not yet
    assert.equal(await escalateOverdueActionItems(t.ctx), 0);
    t.clock.set('2026-11-24T18:30:00Z');
    const [a, b] = await Promise.all([escalateOverdueActionItems(t.ctx), escalateOverdueActionItems(t.ctx)]);
    assert.equal(a + b, 1, 'two schedulers at once: one escalation');
    assert.equal(await escalateOverdueActionItems(t.ctx), 0, 'a restart escalates nothing again');
    // Called outside a request: the test waits out the sequencer's merge delay itself (issue #14).
    await sequencePendingAudit(t.ctx.store.db);
    const events = await t.ctx.store.db.selectFrom('audit_events').select(['nation', 'data']).where('action', '=', 'action_item.escalate').execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.nation, 'IN');
    const view = await t.call(await t.login('us.sosa'), 'GET', `/working-groups/${groupId}`);
    const minutes = view.body.actionItems.find((i: { title: string }) => i.title === 'Minutes circulated');
    assert.equal(minutes.overdue, true);
    assert.equal(minutes.escalatedTo, 'IN:sosa_officer');
    assert.ok(minutes.escalatedAt);
    const again = await t.login('in.sosa'); // the session of a day ago has expired
    const overdueList = await t.call(again, 'GET', '/action-items?overdue=true');
    assert.deepEqual(overdueList.body.items.map((i: { title: string }) => i.title), ['Minutes circulated']);
    const groups = await t.call(again, 'GET', '/working-groups?overdue=true');
    assert.equal(groups.body.items[0].overdueItems, 1);
  });

  it('records minutes and attendance; attendance of a non-member is refused', async () => {
    const sosa = await t.login('us.sosa');
    const res = await t.call(sosa, 'PATCH', `/working-groups/${groupId}/meetings/${meetingId}`, { minutes: 'Castings lead time 38 weeks; second source under study.', attendance: [{ memberId: members['Dana Whitfield'], present: true }, { memberId: members['Dr. S. Menon'], present: false }] });
    assert.equal(res.status, 200);
    const m = res.body.meetings.find((x: { id: string }) => x.id === meetingId);
    assert.match(m.minutes, /38 weeks/);
    assert.deepEqual(m.attendance.map((a: { name: string; present: boolean }) => [a.name, a.present]).sort(), [['Dana Whitfield', true], ['Dr. S. Menon', false]]);
    const bad = await t.call(sosa, 'PATCH', `/working-groups/${groupId}/meetings/${meetingId}`, { attendance: [{ memberId: '00000000-0000-4000-8000-000000000000', present: true }] });
    assert.equal(bad.status, 422);
  });

  it('members see the group; officers and auditors of both nations read; a non-member analyst, a third nation get 404', async () => {
    assert.equal((await t.call(await t.login('in.analyst'), 'GET', `/working-groups/${groupId}`)).status, 200, 'a member');
    assert.equal((await t.call(await t.login('in.analyst'), 'POST', `/working-groups/${groupId}/meetings`, { title: 'x', startsAt: '2026-12-01T10:00:00Z', timeZone: 'UTC' })).status, 403, 'members read, officers write');
    assert.equal((await t.call(await t.login('us.auditor'), 'GET', `/working-groups/${groupId}`)).status, 200);
    assert.equal((await t.call(await t.login('us.analyst'), 'GET', `/working-groups/${groupId}`)).status, 404, 'not a member');
    assert.equal((await t.call(await t.login('gb.sosa'), 'GET', `/working-groups/${groupId}`)).status, 404);
    assert.equal((await t.call(await t.login('gb.sosa'), 'POST', `/working-groups/${groupId}/action-items`, { title: 'x', ownerMemberId: members['Dr. S. Menon'], dueDate: '2026-12-01' })).status, 404);
    const gbList = await t.call(await t.login('gb.sosa'), 'GET', '/working-groups');
    assert.deepEqual(gbList.body.items, []);
    const usAnalyst = await t.call(await t.login('us.analyst'), 'GET', '/action-items');
    assert.deepEqual(usAnalyst.body.items, []);
  });

  it('refuses a member of a third nation', async () => {
    const res = await t.call(await t.login('us.sosa'), 'POST', `/working-groups/${groupId}/members`, { members: [{ userId: await userId(t, 'gb.sosa') }] });
    assert.equal(res.status, 422);
  });
});

describe('LEMOA logistics ledger: orders, partial settlements, balances', () => {
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' }, addThirdNations);

  it('settles in part, refuses more than the open amount naming it (422, nothing written), and nets the balances', async () => {
    const usSosa = await t.login('us.sosa');
    const fuel = await t.call(usSosa, 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel, 180 m³, INS Satpura at Guam', occasion: 'Exercise Malabar 2026', deliveredOn: '2026-10-14', currency: 'USD', amount: '212400.00', settlementMethod: 'cash' });
    assert.equal(fuel.status, 201, JSON.stringify(fuel.body));
    assert.equal(fuel.body.settleBy, '2027-10-14', '12 months after delivery (10 USC 2345)');
    assert.equal(fuel.body.amountMinor, 21_240_000);
    const inSosa = await t.login('in.sosa');
    const part = await t.call(inSosa, 'POST', `/logistics/orders/${fuel.body.id}/settlements`, { amount: '200000.00', settledOn: '2026-11-20', method: 'cash' });
    assert.equal(part.status, 201);
    assert.equal(part.body.open, '212400.00', 'India’s payment is a claim until the US confirms it');
    const confirmed = await t.call(usSosa, 'POST', `/logistics/orders/${fuel.body.id}/settlements/${part.body.settlements[0].id}/decision`, { decision: 'confirm' });
    assert.equal(confirmed.body.open, '12400.00');
    assert.equal(confirmed.body.status, 'partly_settled');

    const before = { orders: await count(t, 'logistics_settlements'), audit: await count(t, 'audit_events') };
    const over = await t.call(inSosa, 'POST', `/logistics/orders/${fuel.body.id}/settlements`, { amount: '12400.01', settledOn: '2026-11-21', method: 'cash' });
    assert.equal(over.status, 422);
    assert.equal(over.body.openAmount, '12400.00');
    assert.match(over.body.detail, /open amount of 12400\.00 USD/);
    assert.deepEqual({ orders: await count(t, 'logistics_settlements'), audit: await count(t, 'audit_events') }, before, 'nothing half-written');
    const still = await t.call(usSosa, 'GET', `/logistics/orders/${fuel.body.id}`);
    assert.equal(still.body.settled, '200000.00');

    await t.call(inSosa, 'POST', '/logistics/orders', { supplyingNation: 'IN', receivingNation: 'US', supportClass: 'berthing', description: 'Berthing and pilotage, USNS Salvor, Kattupalli', deliveredOn: '2025-09-02', currency: 'USD', amount: '4500', settlementMethod: 'equal_value_exchange' });
    const balances = await t.call(usSosa, 'GET', '/logistics/balances');
    assert.deepEqual(balances.body.gross.map((g: { owedBy: string; owedTo: string; amount: string }) => `${g.owedBy}→${g.owedTo} ${g.amount}`).sort(), ['IN→US 12400.00', 'US→IN 4500.00']);
    assert.deepEqual(balances.body.net.map((g: { owedBy: string; owedTo: string; amount: string }) => `${g.owedBy}→${g.owedTo} ${g.amount}`), ['IN→US 7900.00']);
    assert.equal(balances.body.settlementMonths, 12);
    // Delivered 2025-09-02, settle by 2026-09-02, today 2026-11-23: overdue.
    assert.deepEqual(balances.body.overdue.map((o: { supportClass: string }) => o.supportClass), ['berthing']);
    const overdue = await t.call(inSosa, 'GET', '/logistics/orders?status=overdue');
    assert.deepEqual(overdue.body.items.map((o: { supportClass: string }) => o.supportClass), ['berthing']);
    const rest = await t.call(usSosa, 'POST', `/logistics/orders/${fuel.body.id}/settlements`, { amount: '12400', settledOn: '2026-11-22', method: 'replacement_in_kind' });
    assert.equal(rest.body.status, 'settled', 'the US records the replacement it received: settled at once');
  });

  it('third nations get 404, auditors read, analysts and suppliers are refused', async () => {
    const order = await t.call(await t.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'rations', description: 'Rations, 1,200 MRE', deliveredOn: '2026-11-02', currency: 'USD', amount: '18000', settlementMethod: 'replacement_in_kind' });
    const id = order.body.id;
    assert.equal((await t.call(await t.login('gb.sosa'), 'GET', `/logistics/orders/${id}`)).status, 404);
    assert.equal((await t.call(await t.login('gb.sosa'), 'POST', `/logistics/orders/${id}/settlements`, { amount: '1', settledOn: '2026-11-20', method: 'cash' })).status, 404);
    assert.deepEqual((await t.call(await t.login('gb.sosa'), 'GET', '/logistics/orders')).body.items, []);
    assert.equal((await t.call(await t.login('in.auditor'), 'GET', `/logistics/orders/${id}`)).status, 200);
    assert.equal((await t.call(await t.login('in.auditor'), 'POST', `/logistics/orders/${id}/settlements`, { amount: '1', settledOn: '2026-11-20', method: 'cash' })).status, 403);
    assert.equal((await t.call(await t.login('in.analyst'), 'GET', '/logistics/orders')).status, 403);
    // An officer records only orders its own nation supplies or receives.
    const foreign = await t.call(await t.login('gb.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'x', deliveredOn: '2026-11-02', currency: 'USD', amount: '1', settlementMethod: 'cash' });
    assert.equal(foreign.status, 422);
  });
});

describe('two server processes on one PostgreSQL escalate an overdue action item once', { skip: TEST_STORE !== 'postgres' && 'needs PostgreSQL: an embedded data folder is opened by one process only' }, () => {
  it('races two schedulers with their own pools over 30 overdue items: 30 escalations in all', async () => {
    let clock = new Date('2026-11-23T09:30:00Z');
    await withTwoServers(() => clock, async ({ a, b, store, actorOf }) => {
      const { createWorkingGroup } = await import('../../services/partnership/working-groups/create-working-group.js');
      const { createActionItem } = await import('../../services/partnership/working-groups/create-action-item.js');
      const actor = await actorOf('in.sosa');
      const group = await createWorkingGroup(a, actor, { arrangementId: 'US-IN', name: 'Race group', members: [{ userId: actor.userId }] });
      const owner = await store.db.selectFrom('working_group_members').select('id').where('group_id', '=', group.id).executeTakeFirstOrThrow();
      for (let i = 0; i < 30; i++) await createActionItem(a, actor, group.id, { title: `item ${i}`, ownerMemberId: owner.id, dueDate: '2026-11-25' });
      clock = new Date('2026-12-01T00:00:00Z');
      const runs = await Promise.all([0, 1, 2, 3].map((i) => escalateOverdueActionItems(i % 2 ? a : b)));
      assert.equal(runs.reduce((x, y) => x + y, 0), 30);
      await sequencePendingAudit(store.db);
      const { n } = await store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'action_item.escalate').executeTakeFirstOrThrow();
      assert.equal(Number(n), 30);
      assert.ok((await verifyAuditLog(store.db)).ok);
    });
  });
});
