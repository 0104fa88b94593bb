import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { act, companyId, requestBody } from '../../testing/request-builders.js';
import { freshNotifications, type Note } from '../../testing/fresh-notifications.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #11.1: every workflow step tells the next person. After each step exactly the users who
 * must act next — and the requesting office where the issue says (returns, rejections,
 * placements, delays, deliveries, the end) — have a new notification; nobody who may not read the
 * request gets one, and no notification tells the US which Indian companies were asked.
 */
describe('every step of a request tells the next person', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  const fresh = freshNotifications(t);

  /** Runs a step and checks who was told: exactly `expected`, each of whom may read the request. */
  async function step(what: string, run: () => Promise<unknown>, requestId: string, expected: string[]): Promise<Note[]> {
    await run();
    const notes = await fresh();
    assert.deepEqual(notes.map((n) => n.username).sort(), [...expected].sort(), `${what}: who was told`);
    for (const n of notes) {
      assert.equal(n.link, `/requests/${requestId}`, `${what}: ${n.username}'s notification links to the request`);
      const read = await t.call(await t.login(n.username), 'GET', `/requests/${requestId}`);
      assert.equal(read.status, 200, `${what}: ${n.username} was told, so may read the request`);
    }
    return notes;
  }


  const create = async (user: string, toNation: string, program: string, title: string) => {
    const res = await t.call(await t.login(user), 'POST', '/requests', requestBody(toNation, program, { title }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };

  it('IN → US (DPAS): three requests through return, resubmission, rejection, re-placement, acceptance, delay, delivery, denial, withdrawal and closure', async () => {
    await fresh();
    // Request A: the whole path.
    const a = await create('in.sosa', 'US', 'IN-LCA-MK2-ENGINE', 'Blades lot A');
    const submitted = await fresh();
    assert.deepEqual(submitted.map((n) => [n.username, n.kind]), [['us.sosa', 'request_waiting']], 'the submission tells the US SOSA office');
    assert.match(submitted[0]!.title, /SOSA-IN-US-/);

    await step('A acknowledge', () => act(t, 'us.sosa', a, 'acknowledge'), a, []);
    await step('A forward', () => act(t, 'us.sosa', a, 'forward_for_determination'), a, ['us.dod']);
    const returned = await step('A return by DoD', () => act(t, 'us.dod', a, 'return_for_information', { question: 'Which engine lot do the blades serve?' }), a, ['in.sosa']);
    assert.equal(returned[0]!.kind, 'request_waiting', 'the requester must answer: it is their turn');
    await step('A resubmit', () => act(t, 'in.sosa', a, 'resubmit', { answer: 'Lot 3 of the F414-INS6 line.' }), a, ['us.sosa']);
    await step('A acknowledge again', () => act(t, 'us.sosa', a, 'acknowledge'), a, []);
    await step('A forward again', () => act(t, 'us.sosa', a, 'forward_for_determination'), a, ['us.dod']);
    await step('A determine', () => act(t, 'us.dod', a, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-7' }), a, ['us.commerce']);
    await step('A rate', () => act(t, 'us.commerce', a, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-7' }), a, ['us.sosa']);
    const lynn = await companyId(t, 'LYNN-TURB');
    const ohio = await companyId(t, 'OHIO-CAST');
    const placed = await step('A place with Lynn', () => act(t, 'us.sosa', a, 'place_rated_order', { supplier: lynn, order_number: 'PO-A1', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true }), a, ['in.sosa', 'us.supplier']);
    assert.equal(placed.find((n) => n.username === 'us.supplier')!.kind, 'request_assigned');
    assert.equal(placed.find((n) => n.username === 'in.sosa')!.kind, 'request_update');
    await step('A reject by Lynn', () => act(t, 'us.supplier', a, 'reject_rated_order', { ground: 'cannot_meet_date', reasons: 'Forge line full until May.', earliest_possible_date: '2027-05-14' }), a, ['in.sosa', 'us.sosa']);
    await step('A re-place with Ohio', () => act(t, 'us.sosa', a, 'place_rated_order', { supplier: ohio, order_number: 'PO-A2', required_delivery_date: '2027-05-14', signed_by: 'Dana Whitfield', certified: true }), a, ['in.sosa', 'us.supplier2']);
    await step('A accept by Ohio', () => act(t, 'us.supplier2', a, 'accept_rated_order', { promised_delivery_date: '2027-05-14' }), a, ['in.sosa', 'us.sosa']);
    await step('A delay', () => act(t, 'us.supplier2', a, 'report_delay', { new_delivery_date: '2027-06-01', reasons: 'Heat-treatment furnace repair.' }), a, ['in.sosa', 'us.sosa']);
    const delivered = await step('A deliver', () => act(t, 'us.supplier2', a, 'mark_delivered', { delivered_on: '2026-11-23', shipment_reference: 'AWB 1' }), a, ['in.sosa']);
    assert.equal(delivered[0]!.kind, 'request_waiting', 'India must confirm receipt');
    await step('A close', () => act(t, 'in.sosa', a, 'confirm_receipt_and_close', { note: 'Received.' }), a, ['us.sosa', 'us.supplier2']);

    // Request B: denied by Commerce.
    const b = await create('in.sosa', 'US', 'IN-LCA-MK2-ENGINE', 'Blades lot B');
    assert.deepEqual((await fresh()).map((n) => n.username), ['us.sosa']);
    await step('B acknowledge', () => act(t, 'us.sosa', b, 'acknowledge'), b, []);
    await step('B forward', () => act(t, 'us.sosa', b, 'forward_for_determination'), b, ['us.dod']);
    await step('B determine', () => act(t, 'us.dod', b, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-8' }), b, ['us.commerce']);
    const denied = await step('B deny', () => act(t, 'us.commerce', b, 'deny', { reason: 'No rating authority for this item.' }), b, ['in.sosa', 'us.sosa']);
    assert.ok(denied.every((n) => n.kind === 'request_update'));

    // Request C: returned by the US SOSA office, then withdrawn by India.
    const c = await create('in.sosa', 'US', 'IN-LCA-MK2-ENGINE', 'Blades lot C');
    await fresh();
    await step('C acknowledge', () => act(t, 'us.sosa', c, 'acknowledge'), c, []);
    await step('C return by the SOSA office', () => act(t, 'us.sosa', c, 'return_for_information', { question: 'Quantity?' }), c, ['in.sosa']);
    await step('C withdraw', () => act(t, 'in.sosa', c, 'withdraw', { reason: 'Sourced elsewhere.' }), c, ['us.sosa']);
  });

  it('US → IN (Code of Conduct): the shortlisted companies are told, the US is not told who was asked', async () => {
    await fresh();
    const bpf = await companyId(t, 'BPF');
    const dea = await companyId(t, 'DEA');
    const d = await create('us.sosa', 'IN', 'US-SONOBUOY', 'Sonobuoy housings');
    const submitted = await fresh();
    assert.deepEqual(submitted.map((n) => n.username), ['in.sosa'], 'the submission tells the Indian SOSA cell');
    await step('D acknowledge', () => act(t, 'in.sosa', d, 'acknowledge'), d, []);
    const routed = await step('D route to two companies', () => act(t, 'in.sosa', d, 'route_to_companies', { companies: [bpf, dea] }), d, ['in.supplier', 'in.supplier2']);
    for (const n of routed) {
      assert.equal(n.kind, 'request_assigned');
      assert.doesNotMatch(`${n.title} ${n.body}`, /Bharat|Deccan|BPF|DEA/, 'a company is not told which other companies were asked');
    }
    await step('D decline by BPF (internal, another company still asked)', () => act(t, 'in.supplier', d, 'decline', { reason: 'No capacity.' }), d, []);
    await step('D commit by DEA', () => act(t, 'in.supplier2', d, 'commit', { promised_delivery_date: '2027-02-26' }), d, ['in.sosa', 'us.sosa']);
    await step('D deliver', () => act(t, 'in.supplier2', d, 'mark_delivered', { delivered_on: '2026-11-23' }), d, ['us.sosa']);
    await step('D close', () => act(t, 'us.sosa', d, 'confirm_receipt_and_close'), d, ['in.sosa', 'in.supplier2']);

    // E: the only company declines; India's cell must route again or deny; the US learns nothing of it.
    const e = await create('us.sosa', 'IN', 'US-SONOBUOY', 'Sonobuoy batteries');
    await fresh();
    await step('E acknowledge', () => act(t, 'in.sosa', e, 'acknowledge'), e, []);
    await step('E route to BPF', () => act(t, 'in.sosa', e, 'route_to_companies', { companies: [bpf] }), e, ['in.supplier']);
    await step('E decline by BPF: nobody committed', () => act(t, 'in.supplier', e, 'decline', { reason: 'Not our product.' }), e, ['in.sosa']);
    await step('E deny', () => act(t, 'in.sosa', e, 'deny', { reason: 'No Indian maker.' }), e, ['us.sosa']);

    const usNotes = await t.ctx.store.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['title', 'body'])
      .where('users.nation', '=', 'US')
      .execute();
    for (const n of usNotes) assert.doesNotMatch(`${n.title} ${n.body}`, /Bharat|Deccan|BPF|DEA|No capacity|Not our product/, 'no US notification names an Indian company or its refusal');
  });

  it('a step taken twice (a retry after a 409) writes no second notification', async () => {
    const f = await create('in.sosa', 'US', 'IN-LCA-MK2-ENGINE', 'Blades lot F');
    await fresh();
    await act(t, 'us.sosa', f, 'acknowledge');
    await act(t, 'us.sosa', f, 'forward_for_determination');
    const retry = await t.call(await t.login('us.sosa'), 'POST', `/requests/${f}/transitions`, { action: 'forward_for_determination' });
    assert.equal(retry.status, 409);
    assert.deepEqual((await fresh()).map((n) => n.username), ['us.dod']);
  });
});
