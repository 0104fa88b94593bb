import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { countInbound, findMirror } from '../../store/federation-messages.repository.js';
import { act, addThirdNations, requestBody } from '../../testing/request-builders.js';
import { startFederatedApps, type FederatedApps } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';

// Issue #13, the hub: one US instance peered with India (US-IN) and the United Kingdom (US-GB, a
// third arrangement added as configuration: src/testing/request-builders.ts addThirdNations),
// three instances in one process. Each partner has its own queue, numbering and border.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
let uk: TestApp;
let toIndia = '';
let toUk = '';

const outbox = (peer: string) => us.ctx.store.db.selectFrom('federation_outbox').selectAll().where('peer_nation', '=', peer).orderBy('seq').execute();
const deliver = (peer: string) => net.deliver('US', peer);

before(async () => {
  net = await startFederatedApps(['US', 'IN', 'GB']);
  [us, india, uk] = [net.app('US'), net.app('IN'), net.app('GB')];
  // On the hub, a UK request to the US follows the DPAS path like India's.
  await addThirdNations(us);
  await us.ctx.store.db.insertInto('arrangement_directions').values({ arrangement_id: 'US-GB', from_nation: 'GB', to_nation: 'US', workflow_id: 'dpas' }).execute();
  // The hub's descriptor lists both its arrangements; each partner keeps the one it shares.
  await net.peer('US', 'IN', ['US-IN']);
  await net.peer('US', 'GB', ['US-GB']);
  await net.peer('IN', 'US', ['US-IN', 'US-GB']);
  await net.peer('GB', 'US', ['US-IN', 'US-GB']);
});
after(() => net.close());

describe('a hub instance with two partners (issue #13)', () => {
  it('peering keeps to the shared arrangement: India trusts the hub for US-IN only, the UK for US-GB only', async () => {
    const arrangements = async (t: TestApp) => (await t.ctx.store.db.selectFrom('federation_peers').select('arrangements').where('nation', '=', 'US').executeTakeFirstOrThrow()).arrangements;
    assert.deepEqual(await arrangements(india), ['US-IN']);
    assert.deepEqual(await arrangements(uk), ['US-GB']);
  });

  it("each partner's requests go to its own queue, numbered on their own, and reach only that partner", async () => {
    const fromIndia = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Indian request at the hub' }));
    const fromUk = await us.call(await us.login('gb.sosa'), 'POST', '/requests', requestBody('US', 'GB-TYPE26', { title: 'UK request at the hub' }));
    assert.equal(fromIndia.status, 201, JSON.stringify(fromIndia.body));
    assert.equal(fromUk.status, 201, JSON.stringify(fromUk.body));
    [toIndia, toUk] = [fromIndia.body.id, fromUk.body.id];
    await act(us, 'us.sosa', toIndia, 'acknowledge');
    await act(us, 'us.sosa', toUk, 'acknowledge');
    await act(us, 'us.sosa', toUk, 'forward_for_determination');

    assert.deepEqual((await outbox('IN')).map((r) => [r.seq, r.object_id]), [[1, toIndia]]);
    assert.deepEqual((await outbox('GB')).map((r) => [r.seq, r.object_id]), [[1, toUk], [2, toUk]]);
    for (const r of await outbox('IN')) assert.ok(!r.jws.includes(toUk) && !JSON.stringify(decodeJwt(r.jws)).includes(toUk), "India's message says nothing of the UK request");
    for (const r of await outbox('GB')) assert.ok(!JSON.stringify(decodeJwt(r.jws)).includes(toIndia), "the UK's messages say nothing of India's request");

    assert.deepEqual(await deliver('IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await deliver('GB'), { delivered: 2, blocked: null });
    assert.ok(await findMirror(india.ctx.store.db, 'US', 'request', toIndia));
    assert.equal(await findMirror(india.ctx.store.db, 'US', 'request', toUk), undefined, 'the UK request never reaches India');
    assert.ok(await findMirror(uk.ctx.store.db, 'US', 'request', toUk));
    assert.equal(await findMirror(uk.ctx.store.db, 'US', 'request', toIndia), undefined, "India's request never reaches the UK");
  });

  it("one partner down does not hold up the other: India's queue waits while the UK's is delivered", async () => {
    net.down.add('IN');
    await act(us, 'us.sosa', toIndia, 'forward_for_determination');
    await act(us, 'us.dod', toUk, 'determine_program', { approved_program: 'Type 26 support', determination_reference: 'PD-GB-1' });
    const stuck = await deliver('IN');
    assert.equal(stuck.delivered, 0);
    assert.match(stuck.blocked ?? '', /IN unreachable/);
    assert.deepEqual(await deliver('GB'), { delivered: 1, blocked: null });
    net.down.delete('IN');
    assert.deepEqual(await deliver('IN'), { delivered: 1, blocked: null });
    assert.deepEqual([await countInbound(india.ctx.store.db, 'US'), await countInbound(uk.ctx.store.db, 'US')], [2, 3]);
  });

  it("a message for the UK taken to India's inbox is refused there (addressed to another nation) and never applied", async () => {
    const [forUk] = await outbox('GB');
    const res = await india.call(null, 'POST', '/federation/inbox', { message: forUk!.jws });
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.reason, 'wrong_nation');
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 2);
    assert.equal(await findMirror(india.ctx.store.db, 'US', 'request', toUk), undefined);
  });
});
