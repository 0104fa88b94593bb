import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

async function toRatingAuthorized(t: TestApp, rating: string): Promise<string> {
  const id = (await t.call(await t.login('in.sosa'), 'POST', '/requests', F414_BLADES)).body.id;
  const steps: Array<[string, string, Record<string, unknown>]> = [
    ['us.sosa', 'acknowledge', {}],
    ['us.sosa', 'forward_for_determination', {}],
    ['us.dod', 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-7' }],
    ['us.commerce', 'authorize_rating', { rating, authorization_reference: 'R-7' }],
  ];
  for (const [user, action, fields] of steps) {
    const res = await t.call(await t.login(user), 'POST', `/requests/${id}/transitions`, { action, ...fields });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  }
  return id;
}

describe('rated orders at the US supplier (15 CFR 700.12–700.13)', () => {
  // Friday 2026-11-06, 10:00 in Washington (sources §5 S3).
  const t = useTestApp({ now: '2026-11-06T15:00:00Z' });
  let lynn: string;
  let ohio: string;
  before(async () => {
    const companies = (await t.call(await t.login('us.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string; shortName: string }>;
    lynn = companies.find((c) => c.shortName === 'LYNN-TURB')!.id;
    ohio = companies.find((c) => c.shortName === 'OHIO-CAST')!.id;
  });

  const place = (id: string, fields: Record<string, unknown>) =>
    t.login('us.sosa').then((token) => t.call(token, 'POST', `/requests/${id}/transitions`, { action: 'place_rated_order', order_number: 'PO-1', required_delivery_date: '2027-02-02', signed_by: 'Dana Whitfield', certified: true, ...fields }));

  it('counts the acceptance clock of an Indian requirement in the US supplier\'s calendar (S3): Fri 2026-11-06 + 15 → Tue 2026-12-01', async () => {
    const id = await toRatingAuthorized(t, 'DO-A7');
    const placed = await place(id, { supplier: lynn });
    const acceptance = placed.body.deadlines.find((d: { kind: string }) => d.kind === 'supplier_acceptance');
    assert.equal(acceptance.nation, 'US');
    assert.equal(acceptance.basis.dueDate, '2026-12-01');
  });

  it('gives a DX order 10 working days (700.13(d))', async () => {
    const id = await toRatingAuthorized(t, 'DX-A2');
    const placed = await place(id, { supplier: lynn });
    const acceptance = placed.body.deadlines.find((d: { kind: string }) => d.kind === 'supplier_acceptance');
    assert.equal(acceptance.workingDays, 10);
    assert.equal(acceptance.basis.dueDate, '2026-11-23'); // 9, 10, (11 Veterans Day), 12, 13, 16, 17, 18, 19, 20, 23
  });

  it('holds an emergency preparedness order to the hours it states, never below the minimum', async () => {
    const id = await toRatingAuthorized(t, 'DO-A6');
    const tooShort = await place(id, { supplier: lynn, emergency_basis: 'hazard_occurred', emergency_response_hours: 4 });
    assert.equal(tooShort.status, 422);
    assert.equal(tooShort.body.errors[0].field, 'emergency_response_hours');
    const ok = await place(id, { supplier: lynn, emergency_basis: 'hazard_occurred', emergency_response_hours: 8 });
    const acceptance = ok.body.deadlines.find((d: { kind: string }) => d.kind === 'supplier_acceptance');
    assert.equal(acceptance.hours, 8);
    assert.equal(acceptance.dueAt, '2026-11-06T23:00:00.000Z');
  });

  it('makes a supplier that cannot meet the date offer a later one (700.13(b)(1)); the office then places the order elsewhere', async () => {
    const id = await toRatingAuthorized(t, 'DO-A1');
    await place(id, { supplier: lynn });
    const supplier = await t.login('us.supplier');
    const noDate = await t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'reject_rated_order', ground: 'cannot_meet_date', reasons: 'Casting capacity booked.' });
    assert.equal(noDate.status, 422);
    assert.equal(noDate.body.errors[0].field, 'earliest_possible_date');
    const earlier = await t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'reject_rated_order', ground: 'cannot_meet_date', reasons: 'Casting capacity booked.', earliest_possible_date: '2027-01-15' });
    assert.equal(earlier.status, 422, 'an earliest date before the required date means the order can be met and must be accepted');
    const rejected = await t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'reject_rated_order', ground: 'cannot_meet_date', reasons: 'Casting capacity booked.', earliest_possible_date: '2027-03-16' });
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.accessEnded, true, 'the rejecting supplier no longer reads the request');
    assert.deepEqual(rejected.body.actions, [], 'the rejecting supplier has nothing more to do');
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`)).body.state, 'supplier_rejected');

    const replaced = await place(id, { supplier: ohio, order_number: 'PO-2' });
    assert.equal(replaced.body.state, 'rated_order_placed');
    const statuses = Object.fromEntries(replaced.body.assignments.map((a: { organisation: { id: string }; status: string }) => [a.organisation.id, a.status]));
    assert.deepEqual(statuses, { [lynn]: 'superseded', [ohio]: 'placed' });
    const lynnView = await t.call(supplier, 'GET', `/requests/${id}`);
    assert.equal(lynnView.status, 404, 'the first supplier no longer reads the request; its rejected order stays on its desk');
    const ohioActions = (await t.call(await t.login('us.supplier2'), 'GET', `/requests/${id}`)).body.actions.map((a: { action: string }) => a.action);
    assert.deepEqual(ohioActions.sort(), ['accept_rated_order', 'reject_rated_order']);
  });

  it('refuses a promised delivery date in the past', async () => {
    const id = await toRatingAuthorized(t, 'DO-A1');
    await place(id, { supplier: lynn });
    const res = await t.call(await t.login('us.supplier'), 'POST', `/requests/${id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: '2026-11-05' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'promised_delivery_date');
  });

  it('lets exactly one of two racing acceptances win; the other gets 409', async () => {
    const id = await toRatingAuthorized(t, 'DO-A1');
    await place(id, { supplier: lynn });
    const supplier = await t.login('us.supplier');
    const results = await Promise.all([
      t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: '2027-01-30' }),
      t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'reject_rated_order', ground: 'terms_of_sale_not_met', reasons: 'Payment terms.' }),
      t.call(supplier, 'POST', `/requests/${id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: '2027-01-30' }),
    ]);
    const winners = results.filter((r) => r.status === 200);
    assert.equal(winners.length, 1);
    // A supplier that rejected the order no longer reads the request (the sovereignty rule, DESIGN.md):
    // its late acceptances find nothing. After an acceptance, the other attempts conflict with it.
    const rejectWon = results[1].status === 200;
    assert.deepEqual(results.filter((r) => r.status !== 200).map((r) => r.status), rejectWon ? [404, 404] : [409, 409]);
    const events = (await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`)).body.history.filter((e: { action: string }) => e.action === 'accept_rated_order' || e.action === 'reject_rated_order');
    assert.equal(events.length, 1);
  });
});
