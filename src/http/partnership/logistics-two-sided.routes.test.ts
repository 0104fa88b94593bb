// The two-sided LEMOA ledger (issue #10 item 12): the debtor does not settle its own debt.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { addThirdNations } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

const auditActions = async (t: TestApp, entityId: string) =>
  (await t.ctx.store.db.selectFrom('audit_events').select(['action', 'nation', 'data']).where('entity_id', '=', entityId).orderBy('seq').execute()).map((e) => `${e.nation} ${e.action}`);

describe('LEMOA ledger: a settlement recorded by the debtor is claimed until the creditor confirms it', () => {
  // Monday 23 November 2026, 09:30 UTC (15:00 in New Delhi).
  const t = useTestApp({ now: '2026-11-23T09:30:00Z' }, addThirdNations);
  let fuelId: string;
  before(async () => {
    const fuel = await t.call(await t.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel, 180 m³, INS Satpura at Guam', deliveredOn: '2026-10-14', currency: 'USD', amount: '212400.00', settlementMethod: 'cash' });
    assert.equal(fuel.status, 201, JSON.stringify(fuel.body));
    fuelId = fuel.body.id;
  });

  it('India records a payment on a US-supplied order: a claim — the open amount stays until the US confirms', async () => {
    const inSosa = await t.login('in.sosa');
    const res = await t.call(inSosa, 'POST', `/logistics/orders/${fuelId}/settlements`, { amount: '200000.00', settledOn: '2026-11-20', method: 'cash', note: 'Voucher PAO-2231' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.settlements[0].status, 'claimed');
    assert.equal(res.body.settlements[0].recordedBy, 'IN');
    assert.equal(res.body.settlements[0].canDecide, false, 'India cannot confirm its own claim');
    assert.deepEqual([res.body.open, res.body.claimed, res.body.settled, res.body.status], ['212400.00', '200000.00', '0.00', 'open']);
    const balances = await t.call(inSosa, 'GET', '/logistics/balances');
    assert.deepEqual(balances.body.gross.map((g: any) => `${g.owedBy}→${g.owedTo} ${g.amount} (claimed ${g.claimed})`), ['IN→US 212400.00 (claimed 200000.00)']);
    assert.deepEqual(balances.body.net.map((g: any) => `${g.owedBy}→${g.owedTo} ${g.amount}`), ['IN→US 212400.00'], 'net on confirmed settlements');
    assert.deepEqual(balances.body.claims.map((c: any) => [c.reference, c.amount, c.canDecide]), [[res.body.reference, '200000.00', false]]);
    // Nothing beyond the unclaimed rest may be settled on top of the claim.
    const over = await t.call(inSosa, 'POST', `/logistics/orders/${fuelId}/settlements`, { amount: '12400.01', settledOn: '2026-11-21', method: 'cash' });
    assert.equal(over.status, 422);
    assert.equal(over.body.openAmount, '12400.00');
  });

  it('India cannot confirm it; a third nation gets 404; the US confirms once, and the amount is settled', async () => {
    const detail = await t.call(await t.login('us.sosa'), 'GET', `/logistics/orders/${fuelId}`);
    const claim = detail.body.settlements.find((s: any) => s.status === 'claimed');
    assert.equal(claim.canDecide, true, 'the US, the creditor, decides');
    const path = `/logistics/orders/${fuelId}/settlements/${claim.id}/decision`;
    assert.equal((await t.call(await t.login('in.sosa'), 'POST', path, { decision: 'confirm' })).status, 403);
    assert.equal((await t.call(await t.login('gb.sosa'), 'POST', path, { decision: 'confirm' })).status, 404);
    assert.equal((await t.call(await t.login('us.auditor'), 'POST', path, { decision: 'confirm' })).status, 403);
    const confirmed = await t.call(await t.login('us.sosa'), 'POST', path, { decision: 'confirm', note: 'Received in DFAS account' });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual([confirmed.body.open, confirmed.body.claimed, confirmed.body.settled, confirmed.body.status], ['12400.00', '0.00', '200000.00', 'partly_settled']);
    assert.equal(confirmed.body.settlements[0].status, 'confirmed');
    assert.equal((await t.call(await t.login('us.sosa'), 'POST', path, { decision: 'dispute', note: 'changed my mind' })).status, 409, 'decided once');
    assert.deepEqual(await auditActions(t, fuelId), ['US logistics_order.create', 'IN logistics_order.settle', 'US logistics_order.settlement_confirm']);
  });

  it('a dispute needs reasons and releases the claim; the creditor’s own record is confirmed at once', async () => {
    const inSosa = await t.login('in.sosa');
    const usSosa = await t.login('us.sosa');
    const claimed = await t.call(inSosa, 'POST', `/logistics/orders/${fuelId}/settlements`, { amount: '12400', settledOn: '2026-11-22', method: 'replacement_in_kind' });
    const claim = claimed.body.settlements.find((s: any) => s.status === 'claimed');
    const path = `/logistics/orders/${fuelId}/settlements/${claim.id}/decision`;
    const bare = await t.call(usSosa, 'POST', path, { decision: 'dispute' });
    assert.equal(bare.status, 422);
    assert.equal(bare.body.errors[0].field, 'note');
    const disputed = await t.call(usSosa, 'POST', path, { decision: 'dispute', note: 'No replacement fuel received at Guam' });
    assert.equal(disputed.status, 200);
    assert.deepEqual([disputed.body.open, disputed.body.claimed], ['12400.00', '0.00']);
    assert.equal(disputed.body.settlements.find((s: any) => s.id === claim.id).decisionNote, 'No replacement fuel received at Guam');
    const own = await t.call(usSosa, 'POST', `/logistics/orders/${fuelId}/settlements`, { amount: '12400', settledOn: '2026-11-23', method: 'cash', note: 'Received by wire' });
    assert.equal(own.status, 201);
    assert.deepEqual([own.body.open, own.body.status], ['0.00', 'settled']);
    assert.equal(own.body.settlements.find((s: any) => s.note === 'Received by wire').status, 'confirmed');
  });

  it('settlement dates: within bounds, not in the future, not before the delivery (422 naming settledOn, nothing written)', async () => {
    const usSosa = await t.login('us.sosa');
    const order = await t.call(usSosa, 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'rations', description: 'Rations', deliveredOn: '2026-11-02', currency: 'USD', amount: '100', settlementMethod: 'cash' });
    const inSosa = await t.login('in.sosa');
    const count = async () => Number((await t.ctx.store.db.selectFrom('logistics_settlements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const settledOn of ['9999-12-31', '2026-11-25', '2026-11-01', '1999-01-01']) {
      const res = await t.call(inSosa, 'POST', `/logistics/orders/${order.body.id}/settlements`, { amount: '10', settledOn, method: 'cash' });
      assert.equal(res.status, 422, `${settledOn}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].field, 'settledOn', settledOn);
    }
    assert.equal(await count(), before);
    // 23 November in Guam or New Delhi is not in the future, wherever the officer sits.
    assert.equal((await t.call(inSosa, 'POST', `/logistics/orders/${order.body.id}/settlements`, { amount: '10', settledOn: '2026-11-23', method: 'cash' })).status, 201);
  });
});
