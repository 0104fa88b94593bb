import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { act, buildRequest, companyId } from '../../testing/request-builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';

async function orderId(t: TestApp, company: string, orderNumber: string): Promise<string> {
  const org = await companyId(t, company);
  return (await t.ctx.store.db.selectFrom('supplier_orders').select('id').where('organisation_id', '=', org).where('order_number', '=', orderNumber).executeTakeFirstOrThrow()).id;
}

async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  return (await t.ctx.store.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()).map((r) => r.action);
}

describe('Special Priorities Assistance requests (15 CFR 700.50–700.55, BIS-999)', () => {
  let t: TestApp;
  let lynn: string;
  let p1: string;
  const token = (u: string) => t.login(u);
  const body = (overrides: Record<string, unknown> = {}) => ({
    requester: { name: 'Tom Kowalski', title: 'Contracts manager', email: 'tom@lynn.example', phone: '+1 781 555 0100' },
    customer: 'US Navy shipyard',
    supplier: { name: 'Ohio Precision Castings LLC', contact: 'Ana Ruiz' },
    orders: [{ orderId: p1, orderNumber: 'P-1', rating: 'DO-A3', items: 'Turbine assemblies', quantity: 4, requiredDeliveryDate: '2027-03-01', promisedDeliveryDate: '2027-05-15' }],
    program: 'DDG-51 propulsion',
    problem: 'Castings promised 10 weeks late; the DO-A3 order cannot be met.',
    attemptsMade: 'Written requests on 2026-11-02 and 2026-11-16; offered a split delivery.',
    actionRequested: 'Direct the casting supplier to deliver 4 castings by 2027-01-15.',
    ...overrides,
  });

  before(async () => {
    t = await createTestApp({ now: '2026-11-23T14:00:00Z' });
    lynn = await t.login('us.supplier');
    assert.equal((await t.call(lynn, 'POST', '/resources', { name: 'Turbine line', capacityPerDay: 2 })).status, 201);
    assert.equal((await t.call(lynn, 'POST', '/rated-orders/import', { csv: [HEADER, 'P-1,US Navy shipyard,DO-A3,Turbine line,4,2027-03-01,2026-11-20,true', 'P-2,GE,,Turbine line,1,2027-03-01,2026-11-20,true'].join('\n') })).status, 201);
    p1 = await orderId(t, 'LYNN-TURB', 'P-1');
  });
  after(() => t.close());

  it('the full life cycle: Lynn drafts and submits, the SOSA office reviews and forwards, Commerce resolves; each step an event and an audit record', async () => {
    const created = await t.call(lynn, 'POST', '/spa-requests', body());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.match(created.body.reference, /^SPA-US-2026-\d{5}$/);
    assert.deepEqual([created.body.status, created.body.actions], ['draft', ['submit', 'withdraw']]);
    assert.equal(created.body.orders[0].rating, 'DO-A3');

    // A draft is the company's own: the SOSA office neither lists nor reads it.
    const sosa = await token('us.sosa');
    assert.equal((await t.call(sosa, 'GET', `/spa-requests/${id}`)).status, 404);
    assert.ok(!(await t.call(sosa, 'GET', '/spa-requests')).body.items.some((i: { id: string }) => i.id === id));
    assert.equal((await t.call(await token('us.auditor'), 'GET', `/spa-requests/${id}`)).status, 200, 'an auditor of the nation reads drafts too');

    const submitted = await t.call(lynn, 'POST', `/spa-requests/${id}/transitions`, { action: 'submit' });
    assert.deepEqual([submitted.status, submitted.body.status], [200, 'submitted']);
    const seen = await t.call(sosa, 'GET', `/spa-requests/${id}`);
    assert.deepEqual([seen.status, seen.body.actions, seen.body.problem], [200, ['start_review'], body().problem]);

    // Commerce does not see it until it is forwarded.
    const commerce = await token('us.commerce');
    assert.equal((await t.call(commerce, 'GET', `/spa-requests/${id}`)).status, 404);
    assert.equal((await t.call(commerce, 'POST', `/spa-requests/${id}/transitions`, { action: 'resolve', note: 'x' })).status, 404);

    assert.equal((await t.call(lynn, 'POST', `/spa-requests/${id}/transitions`, { action: 'start_review' })).status, 403, 'the filer does not review');
    assert.equal((await t.call(sosa, 'POST', `/spa-requests/${id}/transitions`, { action: 'start_review' })).body.status, 'under_review');
    const noNote = await t.call(sosa, 'POST', `/spa-requests/${id}/transitions`, { action: 'forward_to_commerce' });
    assert.deepEqual([noNote.status, noNote.body.errors[0].field], [422, 'note']);
    const forwarded = await t.call(sosa, 'POST', `/spa-requests/${id}/transitions`, { action: 'forward_to_commerce', note: 'Needs a Commerce directive to the casting supplier.' });
    assert.deepEqual([forwarded.body.status, forwarded.body.actions], ['forwarded_to_commerce', []]);

    const list = await t.call(commerce, 'GET', '/spa-requests');
    assert.deepEqual(list.body.items.map((i: { id: string; status: string }) => [i.id, i.status]), [[id, 'forwarded_to_commerce']]);
    assert.deepEqual((await t.call(commerce, 'GET', `/spa-requests/${id}`)).body.actions, ['resolve', 'deny']);
    assert.equal((await t.call(commerce, 'POST', `/spa-requests/${id}/transitions`, { action: 'forward_to_commerce', note: 'x' })).status, 409);
    const resolved = await t.call(commerce, 'POST', `/spa-requests/${id}/transitions`, { action: 'resolve', note: 'Directive issued: 4 castings by 2027-01-15.' });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    assert.deepEqual([resolved.body.status, resolved.body.outcomeNote, resolved.body.closedAt !== null], ['resolved', 'Directive issued: 4 castings by 2027-01-15.', true]);
    assert.deepEqual(resolved.body.events.map((e: { action: string; toStatus: string }) => `${e.action}→${e.toStatus}`), ['create→draft', 'submit→submitted', 'start_review→under_review', 'forward_to_commerce→forwarded_to_commerce', 'resolve→resolved']);
    assert.deepEqual(await auditActions(t, id), ['spa_request.create', 'spa_request.submit', 'spa_request.start_review', 'spa_request.forward_to_commerce', 'spa_request.resolve']);
    assert.equal((await t.call(lynn, 'POST', `/spa-requests/${id}/transitions`, { action: 'withdraw' })).status, 409);
  });

  it('DoD may review and deny; a stale version is refused', async () => {
    const created = await t.call(lynn, 'POST', '/spa-requests', body({ submit: true }));
    assert.deepEqual([created.status, created.body.status], [201, 'submitted']);
    const dod = await token('us.dod');
    const reviewing = await t.call(dod, 'POST', `/spa-requests/${created.body.id}/transitions`, { action: 'start_review', version: 1 });
    assert.equal(reviewing.body.status, 'under_review');
    assert.equal((await t.call(dod, 'POST', `/spa-requests/${created.body.id}/transitions`, { action: 'deny', note: 'x', version: 1 })).status, 409);
    const denied = await t.call(dod, 'POST', `/spa-requests/${created.body.id}/transitions`, { action: 'deny', note: 'The order is not late yet.', version: reviewing.body.version });
    assert.deepEqual([denied.status, denied.body.status], [200, 'denied']);
  });

  it('two reviewers starting the same review at once: exactly one wins, the other gets 409', async () => {
    const created = await t.call(lynn, 'POST', '/spa-requests', body({ submit: true }));
    const [a, b] = await Promise.all([
      t.call(await token('us.sosa'), 'POST', `/spa-requests/${created.body.id}/transitions`, { action: 'start_review' }),
      t.call(await token('us.dod'), 'POST', `/spa-requests/${created.body.id}/transitions`, { action: 'start_review' }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
  });

  it('refuses orders that are not the filer’s or do not match its book, and bad BIS-999 fields', async () => {
    const ohio = await token('us.supplier2');
    const notMine = await t.call(ohio, 'POST', '/spa-requests', body());
    assert.deepEqual([notMine.status, notMine.body.errors.map((e: { field: string }) => e.field)], [422, ['orders/0/orderId']]);
    const wrong = await t.call(lynn, 'POST', '/spa-requests', body({ orders: [{ ...body().orders[0], orderNumber: 'P-9', rating: 'DX-A3' }] }));
    assert.deepEqual(wrong.body.errors.map((e: { field: string }) => e.field), ['orders/0/orderNumber', 'orders/0/rating']);
    const unrated = await t.call(lynn, 'POST', '/spa-requests', body({ orders: [{ ...body().orders[0], orderId: await orderId(t, 'LYNN-TURB', 'P-2'), orderNumber: 'P-2' }] }));
    assert.equal(unrated.body.errors[0].field, 'orders/0/rating');
    const bad = await t.call(lynn, 'POST', '/spa-requests', body({ problem: '', requester: { name: 'T', email: 'nope' }, supplier: { name: 'X', organisationId: await companyId(t, 'BPF') } }));
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['problem', 'requester/email']);
    const foreignSupplier = await t.call(lynn, 'POST', '/spa-requests', body({ supplier: { name: 'X', organisationId: await companyId(t, 'BPF') } }));
    assert.deepEqual([foreignSupplier.status, foreignSupplier.body.errors[0].field], [422, 'supplier/organisationId']);
    assert.equal((await t.call(await token('us.sosa'), 'POST', '/spa-requests', body())).status, 403);
  });

  it('other nations and other companies get 404; admins and analysts 403; India’s SOSA officer reads a partner view when the order came from India’s request', async () => {
    const created = await t.call(lynn, 'POST', '/spa-requests', body({ submit: true }));
    const id = created.body.id;
    for (const u of ['in.sosa', 'in.auditor', 'in.supplier', 'us.supplier2']) {
      assert.equal((await t.call(await token(u), 'GET', `/spa-requests/${id}`)).status, 404, u);
      assert.ok(!(await t.call(await token(u), 'GET', '/spa-requests')).body.items.some((i: { id: string }) => i.id === id), u);
    }
    for (const u of ['us.admin', 'us.analyst', 'in.admin']) assert.equal((await t.call(await token(u), 'GET', '/spa-requests')).status, 403, u);

    // P-1 is now the rated order that came from an Indian SOSA request, placed with Lynn.
    const request = await buildRequest(t, 'IN->US', 'placed');
    await t.ctx.store.db.updateTable('supplier_orders').set({ request_id: request.id }).where('id', '=', p1).execute();
    const inSosa = await token('in.sosa');
    const partner = await t.call(inSosa, 'GET', `/spa-requests/${id}`);
    assert.equal(partner.status, 200, JSON.stringify(partner.body));
    assert.deepEqual(
      [partner.body.view, partner.body.problem, partner.body.attemptsMade, partner.body.requester, partner.body.supplier, partner.body.events, partner.body.actions, partner.body.orders[0].orderNumber],
      ['partner', null, null, null, null, null, [], 'P-1'],
    );
    assert.ok((await t.call(inSosa, 'GET', '/spa-requests')).body.items.some((i: { id: string; view: string }) => i.id === id && i.view === 'partner'));
    assert.equal((await t.call(inSosa, 'POST', `/spa-requests/${id}/transitions`, { action: 'start_review' })).status, 403);
    assert.equal((await t.call(await token('in.auditor'), 'GET', `/spa-requests/${id}`)).status, 404, 'only the partner’s SOSA officer');
    assert.equal((await t.call(lynn, 'GET', '/spa-requests/not-an-id')).status, 404);

    // Once Lynn rejects the order and it goes to another supplier, India may no longer know of Lynn
    // on its request (the border): the SPA about Lynn's order stops being India's to read.
    await act(t, 'us.supplier', request.id, 'reject_rated_order', { ground: 'terms_of_sale_not_met', reasons: 'Payment terms.' });
    await act(t, 'us.sosa', request.id, 'place_rated_order', { supplier: await companyId(t, 'OHIO-CAST'), order_number: 'PO-2', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    assert.equal((await t.call(inSosa, 'GET', `/spa-requests/${id}`)).status, 404);
    assert.ok(!(await t.call(inSosa, 'GET', '/spa-requests')).body.items.some((i: { id: string }) => i.id === id));
  });
});
