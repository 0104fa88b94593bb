import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useOrderDesk } from '../../testing/order-desk.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';

async function orderId(t: TestApp, company: string, orderNumber: string): Promise<string> {
  const org = await companyId(t, company);
  return (await t.ctx.store.db.selectFrom('supplier_orders').select('id').where('organisation_id', '=', org).where('order_number', '=', orderNumber).executeTakeFirstOrThrow()).id;
}

async function auditCount(t: TestApp, action: string): Promise<number> {
  const row = await t.ctx.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('flow-down of rated orders to sub-suppliers (15 CFR 700.15, 700.17)', () => {
  const desk = useOrderDesk();
  const t = desk.t;
  let p1: string;
  let ohioId: string;
  before(async () => {
    assert.equal((await t.call(desk.lynn, 'POST', '/resources', { name: 'Turbine line', capacityPerDay: 2 })).status, 201);
    const imported = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: [HEADER, 'P-1,US Navy shipyard,DO-A3,Turbine line,4,2027-03-01,2026-11-20,true', 'P-2,GE Aviation,,Turbine line,2,2027-03-01,2026-11-20,true', 'P-3,US Air Force,DX-A1,Turbine line,2,2027-02-01,2026-11-20,true'].join('\n'),
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    p1 = await orderId(t, 'LYNN-TURB', 'P-1');
    ohioId = await companyId(t, 'OHIO-CAST');
  });

  const turbine = () => ({ supplierOrganisationId: ohioId, orderNumber: 'LT-SUB-1', purpose: 'incorporated', quantity: 4, requiredDeliveryDate: '2027-02-01', description: 'HPT turbine castings' });

  it('scenario 9: a sub-order for the turbine of a DO-A3 order lands in the sub-supplier’s book rated DO-A3, due for decision in 15 US working days (Tue 2026-12-15)', async () => {
    const before = await auditCount(t, 'sub_order.place');
    const res = await t.call(desk.lynn, 'POST', `/rated-orders/${p1}/sub-orders`, turbine());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.rating, 'DO-A3');
    assert.match(res.body.ratingBasis, /700\.15\(a\)/);
    // End of Tue 2026-12-15 in New York (Thanksgiving 2026-11-26 and weekends skipped).
    assert.equal(res.body.acceptanceDueAt, '2026-12-16T04:59:59.999Z');
    assert.deepEqual(res.body.warnings, []);
    assert.equal(await auditCount(t, 'sub_order.place'), before + 1);

    const row = await t.ctx.store.db.selectFrom('supplier_orders').selectAll().where('id', '=', res.body.childOrderId).executeTakeFirstOrThrow();
    assert.deepEqual(
      { org: row.organisation_id, number: row.order_number, customer: row.customer, customerOrg: row.customer_organisation_id, parent: row.parent_order_id, rating: row.rating, priority: row.priority, resource: row.resource_id, decision: row.decision, qty: row.quantity, due: row.required_delivery_date },
      { org: ohioId, number: 'LT-SUB-1', customer: 'Lynn Turbine Components Inc.', customerOrg: await companyId(t, 'LYNN-TURB'), parent: p1, rating: 'DO-A3', priority: 'DO', resource: null, decision: null, qty: 4, due: '2027-02-01' },
    );
    // Ohio sees it among the sub-orders it received, awaiting its decision.
    const mine = await t.call(desk.ohio, 'GET', '/sub-orders');
    assert.equal(mine.status, 200);
    assert.deepEqual(mine.body.received.map((o: { orderNumber: string; rating: string; status: string; customer: string }) => [o.orderNumber, o.rating, o.status, o.customer]), [['LT-SUB-1', 'DO-A3', 'awaiting_decision', 'Lynn Turbine Components Inc.']]);
    assert.deepEqual((await t.call(desk.lynn, 'GET', '/sub-orders')).body.placed.map((o: { orderNumber: string }) => o.orderNumber), ['LT-SUB-1']);
  });

  it('MRO for the same order carries DO-H7; an external supplier is recorded by name, with no book row and no deadline', async () => {
    const res = await t.call(desk.lynn, 'POST', `/rated-orders/${p1}/sub-orders`, { supplierName: 'Acme Tooling Co.', orderNumber: 'LT-MRO-1', purpose: 'mro', quantity: 10, requiredDeliveryDate: '2027-01-15', description: 'Grinding wheels' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual([res.body.rating, res.body.supplier, res.body.childOrderId, res.body.acceptanceDueAt], ['DO-H7', { organisationId: null, name: 'Acme Tooling Co.', external: true }, null, null]);
  });

  it('a DX sub-order is due in 10 working days; inventory replaced for a DX order is DO, and past 90 days it is refused (scenario 11)', async () => {
    const p3 = await orderId(t, 'LYNN-TURB', 'P-3');
    const dx = await t.call(desk.lynn, 'POST', `/rated-orders/${p3}/sub-orders`, { ...turbine(), orderNumber: 'LT-SUB-DX' });
    assert.equal(dx.status, 201, JSON.stringify(dx.body));
    // 10 US working days after Mon 2026-11-23 → Tue 2026-12-08.
    assert.deepEqual([dx.body.rating, dx.body.acceptanceDueAt], ['DX-A1', '2026-12-09T04:59:59.999Z']);
    const inTime = await t.call(desk.lynn, 'POST', `/rated-orders/${p3}/sub-orders`, { supplierName: 'Stock metals', orderNumber: 'LT-INV-1', purpose: 'inventory_replacement', quantity: 2, requiredDeliveryDate: '2027-01-15', description: 'Bar stock', inventoryUsedOn: '2026-10-01' });
    assert.equal(inTime.status, 201, JSON.stringify(inTime.body));
    assert.equal(inTime.body.rating, 'DO-A1');
    // Used 2026-08-15, today 2026-11-23: 100 days.
    const late = await t.call(desk.lynn, 'POST', `/rated-orders/${p3}/sub-orders`, { supplierName: 'Stock metals', orderNumber: 'LT-INV-2', purpose: 'inventory_replacement', quantity: 2, requiredDeliveryDate: '2027-01-15', description: 'Bar stock', inventoryUsedOn: '2026-08-15' });
    assert.equal(late.status, 422);
    assert.equal(late.body.errors[0].field, 'inventoryUsedOn');
    assert.match(late.body.errors[0].message, /within 90 days/);
  });

  it('refuses what cannot be a rated sub-order, naming the field, and writes nothing', async () => {
    const p2 = await orderId(t, 'LYNN-TURB', 'P-2');
    const placedBefore = await auditCount(t, 'sub_order.place');
    const cases: Array<[string, unknown, number, string | null]> = [
      [p2, turbine(), 422, 'orderId'], // unrated: nothing to extend
      [p1, { ...turbine(), orderNumber: 'X-1', supplierName: 'Both' }, 422, 'supplierOrganisationId'],
      [p1, { ...turbine(), orderNumber: 'X-2', supplierOrganisationId: await companyId(t, 'BPF') }, 422, 'supplierOrganisationId'], // another nation's company
      [p1, { ...turbine(), orderNumber: 'X-3', supplierOrganisationId: await companyId(t, 'LYNN-TURB') }, 422, 'supplierOrganisationId'],
      [p1, { ...turbine(), orderNumber: 'X-4', requiredDeliveryDate: 'ASAP' }, 422, 'requiredDeliveryDate'],
      [p1, { ...turbine(), orderNumber: 'X-5', requiredDeliveryDate: '2026-11-01' }, 422, 'requiredDeliveryDate'],
      [p1, { ...turbine(), orderNumber: 'X-8', requiredDeliveryDate: '9999-12-31' }, 422, 'requiredDeliveryDate'], // out of the date bounds (issue #10)
      [p1, { ...turbine(), orderNumber: 'X-6', purpose: 'employment' }, 422, 'purpose'],
      [p1, { ...turbine(), orderNumber: 'X-7', inventoryUsedOn: '2026-11-01' }, 422, 'inventoryUsedOn'],
      [p1, turbine(), 409, null], // LT-SUB-1 again
      ['not-a-uuid', turbine(), 404, null],
      ['00000000-0000-4000-8000-000000000000', turbine(), 404, null],
    ];
    for (const [id, body, status, field] of cases) {
      const res = await t.call(desk.lynn, 'POST', `/rated-orders/${id}/sub-orders`, body);
      assert.equal(res.status, status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      if (field) assert.equal(res.body.errors[0].field, field, JSON.stringify(res.body));
    }
    assert.equal(await auditCount(t, 'sub_order.place'), placedBefore);
    // Ohio cannot place a sub-order on Lynn's order, nor an auditor on anyone's.
    assert.equal((await t.call(desk.ohio, 'POST', `/rated-orders/${p1}/sub-orders`, { ...turbine(), orderNumber: 'O-X' })).status, 404);
    assert.equal((await t.call(await t.login('us.auditor'), 'POST', `/rated-orders/${p1}/sub-orders`, { ...turbine(), orderNumber: 'O-X' })).status, 403);
  });

  it('the tree: Lynn sees its sub-orders and Ohio’s order with status and deadline, not what Ohio placed below; the US auditor sees every tier; others 404', async () => {
    const child = await orderId(t, 'OHIO-CAST', 'LT-SUB-1');
    const tier3 = await t.call(desk.ohio, 'POST', `/rated-orders/${child}/sub-orders`, { supplierName: 'Pittsburgh Alloys', orderNumber: 'OC-77', purpose: 'incorporated', quantity: 8, requiredDeliveryDate: '2027-01-10', description: 'Nickel superalloy ingot' });
    assert.equal(tier3.status, 201, JSON.stringify(tier3.body));
    assert.equal(tier3.body.rating, 'DO-A3', 'the rating flows on at every tier');

    const tree = await t.call(desk.lynn, 'GET', `/rated-orders/${p1}/flow-down`);
    assert.equal(tree.status, 200, JSON.stringify(tree.body));
    // P-1 was imported as accepted (the book's accepted column); the sub-order awaits Ohio's decision.
    assert.deepEqual([tree.body.orderNumber, tree.body.rating, tree.body.status], ['P-1', 'DO-A3', 'accepted']);
    assert.deepEqual(tree.body.subOrders.map((s: { orderNumber: string; rating: string; status: string }) => [s.orderNumber, s.rating, s.status]), [['LT-MRO-1', 'DO-H7', 'external'], ['LT-SUB-1', 'DO-A3', 'awaiting_decision']]);
    const ohioNode = tree.body.subOrders[1].order;
    assert.deepEqual([ohioNode.company.name, ohioNode.acceptanceDueAt, ohioNode.overdue, ohioNode.subOrders], ['Ohio Precision Castings LLC', '2026-12-16T04:59:59.999Z', false, null]);

    const ohioTree = await t.call(desk.ohio, 'GET', `/rated-orders/${child}/flow-down`);
    assert.deepEqual(ohioTree.body.subOrders.map((s: { orderNumber: string }) => s.orderNumber), ['OC-77']);

    const auditor = await t.call(await t.login('us.auditor'), 'GET', `/rated-orders/${p1}/flow-down`);
    assert.equal(auditor.status, 200);
    assert.deepEqual(auditor.body.subOrders[1].order.subOrders.map((s: { orderNumber: string }) => s.orderNumber), ['OC-77']);

    for (const user of ['us.supplier2', 'in.auditor']) assert.equal((await t.call(await t.login(user), 'GET', `/rated-orders/${p1}/flow-down`)).status, 404, user);
    // An Indian company has no DPAS order desk at all.
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', `/rated-orders/${p1}/flow-down`)).status, 403);
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/rated-orders/${p1}/flow-down`)).status, 403);
    assert.equal((await t.call(desk.lynn, 'GET', '/rated-orders/nope/flow-down')).status, 404);
  });

  it('a sub-order past its decision deadline shows as overdue; a decision and a cancellation show in the tree', async () => {
    t.clock.set('2026-12-17T14:00:00Z');
    desk.lynn = await t.login('us.supplier');
    const tree = await t.call(desk.lynn, 'GET', `/rated-orders/${p1}/flow-down`);
    assert.equal(tree.body.subOrders[1].overdue, true);
    // The 700.13 decision is another desk's; its column is what the tree reads.
    const child = await orderId(t, 'OHIO-CAST', 'LT-SUB-1');
    await t.ctx.store.db.updateTable('supplier_orders').set({ decision: 'accepted', decided_at: new Date() as never }).where('id', '=', child).execute();
    const after = await t.call(desk.lynn, 'GET', `/rated-orders/${p1}/flow-down`);
    assert.deepEqual([after.body.subOrders[1].status, after.body.subOrders[1].overdue], ['accepted', false]);
    await t.ctx.store.db.updateTable('supplier_orders').set({ cancelled_at: new Date() as never }).where('id', '=', p1).execute();
    const refused = await t.call(desk.lynn, 'POST', `/rated-orders/${p1}/sub-orders`, { ...turbine(), orderNumber: 'LT-LATE', requiredDeliveryDate: '2027-02-10' });
    assert.equal(refused.status, 409);
  });
});
