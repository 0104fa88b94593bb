import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { hashPassword } from '../auth/passwords.js';
import { escalateOverdueActionItems } from '../partnership/working-groups/escalate-overdue-action-items.js';
import { act, buildRequest, companyId, userId } from '../../testing/request-builders.js';
import { TEST_PASSWORD } from '../../testing/test-app.js';
import { freshNotifications } from '../../testing/fresh-notifications.js';
import { useTestApp } from '../../testing/use-test-app.js';
import { spaRequestBody } from '../../testing/fixtures.js';

/**
 * Issue #11: besides requests, a rated order on a supplier's desk, an SPA request and a working
 * group's action item tell whoever they now wait on — and nobody who may not read them.
 */
describe('orders, SPA requests and action items tell the next person', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  const fresh = freshNotifications(t);
  const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';

  before(async () => {
    // A second user of Lynn Turbine, so that one colleague's entry tells the other.
    const lynn = await companyId(t, 'LYNN-TURB');
    await t.ctx.store.db.insertInto('users').values({ id: randomUUID(), username: 'us.supplier.b', display_name: 'Pat Lee (Lynn Turbine Components)', password_hash: await hashPassword(TEST_PASSWORD), nation: 'US', organisation_id: lynn, roles: ['supplier'] }).execute();
  });

  it('rated orders on the desk: an import to decide, a change that makes a new rated order and a cancellation tell the colleagues', async () => {
    const lynn = await t.login('us.supplier');
    assert.equal((await t.call(lynn, 'POST', '/resources', { name: 'Blade line', capacityPerDay: 5 })).status, 201);
    await fresh();
    const imported = await t.call(lynn, 'POST', '/rated-orders/import', { csv: [HEADER, 'D-1,US Navy,DO-A3,Blade line,4,2027-03-01,2026-11-23,false,Capt. R. Hale,true', 'D-2,GE,,Blade line,1,2027-03-01,2026-11-20,true,,'].join('\n') });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const onImport = await fresh();
    assert.deepEqual(onImport.map((n) => [n.username, n.kind]), [['us.supplier.b', 'rated_order_desk']]);
    assert.equal(onImport[0]!.title, '1 rated order to accept or reject');
    const id = (await t.ctx.store.db.selectFrom('supplier_orders').select('id').where('order_number', '=', 'D-1').executeTakeFirstOrThrow()).id;
    assert.equal((await t.call(lynn, 'POST', `/rated-orders/${id}/changes`, { kind: 'delivery_date', requiredDeliveryDate: '2027-02-01', reasons: 'Customer notice 4 (internal wording)' })).status, 200);
    const changed = await fresh();
    assert.deepEqual(changed.map((n) => n.username), ['us.supplier.b']);
    // 700.16(c): a new rated order as of today; 15 US working days (Thanksgiving off) → 15 December.
    assert.equal(changed[0]!.title, 'Rated order D-1: accept or reject again by 15 Dec 2026');
    assert.doesNotMatch(changed[0]!.body, /internal wording/, 'the free-text reasons stay on the desk');
    assert.equal((await t.call(lynn, 'POST', `/rated-orders/${id}/changes`, { kind: 'cancel' })).status, 200);
    assert.deepEqual((await fresh()).map((n) => [n.username, n.title]), [['us.supplier.b', 'Rated order D-1 cancelled']]);
  });

  it('the rated order of a SOSA request changed on the desk also tells the US SOSA office, not India', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    await fresh();
    const order = await t.ctx.store.db.selectFrom('supplier_orders').select('id').where('request_id', '=', r.id).executeTakeFirstOrThrow();
    const res = await t.call(await t.login('us.supplier'), 'POST', `/rated-orders/${order.id}/changes`, { kind: 'destination', destination: 'HAL Bengaluru, gate 3' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const notes = await fresh();
    assert.deepEqual(notes.map((n) => n.username), ['us.sosa', 'us.supplier.b']);
    assert.equal(notes.find((n) => n.username === 'us.sosa')!.link, `/requests/${r.id}`);
  });

  it('SPA: submission tells the reviewing office, a forward tells Commerce, each step tells the filer, the end reaches the reviewers', async () => {
    const lynn = await t.login('us.supplier');
    await fresh();
    const created = await t.call(lynn, 'POST', '/spa-requests', spaRequestBody({}, { problem: 'Castings late: secret commercial detail.' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.deepEqual(await fresh(), [], 'a draft is the company’s own');
    const go = async (user: string, action: string, note?: string) => {
      const res = await t.call(await t.login(user), 'POST', `/spa-requests/${id}/transitions`, { action, ...(note ? { note } : {}) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (await fresh()).map((n) => [n.username, n.title]);
    };
    const ref = created.body.reference;
    assert.deepEqual(await go('us.supplier', 'submit'), [
      ['us.dod', `${ref} waits on you: Start review`],
      ['us.sosa', `${ref} waits on you: Start review`],
      ['us.supplier.b', `${ref}: Submitted`],
    ]);
    assert.deepEqual(await go('us.sosa', 'start_review'), [['us.supplier', `${ref}: Under review`], ['us.supplier.b', `${ref}: Under review`]]);
    assert.deepEqual(await go('us.sosa', 'forward_to_commerce', 'Needs a directive.'), [
      ['us.commerce', `${ref} waits on you: Resolve or Deny`],
      ['us.supplier', `${ref}: Forwarded to Commerce`],
      ['us.supplier.b', `${ref}: Forwarded to Commerce`],
    ]);
    const resolved = await go('us.commerce', 'resolve', 'Directive issued.');
    assert.deepEqual(resolved.map(([u]) => u), ['us.dod', 'us.sosa', 'us.supplier', 'us.supplier.b']);
    const bodies = await t.ctx.store.db.selectFrom('notifications').select('body').where('subject_id', '=', id).execute();
    for (const b of bodies) assert.doesNotMatch(b.body, /secret commercial detail|Directive issued|Needs a directive/, 'no note or problem text in a notification');
  });

  it('action items: the owner is told when assigned and when someone else closes it; overdue, the owner nation’s SOSA officers too', async () => {
    const us = await t.login('us.sosa');
    const group = await t.call(us, 'POST', '/working-groups', {
      arrangementId: 'US-IN',
      name: 'Castings working group',
      members: [{ userId: await userId(t, 'us.sosa'), chair: true }, { userId: await userId(t, 'in.sosa'), chair: true }, { userId: await userId(t, 'in.analyst') }, { name: 'Dr. S. Menon', nation: 'IN', organisation: 'HAL' }],
    });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const members = Object.fromEntries(group.body.members.map((m: { name: string; id: string }) => [m.name, m.id]));
    await fresh();
    const item = await t.call(us, 'POST', `/working-groups/${group.body.id}/action-items`, { title: 'Casting capacity forecast', ownerMemberId: members['Rahul Verma'], dueDate: '2026-11-25' });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    assert.deepEqual((await fresh()).map((n) => [n.username, n.kind, n.title]), [['in.analyst', 'action_item', 'Action item for you: Casting capacity forecast']]);
    const external = await t.call(us, 'POST', `/working-groups/${group.body.id}/action-items`, { title: 'HAL line survey', ownerMemberId: members['Dr. S. Menon'], dueDate: '2026-11-25' });
    assert.equal(external.status, 201);
    assert.deepEqual(await fresh(), [], 'an external member has no account to tell');
    t.clock.set('2026-11-26T00:00:00Z');
    assert.equal(await escalateOverdueActionItems(t.ctx), 2);
    const overdue = await fresh();
    assert.deepEqual(overdue.map((n) => [n.username, n.title]).sort(), [
      ['in.analyst', 'Overdue action item: Casting capacity forecast'],
      ['in.sosa', 'Overdue action item: Casting capacity forecast'],
      ['in.sosa', 'Overdue action item: HAL line survey'],
    ]);
    assert.equal((await t.call(await t.login('in.sosa'), 'PATCH', `/working-groups/${group.body.id}/action-items/${item.body.id}`, { status: 'done' })).status, 200);
    assert.deepEqual((await fresh()).map((n) => [n.username, n.title]), [['in.analyst', 'Action item done: Casting capacity forecast']]);
  });

  it('a request placed with a company: the acting SOSA officer is not told of their own step', async () => {
    const r = await buildRequest(t, 'IN->US', 'submitted');
    await fresh();
    await act(t, 'us.sosa', r.id, 'acknowledge');
    assert.deepEqual(await fresh(), []);
  });
});
