import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { MESSAGE_KINDS } from '../../domain/federation/bodies.js';
import { addThirdNations, requestBody, upload } from '../../testing/request-builders.js';
import { startFederatedApps, type FederatedApps } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { catchUpFromPeer } from './message-sender.js';

// Issue #13, a hub's partner copies: the US instance is peered with India (US-IN) and the United
// Kingdom (US-GB). A request the US made to India is held by India; the US keeps India's copy of
// it. The UK's instance learns the request's id (a hostile or compromised peer) and sends messages
// naming it: a copy of its own under that id, a submission with that id. A request's copy is only
// ever the one from the desk that holds it (DESIGN.md, sovereignty rule): what the UK sends under
// the id is refused, the US officials keep reading, commenting and stepping on India's copy, and
// the UK's answer names only the id it sent, nothing of India's request.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
let uk: TestApp;
let toIndia = '';
let indiaBody: Record<string, unknown> = {};

const outboxOf = (t: TestApp, peer: string) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', peer).orderBy('seq').execute();

/** A message the UK's instance signs and queues to the US as it is: what a hostile peer can send. */
async function fromUk(kind: string, id: string, body: Record<string, unknown>): Promise<string> {
  return uk.ctx.store.db.transaction().execute(async (trx) => (await enqueueOutbound(uk.ctx, trx, { peerNation: 'US', arrangement: 'US-GB', kind, object: { type: 'request', id, version: 1 }, body })).id);
}

/** The refusal the US signed for one of the UK's messages. */
async function refusalOf(messageId: string): Promise<{ reason: string; detail: string }> {
  const sent = (await outboxOf(uk, 'US')).find((r) => r.id === messageId)!;
  assert.equal(sent.state, 'refused', `${sent.kind} of ${messageId} was ${sent.state}`);
  return (decodeJwt(sent.receipt!) as { refusal: { reason: string; detail: string } }).refusal;
}

/** The UK's copy of a request: India's body with the UK as its holder, and its own title. */
function ukCopyOf(id: string, title: string): Record<string, unknown> {
  const request = indiaBody.request as Record<string, unknown>;
  return { ...indiaBody, request: { ...request, id, title, reference: 'SOSA-US-GB-2026-00666', toNation: 'GB', arrangementId: 'US-GB' } };
}

/** A `request.submit` of the UK's officer to the US, as the UK's desk would send it. */
function ukSubmission(id: string): Record<string, unknown> {
  return {
    request: { ...requestBody('US', 'GB-TYPE26', { title: 'UK request under a taken id' }), id, arrangementId: 'US-GB', fromNation: 'GB' },
    submitter: { displayName: 'UK SOSA officer', nation: 'GB', organisation: 'MOD Defence Equipment & Support' },
    submittedAt: uk.ctx.now().toISOString(),
  };
}

before(async () => {
  net = await startFederatedApps(['US', 'IN', 'GB']);
  [us, india, uk] = [net.app('US'), net.app('IN'), net.app('GB')];
  await addThirdNations(us);
  await us.ctx.store.db.insertInto('arrangement_directions').values({ arrangement_id: 'US-GB', from_nation: 'GB', to_nation: 'US', workflow_id: 'dpas' }).execute();
  await net.peer('US', 'IN', ['US-IN']);
  await net.peer('US', 'GB', ['US-GB']);
  await net.peer('IN', 'US', ['US-IN']);
  await net.peer('GB', 'US', ['US-GB']);
  // The US asks India: India holds the request, the US its copy.
  const submitted = await us.call(await us.login('us.sosa'), 'POST', '/requests', requestBody('IN', 'US-SONOBUOY', { title: 'Sonobuoy housings India holds' }));
  assert.equal(submitted.status, 202, JSON.stringify(submitted.body));
  toIndia = submitted.body.id;
  assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
  assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
  const [answer] = await outboxOf(india, 'US');
  indiaBody = (decodeJwt(answer!.jws) as { body: Record<string, unknown> }).body;
});
after(() => net.close());

describe("a hub's copy of a request is only ever the one from the desk that holds it (issue #13)", () => {
  it("the UK's copy under the id of India's request is refused: the US reads India's copy, and its comment goes to India", async () => {
    const sent = await fromUk(MESSAGE_KINDS.requestShared, toIndia, ukCopyOf(toIndia, 'Shadow copy from the UK'));
    const delivery = await net.deliver('GB', 'US');

    const officer = await us.login('us.sosa');
    const copy = await us.call(officer, 'GET', `/partner-copies/${toIndia}`);
    assert.equal(copy.status, 200, JSON.stringify(copy.body));
    assert.deepEqual([copy.body.peer, copy.body.request.title], ['IN', 'Sonobuoy housings India holds']);
    const listed = await us.call(officer, 'GET', '/partner-copies');
    assert.deepEqual(
      listed.body.items.filter((c: { id: string }) => c.id === toIndia).map((c: { peer: string }) => c.peer),
      ['IN'],
      'one copy listed, India\'s',
    );
    const ukBefore = (await outboxOf(us, 'GB')).length;
    const comment = await us.call(officer, 'POST', `/partner-copies/${toIndia}/comments`, { body: 'Housing drawings follow.', visibility: 'shared' });
    assert.equal(comment.status, 202, JSON.stringify(comment.body));
    assert.equal(comment.body.heldBy, 'IN');
    assert.equal((await outboxOf(us, 'GB')).length, ukBefore, 'nothing of it goes to the UK');
    assert.equal((await outboxOf(us, 'IN')).at(-1)!.kind, 'request.comment');

    // The answer names the id the UK sent and nothing of India's request.
    assert.deepEqual(delivery, { delivered: 0, blocked: null, refused: 1 });
    const refusal = await refusalOf(sent);
    const reference = (indiaBody.request as { reference: string }).reference;
    assert.ok(!refusal.detail.includes(reference) && !/\bIN\b/.test(refusal.detail) && !refusal.detail.includes('Sonobuoy'), refusal.detail);
  });

  it("the UK's later messages on that id find no copy of its own: each is refused and India's copy stays as it was", async () => {
    const at = uk.ctx.now().toISOString();
    const ref = { id: toIndia, arrangementId: 'US-GB', fromNation: 'US', toNation: 'GB' };
    const author = { displayName: 'UK SOSA officer', nation: 'GB', organisation: 'MOD Defence Equipment & Support' };
    const ids = [
      await fromUk(MESSAGE_KINDS.requestContributionApplied, toIndia, ukCopyOf(toIndia, 'Shadow, answering nothing')),
      await fromUk(MESSAGE_KINDS.requestComment, toIndia, { request: ref, comment: { id: randomUUID(), author, visibility: 'shared', body: 'A UK word on India\'s request', createdAt: at } }),
    ];
    assert.equal((await net.deliver('GB', 'US')).refused, ids.length);
    const copies = await us.ctx.store.db.selectFrom('federation_mirrors').select(['peer_nation']).where('object_type', '=', 'request').where('object_id', '=', toIndia).execute();
    assert.deepEqual(copies.map((c) => c.peer_nation), ['IN']);
    const copy = await us.call(await us.login('us.sosa'), 'GET', `/partner-copies/${toIndia}`);
    assert.ok(!JSON.stringify(copy.body).includes('UK word') && !JSON.stringify(copy.body).includes('Shadow'));
  });

  it("the UK's submission under the id of India's request creates nothing, and is answered as a submission the US already holds", async () => {
    const own = randomUUID();
    await fromUk(MESSAGE_KINDS.requestSubmit, own, ukSubmission(own));
    const again = await fromUk(MESSAGE_KINDS.requestSubmit, own, ukSubmission(own));
    const taken = await fromUk(MESSAGE_KINDS.requestSubmit, toIndia, ukSubmission(toIndia));
    assert.deepEqual(await net.deliver('GB', 'US'), { delivered: 1, blocked: null, refused: 2 });
    assert.equal(await us.ctx.store.db.selectFrom('requests').select('id').where('id', '=', toIndia).executeTakeFirst(), undefined, 'the US holds no request under that id');
    const replay = await refusalOf(again);
    assert.deepEqual(await refusalOf(taken), { ...replay, detail: replay.detail.replaceAll(own, toIndia) }, 'the same answer as for its own submission sent twice');
    const copy = await us.call(await us.login('us.sosa'), 'GET', `/partner-copies/${toIndia}`);
    assert.equal(copy.body.peer, 'IN');
  });

  it("the UK's copy under the id of a request the US holds itself (India's request to the US) is refused: the US has no partner copy of its own request", async () => {
    const held = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades the US holds' }));
    assert.equal(held.status, 201, JSON.stringify(held.body));
    const id: string = held.body.id;
    const sent = await fromUk(MESSAGE_KINDS.requestShared, id, ukCopyOf(id, 'Shadow of a US request'));
    assert.deepEqual(await net.deliver('GB', 'US'), { delivered: 0, blocked: null, refused: 1 });
    assert.equal((await us.call(await us.login('us.sosa'), 'GET', `/partner-copies/${id}`)).status, 404);
    // The same answer as for India's request held by India: nothing tells the UK which it is.
    const first = (await outboxOf(uk, 'US')).find((r) => r.kind === MESSAGE_KINDS.requestShared && r.object_id === toIndia)!;
    const other = await refusalOf(first.id);
    assert.deepEqual(await refusalOf(sent), { ...other, detail: other.detail.replaceAll(toIndia, id) });
  });

  it("the UK's copy fetched from its outbox on a catch-up (not posted) is refused the same way: the US keeps India's copy", async () => {
    const queued = await fromUk(MESSAGE_KINDS.requestShared, toIndia, ukCopyOf(toIndia, 'Shadow fetched on catch-up'));
    await catchUpFromPeer(us.ctx, 'GB', { fetch: net.fetch });
    const taken = await us.ctx.store.db.selectFrom('federation_inbox').select(['refusal_reason']).where('message_id', '=', queued).executeTakeFirstOrThrow();
    assert.equal(taken.refusal_reason, 'wrong_nation');
    const copies = await us.ctx.store.db.selectFrom('federation_mirrors').select(['peer_nation']).where('object_type', '=', 'request').where('object_id', '=', toIndia).execute();
    assert.deepEqual(copies.map((c) => c.peer_nation), ['IN']);
    assert.equal((await us.call(await us.login('us.sosa'), 'GET', `/partner-copies/${toIndia}`)).body.request.title, 'Sonobuoy housings India holds');
  });

  it('a request kept as the copy of two peers (written before this check) is nobody\'s copy: read, step, comment, file and thread on it answer 404 and send nothing', async () => {
    const officer = await us.login('us.sosa');
    const openThread = () => us.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: toIndia, title: 'Which copy?', scope: 'arrangement' });
    const opened = await openThread();
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    // What an instance that took the UK's copy before the check holds: two copies under one id, the UK's the newer.
    await us.ctx.store.db
      .insertInto('federation_mirrors')
      .values({ peer_nation: 'GB', object_type: 'request', object_id: toIndia, object_version: 9, body: JSON.stringify(ukCopyOf(toIndia, 'Shadow kept from before')), message_id: randomUUID(), updated_at: new Date(us.ctx.now().getTime() + 60_000) })
      .execute();
    const sentBefore = (await us.ctx.store.db.selectFrom('federation_outbox').select('id').execute()).length;
    assert.equal((await us.call(officer, 'GET', `/partner-copies/${toIndia}`)).status, 404);
    assert.equal((await us.call(officer, 'POST', `/partner-copies/${toIndia}/steps`, { action: 'withdraw', reason: 'No longer needed.' })).status, 404);
    assert.equal((await us.call(officer, 'POST', `/partner-copies/${toIndia}/comments`, { body: 'To whom?', visibility: 'shared' })).status, 404);
    assert.equal((await upload(us, officer, toIndia, { name: 'n.txt', type: 'text/plain', content: 'hello' }, undefined, `/partner-copies/${toIndia}/attachments`)).status, 404);
    const thread = await openThread();
    assert.equal(thread.status, 422, JSON.stringify(thread.body));
    assert.equal((await us.call(officer, 'GET', `/threads/${opened.body.id}`)).status, 404, 'nor is the thread opened on it read');
    assert.equal((await us.ctx.store.db.selectFrom('federation_outbox').select('id').execute()).length, sentBefore, 'nothing sent to either peer');
  });
});
