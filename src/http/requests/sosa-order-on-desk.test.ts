import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import { act, companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

type Order = { id: string; orderNumber: string; status: string; requestId: string | null; projectedCompletionDate: string | null; promisedDeliveryDate: string | null; deliveredOn: string | null; actions: string[] };

/** An IN→US request with a DO-A1 rated order placed at Lynn Turbine, required 2027-01-15 (issue #11 item 2). */
async function placed(t: TestApp, orderNumber: string): Promise<string> {
  const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', { ...F414_BLADES, title: `Blades ${orderNumber}` })).body.id as string;
  await act(t, 'us.sosa', id, 'acknowledge');
  await act(t, 'us.sosa', id, 'forward_for_determination');
  await act(t, 'us.dod', id, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-1' });
  await act(t, 'us.commerce', id, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-1' });
  await act(t, 'us.sosa', id, 'place_rated_order', { supplier: await companyId(t, 'LYNN-TURB'), order_number: orderNumber, required_delivery_date: '2027-01-15', signed_by: 'Dana Whitfield', certified: true });
  return id;
}

describe('the SOSA rated order on the supplier\'s desk: the 700.13 acceptance rule, delivery dates, status that follows the request (issue #11 items 2, 3, 5)', () => {
  // Monday 2026-11-23, 09:00 in New York.
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  let lynn: string;
  before(async () => {
    lynn = await t.login('us.supplier');
  });

  const transition = (token: string, id: string, action: string, fields: Record<string, unknown> = {}) => t.call(token, 'POST', `/requests/${id}/transitions`, { action, ...fields });
  const deskOrder = async (requestId: string): Promise<Order> => (await t.call(lynn, 'GET', '/rated-orders')).body.items.find((o: Order) => o.requestId === requestId);

  it('#11.2 request path: an acceptance promising 2027-02-10 for an order required 2027-01-15 is refused with the way to reject for "cannot meet the date" (700.13(b)(1))', async () => {
    const id = await placed(t, 'PO-LATE');
    const res = await transition(lynn, id, 'accept_rated_order', { promised_delivery_date: '2027-02-10' });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.equal(res.body.errors[0].field, 'promised_delivery_date');
    assert.match(res.body.errors[0].message, /700\.13\(b\)\(1\)/);
    assert.deepEqual(res.body.rejectWith, { action: 'reject_rated_order', ground: 'cannot_meet_date', earliest_possible_date: '2027-02-10' });
    const view = await t.call(lynn, 'GET', `/requests/${id}`);
    assert.equal(view.body.state, 'rated_order_placed', 'nothing was accepted');
    assert.equal((await deskOrder(id)).status, 'awaiting_decision');
    // The way offered works as it is.
    const { action, ...fields } = res.body.rejectWith;
    const reject = await transition(lynn, id, action, { ...fields, reasons: 'Casting capacity booked until February.' });
    assert.equal(reject.status, 200, JSON.stringify(reject.body));
    assert.equal((await deskOrder(id)).status, 'rejected');
  });

  it('#11.2 desk path: POST /rated-orders/{id}/decision refuses an acceptance whose promise is after the required date, and records a promise on or before it', async () => {
    await t.call(lynn, 'POST', '/resources', { name: 'Blade line', capacityPerDay: 10 }).then((r) => assert.equal(r.status, 201));
    const imported = await t.call(lynn, 'POST', '/rated-orders/import', {
      csv: 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified\nD-15,US Air Force,DO-A1,Blade line,2,2027-01-15,2026-11-23,false,Col. Reyes,true\n',
    });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const order = (await t.call(lynn, 'GET', '/rated-orders')).body.items.find((o: Order) => o.orderNumber === 'D-15');
    const late = await t.call(lynn, 'POST', `/rated-orders/${order.id}/decision`, { decision: 'accept', promisedDeliveryDate: '2027-02-10' });
    assert.equal(late.status, 422, JSON.stringify(late.body));
    assert.equal(late.body.errors[0].field, 'promisedDeliveryDate');
    assert.deepEqual(late.body.rejectWith, { decision: 'reject', rejectionGround: 'cannot_meet_date', offeredDeliveryDate: '2027-02-10' });
    const ok = await t.call(lynn, 'POST', `/rated-orders/${order.id}/decision`, { decision: 'accept', promisedDeliveryDate: '2027-01-08' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual([ok.body.status, ok.body.promisedDeliveryDate], ['accepted', '2027-01-08']);
  });

  it('#11.3: "Mark delivered" refuses a date in the future of the supplier\'s calendar day, before the order, or out of range; the request cannot then be closed', async () => {
    const id = await placed(t, 'PO-DLV');
    await act(t, 'us.supplier', id, 'accept_rated_order', { promised_delivery_date: '2027-01-15' });
    // 22:00 in New York on Mon 2026-11-23 is already Tuesday in UTC: Tuesday is still the future there.
    t.clock.set('2026-11-24T03:00:00Z');
    lynn = await t.login('us.supplier');
    for (const [date, pattern] of [
      ['2026-12-28', /future/],
      ['2026-11-24', /future/],
      ['2026-11-20', /before the rated order was placed/],
      ['9999-12-31', /2100-12-31/],
    ] as const) {
      const res = await transition(lynn, id, 'mark_delivered', { delivered_on: date });
      assert.equal(res.status, 422, `${date}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].field, 'delivered_on');
      assert.match(res.body.errors[0].message, pattern, date);
    }
    const close = await transition(await t.login('in.sosa'), id, 'confirm_receipt_and_close');
    assert.equal(close.status, 409, 'nothing was delivered, so nothing can be closed');
    const ok = await transition(lynn, id, 'mark_delivered', { delivered_on: '2026-11-23' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    t.clock.set('2026-11-23T14:00:00Z');
    lynn = await t.login('us.supplier');
  });

  it('#11.5: the SOSA order is planned on a line, enters the schedule, and its desk status and the request card follow the request to "Delivered on …" and "Closed"', async () => {
    const id = await placed(t, 'PO-LIFE');
    const before = await deskOrder(id);
    assert.ok(before.actions.includes('plan'), JSON.stringify(before.actions));
    const line = await t.call(lynn, 'POST', '/resources', { name: 'Disk line', capacityPerDay: 10 });
    assert.equal(line.status, 201);
    const plan = await t.call(lynn, 'POST', `/rated-orders/${before.id}/line`, { resourceId: line.body.id });
    assert.equal(plan.status, 200, JSON.stringify(plan.body));
    assert.equal(plan.body.resource.name, 'Disk line');
    assert.ok(plan.body.projectedCompletionDate, 'planned on the line');
    const audit = await t.ctx.store.db.selectFrom('audit_events').select('action').where('entity_id', '=', before.id).execute();
    assert.ok(audit.some((a) => a.action === 'rated_order.plan'));

    await act(t, 'us.supplier', id, 'accept_rated_order', { promised_delivery_date: '2027-01-12' });
    const accepted = await deskOrder(id);
    assert.deepEqual([accepted.status, accepted.promisedDeliveryDate], ['accepted', '2027-01-12']);
    const schedule = await t.call(lynn, 'GET', '/schedules/mine');
    assert.ok(schedule.body.orders.some((o: { requestId: string }) => o.requestId === id), 'the preferential schedule (700.14) includes the SOSA order');

    await act(t, 'us.supplier', id, 'report_delay', { new_delivery_date: '2027-01-29', reasons: 'Coating furnace repair.' });
    const delayed = await deskOrder(id);
    assert.deepEqual([delayed.status, delayed.promisedDeliveryDate], ['delay_reported', '2027-01-29']);
    const officer = await t.login('us.sosa');
    assert.equal((await t.call(officer, 'GET', `/requests/${id}`)).body.ratedOrder.status, 'delay_reported');

    await act(t, 'us.supplier', id, 'mark_delivered', { delivered_on: '2026-11-23' });
    const delivered = await deskOrder(id);
    assert.deepEqual([delivered.status, delivered.deliveredOn], ['delivered', '2026-11-23']);
    assert.ok(!delivered.actions.includes('plan'), 'a delivered order is not planned again');
    const card = (await t.call(officer, 'GET', `/requests/${id}`)).body.ratedOrder;
    assert.deepEqual([card.status, card.deliveredOn], ['delivered', '2026-11-23']);
    assert.ok(!(await t.call(lynn, 'GET', '/schedules/mine')).body.orders.some((o: { requestId: string }) => o.requestId === id), 'a delivered order takes no more capacity');

    await act(t, 'in.sosa', id, 'confirm_receipt_and_close', { note: 'Received in good order.' });
    const closed = await deskOrder(id);
    assert.equal(closed.status, 'closed');
    assert.equal((await t.call(await t.login('in.sosa'), 'GET', `/requests/${id}`)).body.ratedOrder.status, 'closed');
    const detail = await t.call(lynn, 'GET', `/rated-orders/${closed.id}`);
    assert.equal(detail.body.keepUntil, '2029-11-23', '700.91: kept three years after it closed');
    assert.deepEqual(detail.body.history.map((h: { kind: string }) => h.kind), ['received', 'plan', 'decision', 'delay', 'delivered', 'closed']);
  });

  it('a withdrawn request cancels its open rated order on the desk (700.16(a))', async () => {
    const id = await placed(t, 'PO-WD');
    await act(t, 'in.sosa', id, 'withdraw', { reason: 'Requirement met from stock.' });
    assert.equal((await deskOrder(id)).status, 'cancelled');
  });
});
