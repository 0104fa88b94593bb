import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAuditLog } from '../../store/audit.repository.js';
import { F414_BLADES } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';


async function act(t: TestApp, user: string, id: string, action: string, fields: Record<string, unknown> = {}) {
  const res = await t.call(await t.login(user), 'POST', `/requests/${id}/transitions`, { action, ...fields });
  assert.equal(res.status, 200, `${user} ${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('a priority support request from India to the United States (DPAS path)', () => {
  // Monday 2026-11-23, 09:00 in Washington (dpas-sosa.md §11 scenario 1).
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('runs from submission to closure, with the 700.13 acceptance clock in US working days', async () => {
    const created = await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    assert.equal(created.body.state, 'submitted');
    assert.match(created.body.reference, /^SOSA-IN-US-2026-\d{5}$/);
    assert.deepEqual(created.body.actions.map((a: { action: string }) => a.action), ['withdraw']);

    const usView = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    assert.deepEqual(usView.body.actions.map((a: { action: string }) => a.action).sort(), ['acknowledge', 'deny', 'return_for_information']);

    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination', { note: 'Supports the F414 co-production roadmap.' });
    await act(t, 'us.dod', id, 'determine_program', { approved_program: 'F414-INS6 co-production (DTTI)', determination_reference: 'DoD-IBP-PD-2026-117' });
    await act(t, 'us.commerce', id, 'authorize_rating', { rating: 'do-a1', authorization_reference: 'BIS-OSIES-2026-0452' });

    const companies = (await t.call(await t.login('us.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string; shortName: string }>;
    const lynn = companies.find((c) => c.shortName === 'LYNN-TURB')!;
    const placed = await act(t, 'us.sosa', id, 'place_rated_order', { supplier: lynn.id, order_number: 'PO-IN-77120', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    assert.equal(placed.state, 'rated_order_placed');
    assert.equal(placed.fields.rating, 'DO-A1');
    const acceptance = placed.deadlines.find((d: { kind: string }) => d.kind === 'supplier_acceptance');
    // 15 CFR 700.13(d): 15 US working days after Mon 2026-11-23, skipping Thanksgiving → Tue 2026-12-15, end of day in New York.
    assert.equal(acceptance.workingDays, 15);
    assert.equal(acceptance.basis.dueDate, '2026-12-15');
    assert.equal(acceptance.dueAt, '2026-12-16T04:59:59.999Z');

    const supplierView = await t.call(await t.login('us.supplier'), 'GET', `/requests/${id}`);
    assert.deepEqual(supplierView.body.actions.map((a: { action: string }) => a.action).sort(), ['accept_rated_order', 'reject_rated_order']);
    const otherSupplier = await t.call(await t.login('us.supplier2'), 'GET', `/requests/${id}`);
    assert.equal(otherSupplier.status, 404, 'a company that holds no order on the request cannot see it');

    const accepted = await act(t, 'us.supplier', id, 'accept_rated_order', { promised_delivery_date: '2027-03-15' });
    assert.equal(accepted.state, 'in_performance');
    assert.equal(accepted.deadlines.find((d: { kind: string }) => d.kind === 'supplier_acceptance').stoppedBy, 'accept_rated_order');
    // A delivery is recorded on or after the day it happens, never ahead of it.
    const was = t.clock.now();
    t.clock.set('2027-03-10T15:00:00Z');
    await act(t, 'us.supplier', id, 'mark_delivered', { delivered_on: '2027-03-10', shipment_reference: 'AWB 176-55512345' });
    const closed = await act(t, 'in.sosa', id, 'confirm_receipt_and_close', { note: 'Received in Bengaluru.' });
    t.clock.set(was);
    assert.equal(closed.state, 'closed');
    assert.deepEqual(closed.actions, []);
    assert.deepEqual(
      closed.history.map((e: { action: string }) => e.action),
      ['submit', 'acknowledge', 'forward_for_determination', 'determine_program', 'authorize_rating', 'place_rated_order', 'accept_rated_order', 'mark_delivered', 'confirm_receipt_and_close'],
    );
    const verdict = await verifyAuditLog(t.ctx.store.db);
    assert.ok(verdict.ok);
  });

  it('refuses a step the state or the role does not allow, with a problem document', async () => {
    const created = await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES);
    const id = created.body.id;
    const wrongState = await t.call(await t.login('us.commerce'), 'POST', `/requests/${id}/transitions`, { action: 'authorize_rating', rating: 'DO-A1', authorization_reference: 'x' });
    assert.equal(wrongState.status, 409);
    assert.equal(wrongState.headers.get('content-type'), 'application/problem+json');
    const wrongRole = await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' });
    assert.equal(wrongRole.status, 403);
    assert.equal(wrongRole.body.code, 'ROLE_NOT_ALLOWED');
  });

  it('flags a rated order without a delivery date or certification under 700.12(a) and places nothing', async () => {
    const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES)).body.id;
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination');
    await act(t, 'us.dod', id, 'determine_program', { approved_program: 'F414', determination_reference: 'PD-1' });
    await act(t, 'us.commerce', id, 'authorize_rating', { rating: 'DX-A1', authorization_reference: 'R-1' });
    const companies = (await t.call(await t.login('us.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string }>;
    const res = await t.call(await t.login('us.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'place_rated_order', supplier: companies[0]!.id, order_number: 'PO-1', required_delivery_date: 'ASAP', signed_by: 'Dana', certified: false });
    assert.equal(res.status, 422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['certified', 'required_delivery_date']);
    const after = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    assert.equal(after.body.state, 'rating_authorized');
    assert.deepEqual(after.body.assignments, []);
  });

  it('refuses an unknown DPAS rating symbol', async () => {
    const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES)).body.id;
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination');
    await act(t, 'us.dod', id, 'determine_program', { approved_program: 'F414', determination_reference: 'PD-1' });
    const res = await t.call(await t.login('us.commerce'), 'POST', `/requests/${id}/transitions`, { action: 'authorize_rating', rating: 'DZ-A1', authorization_reference: 'R' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'rating');
  });
});

describe('a priority support request from the United States to India (Code of Conduct path)', () => {
  const t = useTestApp({ now: '2026-10-16T06:00:00Z' });

  it('is routed to Code of Conduct companies, committed by one and delivered; the shortlist stays Indian', async () => {
    const created = await t.call(await t.login('us.sosa'), 'POST', '/requests', {
      ...F414_BLADES,
      toNation: 'IN',
      title: 'Sonobuoy housings',
      programId: 'US-SONOBUOY',
      items: [{ partNumber: 'SB-HSG-53F', description: 'Sonobuoy housing, A-size', quantity: 500, unit: 'EA', requiredDeliveryDate: '2027-02-01' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    assert.equal(created.body.workflowId, 'code_of_conduct');
    await act(t, 'in.sosa', id, 'acknowledge');
    const companies = (await t.call(await t.login('in.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string; shortName: string; codeOfConductSince: string | null }>;
    const subscribers = companies.filter((c) => c.codeOfConductSince);
    const notSubscribed = companies.find((c) => !c.codeOfConductSince)!;
    const refused = await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'route_to_companies', companies: [notSubscribed.id] });
    assert.equal(refused.status, 422, 'a company outside the Code of Conduct cannot be routed to');

    const routed = await act(t, 'in.sosa', id, 'route_to_companies', { companies: subscribers.map((c) => c.id) });
    assert.equal(routed.state, 'routed');
    const response = routed.deadlines.find((d: { kind: string }) => d.kind === 'company_response');
    // Product rule (sources §5 S3): 10 Indian working days from Fri 2026-10-16, skipping Dussehra 10-20 → Mon 2026-11-02.
    assert.equal(response.basis.dueDate, '2026-11-02');

    const usSees = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    assert.deepEqual(usSees.body.assignments, [], 'the US does not see the Indian shortlist');
    assert.ok(!usSees.body.history.some((e: { action: string }) => e.action === 'route_to_companies'));

    await act(t, 'in.supplier2', id, 'decline', { reason: 'Line fully booked with Navy orders until 2027-06.' });
    const committed = await act(t, 'in.supplier', id, 'commit', { promised_delivery_date: '2027-01-20' });
    assert.equal(committed.state, 'in_performance');
    const usAfter = await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`);
    assert.equal(usAfter.body.supplier.name, 'Bharat Precision Forgings Ltd');
    assert.equal(usAfter.body.assignments.length, 1, 'the US sees only the performing company');

    const was = t.clock.now();
    t.clock.set('2027-01-18T06:00:00Z');
    await act(t, 'in.supplier', id, 'mark_delivered', { delivered_on: '2027-01-18' });
    const closed = await act(t, 'us.sosa', id, 'confirm_receipt_and_close');
    t.clock.set(was);
    assert.equal(closed.state, 'closed');
  });

  it('goes to "no commitment" when every routed company declines', async () => {
    const id = (await t.call(await t.login('us.sosa'), 'POST', '/requests', { ...F414_BLADES, toNation: 'IN', programId: 'US-155MM' })).body.id;
    await act(t, 'in.sosa', id, 'acknowledge');
    const companies = (await t.call(await t.login('in.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string; shortName: string }>;
    await act(t, 'in.sosa', id, 'route_to_companies', { companies: [companies.find((c) => c.shortName === 'BPF')!.id] });
    const declined = await act(t, 'in.supplier', id, 'decline', { reason: 'No forging capacity this year.' });
    assert.equal(declined.accessEnded, true, 'the company that declined no longer reads the request');
    assert.equal((await t.call(await t.login('in.sosa'), 'GET', `/requests/${id}`)).body.state, 'no_commitment');
  });
});
