import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { RECEIPT_TYPE } from '../../domain/federation/descriptor.js';
import { federationReceiptSchema } from '../../domain/federation/message.js';
import { verifySigned } from '../../domain/federation/signing.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import { act, requestBody } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';

// Issue #13: India's officials see the copies of requests the US instance shared with India, with
// the message trail and the receipts India signed. One pair of instances serves the whole file;
// each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();

const CANARY = 'CANARY-us-internal-note-4410';
const get = async (t: TestApp, user: string, path: string) => t.call(await t.login(user), 'GET', path);

async function comment(t: TestApp, user: string, requestId: string, body: string, visibility: 'shared' | 'internal') {
  const res = await t.call(await t.login(user), 'POST', `/requests/${requestId}/comments`, { body, visibility });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

describe("the partner's copies: requests the peer instance shared, as India's officials read them (issue #13)", () => {
  let requestId = '';
  let reference = '';

  it('before anything crosses, India lists no copy, and says it has a peer', async () => {
    const res = await get(india, 'in.sosa', '/partner-copies');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { items: [], total: 0, instance: { nation: 'IN', peers: ['US'] } });
    assert.deepEqual((await get(india, 'in.sosa', '/reference')).body.instance, { nation: 'IN', peers: ['US'] });
  });

  it('a step taken on the US crosses; India’s officer lists the copy, newest first, and filters it like the requests list', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Copied turbine blades' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    reference = created.body.reference;
    await comment(us, 'us.sosa', requestId, `Our internal view: ${CANARY}`, 'internal');
    await act(us, 'us.sosa', requestId, 'acknowledge');
    await comment(us, 'us.sosa', requestId, 'The casting line can start in January.', 'shared');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);

    const state = (await get(us, 'us.sosa', `/requests/${requestId}`)).body;
    const listed = await get(india, 'in.sosa', '/partner-copies');
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.equal(listed.body.total, 1);
    assert.deepEqual(listed.body.items, [
      { id: requestId, reference, title: 'Copied turbine blades', state: state.state, urgency: state.urgency, workflowId: state.workflowId, fromNation: 'IN', toNation: 'US', peer: 'US', lastReceivedAt: india.ctx.now().toISOString(), version: state.version },
    ]);

    // A second request crossing later comes first.
    india.clock.advanceHours(1);
    us.clock.advanceHours(1);
    const second = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Second copy' }));
    await act(us, 'us.sosa', second.body.id, 'acknowledge');
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    const both = await get(india, 'in.auditor', '/partner-copies');
    assert.equal(both.status, 200);
    assert.deepEqual(both.body.items.map((c: { title: string }) => c.title), ['Second copy', 'Copied turbine blades']);

    const titles = async (query: string) => (await get(india, 'in.sosa', `/partner-copies?${query}`)).body.items.map((c: { title: string }) => c.title);
    assert.deepEqual(await titles(`q=${encodeURIComponent(reference)}`), ['Copied turbine blades']);
    assert.deepEqual(await titles('q=second'), ['Second copy']);
    assert.deepEqual(await titles('q=%25'), [], 'a % is matched literally');
    assert.deepEqual(await titles('peer=GB'), []);
    assert.deepEqual(await titles(`state=${state.state}&peer=US`), ['Second copy', 'Copied turbine blades']);
    assert.deepEqual(await titles('state=closed'), []);
    const page = await get(india, 'in.sosa', '/partner-copies?limit=1&offset=1');
    assert.deepEqual([page.body.total, page.body.items.map((c: { title: string }) => c.title)], [2, ['Copied turbine blades']]);
    assert.equal((await get(india, 'in.sosa', '/partner-copies?limit=0')).status, 422);
    assert.equal((await get(india, 'in.sosa', '/partner-copies?peer=India')).status, 422);
  });

  it('India’s officer reads the copy as the US shared it, with its trail and the receipts India signed; the internal note is not in it', async () => {
    const res = await get(india, 'in.sosa', `/partner-copies/${requestId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const copy = res.body;
    assert.equal(copy.peer, 'US');
    assert.equal(copy.request.reference, reference);
    const sentItems = requestBody('US', 'IN-LCA-MK2-ENGINE').items as Array<{ description: string }>;
    assert.deepEqual(copy.items.map((i: { description: string }) => i.description), sentItems.map((i) => i.description));
    assert.deepEqual(copy.history.map((h: { action: string; actorNation: string }) => [h.action, h.actorNation]).slice(-1), [['acknowledge', 'US']]);
    // One border: the copy names who took each step as India's officer reads it on a shared instance.
    const onShared = (await get(us, 'in.sosa', `/requests/${requestId}`)).body.history as Array<{ action: string; actor: { displayName: string; nation: string } }>;
    assert.deepEqual(
      copy.history.map((h: { action: string; actorNation: string; actorName: string | null }) => [h.action, h.actorNation, h.actorName]),
      onShared.map((h) => [h.action, h.actor.nation, h.actor.displayName]),
    );
    assert.equal(copy.comments.length, 1);
    assert.equal(copy.comments[0].body, 'The casting line can start in January.');
    assert.equal(copy.comments[0].author.nation, 'US');
    assert.ok(!('username' in copy.comments[0].author), 'no login of the US instance');

    assert.deepEqual(copy.trail.map((m: { kind: string }) => m.kind), ['request.transition', 'request.comment']);
    // Each comment's message says whose it is and how it starts: two comments do not look alike in the trail.
    assert.deepEqual(copy.trail.map((m: { subject: string | null }) => m.subject), [null, `${copy.comments[0].author.displayName} (US): “The casting line can start in January.”`]);
    assert.deepEqual(copy.trail.map((m: { seq: number }) => m.seq), [1, 2]);
    const outbox = await us.ctx.store.db.selectFrom('federation_outbox').select(['id', 'receipt', 'jws']).where('object_id', '=', requestId).orderBy('seq').execute();
    const indiaKeys = (await findPeer(us.ctx.store.db, 'IN'))!.keys;
    for (const [i, m] of (copy.trail as Array<{ messageId: string; receivedAt: string; sentAt: string; receipt: { signedBy: string; outcome: string; receivedAt: string; jws: string } }>).entries()) {
      assert.equal(m.messageId, outbox[i]!.id);
      assert.equal(m.sentAt, decodeJwt(outbox[i]!.jws).sentAt, 'when the US signed it');
      assert.deepEqual([m.receipt.signedBy, m.receipt.outcome, m.receipt.receivedAt], ['IN', 'applied', m.receivedAt]);
      // The receipt shown is the one the US holds as proof of delivery, and it verifies with India's key.
      assert.equal(m.receipt.jws, outbox[i]!.receipt);
      const verified = await verifySigned(m.receipt.jws, indiaKeys, RECEIPT_TYPE, federationReceiptSchema);
      assert.ok(verified.ok, 'the receipt is signed by India');
      assert.equal(decodeJwt(m.receipt.jws).messageId, m.messageId);
    }

    for (const text of [JSON.stringify(copy), JSON.stringify((await get(india, 'in.sosa', '/partner-copies')).body)]) assert.ok(!text.includes(CANARY), 'the US internal note never reaches India');
    assert.ok(!JSON.stringify(copy.trail.map((m: { receipt: { jws: string } }) => decodeJwt(m.receipt.jws))).includes(CANARY));
    assert.equal((await get(india, 'in.auditor', `/partner-copies/${requestId}`)).status, 200);
  });

  it('each read of the copies is audited on India as a read of the partner’s record: who, which copy, which version; an empty list and a refused read record none', async () => {
    const events = async () => {
      await sequencePendingAudit(india.ctx.store.db);
      const rows = await india.ctx.store.db.selectFrom('audit_events').select(['action', 'actor', 'entity_id', 'data']).where('action', 'like', 'partner_copy.%').orderBy('seq').execute();
      return rows.map((r) => ({ ...r, data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, any> }));
    };
    const before = (await events()).length;
    const version = (await get(india, 'in.auditor', `/partner-copies/${requestId}`)).body.version;
    await get(india, 'in.sosa', '/partner-copies?q=CNRY-no-match');
    await get(india, 'in.sosa', '/partner-copies');
    await get(india, 'in.supplier', `/partner-copies/${requestId}`);
    await get(india, 'in.sosa', `/partner-copies/${randomUUID()}`);
    const recorded = (await events()).slice(before);
    assert.deepEqual(recorded.map((e) => [e.action, e.actor, e.entity_id]), [['partner_copy.read', 'in.auditor', requestId], ['partner_copy.list', 'in.sosa', 'IN']]);
    assert.deepEqual([recorded[0]!.data.peer, recorded[0]!.data.version], ['US', version]);
    const listed = (await get(india, 'in.sosa', '/partner-copies')).body.items.map((c: { id: string; peer: string }) => [c.id, c.peer]);
    assert.ok(listed.some(([id]: [string]) => id === requestId));
    assert.deepEqual(recorded[1]!.data.shown.map((c: { id: string; peer: string }) => [c.id, c.peer]), listed, 'the copies shown, each named');
  });

  it('an Indian supplier and a US user on India’s instance read no copy; an unknown copy is 404', async () => {
    assert.equal((await get(india, 'in.supplier', '/partner-copies')).status, 403);
    assert.equal((await get(india, 'in.supplier', `/partner-copies/${requestId}`)).status, 403);
    const stranger = await get(india, 'us.sosa', '/partner-copies');
    assert.equal(stranger.status, 403);
    assert.match(stranger.body.detail, /IN's officials/);
    assert.equal((await get(india, 'us.sosa', `/partner-copies/${requestId}`)).status, 404, 'whether India holds it is not told');
    assert.equal((await get(india, 'in.sosa', `/partner-copies/${randomUUID()}`)).status, 404);
    assert.equal((await get(india, 'in.sosa', '/partner-copies/not-a-uuid')).status, 404);
  });

  it('the US instance, which sent the request, holds no copy of it (it holds the request)', async () => {
    const res = await get(us, 'us.sosa', '/partner-copies');
    assert.deepEqual(res.body, { items: [], total: 0, instance: { nation: 'US', peers: ['IN'] } });
    assert.equal((await get(us, 'us.sosa', `/partner-copies/${requestId}`)).status, 404);
  });
});
