import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { LOGISTICS_ORDER_OBJECT, MESSAGE_KINDS, type LogisticsOrderSetBody } from '../../domain/federation/bodies.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { shareExistingLogisticsWith } from './share-logistics-order-change.js';

// Issue #13: the LEMOA / ACSA logistics ledger (dpas-sosa-sources.md §3.2; 10 USC 2344–2345)
// when each nation runs its own instance. An order is kept by its supplying nation's instance
// (the creditor's ledger: domain/access/border/logistics.ts), which records it, its settlements
// and the decisions on claims, and sends the order as it then stands to the receiving nation's
// instance (`logistics_order.set`). Both nations then read the same order and the same balances.
// One pair of instances serves the whole file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
let orderId = '';

const order = (t: TestApp, user: string) => t.login(user).then((s) => t.call(s, 'GET', `/logistics/orders/${orderId}`));
/** What both nations read of an order: all of it, but what depends on the reader and the desk (the actions it may take, which desk keeps it). */
const shared = (o: Record<string, any>) => ({ ...o, canSettle: undefined, keptBy: undefined, settlements: o.settlements.map((s: Record<string, unknown>) => ({ ...s, canDecide: undefined })) });
/** The ledger's balances as a nation's officer reads them, without the reader-dependent `canDecide` of the claims. */
const balances = async (t: TestApp, user: string) => {
  const res = await t.call(await t.login(user), 'GET', '/logistics/balances');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { ...res.body, claims: res.body.claims.map((c: Record<string, unknown>) => ({ ...c, canDecide: undefined })) };
};

describe("logistics orders cross to the receiving nation's instance (issue #13)", () => {
  it("the US supplies fuel to an Indian ship: India's officers read the order as the US recorded it, and the two ledgers' balances agree", async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel, 180 m³, INS Satpura at Guam', occasion: 'Malabar 2026', deliveredOn: '2026-10-14', currency: 'USD', amount: '212400.00', settlementMethod: 'cash' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    orderId = res.body.id;
    assert.equal((await order(india, 'in.sosa')).status, 404, 'not on India’s instance before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = await order(india, 'in.sosa');
    assert.equal(held.status, 200, JSON.stringify(held.body));
    assert.deepEqual(shared(held.body), shared((await order(us, 'us.sosa')).body));
    assert.equal(held.body.canSettle, true, "India's officer claims a settlement, sent to the US desk, which keeps it (logistics-claim-cross.test.ts)");
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
    assert.deepEqual((await balances(india, 'in.sosa')).net.map((n: any) => [n.owedBy, n.owedTo, n.amount]), [['IN', 'US', '212400.00']]);
    assert.deepEqual(await auditActions(india, 'logistics_order.received'), ['logistics_order.received']);
  });

  it('a settlement the US records (confirmed at once) reaches India under the next version: the same open amount and balances on both desks', async () => {
    const settled = await us.call(await us.login('us.sosa'), 'POST', `/logistics/orders/${orderId}/settlements`, { amount: '200000.00', settledOn: '2026-11-20', method: 'cash', note: 'Wire DFAS-IN-2231' });
    assert.equal(settled.status, 201, JSON.stringify(settled.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = (await order(india, 'in.auditor')).body;
    assert.deepEqual([held.open, held.settlements.length, held.settlements[0].status, held.settlements[0].note], ['12400.00', 1, 'confirmed', 'Wire DFAS-IN-2231']);
    assert.deepEqual(shared(held), shared((await order(us, 'us.sosa')).body));
    const [onUs, onIndia] = [await balances(us, 'us.sosa'), await balances(india, 'in.sosa')];
    assert.deepEqual(onIndia, onUs);
    assert.deepEqual(onIndia.net.map((n: any) => n.amount), ['12400.00']);
    const versions = await india.ctx.store.db.selectFrom('logistics_orders').select(['version', 'received_from']).where('id', '=', orderId).executeTakeFirstOrThrow();
    assert.deepEqual(versions, { version: 2, received_from: 'US' });
  });

  it("a claim on the US's ledger, and the US's dispute of it, cross too: the claimed part and then its release read the same on both desks", async () => {
    // The claim is taken on the keeper's ledger, here by an Indian officer's account on the US desk
    // (the claim India's officer sends from India's own desk: logistics-claim-cross.test.ts).
    const claim = await us.call(await us.login('in.sosa'), 'POST', `/logistics/orders/${orderId}/settlements`, { amount: '12400.00', settledOn: '2026-11-24', method: 'cash', note: 'Second wire' });
    assert.equal(claim.status, 201, JSON.stringify(claim.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
    assert.deepEqual((await balances(india, 'in.sosa')).gross.map((d: any) => [d.amount, d.claimed]), [['12400.00', '12400.00']]);
    const claimed = claim.body.settlements.find((s: any) => s.status === 'claimed');
    const disputed = await us.call(await us.login('us.sosa'), 'POST', `/logistics/orders/${orderId}/settlements/${claimed.id}/decision`, { decision: 'dispute', note: 'No wire received on 24 Nov' });
    assert.equal(disputed.status, 200, JSON.stringify(disputed.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = (await order(india, 'in.sosa')).body;
    assert.deepEqual(held.settlements.map((s: any) => [s.status, s.decisionNote]), [['confirmed', ''], ['disputed', 'No wire received on 24 Nov']]);
    assert.deepEqual(shared(held), shared((await order(us, 'us.sosa')).body));
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
    assert.deepEqual((await balances(india, 'in.sosa')).gross.map((d: any) => d.claimed), ['0.00']);
    // Who recorded and decided crosses as a nation, never as an account of the US desk.
    const accounts = await us.ctx.store.db.selectFrom('users').select(['id', 'username']).where('username', 'in', ['us.sosa', 'in.sosa']).execute();
    const sent = await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('object_id', '=', orderId).execute();
    assert.equal(sent.length, 4);
    for (const { jws } of sent) {
      const payload = Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8');
      assert.ok(payload.includes('"kind":"logistics_order.set"'), payload.slice(0, 200));
      for (const a of accounts) assert.ok(!payload.includes(a.id) && !payload.includes(a.username), `no account of the US desk in ${payload.slice(0, 80)}…`);
    }
  });

  it("India's officers cannot write the US's ledger from their desk: no decision, no order the US supplies (403); a settlement they record there is a claim sent to the US (logistics-claim-cross.test.ts)", async () => {
    const officer = await india.login('in.sosa');
    const settlementId = (await order(india, 'in.sosa')).body.settlements[0].id;
    const decide = await india.call(officer, 'POST', `/logistics/orders/${orderId}/settlements/${settlementId}/decision`, { decision: 'confirm' });
    assert.equal(decide.status, 403, JSON.stringify(decide.body));
    const create = await india.call(officer, 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'berthing', description: 'Berthing, Yokosuka', deliveredOn: '2026-11-02', currency: 'USD', amount: '5000', settlementMethod: 'cash' });
    assert.equal(create.status, 403, JSON.stringify(create.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null }, 'nothing was sent');
    // What India supplies, India keeps and sends: rations to a US ship cross the other way.
    const rations = await india.call(officer, 'POST', '/logistics/orders', { supplyingNation: 'IN', receivingNation: 'US', supportClass: 'rations', description: 'Rations, USS Frank Cable at Chennai', deliveredOn: '2026-11-02', currency: 'INR', amount: '845000', settlementMethod: 'replacement_in_kind' });
    assert.equal(rations.status, 201, JSON.stringify(rations.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await balances(us, 'us.sosa'), await balances(india, 'in.sosa'));
    assert.equal((await balances(us, 'us.auditor')).net.length, 2, 'one balance per currency, both ways');
  });

  it('the same message again, or an older state of the order arriving late, changes nothing', async () => {
    const before = (await order(india, 'in.sosa')).body;
    const [first] = await us.ctx.store.db.selectFrom('federation_outbox').select(['jws', 'object_version']).where('object_id', '=', orderId).orderBy('seq').limit(1).execute();
    assert.equal(first!.object_version, 1);
    assert.equal((await india.call(null, 'POST', '/federation/inbox', { message: first!.jws })).status, 200, 'a duplicate gets its receipt again');
    // The order as it stood at version 1, in a new message (a sender restored from a backup).
    const stale = { ...(await bodyOf(before)), settledMinor: 0, settlements: [] };
    await queue(us, 'IN', stale, 1);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual((await order(india, 'in.sosa')).body, before);
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
  });

  it("India may not send an order the US supplies, overwrite the US's, put one under another arrangement, or send totals that do not add up: each is refused, applies nothing, and is audited on both sides", async () => {
    const ledger = await balances(us, 'us.sosa');
    const own = (await order(us, 'us.sosa')).body;
    const fresh = (p: Partial<LogisticsOrderSetBody['order']>): LogisticsOrderSetBody['order'] => ({
      id: randomUUID(), reference: 'LSO-INUS-00900', arrangementId: 'US-IN', supplyingNation: 'IN', receivingNation: 'US', supportClass: 'services', description: 'Port services', occasion: '', deliveredOn: '2026-11-01', currency: 'INR', amountMinor: 100_000, settledMinor: 0, claimedMinor: 0, settlementMethod: 'cash', settleBy: '2027-11-01', createdAt: india.ctx.now().toISOString(), settlements: [], ...p,
    });
    await queue(india, 'US', fresh({ supplyingNation: 'US', receivingNation: 'IN' }), 1);
    await queue(india, 'US', { ...(await bodyOf(own)), supplyingNation: 'IN', receivingNation: 'US', settledMinor: 0, settlements: [] }, 99);
    await queue(india, 'US', fresh({ arrangementId: 'IN-GB' }), 1);
    await queue(india, 'US', fresh({ settledMinor: 50_000 }), 1);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 4 });
    const refusals = await us.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'IN').where('outcome', '=', 'refused').orderBy('seq').execute();
    assert.deepEqual(refusals.map((r) => r.refusal_reason), ['wrong_nation', 'wrong_nation', 'out_of_arrangement', 'invalid_content']);
    assert.deepEqual(await balances(us, 'us.sosa'), ledger, 'nothing applied on the US instance');
    assert.deepEqual((await order(us, 'us.sosa')).body, own);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, 4);
    assert.equal((await auditActions(us, 'federation.message_refused')).filter((a) => a === 'federation.message_refused').length, 4);
  });

  it('when two instances are first peered, the orders one keeps for the other cross as they stand', async () => {
    // An order the US recorded while unpeered with India: nothing queued for it.
    await us.ctx.store.db.deleteFrom('federation_peers').where('nation', '=', 'IN').execute();
    const res = await us.call(await us.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'spare_parts', description: 'LM2500 fuel nozzles (4)', deliveredOn: '2026-09-30', currency: 'USD', amount: '48000', settlementMethod: 'equal_value_exchange' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await net.peer('US', 'IN', ['US-IN']);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/logistics/orders/${res.body.id}`)).status, 404);
    const sent = await us.ctx.store.db.transaction().execute((trx) => shareExistingLogisticsWith(us.ctx, trx, 'IN'));
    assert.equal(sent, 2, 'the fuel order and the spare parts; not the rations India keeps');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/logistics/orders/${res.body.id}`)).status, 200);
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
  });
});

/** The border body of an order as a reader saw it (for forging an older or a wrong state). */
async function bodyOf(view: Record<string, any>): Promise<LogisticsOrderSetBody['order']> {
  return {
    id: view.id, reference: view.reference, arrangementId: view.arrangementId, supplyingNation: view.supplyingNation, receivingNation: view.receivingNation, supportClass: view.supportClass, description: view.description, occasion: view.occasion, deliveredOn: view.deliveredOn, currency: view.currency, amountMinor: view.amountMinor, settledMinor: view.settledMinor, claimedMinor: view.claimedMinor, settlementMethod: view.settlementMethod, settleBy: view.settleBy, createdAt: new Date().toISOString(),
    settlements: view.settlements.map((s: any) => ({ id: s.id, settledOn: s.settledOn, method: s.method, amountMinor: s.amountMinor, note: s.note, status: s.status, recordedByNation: s.recordedBy, recordedAt: new Date().toISOString(), decidedAt: s.decidedAt, decisionNote: s.decisionNote })),
  };
}

/** A logistics_order.set the instance signs, as a faulty or hostile sender could. */
function queue(t: TestApp, peer: string, o: LogisticsOrderSetBody['order'], version: number) {
  return t.ctx.store.db.transaction().execute((trx) => enqueueOutbound(t.ctx, trx, { peerNation: peer, arrangement: 'US-IN', kind: MESSAGE_KINDS.logisticsOrderSet, object: { type: LOGISTICS_ORDER_OBJECT, id: o.id, version }, body: { order: o } }));
}
