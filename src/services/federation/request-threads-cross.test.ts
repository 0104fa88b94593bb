import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { MESSAGE_KINDS, THREAD_MESSAGE_OBJECT, THREAD_OBJECT, type ThreadMessageBody, type ThreadSetBody } from '../../domain/federation/bodies.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';

// Issue #13 (README "Sovereign instances", threads): a thread shared by the two nations on a
// request crosses to the other nation's instance of the request — from the holder (the US, which
// decides it) to India's partner copy, and from India's copy to the holder — as `thread.set` and
// `thread.message`, under the request's own id on both desks. Each nation answers on its own desk;
// internal threads and messages never leave. One pair of instances serves the file; each test goes
// on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
const CANARY = `CANARY-REQUEST-THREAD-${randomUUID()}`;
let requestId = '';
let usThread = '';
let internalThread = '';
let indiaThread = '';

const read = async (t: TestApp, user: string, path: string) => {
  const res = await t.call(await t.login(user), 'GET', path);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};
/** Every message body an instance has queued for its peers, decoded from the signed messages. */
const outboxBodies = async (t: TestApp) => {
  const rows = await t.ctx.store.db.selectFrom('federation_outbox').select(['jws', 'kind']).orderBy('seq').execute();
  return rows.map((r) => ({ kind: r.kind, payload: Buffer.from(r.jws.split('.')[1]!, 'base64url').toString('utf8') }));
};
const noCanaryLeft = async (t: TestApp) => assert.equal((await outboxBodies(t)).some((b) => b.payload.includes(CANARY)), false, 'no internal word in any message to the peer');
/** The shared messages of a thread as read: nation and words. */
const sharedWords = (thread: { messages: Array<{ visibility: string; body: string; author: { nation: string } }> }) => thread.messages.filter((m) => m.visibility === 'shared').map((m) => [m.author.nation, m.body]);
/** A thread as both nations' officials read it, without what belongs to one instance (a login, whether the reader follows it). */
const words = (t: Record<string, any>) => ({ ...t, following: undefined, messages: t.messages.map((m: Record<string, any>) => ({ ...m, author: { ...m.author, username: undefined } })) });
const threadsOn = async (t: TestApp, user: string) => (await read(t, user, `/threads?subjectKind=request&subjectId=${requestId}`)).items as Array<{ id: string; title: string; subject: { label: string }; messageCount: number }>;
const queue = (t: TestApp, peer: string, kind: string, object: { type: string; id: string; version: number }, body: Record<string, unknown>, arrangement = 'US-IN') =>
  t.ctx.store.db.transaction().execute((trx) => enqueueOutbound(t.ctx, trx, { peerNation: peer, arrangement, kind, object, body }));
const refusals = async (t: TestApp, sender: string, n: number) =>
  (await t.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', sender).where('outcome', '=', 'refused').orderBy('seq').execute()).map((r) => r.refusal_reason).slice(-n);

describe("threads on a request cross to the other nation's instance of the request (issue #13)", () => {
  before(async () => {
    // India asks the US: the US holds the request, India keeps its copy under the same id.
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Turbine blades, discussed on both desks' }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    requestId = res.body.id;
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    await net.deliver('US', 'IN');
    assert.equal((await read(india, 'in.sosa', `/partner-copies/${requestId}`)).request.title, 'Turbine blades, discussed on both desks');
  });

  it('a thread the US opens on the request reaches India’s copy with its shared message; its internal message and an internal thread never leave the US instance', async () => {
    const officer = await us.login('us.sosa');
    const opened = await us.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: requestId, title: 'Blade alloy', message: { body: 'Is CMSX-4 acceptable for the blades?', visibility: 'shared' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    usThread = opened.body.id;
    assert.equal((await us.call(officer, 'POST', `/threads/${usThread}/messages`, { body: `Our own view: ${CANARY}`, visibility: 'internal' })).status, 201);
    const internal = await us.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: requestId, title: `US only ${CANARY}`, scope: 'internal', message: { body: CANARY, visibility: 'internal' } });
    assert.equal(internal.status, 201, JSON.stringify(internal.body));
    internalThread = internal.body.id;
    const bodies = await outboxBodies(us);
    assert.deepEqual(bodies.slice(-2).map((b) => b.kind), [MESSAGE_KINDS.threadSet, MESSAGE_KINDS.threadMessage], 'the thread, then its one shared message');
    await noCanaryLeft(us);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/threads/${usThread}`)).status, 404, 'not on India’s instance before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });

    const copy = await read(india, 'in.sosa', `/threads/${usThread}`);
    assert.deepEqual(words(copy), words(await read(us, 'in.sosa', `/threads/${usThread}`)), 'India reads on its instance what it reads on the holder');
    assert.deepEqual(sharedWords(copy), [['US', 'Is CMSX-4 acceptable for the blades?']]);
    assert.deepEqual(copy.subject.id, requestId);
    assert.equal(copy.mayWrite, true, 'India’s officer answers on its own desk');
    // Listed on the copy's page (GET /threads?subjectKind=request&subjectId=…), as on the request's page on a shared instance.
    const listed = await threadsOn(india, 'in.sosa');
    assert.deepEqual(listed.map((t) => [t.id, t.messageCount]), [[usThread, 1]]);
    assert.match(listed[0]!.subject.label, /Turbine blades/);
    assert.equal((await india.call(await india.login('in.sosa'), 'GET', `/threads/${internalThread}`)).status, 404);
    assert.equal(JSON.stringify(await read(india, 'in.auditor', '/threads')).includes(CANARY), false);
  });

  it('an Indian officer answers on the copy: the shared answer reaches the US thread once, its internal note stays in India', async () => {
    india.clock.advanceHours(1);
    us.clock.advanceHours(1);
    const officer = await india.login('in.sosa');
    const shared = await india.call(officer, 'POST', `/threads/${usThread}/messages`, { body: 'Yes, CMSX-4 as in lot 7.', visibility: 'shared' });
    assert.equal(shared.status, 201, JSON.stringify(shared.body));
    assert.equal((await india.call(officer, 'POST', `/threads/${usThread}/messages`, { body: `Between us: ${CANARY}`, visibility: 'internal' })).status, 201);
    await noCanaryLeft(india);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const onUs = await read(us, 'us.sosa', `/threads/${usThread}`);
    assert.deepEqual(sharedWords(onUs), [['US', 'Is CMSX-4 acceptable for the blades?'], ['IN', 'Yes, CMSX-4 as in lot 7.']]);
    assert.equal(JSON.stringify(onUs).includes('Between us'), false);
    // India's official reads on the holder what India's desk reads (but India's own internal note, which stays on India's desk).
    const onIndia = await read(india, 'in.sosa', `/threads/${usThread}`);
    assert.deepEqual(sharedWords(onIndia), sharedWords(onUs));
    assert.equal(onIndia.messages.some((m: { body: string }) => m.body.includes(CANARY)), true);
  });

  it('India opens a thread on its copy: the US reads it on the request and answers on its desk; India reads the answer', async () => {
    const officer = await india.login('in.sosa');
    const opened = await india.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: requestId, title: 'Delivery to Bengaluru', message: { body: 'Can the first lot ship by March?', visibility: 'shared' } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    indiaThread = opened.body.id;
    assert.equal((await india.call(await india.login('in.auditor'), 'POST', '/threads', { subjectKind: 'request', subjectId: requestId, title: 'An auditor reads' })).status, 403);
    await noCanaryLeft(india);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 2, blocked: null });
    assert.deepEqual((await threadsOn(us, 'us.sosa')).map((t) => t.id).sort(), [usThread, internalThread, indiaThread].sort());
    // The answer an hour later (the instances' clocks are set, not running: messages of one instant sort by id).
    india.clock.advanceHours(1);
    us.clock.advanceHours(1);
    const usOfficer = await us.login('us.sosa');
    assert.equal((await us.call(usOfficer, 'POST', `/threads/${indiaThread}/messages`, { body: 'The first lot ships on 2 March.', visibility: 'shared' })).status, 201);
    assert.equal((await us.call(usOfficer, 'POST', `/threads/${indiaThread}/messages`, { body: `Tight: ${CANARY}`, visibility: 'internal' })).status, 201);
    await noCanaryLeft(us);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const onIndia = await read(india, 'in.sosa', `/threads/${indiaThread}`);
    assert.deepEqual(sharedWords(onIndia), [['IN', 'Can the first lot ship by March?'], ['US', 'The first lot ships on 2 March.']]);
    assert.deepEqual(words(onIndia), words(await read(us, 'in.sosa', `/threads/${indiaThread}`)));
    // The holder's nation reads none of India's copy's threads on India's desk (a shared seed there), as it reads no copy.
    assert.equal((await india.call(await india.login('us.sosa'), 'GET', `/threads/${indiaThread}`)).status, 404);
  });

  it('a thread or message on a request the receiver does not hold, of another arrangement, or in a thread it does not share is refused and applies nothing', async () => {
    const thread = (t: Partial<ThreadSetBody['thread']>): ThreadSetBody => ({
      thread: { id: randomUUID(), subjectKind: 'request', subjectId: requestId, title: 'Probe', nations: ['US', 'IN'], arrangementId: 'US-IN', createdBy: { displayName: 'Someone', nation: 'IN' }, createdAt: india.ctx.now().toISOString(), ...t },
    });
    const sendThread = (b: ThreadSetBody, arrangement = 'US-IN') => queue(india, 'US', MESSAGE_KINDS.threadSet, { type: THREAD_OBJECT, id: b.thread.id, version: 1 }, b, arrangement);
    await sendThread(thread({ subjectId: randomUUID() }));
    // An arrangement the two instances do not share.
    await sendThread(thread({ arrangementId: 'US-GB' }), 'US-GB');
    const message: ThreadMessageBody['message'] = { id: randomUUID(), author: { displayName: 'Someone', nation: 'IN', organisation: null }, visibility: 'shared', body: 'Hello', createdAt: india.ctx.now().toISOString() };
    await queue(india, 'US', MESSAGE_KINDS.threadMessage, { type: THREAD_MESSAGE_OBJECT, id: message.id, version: 1 }, { thread: { id: internalThread, nations: ['US', 'IN'], arrangementId: 'US-IN' }, message });
    const result = await net.deliver('IN', 'US');
    assert.equal(result.refused, 3, JSON.stringify(result));
    assert.deepEqual(await refusals(us, 'IN', 3), ['unknown_object', 'out_of_arrangement', 'unknown_object']);
    assert.deepEqual((await threadsOn(us, 'us.sosa')).map((t) => t.title).filter((t) => t === 'Probe'), []);
    assert.equal((await read(us, 'us.sosa', `/threads/${internalThread}`)).messages.some((m: { body: string }) => m.body === 'Hello'), false);
  });
});
