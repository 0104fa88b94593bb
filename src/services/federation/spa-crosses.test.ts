import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { MESSAGE_KINDS, SPA_REQUEST_OBJECT, type SpaSetBody } from '../../domain/federation/bodies.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { act, buildRequest } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { shareExistingSpasWith } from './share-spa-change.js';

// Issue #13 ("One border projection", "Messages"): a US company files a Special Priorities
// Assistance request (15 CFR 700.50, Form BIS-999) on the US instance about the rated order of
// India's SOSA request. On a shared instance India's SOSA officer reads its partner view; on
// sovereign instances that view crosses to India's instance (`spa.set`), and nothing of the
// company's BIS-999 content does (DPA 705(d)). One pair of instances serves the whole file; each
// test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();

// Planted in every field the partner view leaves out: none may leave the US instance.
const INTERNAL = {
  requester: 'CANARY-requester-Ruth-Okoye',
  email: 'canary.ruth@lynn.example',
  phone: 'CANARY-+1-555-0199',
  title: 'CANARY-title-plant-manager',
  customer: 'CANARY-customer-GE-Aerospace',
  supplier: 'CANARY-supplier-Allvac',
  contact: 'CANARY-contact-allvac-desk',
  problem: 'CANARY-problem-forging-press-down',
  attempts: 'CANARY-attempts-called-three-mills',
  forwarding: 'CANARY-forwarding-note-of-DoD',
};

let requestId = '';
let spaId = '';

const spaBody = (orderId: string, orderNumber: string, submit = true) => ({
  requester: { name: INTERNAL.requester, title: INTERNAL.title, email: INTERNAL.email, phone: INTERNAL.phone },
  customer: INTERNAL.customer,
  supplier: { name: INTERNAL.supplier, contact: INTERNAL.contact },
  orders: [{ orderId, orderNumber, rating: 'DO-A1', items: 'F414 HPT blades', quantity: 40, requiredDeliveryDate: '2027-03-31', promisedDeliveryDate: '2027-05-15' }],
  program: 'F414-INS6 co-production',
  problem: INTERNAL.problem,
  attemptsMade: INTERNAL.attempts,
  actionRequested: 'Direct the forging mill to schedule the rated order ahead of unrated work.',
  submit,
});

/** Lynn files an SPA about its rated order on the request, on the US instance. */
async function fileSpa(request: string, submit = true): Promise<string> {
  const book = await us.call(await us.login('us.supplier'), 'GET', '/rated-orders');
  const order = (book.body.items as Array<{ id: string; orderNumber: string; requestId: string | null }>).find((o) => o.requestId === request)!;
  const res = await us.call(await us.login('us.supplier'), 'POST', '/spa-requests', spaBody(order.id, order.orderNumber, submit));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

const read = async (t: TestApp, user: string, id = spaId) => t.call(await t.login(user), 'GET', `/spa-requests/${id}`);
const listed = async (t: TestApp, user: string) => ((await t.call(await t.login(user), 'GET', '/spa-requests')).body.items as Array<{ id: string }>).find((i) => i.id === spaId);
/** The messages the US queued for India about the SPA, as signed. */
const spaMessages = async (id = spaId) => {
  const rows = await us.ctx.store.db.selectFrom('federation_outbox').select('jws').where('peer_nation', '=', 'IN').where('object_type', '=', SPA_REQUEST_OBJECT).where('object_id', '=', id).orderBy('seq').execute();
  return rows.map((r) => decodeJwt(r.jws) as unknown as FederationMessage);
};
/** A message about an SPA the US instance signs as it is: what a faulty or hostile sender could send. */
const sendFromUs = (kind: string, id: string, version: number, body: Record<string, unknown>) =>
  us.ctx.store.db.transaction().execute((trx) => enqueueOutbound(us.ctx, trx, { peerNation: 'IN', arrangement: 'US-IN', kind, object: { type: SPA_REQUEST_OBJECT, id, version }, body }));

describe("an SPA's partner view crosses to the partner nation's instance (issue #13)", () => {
  it("filed about the rated order of India's request, it reaches India's officer as the partner view they read on a shared instance, list row included", async () => {
    requestId = (await buildRequest(us, 'IN->US', 'placed')).id;
    await net.deliver('US', 'IN');
    spaId = await fileSpa(requestId);
    assert.equal((await read(india, 'in.sosa')).status, 404, 'not on India’s instance before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = await read(india, 'in.sosa');
    assert.equal(held.status, 200, JSON.stringify(held.body));
    const shared = await read(us, 'in.sosa');
    assert.equal(shared.body.view, 'partner');
    assert.deepEqual(held.body, shared.body, 'the same answer as India’s officer reads on a shared instance');
    assert.deepEqual(await listed(india, 'in.sosa'), await listed(us, 'in.sosa'));
    assert.deepEqual(await auditActions(india, 'spa_request.'), ['spa_request.received']);
  });

  it('a later step (review, forwarded to Commerce with a note) crosses under a higher version', async () => {
    for (const [user, action, note] of [['us.sosa', 'start_review', undefined], ['us.sosa', 'forward_to_commerce', INTERNAL.forwarding]] as const) {
      const res = await us.call(await us.login(user), 'POST', `/spa-requests/${spaId}/transitions`, { action, ...(note ? { note } : {}) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const [line] = res.body.partnerDelivery;
      assert.deepEqual([line.peer, line.state, line.deliveredAt], ['IN', 'pending', null], 'the step’s answer says India’s desk does not have it yet');
      assert.ok(line.pendingSince);
    }
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const held = await read(india, 'in.sosa');
    assert.equal(held.body.status, 'forwarded_to_commerce');
    assert.deepEqual(held.body, (await read(us, 'in.sosa')).body);
    const versions = (await spaMessages()).map((m) => m.object.version);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.equal(new Set(versions).size, 3, 'each change under its own version');
  });

  it("the US officials read on the SPA that India's desk has its latest change; the filing company and India read no delivery", async () => {
    const [line, ...more] = (await read(us, 'us.sosa')).body.partnerDelivery;
    assert.deepEqual(more, []);
    assert.deepEqual([line.peer, line.state, line.pendingSince, line.unreachableSince], ['IN', 'delivered', null, null]);
    assert.equal(line.version, (await spaMessages()).at(-1)!.object.version, 'the version the last message carried');
    assert.ok(Date.parse(line.deliveredAt) > 0, 'when India’s signed receipt came back');
    assert.deepEqual((await read(us, 'us.supplier')).body.partnerDelivery, [], 'how the link to a partner fares is the officials’ business');
    assert.deepEqual((await read(india, 'in.sosa')).body.partnerDelivery, [], 'a copy has no delivery of its own');
  });

  it('nothing of the BIS-999 content the partner view leaves out is in any message, nor on India’s instance', async () => {
    const messages = JSON.stringify(await spaMessages());
    const mirrors = JSON.stringify(await india.ctx.store.db.selectFrom('federation_mirrors').select('body').execute());
    const inbox = (await india.ctx.store.db.selectFrom('federation_inbox').select('jws').execute()).map((r) => JSON.stringify(decodeJwt(r.jws))).join('\n');
    for (const canary of Object.values(INTERNAL)) {
      assert.equal(messages.includes(canary), false, `${canary} left the US instance`);
      assert.equal(mirrors.includes(canary) || inbox.includes(canary), false, `${canary} is on India's instance`);
    }
    const body = (await spaMessages()).at(-1)!.body as SpaSetBody;
    assert.deepEqual([body.spa.requester, body.spa.problem, body.spa.attemptsMade, body.spa.supplier, body.spa.events, body.spa.orders[0]!.orderId], [null, null, null, null, null, null]);
    assert.deepEqual(body.requests, [{ id: requestId, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' }]);
  });

  it("on India's instance it is read-only, and read by India's SOSA officers only, as on a shared instance", async () => {
    const step = await india.call(await india.login('in.sosa'), 'POST', `/spa-requests/${spaId}/transitions`, { action: 'resolve', note: 'Settled.' });
    assert.equal(step.status, 403, JSON.stringify(step.body));
    for (const user of ['in.supplier', 'in.auditor']) {
      assert.equal((await read(us, user)).status, 404, `${user}: on a shared instance`);
      assert.equal((await read(india, user)).status, 404, `${user}: on India's instance`);
      assert.equal(await listed(india, user), undefined);
    }
    // A US account on India's desk (the demo seeds both nations' users on each) is no filer's office there.
    assert.equal((await read(india, 'us.sosa')).status, 404);
    assert.equal((await india.call(await india.login('us.sosa'), 'POST', `/spa-requests/${spaId}/transitions`, { action: 'resolve', note: 'x' })).status, 404);
  });

  it('an older version arriving late (a sender restored from a backup) changes nothing', async () => {
    const [first] = await spaMessages();
    await sendFromUs(MESSAGE_KINDS.spaSet, spaId, first!.object.version, first!.body);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await read(india, 'in.sosa')).body.status, 'forwarded_to_commerce');
  });

  it('once Lynn rejects the rated order, India no longer reads the SPA: its instance is told (spa.unshared) and drops it; an older view arriving after that does not bring it back', async () => {
    await act(us, 'us.supplier', requestId, 'reject_rated_order', { ground: 'terms_of_sale_not_met', reasons: 'Payment terms.' });
    assert.equal((await read(us, 'in.sosa')).status, 404, 'on a shared instance too');
    await net.deliver('US', 'IN');
    const last = (await spaMessages()).at(-1)!;
    assert.equal(last.kind, MESSAGE_KINDS.spaUnshared);
    assert.deepEqual(Object.keys(last.body.spa as object).sort(), ['id', 'nation']);
    assert.equal((await read(india, 'in.sosa')).status, 404);
    assert.equal(await listed(india, 'in.sosa'), undefined);
    assert.ok((await auditActions(india, 'spa_request.')).includes('spa_request.unshared_by_peer'));
    // A step on the SPA now sends India nothing: it learns nothing of an SPA it no longer reads.
    const before = (await spaMessages()).length;
    assert.equal((await us.call(await us.login('us.commerce'), 'POST', `/spa-requests/${spaId}/transitions`, { action: 'resolve', note: 'Mill directed.' })).status, 200);
    assert.equal((await spaMessages()).length, before);
    const [first] = await spaMessages();
    await sendFromUs(MESSAGE_KINDS.spaSet, spaId, first!.object.version, first!.body);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await read(india, 'in.sosa')).status, 404);
  });

  it('an SPA about a request India holds no copy of, of another arrangement, filed in another nation, or carrying the company’s content is refused, applies nothing, and is audited on both sides', async () => {
    const view = ((await spaMessages()).find((m) => m.kind === MESSAGE_KINDS.spaSet)!.body as SpaSetBody).spa;
    const ref = { id: requestId, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' };
    const fresh = () => ({ ...view, id: randomUUID() });
    const cases: Array<[string, Record<string, unknown>]> = [
      ['unknown_object', { spa: fresh(), requests: [{ ...ref, id: randomUUID() }] }],
      ['out_of_arrangement', { spa: fresh(), requests: [{ ...ref, arrangementId: 'US-GB' }] }],
      ['wrong_nation', { spa: { ...fresh(), nation: 'IN' }, requests: [ref] }],
      ['wrong_nation', { spa: fresh(), requests: [{ ...ref, fromNation: 'US', toNation: 'GB' }] }],
      ['invalid_content', { spa: { ...fresh(), problem: INTERNAL.problem }, requests: [ref] }],
    ];
    for (const [, body] of cases) await sendFromUs(MESSAGE_KINDS.spaSet, (body.spa as { id: string }).id, 99, body);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: cases.length });
    const refused = await india.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'US').where('outcome', '=', 'refused').orderBy('seq').execute();
    assert.deepEqual(refused.slice(-cases.length).map((r) => r.refusal_reason), cases.map(([reason]) => reason));
    for (const [, body] of cases) assert.equal((await read(india, 'in.sosa', (body.spa as { id: string }).id)).status, 404);
    assert.equal((await india.ctx.store.db.selectFrom('federation_mirrors').select('object_id').where('object_type', '=', SPA_REQUEST_OBJECT).execute()).length, 1, 'only the SPA India was sent');
    assert.equal((await auditActions(us, 'federation.message_refused_by_peer')).length, cases.length);
  });

  it('shareExistingSpasWith queues the current partner view of every SPA India reads (not one it no longer reads, nor a draft), which India keeps once', async () => {
    const placed = (await buildRequest(us, 'IN->US', 'placed')).id;
    await net.deliver('US', 'IN');
    const other = await fileSpa(placed);
    await fileSpa(placed, false);
    await net.deliver('US', 'IN');
    const held = (await read(india, 'in.sosa', other)).body;
    const queued = await us.ctx.store.db.transaction().execute((trx) => shareExistingSpasWith(us.ctx, trx, 'IN'));
    assert.equal(queued, 1);
    const [again] = (await spaMessages(other)).slice(-1);
    assert.deepEqual([again!.kind, again!.object.version], [MESSAGE_KINDS.spaSet, (await spaMessages(other))[0]!.object.version]);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual((await read(india, 'in.sosa', other)).body, held);
  });
});
