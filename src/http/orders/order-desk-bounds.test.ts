import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useOrderDesk } from '../../testing/order-desk.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const rowCount = async (t: TestApp) => Number((await t.ctx.store.db.selectFrom('supplier_orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the order desk keeps to domain bounds, and no stored row breaks a read (issue #10 item 5)', () => {
  const desk = useOrderDesk();
  const t = desk.t;
  let lineId: string;
  before(async () => {
    const line = await t.call(desk.lynn, 'POST', '/resources', { name: 'Disk line', capacityPerDay: 5 });
    assert.equal(line.status, 201);
    lineId = line.body.id;
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv('G-1,US Navy,DO-A1,Disk line,10,2027-01-15,2026-11-23,false,R. Adm. Okafor,true', 'G-2,GE Aviation,,Disk line,5,2027-02-01,2026-11-20,true,,'),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it('refuses an order of 10^9 units due 9999-12-31, naming row and column, and writes nothing', async () => {
    const before = await rowCount(t);
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', { csv: csv('BIG-1,US Navy,DO-A1,Disk line,1000000000,9999-12-31,2026-11-23,false,R. Adm. Okafor,true') });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes('rows/2/required_delivery_date'), JSON.stringify(res.body.errors));
    assert.match(res.body.errors.find((e: { field: string }) => e.field === 'rows/2/required_delivery_date').message, /2100-12-31/);
    assert.equal(await rowCount(t), before, 'nothing was written');
  });

  it('refuses dates before 2000 and a quantity the line could not finish before 2100, each with its row and column', async () => {
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv('OLD-1,US Navy,DO-A1,Disk line,1,2027-01-15,1999-12-31,false,R. Adm. Okafor,true', 'HUGE-1,US Navy,DO-A1,Disk line,999999999,2100-12-31,2026-11-23,false,R. Adm. Okafor,true'),
    });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    assert.match(byField['rows/2/received_date'] ?? '', /2000-01-01/);
    assert.match(byField['rows/3/quantity'] ?? '', /Disk line/);
  });

  it('answers the ids and order numbers of the orders it created, so each can be opened or cancelled', async () => {
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', { csv: csv('N-1,US Army,DO-A4,Disk line,2,2027-03-01,2026-11-23,false,Maj. Chen,true', 'N-2,US Army,,Disk line,1,2027-03-02,2026-11-23,false,,') });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.imported, 2);
    assert.deepEqual(res.body.orders.map((o: { orderNumber: string }) => o.orderNumber), ['N-1', 'N-2']);
    for (const o of res.body.orders) assert.equal((await t.call(desk.lynn, 'GET', `/rated-orders/${o.id}`)).body.orderNumber, o.orderNumber);
  });

  it('a stored row out of range (written before the bounds) is flagged; the book, its 700.13 clocks and the schedule still answer; the owner cancels it', async () => {
    const planBefore = (await t.call(desk.lynn, 'GET', '/rated-orders')).body.items.find((o: { orderNumber: string }) => o.orderNumber === 'G-1').projectedCompletionDate;
    assert.ok(planBefore);
    const id = randomUUID();
    const now = t.clock.now();
    // An old row the import of today's code accepted: 10^9 units due 9999-12-31 on the line.
    await t.ctx.store.db
      .insertInto('supplier_orders')
      .values({ id, organisation_id: await companyId(t, 'LYNN-TURB'), order_number: 'BAD-1', customer: 'US Navy', rating: 'DO-A1', priority: 'DO', resource_id: lineId, quantity: 1_000_000_000, required_delivery_date: '9999-12-31', received_at: now, accepted: false, request_id: null, created_at: now, updated_at: now, signed_by: 'R. Adm. Okafor', certified: true, rated_as_of: now })
      .execute();

    const list = await t.call(desk.lynn, 'GET', '/rated-orders');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    const bad = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'BAD-1');
    assert.ok(bad.unschedulable, 'the bad row is flagged');
    assert.match(bad.unschedulable.message, /cannot be scheduled/i);
    assert.equal(bad.projectedCompletionDate, null);
    const g1 = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'G-1');
    assert.equal(g1.acceptance.dueDate, '2026-12-15', 'the good order keeps its 700.13 clock');
    assert.equal(g1.unschedulable, null);
    assert.equal(g1.projectedCompletionDate, planBefore, 'and its place on the line, as if the bad row were not there');

    const schedule = await t.call(desk.lynn, 'GET', '/schedules/mine');
    assert.equal(schedule.status, 200, JSON.stringify(schedule.body));
    assert.deepEqual(schedule.body.orders.map((o: { orderNumber: string }) => o.orderNumber).sort(), ['G-1', 'G-2', 'N-1', 'N-2'].filter((n) => list.body.items.some((o: { orderNumber: string; resource: unknown }) => o.orderNumber === n && o.resource)).sort());
    const outOfRange = (body: { unscheduled: Array<{ orderNumber: string; reason: string; message: string }> }) => body.unscheduled.filter((o) => o.reason === 'out_of_range');
    assert.deepEqual(outOfRange(schedule.body).map((o) => o.orderNumber), ['BAD-1']);
    assert.match(outOfRange(schedule.body)[0]!.message, /cannot be scheduled/i);

    const detail = await t.call(desk.lynn, 'GET', `/rated-orders/${id}`);
    assert.equal(detail.status, 200);
    assert.ok(detail.body.actions.includes('cancel'));
    const cancel = await t.call(desk.lynn, 'POST', `/rated-orders/${id}/changes`, { kind: 'cancel', reasons: 'Entered in error (quantity and date out of range).' });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    assert.equal(cancel.body.order.status, 'cancelled');
    const after = await t.call(desk.lynn, 'GET', '/schedules/mine');
    assert.deepEqual(outOfRange(after.body), []);
  });

  it('a change to a date out of 2000–2100 is refused with the field named (700.16)', async () => {
    const list = await t.call(desk.lynn, 'GET', '/rated-orders');
    const g1 = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'G-1');
    const res = await t.call(desk.lynn, 'POST', `/rated-orders/${g1.id}/changes`, { kind: 'delivery_date', requiredDeliveryDate: '9999-12-31' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'requiredDeliveryDate');
    assert.match(res.body.errors[0].message, /2100-12-31/);
  });
});
