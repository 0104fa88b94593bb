import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { act, buildRequest, companyId } from '../../testing/request-builders.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Each company answers under its own nation's process (issue #11 item 12; dpas-sosa.md §1): a US
 * company keeps the DPAS order desk (15 CFR 700), an Indian company answers US requests under
 * India's voluntary Code of Conduct and has no DPAS obligations. So the API refuses the DPAS
 * order desk to an Indian company, and gives it its Code of Conduct commitments instead.
 */
describe('company desks: the DPAS order desk for US companies, Code of Conduct commitments for Indian ones', () => {
  const t = useTestApp({ now: '2026-11-23T08:00:00Z' });

  const ORDER_DESK_READS = ['/rated-orders', '/resources', '/schedules/mine', '/sub-orders'];

  it('an Indian company is refused every DPAS order desk route (403, naming its Code of Conduct desk) and writes nothing', async () => {
    const token = await t.login('in.supplier');
    for (const path of ORDER_DESK_READS) {
      const res = await t.call(token, 'GET', path);
      assert.equal(res.status, 403, `${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.detail, /DPAS order desk .*United States.*Code of Conduct/, path);
    }
    const line = await t.call(token, 'POST', '/resources', { name: 'Forge line', capacityPerDay: 2 });
    assert.equal(line.status, 403);
    const imported = await t.call(token, 'POST', '/rated-orders/import', { csv: 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted\n' });
    assert.equal(imported.status, 403);
    const lines = await t.ctx.store.db.selectFrom('production_resources').select('id').where('organisation_id', '=', await companyId(t, 'BPF')).execute();
    assert.equal(lines.length, 0, 'no line was added to the Indian company');
  });

  it('a US company keeps its order desk', async () => {
    const token = await t.login('us.supplier');
    for (const path of ORDER_DESK_READS) assert.equal((await t.call(token, 'GET', path)).status, 200, path);
  });

  it('the commitments desk: requests put to the company with their answer-by date, then its commitment and its decline with the reason', async () => {
    const token = await t.login('in.supplier');
    const empty = await t.call(token, 'GET', '/commitments');
    assert.equal(empty.status, 200, JSON.stringify(empty.body));
    assert.equal(empty.body.company.name, 'Bharat Precision Forgings Ltd');
    assert.equal(empty.body.subscription.status, 'active');
    assert.equal(empty.body.subscription.subscribedOn, '2024-11-15');
    assert.deepEqual(empty.body.items, []);

    // Two requests routed to BPF (one also to DEA), one only to DEA.
    const first = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    const second = await buildRequest(t, 'US->IN', 'routed', ['BPF']);
    const others = await buildRequest(t, 'US->IN', 'routed', ['DEA']);
    const pending = (await t.call(token, 'GET', '/commitments')).body.items;
    assert.deepEqual(pending.map((i: any) => i.requestId).sort(), [first.id, second.id].sort(), 'only the requests put to BPF');
    assert.ok(!pending.some((i: any) => i.requestId === others.id), "another company's request is not on BPF's desk");
    for (const item of pending) {
      assert.equal(item.status, 'pending');
      assert.ok(item.requestId, 'a pending request opens from the desk');
      assert.match(item.title, /US->IN test request/);
      assert.match(item.answerBy.dueAt, /^\d{4}-\d\d-\d\dT/, 'the company-response deadline');
      assert.equal(item.answerBy.overdue, false);
    }

    await act(t, 'in.supplier', first.id, 'commit', { promised_delivery_date: '2027-02-15' });
    await act(t, 'in.supplier', second.id, 'decline', { reason: 'The forge is booked until June.' });
    const answered = (await t.call(token, 'GET', '/commitments')).body.items;
    const committed = answered.find((i: any) => i.requestId === first.id);
    assert.equal(committed.status, 'committed');
    assert.equal(committed.promisedDeliveryDate, '2027-02-15');
    assert.equal(committed.answerBy, null);
    const declined = answered.find((i: any) => i.status === 'declined');
    assert.equal(declined.reason, 'The forge is booked until June.');
    assert.match(declined.decidedAt, /^\d{4}-/);
    // A company that declined no longer reads the request (DESIGN.md, sovereignty rule): the desk
    // keeps its own answer and the reference, not the request's content.
    assert.equal(declined.requestId, null);
    assert.equal(declined.title, null);

    // DEA, superseded on the first request by BPF's commitment, sees it closed without who committed.
    const dea = (await t.call(await t.login('in.supplier2'), 'GET', '/commitments')).body.items;
    const closed = dea.find((i: any) => i.reference === committed.reference);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.requestId, null);
    assert.ok(!JSON.stringify(closed).includes('Bharat'), 'the committing company is not named to another company');
  });

  it('the commitments desk is for companies of a Code of Conduct nation only', async () => {
    const us = await t.call(await t.login('us.supplier'), 'GET', '/commitments');
    assert.equal(us.status, 403);
    assert.match(us.body.detail, /DPAS/);
    for (const official of ['in.sosa', 'in.auditor', 'us.sosa']) assert.equal((await t.call(await t.login(official), 'GET', '/commitments')).status, 403, official);
    assert.equal((await t.call(null, 'GET', '/commitments')).status, 401);
  });
});
