import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { act, buildRequest, companyId } from '../../testing/request-builders.js';
import { useOrderDesk } from '../../testing/order-desk.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('the supplier decides and records changes on its rated orders (700.12, 700.13, 700.16, 700.91)', () => {
  const desk = useOrderDesk();
  const t = desk.t;
  const ids: Record<string, string> = {};
  before(async () => {
    assert.equal((await t.call(desk.lynn, 'POST', '/resources', { name: 'Disk line', capacityPerDay: 1 })).status, 201);
    const res = await t.call(desk.lynn, 'POST', '/rated-orders/import', {
      csv: csv(
        // Accepted DO order filling the line's first 10 working days.
        'P-1,US Navy,DO-A1,Disk line,10,2026-12-07,2026-11-16,true,R. Adm. Okafor,true',
        // Scenario 1: DO-A1 received Mon 2026-11-23 → decision due Tue 2026-12-15.
        'D-1,US Air Force,DO-A1,Disk line,2,2027-03-01,2026-11-23,false,Col. Reyes,true',
        // Scenario 8: 3 units by Mon 2026-11-30 — the line is full with P-1 until 2026-12-07.
        'D-2,US Army,DO-A4,Disk line,3,2026-11-30,2026-11-23,false,Maj. Chen,true',
        // No signature, no certification: not yet a rated order (700.12(a)(3)-(4)).
        'D-3,US Army,DO-A4,Disk line,1,2027-02-01,2026-11-23,false,,',
        'D-4,US Air Force,DX-A2,Disk line,1,2027-04-01,2026-11-20,false,Col. Reyes,yes',
        'D-5,US Air Force,DO-A2,Disk line,1,2027-05-03,2026-11-20,false,Col. Reyes,yes',
        'U-1,GE Aviation,,Disk line,1,2027-06-01,2026-11-20,false,,',
        // Accepted long before the import: not marked late (when it was decided is not known).
        'O-1,US Navy,DO-A1,Disk line,1,2027-06-01,2026-06-01,true,Adm. Park,true',
      ),
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    for (const o of (await t.call(desk.lynn, 'GET', '/rated-orders')).body.items) ids[o.orderNumber] = o.id;
  });

  it('scenario 1: the book and the order show the 700.13 deadline in the supplier calendar and a live countdown', async () => {
    const list = await t.call(desk.lynn, 'GET', '/rated-orders');
    const d1 = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'D-1');
    assert.equal(d1.status, 'awaiting_decision');
    assert.equal(d1.acceptance.dueDate, '2026-12-15');
    assert.equal(d1.acceptance.workingDays, 15);
    assert.deepEqual(d1.acceptance.calendar, { nation: 'US', timeZone: 'America/New_York' });
    assert.equal(d1.acceptance.workingDaysLeft, 15);
    assert.equal(d1.acceptance.urgent, false);
    const dx = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'D-4');
    assert.equal(dx.acceptance.workingDays, 10);
    assert.equal(dx.acceptance.dueDate, '2026-12-07'); // Fri 11-20 + 10 WD, skipping Thanksgiving
    const p1 = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'P-1');
    assert.equal(p1.status, 'accepted');
    assert.equal(p1.acceptance.workingDaysLeft, null, 'no countdown once decided');
    const o1 = list.body.items.find((o: { orderNumber: string }) => o.orderNumber === 'O-1');
    assert.deepEqual([o1.status, o1.decision.late], ['accepted', false]);
    const detail = await t.call(desk.lynn, 'GET', `/rated-orders/${ids['D-1']}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.body.acceptance.dueAt, '2026-12-16T04:59:59.999Z');
    assert.deepEqual(detail.body.actions, ['accept', 'reject', 'change', 'cancel', 'plan']);
    assert.equal(detail.body.keepUntil, null);
    assert.deepEqual(detail.body.history.map((h: { kind: string }) => h.kind), ['received']);
  });

  it('scenario 3: an order missing 700.12 elements is flagged "not yet rated", names them, runs no clock and takes no decision', async () => {
    const d3 = await t.call(desk.lynn, 'GET', `/rated-orders/${ids['D-3']}`);
    assert.equal(d3.body.status, 'not_yet_rated');
    assert.deepEqual(d3.body.missingElements.map((m: { field: string }) => m.field), ['signed_by', 'certified']);
    assert.equal(d3.body.acceptance, null);
    assert.deepEqual(d3.body.actions, ['change', 'cancel', 'plan']);
    const res = await t.call(desk.lynn, 'POST', `/rated-orders/${ids['D-3']}/decision`, { decision: 'accept' });
    assert.equal(res.status, 422);
    assert.match(res.body.detail, /not yet a rated order/);
  });

  it('a rejection needs reasons, and for a date that cannot be met a later offered date', async () => {
    const path = `/rated-orders/${ids['D-1']}/decision`;
    const noReasons = await t.call(desk.lynn, 'POST', path, { decision: 'reject' });
    assert.equal(noReasons.status, 422);
    assert.deepEqual(noReasons.body.errors.map((e: { field: string }) => e.field), ['reasons']);
    const noDate = await t.call(desk.lynn, 'POST', path, { decision: 'reject', reasons: 'Line booked', rejectionGround: 'cannot_meet_date' });
    assert.deepEqual(noDate.body.errors.map((e: { field: string }) => e.field), ['offeredDeliveryDate']);
    const earlier = await t.call(desk.lynn, 'POST', path, { decision: 'reject', reasons: 'Line booked', rejectionGround: 'cannot_meet_date', offeredDeliveryDate: '2027-02-01' });
    assert.equal(earlier.status, 422);
    assert.match(earlier.body.errors[0].message, /must be later than the required delivery date 2027-03-01/);
    const badGround = await t.call(desk.lynn, 'POST', path, { decision: 'reject', reasons: 'x', rejectionGround: 'too_busy' });
    assert.equal(badGround.status, 422);
    assert.equal((await t.call(desk.lynn, 'GET', `/rated-orders/${ids['D-1']}`)).body.decision, null, 'nothing was recorded');
  });

  it('scenario 8: accepting a DO order the line cannot make by its date is refused with the earliest date; rejecting with it is recorded', async () => {
    const path = `/rated-orders/${ids['D-2']}/decision`;
    const accept = await t.call(desk.lynn, 'POST', path, { decision: 'accept' });
    assert.equal(accept.status, 422, JSON.stringify(accept.body));
    // P-1 holds the line through Mon 2026-12-07 (10 working days from today); 3 more units → Thu 2026-12-10.
    assert.equal(accept.body.earliestDeliveryDate, '2026-12-10');
    assert.match(accept.body.errors[0].message, /P-1/);
    assert.doesNotMatch(accept.body.errors[0].message, /\bday \d/);
    const reject = await t.call(desk.lynn, 'POST', path, { decision: 'reject', reasons: 'Disk line is booked by an accepted DO order until 2026-12-07.', rejectionGround: 'interferes_with_accepted_rated_orders', offeredDeliveryDate: '2026-12-10' });
    assert.equal(reject.status, 200, JSON.stringify(reject.body));
    assert.equal(reject.body.status, 'rejected');
    assert.deepEqual(
      { ground: reject.body.decision.rejectionGround, offered: reject.body.decision.offeredDeliveryDate, by: reject.body.decision.decidedBy, late: reject.body.decision.late },
      { ground: 'interferes_with_accepted_rated_orders', offered: '2026-12-10', by: 'us.supplier', late: false },
    );
    assert.equal(reject.body.keepUntil, '2029-11-23', '700.91: three years after the order closed');
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'data']).where('entity_id', '=', ids['D-2']!).execute();
    assert.deepEqual(audit.map((a) => a.action), ['rated_order.reject']);
  });

  it('an acceptance is recorded once: of three racing decisions one wins, the others get 409, and the history holds one decision', async () => {
    const path = `/rated-orders/${ids['D-1']}/decision`;
    const results = await Promise.all([
      t.call(desk.lynn, 'POST', path, { decision: 'accept' }),
      t.call(desk.lynn, 'POST', path, { decision: 'reject', reasons: 'Payment terms', rejectionGround: 'terms_of_sale_not_met' }),
      t.call(desk.lynn, 'POST', path, { decision: 'accept' }),
    ]);
    assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => r.status)));
    assert.deepEqual(results.filter((r) => r.status !== 200).map((r) => r.status), [409, 409]);
    const history = await t.call(desk.lynn, 'GET', `/rated-orders/${ids['D-1']}/history`);
    assert.equal(history.body.items.filter((h: { kind: string }) => h.kind === 'decision').length, 1);
    const events = await t.ctx.store.db.selectFrom('audit_events').select('action').where('entity_id', '=', ids['D-1']!).execute();
    assert.equal(events.length, 1);
  });

  it('a decision after the deadline is recorded and marked late', async () => {
    t.clock.set('2026-12-08T15:00:00Z'); // D-4 (DX) was due 2026-12-07
    const token = await t.login('us.supplier');
    const res = await t.call(token, 'POST', `/rated-orders/${ids['D-4']}/decision`, { decision: 'accept' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.decision.late, true);
    assert.equal(res.body.status, 'accepted');
    t.clock.set('2026-11-23T14:00:00Z');
    desk.lynn = await t.login('us.supplier');
    desk.ohio = await t.login('us.supplier2');
  });

  it('scenario 10: a new destination keeps the decision; the date moved 3 months earlier makes a new rated order with a new clock', async () => {
    const d5 = ids['D-5']!;
    assert.equal((await t.call(desk.lynn, 'POST', `/rated-orders/${d5}/decision`, { decision: 'accept' })).status, 200);
    const dest = await t.call(desk.lynn, 'POST', `/rated-orders/${d5}/changes`, { kind: 'destination', destination: 'Dock 4, Norfolk', reasons: 'Customer notice 17' });
    assert.equal(dest.status, 200, JSON.stringify(dest.body));
    assert.equal(dest.body.change.newRatedOrder, false);
    assert.equal(dest.body.order.status, 'accepted');
    assert.equal(dest.body.order.destination, 'Dock 4, Norfolk');

    t.clock.set('2026-11-24T15:00:00Z'); // the amendment arrives Tue 2026-11-24
    desk.lynn = await t.login('us.supplier');
    const earlier = await t.call(desk.lynn, 'POST', `/rated-orders/${d5}/changes`, { kind: 'delivery_date', requiredDeliveryDate: '2027-02-03' });
    assert.equal(earlier.status, 200, JSON.stringify(earlier.body));
    assert.equal(earlier.body.change.newRatedOrder, true);
    assert.equal(earlier.body.change.rule, '15 CFR 700.16(c)');
    assert.equal(earlier.body.order.status, 'awaiting_decision');
    assert.equal(earlier.body.order.decision, null);
    assert.equal(earlier.body.order.acceptance.ratedAsOf, '2026-11-24T15:00:00.000Z');
    assert.equal(earlier.body.order.acceptance.dueDate, '2026-12-16'); // 15 US working days from Tue 11-24
    const history = (await t.call(desk.lynn, 'GET', `/rated-orders/${d5}/history`)).body.items;
    assert.deepEqual(history.map((h: { kind: string; changeKind: string | null }) => [h.kind, h.changeKind]), [['received', null], ['decision', null], ['change', 'destination'], ['change', 'delivery_date']]);
    const last = history[3];
    assert.deepEqual([last.before.requiredDeliveryDate, last.after.requiredDeliveryDate, last.before.decision, last.actor.username], ['2027-05-03', '2027-02-03', 'accepted', 'us.supplier']);
    const qty = await t.call(desk.lynn, 'POST', `/rated-orders/${d5}/changes`, { kind: 'quantity', quantity: 0 });
    assert.equal(qty.status, 422);
    const more = await t.call(desk.lynn, 'POST', `/rated-orders/${d5}/changes`, { kind: 'quantity', quantity: 2, negligibleDeliveryImpact: true });
    assert.deepEqual(more.body.errors.map((e: { field: string }) => e.field), ['reasons'], 'a negligible increase says why');
    t.clock.set('2026-11-23T14:00:00Z');
    desk.lynn = await t.login('us.supplier');
    desk.ohio = await t.login('us.supplier2');
  });

  it('an unrated order made rated gets a clock from the change; a cancellation keeps the row, which the database will not delete', async () => {
    const u1 = ids['U-1']!;
    const rated = await t.call(desk.lynn, 'POST', `/rated-orders/${u1}/changes`, { kind: 'rating', rating: 'do-a1' });
    assert.equal(rated.body.change.newRatedOrder, true);
    assert.equal(rated.body.order.rating, 'DO-A1');
    assert.equal(rated.body.order.status, 'not_yet_rated', 'still no signature or certification');
    const cancel = await t.call(desk.lynn, 'POST', `/rated-orders/${u1}/changes`, { kind: 'cancel', reasons: 'Customer withdrew the requirement' });
    assert.equal(cancel.status, 200);
    assert.equal(cancel.body.order.status, 'cancelled');
    assert.equal(cancel.body.order.keepUntil, '2029-11-23');
    assert.deepEqual(cancel.body.order.actions, []);
    assert.equal((await t.call(desk.lynn, 'POST', `/rated-orders/${u1}/changes`, { kind: 'quantity', quantity: 4 })).status, 409);
    assert.equal((await t.call(desk.lynn, 'POST', `/rated-orders/${u1}/decision`, { decision: 'accept' })).status, 409);
    await assert.rejects(sql`delete from supplier_orders where id = ${u1}`.execute(t.ctx.store.db), /700\.91/);
    await assert.rejects(sql`update order_history set reasons = 'x' where order_id = ${u1}`.execute(t.ctx.store.db), /700\.91/);
    const list = await t.call(desk.lynn, 'GET', '/rated-orders');
    assert.ok(list.body.items.some((o: { id: string; status: string }) => o.id === u1 && o.status === 'cancelled'));
  });

  it('another company and a malformed id get 404; a non-supplier and a company of another nation 403', async () => {
    for (const [token, status] of [[desk.ohio, 404], [await t.login('in.supplier'), 403]] as const) {
      assert.equal((await t.call(token, 'GET', `/rated-orders/${ids['D-1']}`)).status, status);
      assert.equal((await t.call(token, 'GET', `/rated-orders/${ids['D-1']}/history`)).status, status);
      assert.equal((await t.call(token, 'POST', `/rated-orders/${ids['D-5']}/decision`, { decision: 'accept' })).status, status);
      assert.equal((await t.call(token, 'POST', `/rated-orders/${ids['D-5']}/changes`, { kind: 'cancel' })).status, status);
    }
    assert.equal((await t.call(desk.lynn, 'GET', '/rated-orders/not-a-uuid')).status, 404);
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/rated-orders/${ids['D-1']}`)).status, 403);
  });

  it('a SOSA rated order enters the supplier book linked to its request; both nations see its status on the request; the supplier decides on the request', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const lynnOrg = await companyId(t, 'LYNN-TURB');
    const row = await t.ctx.store.db.selectFrom('supplier_orders').selectAll().where('request_id', '=', r.id).executeTakeFirstOrThrow();
    assert.equal(row.organisation_id, lynnOrg);
    assert.equal(row.resource_id, null);
    assert.equal(row.rating, 'DO-A1');
    assert.match(row.order_number, /\/PO-1$/);
    const inBook = (await t.call(desk.lynn, 'GET', '/rated-orders')).body.items.find((o: { requestId: string | null }) => o.requestId === r.id);
    assert.equal(inBook.status, 'awaiting_decision');
    assert.equal(inBook.acceptance.dueDate, '2026-12-15');
    assert.deepEqual(inBook.actions, ['change', 'cancel', 'plan'], 'decided on the request, not in the book; planned on a line like any order');
    const direct = await t.call(desk.lynn, 'POST', `/rated-orders/${inBook.id}/decision`, { decision: 'accept' });
    assert.equal(direct.status, 409);
    assert.equal(direct.body.requestId, r.id);

    for (const officer of ['us.sosa', 'in.sosa']) {
      const view = await t.call(await t.login(officer), 'GET', `/requests/${r.id}`);
      assert.equal(view.body.ratedOrder.status, 'awaiting_decision', officer);
      assert.equal(view.body.ratedOrder.acceptance.dueDate, '2026-12-15');
    }
    assert.equal((await t.call(desk.ohio, 'GET', '/rated-orders')).body.items.some((o: { requestId: string | null }) => o.requestId === r.id), false);

    await act(t, 'us.supplier', r.id, 'accept_rated_order', { promised_delivery_date: '2027-03-20' });
    const after = await t.call(await t.login('in.sosa'), 'GET', `/requests/${r.id}`);
    assert.equal(after.body.ratedOrder.status, 'accepted');
    assert.equal(after.body.ratedOrder.decision.late, false);
    const history = (await t.call(desk.lynn, 'GET', `/rated-orders/${inBook.id}/history`)).body.items;
    assert.deepEqual(history.map((h: { kind: string }) => h.kind), ['received', 'decision']);
  });

  it('a supplier rejection on the request is mirrored with its ground and offered date', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    await act(t, 'us.supplier', r.id, 'reject_rated_order', { ground: 'cannot_meet_date', reasons: 'Forging capacity booked.', earliest_possible_date: '2027-05-14' });
    const row = await t.ctx.store.db.selectFrom('supplier_orders').selectAll().where('request_id', '=', r.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.decision, row.rejection_ground, row.offered_delivery_date, row.decision_reasons], ['rejected', 'cannot_meet_date', '2027-05-14', 'Forging capacity booked.']);
  });
});
