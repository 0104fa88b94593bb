import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { MESSAGE_KINDS, requestSubmitBodySchema, type RequestSubmitBody } from '../../domain/federation/bodies.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import { auditActions } from '../../testing/audit-actions.js';
import { startUsIndiaPeered, type FederatedApps } from '../../testing/federated-apps.js';
import { requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';
import { removePeer } from './remove-peer.js';

// Issue #13 (README "Sovereign instances"): a request is submitted on the requesting nation's
// instance and held by the deciding nation's. India's officer submits on India's desk; the US
// instance creates the request from the `request.submit` message, and its copy comes back.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
let submitted = '';
let body: RequestSubmitBody;

const outboxOf = (t: TestApp, peer: string) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', peer).orderBy('seq').execute();
const requestsHeld = async (t: TestApp) => (await t.ctx.store.db.selectFrom('requests').select('id').execute()).map((r) => r.id);

/** A `request.submit` India's instance sends as it is, with `changes` to its body: what a faulty or hostile sender could sign. */
async function sendFromIndia(changes: (b: RequestSubmitBody) => RequestSubmitBody, arrangement = 'US-IN'): Promise<string> {
  const changed = changes(structuredClone(body));
  return india.ctx.store.db.transaction().execute(async (trx) => (await enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement, kind: MESSAGE_KINDS.requestSubmit, object: { type: 'request', id: changed.request.id, version: 0 }, body: changed })).id);
}

before(async () => {
  net = await startUsIndiaPeered();
  [us, india] = [net.app('US'), net.app('IN')];
});
after(() => net.close());

describe("a request's submission crosses to the deciding nation's instance (issue #13)", () => {
  it("India's officer submits on India's desk: nothing is created there, the request goes to the US instance, and a provisional copy is shown at once", async () => {
    const before = await requestsHeld(india);
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades submitted on the Indian desk' }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    submitted = res.body.id;
    assert.deepEqual(res.body, { id: submitted, heldBy: 'US', partnerCopy: `/api/v1/partner-copies/${submitted}` });
    assert.equal(res.headers.get('location'), `/api/v1/partner-copies/${submitted}`);
    assert.deepEqual(await requestsHeld(india), before, 'India holds no request of its own for it');
    const [message] = await outboxOf(india, 'US');
    assert.equal(message!.kind, 'request.submit');
    body = requestSubmitBodySchema.parse((await import('jose')).decodeJwt(message!.jws).body);
    assert.equal(body.submitter.nation, 'IN');
    assert.ok(!JSON.stringify(body).includes('in.sosa'), 'the submitter is named, never by login');
    const copy = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${submitted}`);
    assert.equal(copy.status, 200, JSON.stringify(copy.body));
    assert.equal(copy.body.request.state, 'submitted');
    assert.equal(copy.body.request.reference, '');
    assert.deepEqual(copy.body.trail, [], 'nothing received from the US yet');
    assert.ok((await auditActions(india, 'request.')).includes('request.submitted_to_peer'));
  });

  it("the US instance holds it, submitted by India's named official, its clocks from the US receipt; India's copy then shows the US reference and state", async () => {
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const held = await us.ctx.store.db.selectFrom('requests').selectAll().where('id', '=', submitted).executeTakeFirstOrThrow();
    assert.equal(held.from_nation, 'IN');
    assert.equal(held.created_by, null);
    assert.equal(held.submitted_by_name, body.submitter.displayName);
    assert.match(held.reference, /^SOSA-IN-US-\d{4}-\d{5}$/);
    const receipt = await us.ctx.store.db.selectFrom('federation_inbox').select('applied_at').where('object_id', '=', submitted).executeTakeFirstOrThrow();
    const deadlines = await us.ctx.store.db.selectFrom('deadlines').select('started_at').where('request_id', '=', submitted).execute();
    assert.ok(deadlines.length > 0);
    for (const d of deadlines) assert.equal(d.started_at.toISOString(), receipt.applied_at.toISOString(), 'the clock runs from the US receipt');
    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${submitted}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual(detail.body.history[0].actor, { username: '', displayName: body.submitter.displayName, nation: 'IN' });
    assert.ok((await auditActions(us, 'request.')).includes('request.submit'));

    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const copy = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${submitted}`);
    assert.equal(copy.body.request.reference, held.reference);
    assert.equal(copy.body.request.state, held.state);
    assert.equal(copy.body.trail.length, 1);
  });

  it('a submission the US may not hold is refused, applies nothing, and is audited on both sides', async () => {
    const cases: Array<[string, (b: RequestSubmitBody) => RequestSubmitBody, string?]> = [
      ['replayed', (b) => b],
      ['wrong_nation', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID() }, submitter: { ...b.submitter, nation: 'GB' } })],
      ['out_of_arrangement', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), arrangementId: 'US-GB' } })],
      ['invalid_content', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), programId: 'NO-SUCH-PROGRAM' } })],
      ['invalid_content', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), programId: 'NO-SUCH-PROGRAM' }, program: undefined })],
      // India speaks only for programs it is party to: a UK program the US does not know is not registered from India's word.
      ['wrong_nation', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), programId: 'GB-FRIGATE-X' }, program: { id: 'GB-FRIGATE-X', name: 'Frigate', nation: 'GB', partnerNations: ['US'] } })],
      // Past on the day it was submitted (a date India's desk would have refused): checked as of that day.
      ['invalid_content', (b) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), requiredBy: '2026-01-05' } })],
    ];
    for (const [reason, change] of cases) {
      const heldBefore = await requestsHeld(us);
      const id = await sendFromIndia(change);
      assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 }, reason);
      const sent = (await outboxOf(india, 'US')).find((r) => r.id === id)!;
      assert.equal(sent.state, 'refused', reason);
      assert.equal(sent.refusal_reason, reason);
      assert.deepEqual(await requestsHeld(us), heldBefore, `${reason}: nothing applied`);
    }
    assert.equal(await us.ctx.store.db.selectFrom('programs').select('id').where('id', '=', 'GB-FRIGATE-X').executeTakeFirst(), undefined, 'no program registered from a refused message');
    assert.equal((await auditActions(us, 'federation.message_refused')).length, cases.length);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, cases.length);
  });

  it("a program the US does not know is registered from India's word only when India leads it and its nations meet the US register's rules; a US program no US official registered never is (review of stop 27, F1)", async () => {
    const cites = (program: NonNullable<RequestSubmitBody['program']>) => (b: RequestSubmitBody) => ({ ...b, request: { ...b.request, id: crypto.randomUUID(), programId: program.id }, program });
    const cases: Array<[string, NonNullable<RequestSubmitBody['program']>]> = [
      // A US program described by a partner: it would sit in the US register, US-led, registered by no US official.
      ['wrong_nation', { id: 'US-PLANTED-1', name: 'Planted', nation: 'US', partnerNations: ['IN'] }],
      // India a partner, not the lead, of a third nation's program: the lead registers it, on its own desk.
      ['wrong_nation', { id: 'GB-PARTNERED-1', name: 'Partnered', nation: 'GB', partnerNations: ['IN', 'US'] }],
      // India's own program, its nations as POST /programs would refuse them.
      ['invalid_content', { id: 'IN-TWICE-1', name: 'Twice', nation: 'IN', partnerNations: ['US', 'US'] }],
      ['invalid_content', { id: 'IN-SELF-1', name: 'Self', nation: 'IN', partnerNations: ['IN', 'US'] }],
      ['invalid_content', { id: 'IN-UNKNOWN-1', name: 'Unknown partner', nation: 'IN', partnerNations: ['US', 'QQ'] }],
    ];
    for (const [reason, program] of cases) {
      const heldBefore = await requestsHeld(us);
      const id = await sendFromIndia(cites(program));
      assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 }, program.id);
      const sent = (await outboxOf(india, 'US')).find((r) => r.id === id)!;
      assert.equal(sent.refusal_reason, reason, program.id);
      assert.deepEqual(await requestsHeld(us), heldBefore, `${program.id}: no request`);
      assert.equal(await us.ctx.store.db.selectFrom('programs').select('id').where('id', '=', program.id).executeTakeFirst(), undefined, `${program.id}: no program`);
    }
    const usOfficer = await us.login('us.sosa');
    assert.equal((await us.call(usOfficer, 'GET', '/programs')).body.items.some((p: { id: string }) => p.id === 'US-PLANTED-1'), false, 'not in the US register');
    const own = await us.call(usOfficer, 'POST', '/programs', { id: 'US-PLANTED-1', name: 'Registered by the US', status: 'active', partnerNations: ['IN'] });
    assert.equal(own.status, 201, 'the US registers its own program under that id: ' + JSON.stringify(own.body));
  });

  it("a program India registered on its own desk, which the US does not know, is registered on the US instance from the request that cites it, once, audited", async () => {
    const officer = await india.login('in.sosa');
    const program = { id: 'IN-MRFA-2026', name: 'Multi-role fighter support', status: 'active', partnerNations: ['US'], dpasProgramSymbol: 'A1' };
    assert.equal((await india.call(officer, 'POST', '/programs', program)).status, 201);
    assert.equal(await us.ctx.store.db.selectFrom('programs').select('id').where('id', '=', program.id).executeTakeFirst(), undefined, 'the US does not know it yet');
    const ids: string[] = [];
    for (const title of ['First request of the new program', 'Second request of the new program']) {
      const res = await india.call(officer, 'POST', '/requests', requestBody('US', program.id, { title }));
      assert.equal(res.status, 202, JSON.stringify(res.body));
      ids.push(res.body.id);
    }
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 2, blocked: null });
    for (const id of ids) assert.ok((await requestsHeld(us)).includes(id), 'the US holds the request');
    const held = await us.ctx.store.db.selectFrom('programs').select(['nation', 'name', 'partner_nations']).where('id', '=', program.id).executeTakeFirstOrThrow();
    assert.deepEqual(held, { nation: 'IN', name: program.name, partner_nations: ['US'] });
    assert.equal((await auditActions(us, 'program.registered_from_peer')).length, 1, 'registered once, audited');
  });

  it('a submission that an outage holds up past its required date is still applied: its dates are checked as of its submission, its clocks run from the US receipt', async () => {
    const tomorrow = DateTime.fromJSDate(india.ctx.now(), { zone: 'Asia/Kolkata' }).plus({ days: 1 }).toISODate()!;
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades, held up by an outage', requiredBy: tomorrow }));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    net.down.add('US');
    try {
      assert.match((await net.deliver('IN', 'US')).blocked ?? '', /US/);
      for (const t of [us, india]) t.clock.advanceHours(72);
    } finally {
      net.down.delete('US');
    }
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${res.body.id}`);
    assert.equal(detail.status, 200, JSON.stringify(detail.body));
    assert.deepEqual([detail.body.state, detail.body.requiredBy], ['submitted', tomorrow], 'held as submitted, its date now past');
    const receipt = await us.ctx.store.db.selectFrom('federation_inbox').select('applied_at').where('object_id', '=', res.body.id).executeTakeFirstOrThrow();
    const deadlines = await us.ctx.store.db.selectFrom('deadlines').select('started_at').where('request_id', '=', res.body.id).execute();
    assert.ok(deadlines.length > 0);
    for (const d of deadlines) assert.equal(d.started_at.toISOString(), receipt.applied_at.toISOString(), 'the clock still runs from the US receipt');
  });

  it('with no peer of the deciding nation, the request is created locally as before', async () => {
    await removePeer({ store: india.ctx.store, ownNation: 'IN', peerNation: 'US' });
    const res = await india.call(await india.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'No peer: held here' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.ok((await requestsHeld(india)).includes(res.body.id));
    assert.equal(await findMirror(india.ctx.store.db, 'US', 'request', res.body.id), undefined);
  });
});
