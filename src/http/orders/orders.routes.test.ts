import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useOrderDesk } from '../../testing/order-desk.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

async function orderCount(t: TestApp, shortName: string): Promise<number> {
  const org = await companyId(t, shortName);
  const row = await t.ctx.store.db.selectFrom('supplier_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function importEvents(t: TestApp): Promise<number> {
  const row = await t.ctx.store.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'order_book.import').executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the supplier order desk: resources, CSV order book, preferential schedule', () => {
  // Day 0 of Lynn's plan is 2026-11-23.
  const desk = useOrderDesk();
  const t = desk.t;

  it('a supplier adds a production resource to its own company and lists it; a second of the same name is refused', async () => {
    const created = await t.call(desk.lynn, 'POST', '/resources', { name: 'Line 1', capacityPerDay: 1 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual({ name: created.body.name, capacityPerDay: created.body.capacityPerDay }, { name: 'Line 1', capacityPerDay: 1 });
    assert.deepEqual((await t.call(desk.lynn, 'GET', '/resources')).body.items.map((r: { name: string }) => r.name), ['Line 1']);
    assert.equal((await t.call(desk.lynn, 'POST', '/resources', { name: 'Line 1', capacityPerDay: 3 })).status, 409);
    assert.equal((await t.call(desk.lynn, 'POST', '/resources', { name: 'Line 2', capacityPerDay: 0 })).status, 422);
  });

  it('a book with broken rows gives each row’s error by row and column and imports nothing', async () => {
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv(
        'B-1,US Navy,DO-Z9,Line 1,5,2026-12-10,2026-11-20,true', // row 2: Z9 is not a Schedule I program
        'B-2,US Navy,DO-A1,Line 1,5,2026-11-10,2026-11-20,true', // row 3: due before received
        'B-3,"GE Aviation, Lynn",,Line 1,0,2026-12-10,2026-11-20,false', // row 4: quantity 0
        'B-4,GE Aviation,DX-A2,Line 9,5,2026-12-10,2026-11-20,true', // row 5: no such resource
        'B-1,GE Aviation,,Line 1,5,2026-12-10,2026-11-20,no', // row 6: B-1 again
        'B-6,GE Aviation,DO-A1,Line 1,5,ASAP,2026-11-20,true', // row 7: not a date (700.12(a)(2))
        'B-7,GE Aviation,,Line 1,5,2026-12-10,2026-11-20,true', // row 8: fine
      ),
    });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    assert.deepEqual(fields, ['rows/2/rating', 'rows/3/required_delivery_date', 'rows/4/quantity', 'rows/5/resource', 'rows/6/order_number', 'rows/7/required_delivery_date']);
    const message = (field: string) => res.body.errors.find((e: { field: string }) => e.field === field).message as string;
    assert.match(message('rows/2/rating'), /Z9 is not a program identification symbol/);
    assert.match(message('rows/3/required_delivery_date'), /2026-11-10 is before the order was received \(2026-11-20\)/);
    assert.match(message('rows/6/order_number'), /B-1 is also on row 2/);
    assert.equal(await orderCount(t, 'LYNN-TURB'), 0);
    assert.equal(await importEvents(t), 0);
  });

  it('refuses a wrong header and broken CSV, naming the row', async () => {
    const header = await t.call(desk.lynn, 'POST', '/rated-orders/import', { csv: 'order_number,customer,priority\nA,B,C\n' });
    assert.equal(header.status, 422);
    assert.ok(header.body.errors.some((e: { field: string }) => e.field === 'rows/1/priority'));
    assert.ok(header.body.errors.some((e: { field: string; message: string }) => e.field === 'rows/1/resource' && /missing/.test(e.message)));
    const broken = await t.call(desk.lynn, 'POST', '/rated-orders/import', { csv: csv('"B-1,US Navy') });
    assert.equal(broken.status, 422);
    assert.equal(broken.body.errors[0].field, 'rows/2');
  });

  it('imports a valid book in one step with one audit event, and lists it filtered by priority', async () => {
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv('V-1,"GE Aviation, Lynn",,Line 1,2,2027-03-01,2026-11-20,yes', 'V-2,US Navy,dx-a2,Line 1,1,2027-03-02,2026-11-21,true'),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.imported, 2);
    assert.deepEqual(res.body.orders.map((o: { orderNumber: string }) => o.orderNumber), ['V-1', 'V-2']);
    assert.equal(await importEvents(t), 1);
    const all = await t.call(desk.lynn, 'GET', '/rated-orders');
    assert.equal(all.status, 200);
    const v1 = all.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'V-1');
    assert.deepEqual(
      { customer: v1.customer, rating: v1.rating, priority: v1.priority, resource: v1.resource.name, quantity: v1.quantity, due: v1.requiredDeliveryDate, received: v1.receivedDate, accepted: v1.accepted, late: v1.daysLate },
      { customer: 'GE Aviation, Lynn', rating: null, priority: 'unrated', resource: 'Line 1', quantity: 2, due: '2027-03-01', received: '2026-11-20', accepted: true, late: 0 },
    );
    const dx = await t.call(desk.lynn, 'GET', '/rated-orders?priority=DX');
    assert.deepEqual(dx.body.items.map((o: { orderNumber: string; rating: string }) => [o.orderNumber, o.rating]), [['V-2', 'DX-A2']]);
    assert.equal((await t.call(desk.lynn, 'GET', '/rated-orders?priority=AA')).status, 422);
    // An order number already in the book is refused on a second import.
    const again = await t.call(desk.lynn, 'POST', '/rated-orders/import', { csv: csv('V-1,US Navy,,Line 1,1,2027-03-01,2026-11-20,no') });
    assert.deepEqual(again.body.errors.map((e: { field: string }) => e.field), ['rows/2/order_number']);
    assert.equal(await orderCount(t, 'LYNN-TURB'), 2);
  });

  it('dpas-sosa.md §11 scenario 4 in dates: the DO order goes first, the unrated one is delayed and the schedule names the DO order', async () => {
    // One line, 1 unit a working day (US calendar: weekends and Thanksgiving 2026-11-26 make nothing).
    assert.equal((await t.call(desk.lynn, 'POST', '/resources', { name: 'Blade line', capacityPerDay: 1 })).status, 201);
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv(
        // U: 10 units received on day 0, due on the 10th working day (2026-12-07): on time alone.
        'U-2001,GE Aviation,,Blade line,10,2026-12-07,2026-11-23,true',
        // D: DO, 5 units received on day 1, due on the 6th working day (2026-12-01).
        'D-1001,US Navy,DO-A1,Blade line,5,2026-12-01,2026-11-24,true',
      ),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const schedule = await t.call(desk.lynn, 'GET', '/schedules/mine');
    assert.equal(schedule.status, 200, JSON.stringify(schedule.body));
    assert.equal(schedule.body.today, '2026-11-23');
    assert.deepEqual(schedule.body.calendar, { nation: 'US', timeZone: 'America/New_York' });
    const d = schedule.body.orders.find((o: { orderNumber: string }) => o.orderNumber === 'D-1001');
    const u = schedule.body.orders.find((o: { orderNumber: string }) => o.orderNumber === 'U-2001');
    // 700.14(b): D meets 2026-12-01; U gets the 15th working day, 2026-12-14, a week late.
    assert.equal(d.daysLate, 0);
    assert.ok(d.projectedCompletionDate <= '2026-12-01', d.projectedCompletionDate);
    assert.equal(d.delay, null);
    assert.equal(u.projectedCompletionDate, '2026-12-14');
    assert.equal(u.daysLate, 7);
    assert.deepEqual(u.delay.displacedBy, ['D-1001']);
    assert.ok(u.delay.causes.includes('higher-priority'));
    assert.match(u.delay.text, /D-1001/);
    assert.match(u.delay.text, /2026-12-14/);
    assert.doesNotMatch(u.delay.text, /\bday \d/);
    assert.deepEqual(schedule.body.conflicts, []);
    // The late filter of the book reads the same schedule.
    const late = await t.call(desk.lynn, 'GET', '/rated-orders?late=true');
    assert.deepEqual(late.body.items.map((o: { orderNumber: string }) => o.orderNumber), ['U-2001']);
  });

  it('Ohio cannot see Lynn’s resources, orders or schedule, nor import against Lynn’s line', async () => {
    assert.deepEqual((await t.call(desk.ohio, 'GET', '/resources')).body.items, []);
    assert.deepEqual((await t.call(desk.ohio, 'GET', '/rated-orders')).body.items, []);
    const schedule = await t.call(desk.ohio, 'GET', '/schedules/mine');
    assert.deepEqual(schedule.body.orders, []);
    const res = await t.call(desk.ohio, 'POST', '/rated-orders/import', { csv: csv('O-1,US Army,,Line 1,1,2026-12-10,2026-11-20,true') });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), ['rows/2/resource']);
    // The same order number as Lynn's is Ohio's own business.
    assert.equal((await t.call(desk.ohio, 'POST', '/resources', { name: 'Line 1', capacityPerDay: 4 })).status, 201);
    assert.equal((await t.call(desk.ohio, 'POST', '/rated-orders/import', { csv: csv('V-1,US Army,DO-A4,Line 1,1,2026-12-10,2026-11-20,true') })).status, 201);
    assert.deepEqual((await t.call(desk.ohio, 'GET', '/rated-orders')).body.items.map((o: { orderNumber: string; customer: string }) => [o.orderNumber, o.customer]), [['V-1', 'US Army']]);
    assert.ok(!(await t.call(desk.lynn, 'GET', '/rated-orders')).body.items.some((o: { customer: string }) => o.customer === 'US Army'));
  });

  it('a user without the supplier role gets 403 on every order-desk route', async () => {
    for (const username of ['us.sosa', 'us.commerce', 'in.sosa', 'us.admin']) {
      const token = await t.login(username);
      for (const [method, path, body] of [
        ['GET', '/resources'],
        ['POST', '/resources', { name: 'X', capacityPerDay: 1 }],
        ['POST', '/rated-orders/import', { csv: csv('X-1,A,,Line 1,1,2026-12-10,2026-11-20,true') }],
        ['GET', '/rated-orders'],
        ['GET', '/schedules/mine'],
      ] as const) {
        const res = await t.call(token, method, path, body);
        assert.equal(res.status, 403, `${username} ${method} ${path}`);
      }
    }
  });
});
