import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { MESSAGE_KINDS, requestStepBodySchema, type RequestStepBody } from '../../domain/federation/bodies.js';
import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { federationReceiptSchema } from '../../domain/federation/message.js';
import { verifySigned } from '../../domain/federation/signing.js';
import { latestInboundHash } from '../../store/federation-messages.repository.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { removePeer } from './remove-peer.js';

// Issue #13 (README "Sovereign instances"): the request is held by the deciding nation's
// instance (the US); the requesting nation's steps (side: 'requesting') are taken by India's
// officials on their partner copy and cross to the holder as `request.step`.
const { net, us, india } = useUsIndiaPeered();
let id = '';
let stepBody: RequestStepBody;

const outboxOf = (t: TestApp, peer: string) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', peer).orderBy('seq').execute();
const heldState = async () => (await us.ctx.store.db.selectFrom('requests').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
/** India's officer's copy, read through the typed client: what the tests read of it is checked against the contract as they compile. */
const copyOf = async () => {
  const { data, response } = await india.api(await india.login('in.sosa')).GET('/partner-copies/{id}', { params: { path: { id } } });
  assert.ok(data, `GET /partner-copies/${id} answered ${response.status}`);
  return { body: data };
};
const stepOnCopy = async (user: string, body: Record<string, unknown>) => india.call(await india.login(user), 'POST', `/partner-copies/${id}/steps`, body);
const usStep = async (user: string, action: string, fields: Record<string, unknown> = {}) => us.call(await us.login(user), 'POST', `/requests/${id}/transitions`, { action, ...fields });
/** The steps India's `user` is offered on the copy (GET /partner-copies/{id} `actions`). */
const offeredOnCopy = async (user: string) => {
  const res = await india.call(await india.login(user), 'GET', `/partner-copies/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.actions as Array<{ action: string }>).map((a) => a.action);
};
/** What the request's own page offers India's officer on the holder (a shared seed there), to compare the copy's offer with. */
const offeredOnHolder = async () => (await us.call(await us.login('in.sosa'), 'GET', `/requests/${id}`)).body.actions;

/** What the copy lists of the messages India sent: kind, delivery, who signed the receipt and what it says. */
const sentOn = (copy: { sent: Array<{ kind: string; delivery: string; receipt: { signedBy: string | null; outcome: string | null } | null }> }) =>
  copy.sent.map((m) => [m.kind, m.delivery, m.receipt?.signedBy ?? null, m.receipt?.outcome ?? null]);

/** A `request.step` India's instance signs as it is, with `changes` to the body: what a faulty or hostile sender could send. */
async function sendFromIndia(changes: (b: RequestStepBody) => RequestStepBody): Promise<string> {
  const changed = changes(structuredClone(stepBody));
  return india.ctx.store.db.transaction().execute(async (trx) => (await enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: MESSAGE_KINDS.requestStep, object: { type: 'request', id: changed.request.id, version: 1 }, body: changed })).id);
}

describe("the requesting nation's steps cross to the holder as request.step (issue #13)", () => {
  before(async () => {
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades, steps taken on the Indian desk' }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    id = res.body.id;
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.equal((await usStep('us.sosa', 'acknowledge')).status, 200);
    let returned = await usStep('us.sosa', 'return_for_information', { question: 'Which engine lot do the blades serve?' });
    if (returned.status === 403) returned = await usStep('us.dod', 'return_for_information', { question: 'Which engine lot do the blades serve?' });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));
    await net.deliver('US', 'IN');
    assert.equal((await copyOf()).body.request.state, 'returned');
  });

  it("a copy returned for information offers India's officer resubmit and withdraw, as the request's page would (the question answered, the copy's lines to correct); India's other officials are offered nothing", async () => {
    const copy = (await copyOf()).body;
    assert.deepEqual(copy.actions.map((a: { action: string }) => a.action), ['resubmit', 'withdraw']);
    assert.deepEqual(copy.actions, await offeredOnHolder(), 'the same steps, labels and fields as on the request held by the US');
    const resubmit = copy.actions[0]!;
    assert.deepEqual(resubmit.answers, { action: 'return_for_information', field: 'question' });
    assert.deepEqual(resubmit.fields.map((f: { name: string }) => f.name), ['answer', 'items']);
    assert.deepEqual((resubmit.fields[1]!.default as Array<{ description: string }>).map((i) => i.description), copy.items.map((i: { description: string }) => i.description), "the copy's lines, to correct");
    for (const user of ['in.analyst', 'in.auditor', 'in.admin']) assert.deepEqual(await offeredOnCopy(user), [], `${user}: not a SOSA officer`);
  });

  it("India's officer resubmits on the copy: the step goes to the US, the copy says it is sent, and a second step waits for the answer", async () => {
    const res = await stepOnCopy('in.sosa', { action: 'resubmit', answer: 'Lot 7 of the Kaveri programme.' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.body.heldBy, 'US');
    assert.equal(res.body.partnerCopy, `/api/v1/partner-copies/${id}`);
    const message = (await outboxOf(india, 'US')).at(-1)!;
    assert.equal(message.kind, 'request.step');
    assert.equal(message.id, res.body.messageId);
    assert.equal(message.answers_hash, await latestInboundHash(india.ctx.store.db, 'US', 'request', id), 'it answers the latest US message about the request');
    stepBody = requestStepBodySchema.parse((decodeJwt(message.jws) as { body: unknown }).body);
    assert.deepEqual({ action: stepBody.action, nation: stepBody.actor.nation, fields: stepBody.fields }, { action: 'resubmit', nation: 'IN', fields: { answer: 'Lot 7 of the Kaveri programme.' } });
    assert.ok(!JSON.stringify(stepBody).includes('in.sosa'), 'the official is named, never by login');
    const copy = await copyOf();
    assert.equal(copy.body.request.state, 'returned', 'not applied until the holder answers');
    assert.deepEqual({ action: copy.body.stepSent?.action, delivery: copy.body.stepSent?.delivery }, { action: 'resubmit', delivery: 'pending' });
    assert.deepEqual(copy.body.actions, [], 'no step is offered while one is on its way');
    assert.deepEqual(sentOn(copy.body), [['request.submit', 'delivered', 'US', 'applied'], ['request.step', 'pending', null, null]], 'the copy lists what India sent about the request, with the receipts the US signed');
    assert.equal(copy.body.sent.at(-1)?.messageId, message.id);
    assert.ok((await auditActions(india, 'request.')).includes('request.step_sent_to_peer'));
    const again = await stepOnCopy('in.sosa', { action: 'withdraw', reason: 'Changed our mind' });
    assert.equal(again.status, 409, JSON.stringify(again.body));
  });

  it("the US applies it as a step of India's named official, and its answer replaces India's copy", async () => {
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.equal(await heldState(), 'submitted');
    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${id}`);
    const last = detail.body.history.at(-1);
    assert.equal(last.action, 'resubmit');
    assert.deepEqual(last.actor, { username: '', displayName: stepBody.actor.displayName, nation: 'IN' });
    assert.ok((await auditActions(us, 'request.')).includes('request.resubmit'));
    const answer = (await outboxOf(us, 'IN')).at(-1)!;
    assert.equal(answer.kind, 'request.transition');
    assert.ok(answer.answers_hash, 'the projection answers the step');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await copyOf();
    assert.equal(copy.body.request.state, 'submitted');
    const resubmitted = copy.body.history.at(-1)!;
    assert.equal(resubmitted.action, 'resubmit');
    assert.deepEqual([resubmitted.actorNation, resubmitted.actorName], ['IN', stepBody.actor.displayName], "India's official, named as the US recorded the step");
    assert.equal(copy.body.stepSent, null, 'applied: no longer marked as sent');
    const step = copy.body.sent.at(-1)!;
    const receipt = step.receipt!;
    assert.deepEqual(sentOn(copy.body).at(-1), ['request.step', 'delivered', 'US', 'applied']);
    const stored = (await outboxOf(india, 'US')).find((m) => m.id === step.messageId)!;
    assert.equal(receipt.jws, stored.receipt, "the US's signed receipt, as India keeps it");
    assert.ok((await verifySigned(receipt.jws, (await findPeer(india.ctx.store.db, 'US'))!.keys, RECEIPT_TYPE, federationReceiptSchema)).ok, "it verifies with the US's key");
    assert.deepEqual({ messageId: decodeJwt(receipt.jws).messageId, receivedAt: decodeJwt(receipt.jws).receivedAt }, { messageId: step.messageId, receivedAt: receipt.receivedAt });
    assert.ok(Date.parse(receipt.receivedAt!) >= Date.parse(step.sentAt), 'received after it was sent');
    assert.equal(copy.body.trail.at(-1)?.answers, step.messageHash, "the US's answer names the step it answers, by its hash");
    assert.equal(step.answers, copy.body.trail.at(-2)?.messageHash, 'and the step, the US message it answered');
    assert.deepEqual(copy.body.actions.map((a: { action: string }) => a.action), ['withdraw'], 'resubmitted: withdraw is left to India');
    assert.deepEqual(copy.body.actions, await offeredOnHolder());
  });

  it("a step the holder's state no longer allows, or that is not the requesting nation's, is refused, applies nothing, and is audited on both sides", async () => {
    const cases: Array<[string, (b: RequestStepBody) => RequestStepBody]> = [
      ['step_not_allowed', (b) => ({ ...b, action: 'confirm_receipt_and_close', fields: {} })],
      ['step_not_allowed', (b) => ({ ...b, action: 'acknowledge', fields: {} })],
      ['wrong_nation', (b) => ({ ...b, action: 'withdraw', fields: { reason: 'x' }, actor: { ...b.actor, nation: 'GB' } })],
      ['invalid_content', (b) => ({ ...b, action: 'withdraw', fields: {} })],
    ];
    const refusedBefore = (await auditActions(us, 'federation.message_refused')).length;
    for (const [reason, change] of cases) {
      const eventsBefore = await us.ctx.store.db.selectFrom('request_events').select('id').where('request_id', '=', id).execute();
      const sentId = await sendFromIndia(change);
      assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 }, reason);
      const sent = (await outboxOf(india, 'US')).find((r) => r.id === sentId)!;
      assert.equal(sent.refusal_reason, reason);
      assert.equal(await heldState(), 'submitted', `${reason}: nothing applied`);
      assert.equal((await us.ctx.store.db.selectFrom('request_events').select('id').where('request_id', '=', id).execute()).length, eventsBefore.length);
    }
    assert.equal((await auditActions(us, 'federation.message_refused')).length - refusedBefore, cases.length);
    assert.ok((await auditActions(india, 'federation.message_refused_by_peer')).length >= cases.length);
  });

  it('a step the caller may not take is refused on the sender with a problem, and nothing is queued', async () => {
    const queued = (await outboxOf(india, 'US')).length;
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['in.analyst', { action: 'withdraw', reason: 'Not mine to withdraw' }, 403],
      ['in.sosa', { action: 'acknowledge' }, 403],
      ['in.sosa', { action: 'confirm_receipt_and_close' }, 409],
      ['in.sosa', { action: 'withdraw' }, 422],
      ['in.supplier', { action: 'withdraw', reason: 'A company' }, 403],
    ];
    for (const [user, body, status] of cases) {
      const res = await stepOnCopy(user, body);
      assert.equal(res.status, status, `${user} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    }
    assert.equal((await outboxOf(india, 'US')).length, queued);
  });

  it("India's officer withdraws: the US request is withdrawn, and so is India's copy", async () => {
    const res = await stepOnCopy('in.sosa', { action: 'withdraw', reason: 'The engine lot was scrapped.' });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.equal(await heldState(), 'withdrawn');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await copyOf();
    assert.equal(copy.body.request.state, 'withdrawn');
    assert.equal(copy.body.stepSent, null);
  });

  it('a step sent while the holder moved on (the US denies before the withdrawal arrives) is refused there, and the copy says so', async () => {
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades, denied while withdrawn' }));
    id = res.body.id;
    await net.deliver('IN', 'US');
    await net.deliver('US', 'IN');
    assert.equal((await stepOnCopy('in.sosa', { action: 'withdraw', reason: 'No longer needed.' })).status, 202);
    assert.equal((await usStep('us.sosa', 'deny', { reason: 'Outside the arrangement.' })).status, 200);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal(await heldState(), 'denied', 'the withdrawal applied nothing');
    assert.deepEqual(await offeredOnCopy('in.sosa'), ['withdraw'], 'a refused step no longer holds the copy: until the denial arrives, India may try again');
    await net.deliver('US', 'IN');
    const copy = await copyOf();
    assert.equal(copy.body.request.state, 'denied');
    assert.deepEqual(copy.body.actions, [], 'denied: nothing is left to India');
    assert.deepEqual({ action: copy.body.stepSent?.action, delivery: copy.body.stepSent?.delivery, reason: copy.body.stepSent?.refusalReason }, { action: 'withdraw', delivery: 'refused', reason: 'step_not_allowed' });
    assert.deepEqual(sentOn(copy.body).at(-1), ['request.step', 'refused', 'US', 'refused'], "the refusal is listed with the US's signed receipt");
    assert.equal(copy.body.sent.at(-1)?.refusalReason, 'step_not_allowed');
    assert.equal((await auditActions(us, 'federation.message_refused')).length, 5);
  });

  it('when the US is no longer a peer of India, the copy offers no step, and a step is refused (409): it could not reach the holder', async () => {
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades, held by a former peer' }));
    id = res.body.id;
    await net.deliver('IN', 'US');
    await net.deliver('US', 'IN');
    assert.deepEqual(await offeredOnCopy('in.sosa'), ['withdraw']);
    await removePeer({ store: india.ctx.store, ownNation: 'IN', peerNation: 'US' });
    try {
      assert.deepEqual(await offeredOnCopy('in.sosa'), []);
      const refused = await stepOnCopy('in.sosa', { action: 'withdraw', reason: 'No longer needed.' });
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.detail, /no longer a peer/);
    } finally {
      await net.peer('IN', 'US', ['US-IN']);
    }
    assert.deepEqual(await offeredOnCopy('in.sosa'), ['withdraw'], 'peered again');
  });

  it("a copy of a request India did not make (a US request the US desk held before it peered with India) offers India nothing, and India's step on it is refused (403): the US request's steps are taken where it is held", async () => {
    await removePeer({ store: us.ctx.store, ownNation: 'US', peerNation: 'IN' });
    try {
      const res = await us.call(await us.login('us.sosa'), 'POST', '/requests', requestBody('IN', 'US-155MM', { title: 'Shells, held by the US desk' }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      id = res.body.id;
    } finally {
      await net.peer('US', 'IN', ['US-IN']);
    }
    // India's step, taken on the desk that holds the request (a shared seed there), crosses to India's copy.
    assert.equal((await us.call(await us.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' })).status, 200);
    await net.deliver('US', 'IN');
    const copy = await copyOf();
    assert.equal(copy.body.request.fromNation, 'US');
    assert.deepEqual(copy.body.actions, [], "the supplying nation's steps are not sent from a copy");
    const queued = (await outboxOf(india, 'US')).length;
    const refused = await stepOnCopy('in.sosa', { action: 'deny', reason: 'Not here.' });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal((await outboxOf(india, 'US')).length, queued, 'nothing is sent');
  });
});
