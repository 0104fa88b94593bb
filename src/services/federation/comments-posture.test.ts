import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { MESSAGE_TYPE } from '../../domain/federation/descriptor.js';
import type { FederationMessage } from '../../domain/federation/message.js';
import { signPayload } from '../../domain/federation/signing.js';
import { countInbound, findMirror, lastInboundSeq } from '../../store/federation-messages.repository.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { act, requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { loadActiveSigningKey } from './key-store.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { catchUpFromPeer } from './message-sender.js';

// Issue #13: shared comments and postures cross between two sovereign instances (the US and
// India, each its own store and keys, peered both ways). One pair of instances serves the whole
// file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();

const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const post = (t: TestApp, message: string) => t.call(null, 'POST', '/federation/inbox', { message });
const comment = async (t: TestApp, user: string, requestId: string, body: string, visibility: 'shared' | 'internal' = 'shared') => {
  const res = await t.call(await t.login(user), 'POST', `/requests/${requestId}/comments`, { body, visibility });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
};
const mirrorComments = async (requestId: string) => ((await findMirror(india.ctx.store.db, 'US', 'request', requestId))?.body.comments ?? []) as Array<{ id: string; body: string; author: unknown }>;

/** A message as the US instance signs one, next in its sequence to India unless a test says otherwise. */
async function usMessage(changes: Partial<FederationMessage>): Promise<string> {
  const message: FederationMessage = {
    id: randomUUID(),
    arrangement: 'US-IN',
    from: 'US',
    to: 'IN',
    seq: (await lastInboundSeq(india.ctx.store.db, 'US')) + 1,
    kind: 'request.comment',
    object: { type: 'request', id: randomUUID(), version: 1 },
    answers: null,
    sentAt: us.ctx.now().toISOString(),
    body: {},
    ...changes,
  };
  return signPayload(message, await loadActiveSigningKey(us.ctx.config.keyDir), MESSAGE_TYPE);
}

/** A message the US instance queues to India in its own outbox, as its code would (its next number, signed now). */
async function queueFromUs(changes: Pick<FederationMessage, 'object' | 'body'> & Partial<Pick<FederationMessage, 'kind' | 'arrangement' | 'answers'>>): Promise<void> {
  await us.ctx.store.db.transaction().execute((trx) =>
    enqueueOutbound(us.ctx, trx, { peerNation: 'IN', arrangement: changes.arrangement ?? 'US-IN', kind: changes.kind ?? 'request.comment', object: changes.object, answers: changes.answers ?? null, body: changes.body }),
  );
}

async function person(t: TestApp, username: string): Promise<{ id: string; displayName: string; organisation: string }> {
  const row = await t.ctx.store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.display_name', 'organisations.name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return { id: row.id, displayName: row.display_name, organisation: row.name };
}

async function posture(t: TestApp, user: string): Promise<{ posture: string; history: Array<{ posture: string; setBy: string; setByNation: string; setAt: string; received: boolean }> }> {
  const res = await t.call(await t.login(user), 'GET', '/postures');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items.find((a: { arrangementId: string }) => a.arrangementId === 'US-IN');
}

async function setPosture(t: TestApp, user: string, value: string, note = '') {
  const res = await t.call(await t.login(user), 'PUT', '/postures/US-IN', { posture: value, note });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe('shared comments on a request cross to the peer instance (issue #13)', () => {
  let requestId = '';
  const CANARY = 'CANARY-us-internal-comment-7731';

  it('a shared comment crosses once, as written by the US officer (name, nation, organisation; no id); an internal one never crosses', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Commented request' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    await comment(us, 'us.sosa', requestId, `Our view: ${CANARY}`, 'internal');
    assert.equal((await outbox(us)).length, 0, 'an internal comment queues no message');
    const sharedId = await comment(us, 'us.sosa', requestId, 'The casting line can start in January.');

    // No step was sent yet: India first gets the request, then the comment, which answers it.
    const rows = await outbox(us);
    assert.deepEqual(rows.map((r) => [r.seq, r.kind]), [[1, 'request.shared'], [2, 'request.comment']]);
    assert.equal(decodeJwt(rows[1]!.jws).answers, rows[0]!.message_hash);
    for (const r of rows) assert.ok(!r.jws.includes(CANARY) && !JSON.stringify(decodeJwt(r.jws)).includes(CANARY), `message ${r.seq} carries the internal comment`);

    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const officer = await person(us, 'us.sosa');
    assert.deepEqual(await mirrorComments(requestId), [
      { id: sharedId, author: { displayName: officer.displayName, nation: 'US', organisation: officer.organisation }, visibility: 'shared', body: 'The casting line can start in January.', createdAt: us.ctx.now().toISOString() },
    ]);
    const copy = JSON.stringify((await findMirror(india.ctx.store.db, 'US', 'request', requestId))?.body);
    assert.ok(!copy.includes(CANARY), 'the internal comment is not in India’s copy');
    assert.ok(!copy.includes(officer.id) && !copy.includes('us.sosa'), 'the US officer’s user id and login stay on the US instance');

    // The comment message delivered a second time (a retry after a lost answer): not applied again.
    const again = await post(india, rows[1]!.jws);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.outcome, 'duplicate');
    assert.equal(again.body.receipt, (await outbox(us))[1]!.receipt);
    assert.equal((await mirrorComments(requestId)).length, 1);
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 2);
  });

  it('the next step carries the same shared comments through the same projection, and no internal one', async () => {
    await act(us, 'us.sosa', requestId, 'acknowledge');
    const last = (await outbox(us)).slice(-1)[0]!;
    assert.equal(last.kind, 'request.transition');
    const body = decodeJwt(last.jws).body as { comments: Array<{ body: string }> };
    assert.deepEqual(body.comments.map((c) => c.body), ['The casting line can start in January.']);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual((await mirrorComments(requestId)).map((c) => c.body), ['The casting line can start in January.']);
  });

  it('India refuses, with its reason and without applying it, a comment on a request it does not hold or of another arrangement; each is recorded as refused and the US queue goes on', async () => {
    const before = await countInbound(india.ctx.store.db, 'US');
    const author = { displayName: 'Dana Whitfield', nation: 'US', organisation: 'DoD' };
    const unknownId = randomUUID();
    // Queued by the US instance itself (its own numbers): authentic and in sequence, refused for what they say.
    await queueFromUs({
      object: { type: 'request', id: unknownId, version: 1 },
      body: { request: { id: unknownId, arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' }, comment: { id: randomUUID(), author, visibility: 'shared', body: 'On what?', createdAt: us.ctx.now().toISOString() } },
    });
    await queueFromUs({
      object: { type: 'request', id: requestId, version: 2 },
      body: { request: { id: requestId, arrangementId: 'US-GB', fromNation: 'IN', toNation: 'US' }, comment: { id: randomUUID(), author, visibility: 'shared', body: 'Elsewhere', createdAt: us.ctx.now().toISOString() } },
    });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 2 });
    const [unknown, otherArrangement] = (await outbox(us)).slice(-2);
    assert.deepEqual([unknown!.state, unknown!.refusal_reason, otherArrangement!.state, otherArrangement!.refusal_reason], ['refused', 'unknown_object', 'refused', 'out_of_arrangement']);
    const res = await post(india, unknown!.jws);
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.reason, 'unknown_object');
    assert.match(res.body.detail, /no copy to add the comment to/);
    assert.equal(res.body.receipt, unknown!.receipt, 'a copy of a refused message gets the same signed refusal');
    const refused = await post(india, otherArrangement!.jws);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.reason, 'out_of_arrangement');
    const inbox = await india.ctx.store.db.selectFrom('federation_inbox').select(['seq', 'outcome', 'refusal_reason']).where('sender_nation', '=', 'US').orderBy('seq', 'desc').limit(2).execute();
    assert.deepEqual(inbox.map((r) => [r.outcome, r.refusal_reason]), [['refused', 'out_of_arrangement'], ['refused', 'unknown_object']]);
    assert.equal(await countInbound(india.ctx.store.db, 'US'), before + 2);
    assert.equal(await findMirror(india.ctx.store.db, 'US', 'request', unknownId), undefined);
    assert.equal((await mirrorComments(requestId)).length, 1);
  });

  it('comments written while India is unreachable are caught up after the outage, in order, each once', async () => {
    net.down.add('IN');
    await comment(us, 'us.sosa', requestId, 'First, during the outage.');
    await comment(us, 'in.sosa', requestId, 'Second, by India’s officer on the US desk.');
    await comment(us, 'us.sosa', requestId, `Not for India: ${CANARY}`, 'internal');
    assert.match((await net.deliver('US', 'IN')).blocked ?? '', /IN unreachable/);
    net.down.delete('IN');
    // India, back, fetches from the US outbox; the US then delivers the same messages, answered as duplicates.
    assert.equal(await catchUpFromPeer(india.ctx, 'US', { fetch: net.fetch }), 2);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const comments = await mirrorComments(requestId);
    assert.deepEqual(comments.map((c) => c.body), ['The casting line can start in January.', 'First, during the outage.', 'Second, by India’s officer on the US desk.']);
    assert.equal((comments[2]!.author as { nation: string }).nation, 'IN');
    const seqs = (await india.ctx.store.db.selectFrom('federation_inbox').select('seq').where('sender_nation', '=', 'US').orderBy('seq').execute()).map((r) => r.seq);
    assert.deepEqual(seqs, (await outbox(us)).map((r) => r.seq), 'every message applied once, none missing');
    assert.ok(!JSON.stringify(await findMirror(india.ctx.store.db, 'US', 'request', requestId)).includes(CANARY));
  });
});

describe('an arrangement’s posture crosses to the peer and converges (issue #13)', () => {
  it('a posture set on the US instance reaches India, whose history names the US officer; a duplicate changes nothing', async () => {
    await setPosture(us, 'us.sosa', 'emergency', 'Surge in F414 demand');
    const sent = (await outbox(us)).slice(-1)[0]!;
    assert.equal(sent.kind, 'posture.set');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const seen = await posture(india, 'in.sosa');
    assert.equal(seen.posture, 'emergency');
    assert.deepEqual(seen.history.map((h) => [h.posture, h.setBy, h.setByNation, h.received]), [['emergency', (await person(us, 'us.sosa')).displayName, 'US', true]]);
    assert.ok(!JSON.stringify(decodeJwt(sent.jws)).includes((await person(us, 'us.sosa')).id), 'no user id of the US instance crosses');

    const again = await post(india, sent.jws);
    assert.equal(again.body.outcome, 'duplicate');
    assert.equal((await posture(india, 'in.sosa')).history.length, 1);
    // New requests on India's instance run on the emergency clocks too (the posture is India's to apply).
    assert.equal((await posture(us, 'us.sosa')).posture, 'emergency');
  });

  it('changes made on both instances during an outage converge to the same posture: the later setAt wins, at the same instant the nation code that sorts last', async () => {
    net.down.add('IN');
    net.down.add('US');
    // The same instant on both: US sorts after IN, so the US's armed conflict wins on both.
    const t = '2026-11-24T09:00:00.000Z';
    us.clock.set(t);
    india.clock.set(t);
    await setPosture(india, 'in.sosa', 'peacetime', 'Stand down');
    await setPosture(us, 'us.sosa', 'armed_conflict', 'Hostilities');
    assert.equal((await posture(india, 'in.sosa')).posture, 'peacetime');
    net.down.clear();
    assert.equal(await catchUpFromPeer(india.ctx, 'US', { fetch: net.fetch }), 1);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null }, 'the US’s delivery of what India fetched is answered as a duplicate');
    for (const [instance, user] of [[us, 'us.sosa'], [india, 'in.sosa']] as const) {
      const seen = await posture(instance, user);
      assert.equal(seen.posture, 'armed_conflict', `${user}'s instance`);
      assert.deepEqual(seen.history.slice(0, 2).map((h) => [h.posture, h.setByNation, h.setAt]), [['armed_conflict', 'US', t], ['peacetime', 'IN', t]]);
    }

    // India a minute later than the US: India's change is the later one, on both.
    net.down.add('IN');
    net.down.add('US');
    us.clock.set('2026-11-24T10:00:00.000Z');
    india.clock.set('2026-11-24T10:01:00.000Z');
    await setPosture(india, 'in.sosa', 'emergency', 'Ceasefire holding');
    await setPosture(us, 'us.sosa', 'peacetime', 'Over');
    net.down.clear();
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.equal((await posture(us, 'us.sosa')).posture, 'emergency');
    assert.equal((await posture(india, 'in.sosa')).posture, 'emergency');
    const usHistory = (await posture(us, 'us.sosa')).history;
    assert.deepEqual(usHistory.map((h) => [h.posture, h.setByNation, h.received]), (await posture(india, 'in.sosa')).history.map((h) => [h.posture, h.setByNation, !h.received]), 'the same history on both, each side’s own changes local');

    // The US officer, whose clock is behind the current change, still makes the current one.
    await setPosture(us, 'us.sosa', 'armed_conflict', 'Renewed');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await posture(us, 'us.sosa')).posture, 'armed_conflict');
    assert.equal((await posture(india, 'in.sosa')).posture, 'armed_conflict');
  });

  it('India refuses a posture change claimed for an Indian officer, or of another arrangement, and applies neither', async () => {
    const history = (await posture(india, 'in.sosa')).history.length;
    const change = { id: randomUUID(), arrangementId: 'US-IN', posture: 'peacetime', note: '', setAt: us.ctx.now().toISOString(), setBy: { displayName: 'Someone', nation: 'US' } };
    const cases: Array<[string, Partial<FederationMessage>, string]> = [
      ['set by an Indian officer', { body: { change: { ...change, setBy: { displayName: 'Arjun Mehta', nation: 'IN' } } } }, 'wrong_nation'],
      ['of another arrangement', { body: { change: { ...change, arrangementId: 'US-GB' } } }, 'out_of_arrangement'],
      ['not a posture change', { body: { change: { ...change, posture: 'martial_law' } } }, 'invalid_content'],
    ];
    for (const [label, changes, reason] of cases) {
      const res = await post(india, await usMessage({ kind: 'posture.set', object: { type: 'arrangement_posture', id: 'US-IN', version: 9 }, ...changes }));
      assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.reason, reason, label);
    }
    assert.equal((await posture(india, 'in.sosa')).history.length, history);
  });
});
