import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { LOGISTICS_ORDER_OBJECT, MESSAGE_KINDS, logisticsSettlementClaimBodySchema, type LogisticsSettlementClaimBody } from '../../domain/federation/bodies.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { latestInboundHash } from '../../store/federation-messages.repository.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { removePeer } from './remove-peer.js';

// Issue #13 (README "Sovereign instances", "Logistics ledger"): a LEMOA / ACSA order is kept by
// its supplying nation's instance, the creditor's ledger (domain/access/border/logistics.ts); the
// receiving nation (the debtor) reads a copy. What the debtor does on a shared instance — record
// a settlement, which is a claim until the creditor confirms it (10 USC 2344(a)) — its officer does
// on the copy: the claim crosses to the keeper as `logistics_settlement.claim`, the keeper records
// it through the path a claim recorded there takes, and the order comes back answering it.
// One pair of instances serves the whole file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
let orderId = '';
let claimBody: LogisticsSettlementClaimBody;

const order = async (t: TestApp, user: string) => {
  const res = await t.call(await t.login(user), 'GET', `/logistics/orders/${orderId}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
const listed = async (t: TestApp, user: string) => {
  const res = await t.call(await t.login(user), 'GET', '/logistics/orders');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items.find((o: { id: string }) => o.id === orderId);
};
/** What both nations read of an order: all of it, but what depends on the reader and the desk (the actions it may take). */
const shared = (o: Record<string, any>) => ({ ...o, canSettle: undefined, keptBy: undefined, claimSent: undefined, settlements: o.settlements.map((s: Record<string, unknown>) => ({ ...s, canDecide: undefined })) });
const balances = async (t: TestApp, user: string) => {
  const res = await t.call(await t.login(user), 'GET', '/logistics/balances');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { ...res.body, claims: res.body.claims.map((c: Record<string, unknown>) => ({ ...c, canDecide: undefined })) };
};
const claim = async (user: string, body: Record<string, unknown>) => india.call(await india.login(user), 'POST', `/logistics/orders/${orderId}/settlements`, body);
const outboxOf = (t: TestApp, peer: string) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', peer).orderBy('seq').execute();
const payloadOf = (jws: string) => Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8');
/** The accounts of both desks: no id or login of any may cross. */
const accounts = async () => [...(await us.ctx.store.db.selectFrom('users').select(['id', 'username']).execute()), ...(await india.ctx.store.db.selectFrom('users').select(['id', 'username']).execute())].filter((a) => a.username.length > 3);

/** A `logistics_settlement.claim` India's instance signs as it is, with `changes`: what a faulty or hostile sender could send. */
async function sendFromIndia(changes: (b: LogisticsSettlementClaimBody) => LogisticsSettlementClaimBody, arrangement = 'US-IN'): Promise<string> {
  const changed = changes({ ...structuredClone(claimBody), settlement: { ...claimBody.settlement, id: randomUUID() } });
  return india.ctx.store.db.transaction().execute(async (trx) => (await enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement, kind: MESSAGE_KINDS.logisticsSettlementClaim, object: { type: LOGISTICS_ORDER_OBJECT, id: changed.order.id, version: 1 }, body: changed })).id);
}

describe("the receiving nation's settlement claim crosses to the order's keeper as logistics_settlement.claim (issue #13)", () => {
  before(async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel, 180 m³, INS Satpura at Guam', occasion: 'Malabar 2026', deliveredOn: '2026-10-14', currency: 'USD', amount: '212400.00', settlementMethod: 'cash' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    orderId = res.body.id;
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
  });

  it("the copy offers India's officer the claim, and no one else anything: India's auditor, another role, and a US account on India's desk get 403, and nothing is sent", async () => {
    assert.deepEqual([(await order(india, 'in.sosa')).keptBy, (await order(us, 'us.sosa')).keptBy], ['US', null], 'a copy on India’s desk, kept on the US’s');
    assert.equal((await order(india, 'in.sosa')).canSettle, true);
    assert.equal((await listed(india, 'in.sosa')).canSettle, true, 'the ledger list offers the same');
    for (const user of ['in.auditor', 'us.sosa']) {
      assert.equal((await order(india, user)).canSettle, false, user);
      assert.equal((await listed(india, user)).canSettle, false, user);
    }
    const queued = (await outboxOf(india, 'US')).length;
    for (const user of ['in.auditor', 'in.analyst', 'in.supplier', 'us.sosa']) {
      const res = await claim(user, { amount: '100.00', settledOn: '2026-11-20', method: 'cash' });
      assert.equal(res.status, 403, `${user}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    }
    // The ledger's own rules, checked on the copy before anything is sent (422).
    for (const body of [{ amount: '212400.01', settledOn: '2026-11-20', method: 'cash' }, { amount: '100.00', settledOn: '2026-10-01', method: 'cash' }, { amount: '100.00', settledOn: '2099-01-01', method: 'cash' }, { amount: '1.001', settledOn: '2026-11-20', method: 'cash' }]) {
      const res = await claim('in.sosa', body);
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
    }
    assert.equal((await outboxOf(india, 'US')).length, queued, 'nothing was sent');
  });

  it("India's officer claims a settlement on its copy: 202, the copy shows it sent and not yet applied, and a second claim waits for the keeper's answer (409)", async () => {
    const before = await order(india, 'in.sosa');
    const res = await claim('in.sosa', { amount: '12400.00', settledOn: '2026-11-24', method: 'cash', note: 'Wire SBI-2026-1124' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual(
      { ...res.body.claimSent, sentAt: undefined, settlementId: undefined },
      { amountMinor: 1_240_000, amount: '12400.00', settledOn: '2026-11-24', method: 'cash', note: 'Wire SBI-2026-1124', sentTo: 'US', sentAt: undefined, delivery: 'pending', refusalReason: null, settlementId: undefined },
    );
    assert.deepEqual(shared(res.body), shared(before), 'not applied: the copy is still what the US sent');
    assert.equal(res.body.canSettle, false, 'no second claim while one is on its way');
    assert.deepEqual((await listed(india, 'in.sosa')).claimSent, res.body.claimSent, 'the ledger list says it too');
    const message = (await outboxOf(india, 'US')).at(-1)!;
    assert.equal(message.kind, 'logistics_settlement.claim');
    assert.equal(message.answers_hash, await latestInboundHash(india.ctx.store.db, 'US', LOGISTICS_ORDER_OBJECT, orderId), "it answers the US's latest message about the order");
    claimBody = logisticsSettlementClaimBodySchema.parse((decodeJwt(message.jws) as { body: unknown }).body);
    assert.deepEqual({ ...claimBody.settlement, actor: claimBody.actor.nation }, { id: res.body.claimSent.settlementId, amountMinor: 1_240_000, currency: 'USD', settledOn: '2026-11-24', method: 'cash', note: 'Wire SBI-2026-1124', actor: 'IN' });
    for (const a of await accounts()) assert.ok(!payloadOf(message.jws).includes(a.id) && !payloadOf(message.jws).includes(`"${a.username}"`), `no account (${a.username}) in the claim`);
    assert.ok((await auditActions(india, 'logistics_order.')).includes('logistics_order.claim_sent_to_peer'));
    const again = await claim('in.sosa', { amount: '100.00', settledOn: '2026-11-24', method: 'cash' });
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal((await outboxOf(india, 'US')).at(-1)!.id, message.id, 'nothing more was sent');
  });

  it("the US records it as a claim of India's named official, through the path a claim recorded there takes, and its answer replaces India's copy: both ledgers read the same", async () => {
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const kept = await order(us, 'us.sosa');
    const recorded = kept.settlements.find((s: { id: string }) => s.id === claimBody.settlement.id);
    assert.deepEqual([recorded?.status, recorded?.recordedBy, recorded?.amount, recorded?.canDecide, kept.claimed, kept.open], ['claimed', 'IN', '12400.00', true, '12400.00', '212400.00']);
    await sequencePendingAudit(us.ctx.store.db);
    const event = await us.ctx.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'logistics_order.settle').where('entity_id', '=', orderId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(event.actor_id, null, 'no account of the US desk');
    assert.deepEqual([event.data.status, event.data.byNation, event.data.by, event.data.settlement], ['claimed', 'IN', claimBody.actor.displayName, claimBody.settlement.id]);
    const answer = (await outboxOf(us, 'IN')).at(-1)!;
    assert.equal(answer.kind, 'logistics_order.set');
    const claimHash = (await outboxOf(india, 'US')).at(-1)!.message_hash;
    assert.equal(answer.answers_hash, claimHash, 'the order answers the claim');
    assert.equal((await order(india, 'in.sosa')).claimSent?.delivery, 'delivered', 'taken in by the US, its answer not yet here');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await order(india, 'in.sosa');
    assert.equal(copy.claimSent, null, 'applied: no longer marked as sent');
    assert.deepEqual(shared(copy), shared(kept));
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
    assert.deepEqual((await balances(india, 'in.sosa')).gross.map((d: any) => [d.amount, d.claimed]), [['212400.00', '12400.00']]);
    assert.equal(copy.canSettle, true, 'India may claim the rest');
  });

  it('the US confirms the claim on its own desk, as today, and the copy converges: the same open amount and balances on both sides', async () => {
    const confirmed = await us.call(await us.login('us.sosa'), 'POST', `/logistics/orders/${orderId}/settlements/${claimBody.settlement.id}/decision`, { decision: 'confirm', note: 'Received 25 Nov' });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await order(india, 'in.sosa');
    assert.deepEqual([copy.open, copy.claimed, copy.settlements.map((s: any) => [s.id, s.status])], ['200000.00', '0.00', [[claimBody.settlement.id, 'confirmed']]]);
    assert.deepEqual(shared(copy), shared(await order(us, 'us.sosa')));
    const [onUs, onIndia] = [await balances(us, 'us.sosa'), await balances(india, 'in.sosa')];
    assert.deepEqual(onIndia, onUs);
    assert.deepEqual(onIndia.net.map((n: any) => [n.owedBy, n.owedTo, n.amount]), [['IN', 'US', '200000.00']]);
    for (const { jws } of await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('object_id', '=', orderId).execute()) {
      for (const a of await accounts()) assert.ok(!payloadOf(jws).includes(a.id) && !payloadOf(jws).includes(`"${a.username}"`), `no account (${a.username}) in what the US sent`);
    }
  });

  it('a claim the ledger does not allow, of another nation, on an order the US does not keep, of another arrangement, or seen before, is refused, applies nothing, and is audited on both sides', async () => {
    const ledger = await balances(us, 'us.sosa');
    const kept = await order(us, 'us.sosa');
    const cases: Array<[string, (b: LogisticsSettlementClaimBody) => LogisticsSettlementClaimBody, string?]> = [
      ['step_not_allowed', (b) => ({ ...b, settlement: { ...b.settlement, amountMinor: 20_000_001 } })],
      ['invalid_content', (b) => ({ ...b, settlement: { ...b.settlement, settledOn: '2026-10-01' } })],
      ['invalid_content', (b) => ({ ...b, settlement: { ...b.settlement, settledOn: '2099-01-01' } })],
      ['invalid_content', (b) => ({ ...b, settlement: { ...b.settlement, currency: 'INR' } })],
      ['wrong_nation', (b) => ({ ...b, actor: { ...b.actor, nation: 'GB' } })],
      ['unknown_object', (b) => ({ ...b, order: { ...b.order, id: randomUUID() } })],
      ['replayed', (b) => ({ ...b, settlement: { ...b.settlement, id: claimBody.settlement.id } })],
      ['out_of_arrangement', (b) => b, 'IN-GB'],
    ];
    const refusedBefore = (await auditActions(us, 'federation.message_refused')).length;
    const byPeerBefore = (await auditActions(india, 'federation.message_refused_by_peer')).length;
    for (const [reason, change, arrangement] of cases) {
      const sentId = await sendFromIndia(change, arrangement);
      assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 }, reason);
      assert.equal((await outboxOf(india, 'US')).find((m) => m.id === sentId)!.refusal_reason, reason);
    }
    assert.deepEqual(await balances(us, 'us.sosa'), ledger, 'nothing applied on the US instance');
    assert.deepEqual(await order(us, 'us.sosa'), kept);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null }, 'and nothing sent back');
    assert.equal((await auditActions(us, 'federation.message_refused')).length - refusedBefore, cases.length);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length - byPeerBefore, cases.length);
  });

  it("a claim on an order the US holds as India's copy (India supplies it) is refused: that order's settlements are India's own to record", async () => {
    const rations = await india.call(await india.login('in.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'IN', receivingNation: 'US', supportClass: 'rations', description: 'Rations, USS Frank Cable at Chennai', deliveredOn: '2026-11-02', currency: 'INR', amount: '845000', settlementMethod: 'replacement_in_kind' });
    assert.equal(rations.status, 201, JSON.stringify(rations.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const sentId = await sendFromIndia((b) => ({ ...b, order: { ...b.order, id: rations.body.id }, settlement: { ...b.settlement, currency: 'INR' } }));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal((await outboxOf(india, 'US')).find((m) => m.id === sentId)!.refusal_reason, 'wrong_nation');
    // India's own officer on India's own order records a settlement there, confirmed at once (201).
    const own = await india.call(await india.login('in.sosa'), 'POST', `/logistics/orders/${rations.body.id}/settlements`, { amount: '845000', settledOn: '2026-11-20', method: 'replacement_in_kind' });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null }, 'and sends it to the US as it sends the order');
  });

  it('a claim sent while the US settles meanwhile is refused there (the order moved on), the copy says so, and India may claim again', async () => {
    const first = await claim('in.sosa', { amount: '200000.00', settledOn: '2026-11-21', method: 'cash' });
    assert.equal(first.status, 202, JSON.stringify(first.body));
    const settled = await us.call(await us.login('us.sosa'), 'POST', `/logistics/orders/${orderId}/settlements`, { amount: '150000.00', settledOn: '2026-11-21', method: 'cash', note: 'Wire received' });
    assert.equal(settled.status, 201, JSON.stringify(settled.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal((await order(us, 'us.sosa')).claimed, '0.00', 'the claim applied nothing');
    const copy = await order(india, 'in.sosa');
    assert.deepEqual([copy.claimSent?.delivery, copy.claimSent?.refusalReason], ['refused', 'step_not_allowed']);
    assert.equal(copy.canSettle, true, 'a refused claim no longer holds the copy');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await order(india, 'in.sosa')).open, '50000.00');
    const res = await claim('in.sosa', { amount: '50000.00', settledOn: '2026-11-22', method: 'cash' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const after = await order(india, 'in.sosa');
    assert.deepEqual([after.claimSent, after.claimed, after.canSettle], [null, '50000.00', false]);
    assert.deepEqual(await balances(india, 'in.sosa'), await balances(us, 'us.sosa'));
  });

  it('when the US is no longer a peer of India, the copy offers no claim, and a claim is refused (409): it could not reach the keeper', async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'berthing', description: 'Berthing, Yokosuka', deliveredOn: '2026-11-02', currency: 'USD', amount: '5000', settlementMethod: 'cash' });
    orderId = res.body.id;
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await order(india, 'in.sosa')).canSettle, true);
    await removePeer({ store: india.ctx.store, ownNation: 'IN', peerNation: 'US' });
    try {
      assert.equal((await order(india, 'in.sosa')).canSettle, false);
      const refused = await claim('in.sosa', { amount: '5000', settledOn: '2026-11-20', method: 'cash' });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.detail, /no longer a peer/);
    } finally {
      await net.peer('IN', 'US', ['US-IN']);
    }
  });
});
