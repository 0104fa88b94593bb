import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import type { FederationMessage } from '../../domain/federation/message.js';
import { countInbound, findMirror } from '../../store/federation-messages.repository.js';
import { act, companyId, requestBody } from '../../testing/request-builders.js';
import { auditActions } from '../../testing/audit-actions.js';
import { signedUsToIndia } from '../../testing/signed-message.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { addPeer, checkPeerDescriptor } from './add-peer.js';
import { refusalCounts } from './anonymous-refusals.js';
import { exportDescriptor } from './export-descriptor.js';
import { generateSigningKey, loadActiveSigningKey } from './key-store.js';
import { catchUpFromPeer, deliverToPeer, type PeerFetch } from './message-sender.js';

// Issue #13: two sovereign instances in one process (two stores, two key folders), peered; the
// sender of one reaches the other's inbox through the other's app, as over HTTP.
const root = mkdtempSync(join(tmpdir(), 'sosa-federation-messages-'));
const URLS = { US: 'http://127.0.0.1:47001', IN: 'http://127.0.0.1:47002' } as const;
let us: TestApp;
let india: TestApp;
const apps = new Map<string, TestApp>();
let linkUp = true;
/** Routes a peer's URL to its app; with the link down, as a refused connection. */
const viaApps: PeerFetch = async (url, init) => {
  if (!linkUp) throw new TypeError('fetch failed (connect ECONNREFUSED)');
  const target = apps.get(new URL(url).origin);
  if (!target) throw new TypeError('fetch failed');
  return target.app.request(url, init);
};

async function peer(a: TestApp, b: TestApp, bNation: 'US' | 'IN') {
  const exported = await exportDescriptor({ nation: bNation, baseUrl: URLS[bNation], arrangements: ['US-IN'], keyDir: b.ctx.config.keyDir, now: b.ctx.now() });
  await addPeer({ ctx: a.ctx, checked: await checkPeerDescriptor(exported.jws, a.ctx.config.nation!), shareExisting: false });
}

const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').selectAll().orderBy('seq').execute();
const post = (t: TestApp, message: string, token: string | null = null) => t.call(token, 'POST', '/federation/inbox', { message });

/** A message as the US instance would sign it, with what a test changes. */
async function usMessage(changes: Partial<FederationMessage>, keyDir = us.ctx.config.keyDir): Promise<string> {
  return signedUsToIndia(await loadActiveSigningKey(keyDir), {
    kind: 'request.transition',
    object: { type: 'request', id: randomUUID(), version: 1 },
    sentAt: us.ctx.now().toISOString(),
    body: { request: { arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' } },
    ...changes,
  });
}

before(async () => {
  us = await createTestApp({ config: { nation: 'US', keyDir: join(root, 'us-keys') } });
  india = await createTestApp({ config: { nation: 'IN', keyDir: join(root, 'in-keys') } });
  apps.set(URLS.US, us).set(URLS.IN, india);
  for (const t of [us, india]) await generateSigningKey(t.ctx.config.keyDir, t.ctx.now());
  await peer(us, india, 'IN');
  await peer(india, us, 'US');
});
after(async () => {
  await us.close();
  await india.close();
  rmSync(root, { recursive: true, force: true });
});

describe('messages between two sovereign instances (issue #13)', () => {
  let requestId = '';

  it('a step on the US instance reaches India as a signed message, applied once, with a signed receipt kept by the US', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Federated request' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    await act(us, 'us.sosa', requestId, 'acknowledge');
    const [queued] = await outbox(us);
    assert.equal(queued?.state, 'pending');
    assert.equal(queued?.seq, 1);

    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${requestId}`);
    assert.deepEqual(detail.body.partnerDelivery.map((d: any) => [d.peer, d.state, d.deliveredAt]), [['IN', 'pending', null]]);

    assert.deepEqual(await deliverToPeer(us.ctx, 'IN', { fetch: viaApps }), { delivered: 1, blocked: null });
    const mirror = await findMirror(india.ctx.store.db, 'US', 'request', requestId);
    const state = (await us.ctx.store.db.selectFrom('requests').select('state').where('id', '=', requestId).executeTakeFirstOrThrow()).state;
    assert.equal((mirror?.body.request as any).state, state);
    const [sent] = await outbox(us);
    assert.equal(sent?.state, 'delivered');
    assert.equal(decodeJwt(sent!.receipt!).messageId, sent!.id);
    const after = await us.call(await us.login('us.sosa'), 'GET', `/requests/${requestId}`);
    assert.equal(after.body.partnerDelivery[0].state, 'delivered');
    assert.equal(after.body.partnerDelivery[0].deliveredAt, us.ctx.now().toISOString());
    // The partner's companies and the other nation's users are not told how the link fares.
    assert.deepEqual((await us.call(await us.login('us.supplier'), 'GET', `/requests/${requestId}`)).body.partnerDelivery ?? [], []);
    assert.deepEqual(await auditActions(us, 'federation.message'), ['federation.message_queued', 'federation.message_delivered']);
    assert.deepEqual(await auditActions(india, 'federation.message'), ['federation.message_received']);
  });

  it('the same message posted again is not applied again: the same receipt comes back', async () => {
    const [sent] = await outbox(us);
    const again = await post(india, sent!.jws);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.outcome, 'duplicate');
    assert.equal(again.body.receipt, sent!.receipt);
    assert.equal(await countInbound(india.ctx.store.db, 'US'), 1);
  });

  it('only the border projection crosses: a rejected supplier and its reasons never reach India', async () => {
    await act(us, 'us.sosa', requestId, 'forward_for_determination');
    await act(us, 'us.dod', requestId, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-1' });
    await act(us, 'us.commerce', requestId, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-1' });
    const lynn = await companyId(us, 'LYNN-TURB');
    const ohio = await companyId(us, 'OHIO-CAST');
    await act(us, 'us.sosa', requestId, 'place_rated_order', { supplier: lynn, order_number: 'PO-1', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    await act(us, 'us.supplier', requestId, 'reject_rated_order', { ground: 'terms_of_sale_not_met', reasons: 'CANARY-lynn-payment-terms' });
    await act(us, 'us.sosa', requestId, 'place_rated_order', { supplier: ohio, order_number: 'PO-2', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    const rows = await outbox(us);
    assert.ok(rows.length >= 5, `${rows.length} messages`);
    assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), 'numbered without gaps');
    for (const r of rows) assert.ok(!JSON.stringify(decodeJwt(r.jws)).includes('CANARY-lynn-payment-terms'), `message ${r.seq} carries the rejected company's reasons`);

    const delivered = await deliverToPeer(us.ctx, 'IN', { fetch: viaApps });
    assert.equal(delivered.blocked, null);
    const mirror = await findMirror(india.ctx.store.db, 'US', 'request', requestId);
    const body = JSON.stringify(mirror?.body);
    assert.equal((mirror?.body.supplier as any)?.id, ohio);
    assert.ok(!body.includes(lynn), 'the replaced supplier is not named to India');
    assert.equal(mirror?.objectVersion, (await us.ctx.store.db.selectFrom('requests').select('version').where('id', '=', requestId).executeTakeFirstOrThrow()).version);
  });

  it('refuses, audits and never applies, taking no sequence number: an unsigned, a wrongly signed, an unknown key, a replayed and a misaddressed message, and a session instead of a signature', async () => {
    const before = await countInbound(india.ctx.store.db, 'US');
    const next = before + 1;
    const good = await usMessage({ seq: next });
    const [h] = good.split('.');
    const strangerDir = join(root, 'stranger-keys');
    await generateSigningKey(strangerDir, us.ctx.now());
    const cases: Array<[string, string, string]> = [
      ['unsigned', Buffer.from(JSON.stringify({ seq: next })).toString('base64url'), 'malformed'],
      ['wrongly signed', `${h}.${Buffer.from(JSON.stringify({ ...(decodeJwt(good) as object), body: { request: { arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US', title: 'changed' } } })).toString('base64url')}.${good.split('.')[2]}`, 'bad_signature'],
      ['unknown key', await usMessage({ seq: next }, strangerDir), 'unknown_key'],
      ['replayed sequence number', await usMessage({ seq: 1 }), 'replayed'],
      ['addressed to another nation', await usMessage({ seq: next, to: 'GB' }), 'wrong_nation'],
    ];
    for (const [label, message, reason] of cases) {
      const res = await post(india, message);
      assert.equal(res.status, 403, `${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.equal(res.body.reason, reason, label);
      assert.equal(res.body.receipt, undefined, `${label}: no receipt, the number is not taken`);
    }
    for (const username of ['in.sosa', 'in.admin', 'us.sosa']) {
      const res = await post(india, 'a.b.c', await india.login(username));
      assert.equal(res.status, 403, `${username}'s session is no signature`);
    }
    assert.equal(await countInbound(india.ctx.store.db, 'US'), before);
    // Each kind of refusal audited; what no peer's key signed once a minute of a kind (the
    // sessions' posts are malformed, like the unsigned message a moment before: counted, not
    // written again — anonymous-refusals.ts), and every one counted.
    const refused = await auditActions(india, 'federation.message_refused');
    assert.equal(refused.length, cases.length);
    assert.equal(refusalCounts(india.ctx).get('federation.message_refused malformed'), 4);
  });

  it('a gap is answered with the expected number, and India fetches what it missed from the US outbox, in order', async () => {
    await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/comments`, { body: 'no message: an internal note never crosses', visibility: 'internal' });
    // Two more changes, of which India is first shown only the second.
    const before = (await outbox(us)).length;
    const ack = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Second federated request' }));
    await act(us, 'us.sosa', ack.body.id, 'acknowledge');
    await act(us, 'us.sosa', ack.body.id, 'forward_for_determination');
    const rows = await outbox(us);
    assert.equal(rows.length, before + 2);
    const last = rows[rows.length - 1]!;
    const gap = await post(india, last.jws);
    assert.equal(gap.status, 409, JSON.stringify(gap.body));
    assert.equal(gap.body.expectedSeq, last.seq - 1);

    assert.equal(await catchUpFromPeer(india.ctx, 'US', { fetch: viaApps }), 2);
    const fetched = await findMirror(india.ctx.store.db, 'US', 'request', ack.body.id);
    assert.equal(fetched?.objectVersion, (await us.ctx.store.db.selectFrom('requests').select('version').where('id', '=', ack.body.id).executeTakeFirstOrThrow()).version);
    // The US then delivers them: India answers with the receipts it gave when it fetched them.
    assert.deepEqual(await deliverToPeer(us.ctx, 'IN', { fetch: viaApps }), { delivered: 2, blocked: null });
    const seqs = (await india.ctx.store.db.selectFrom('federation_inbox').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    assert.deepEqual(seqs, rows.map((r) => r.seq), 'every message applied once, none missing');
  });

  it('while India is unreachable the US keeps the message, backs off, says since when, and delivers it when India is back', async () => {
    const id = (await outbox(us))[0]!.object_id;
    await act(us, 'us.supplier2', id, 'accept_rated_order', { promised_delivery_date: '2027-03-15' });
    assert.equal((await outbox(us)).slice(-1)[0]?.state, 'pending');
    linkUp = false;
    const down = await deliverToPeer(us.ctx, 'IN', { fetch: viaApps });
    assert.equal(down.delivered, 0);
    assert.match(down.blocked ?? '', /IN unreachable/);
    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${id}`);
    assert.deepEqual(detail.body.partnerDelivery.map((d: any) => [d.state, d.unreachableSince]), [['pending', us.ctx.now().toISOString()]]);
    // Not due yet: the next attempt waits (1 s after the first failure).
    assert.match((await deliverToPeer(us.ctx, 'IN', { fetch: viaApps })).blocked ?? '', /IN unreachable/);
    linkUp = true;
    us.clock.advanceHours(0.01);
    assert.deepEqual(await deliverToPeer(us.ctx, 'IN', { fetch: viaApps }), { delivered: 1, blocked: null });
    const [row] = (await outbox(us)).slice(-1);
    assert.equal(row?.attempts, 2);
    assert.equal(row?.unreachable_since, null);
  });

  it('the list marks a request India has not yet received, and its detail says since when its oldest undelivered change waits', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Not yet at India' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    await act(us, 'us.sosa', id, 'acknowledge');
    const firstQueued = us.ctx.now().toISOString();
    us.clock.advanceHours(1);
    const comment = await us.call(await us.login('us.sosa'), 'POST', `/requests/${id}/comments`, { body: 'Casting starts in January.', visibility: 'shared' });
    assert.equal(comment.status, 201, JSON.stringify(comment.body));
    const officer = await us.login('us.sosa');
    const detail = async () => (await us.call(officer, 'GET', `/requests/${id}`)).body.partnerDelivery.map((d: any) => [d.peer, d.state, d.pendingSince]);
    const listed = async (token: string) => {
      const list = await us.call(token, 'GET', '/requests?limit=100');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return Object.fromEntries(list.body.items.map((i: any) => [i.id, i.partnerPending]));
    };
    // Since the first of the two changes India lacks, not the latest.
    assert.deepEqual(await detail(), [['IN', 'pending', firstQueued]]);
    const pending = await listed(officer);
    assert.deepEqual(pending[id], ['IN']);
    assert.ok(Object.entries(pending).every(([other, peers]) => other === id || (peers as string[]).length === 0), 'the requests India has received carry no mark');
    // How the link fares is not the partner's business, nor a company's.
    assert.ok(Object.values(await listed(await us.login('in.sosa'))).every((peers) => (peers as string[]).length === 0));
    assert.deepEqual(await deliverToPeer(us.ctx, 'IN', { fetch: viaApps }), { delivered: 2, blocked: null });
    assert.deepEqual(await detail(), [['IN', 'delivered', null]]);
    assert.deepEqual((await listed(officer))[id], []);
  });

  it('a peer that asks again and again for a message this outbox cannot resend blocks its queue with a backoff, not a loop', async () => {
    const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Asked for again' }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await act(us, 'us.sosa', created.body.id, 'acknowledge');
    assert.equal((await outbox(us)).slice(-1)[0]?.state, 'pending');
    let posts = 0;
    // A peer restored below what it had applied, or a hostile one: 409, "expected 0", every time.
    const asksForZero: PeerFetch = async () => {
      posts += 1;
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Gap', status: 409, expectedSeq: 0 }), { status: 409, headers: { 'content-type': 'application/problem+json' } });
    };
    const result = await deliverToPeer(us.ctx, 'IN', { fetch: asksForZero });
    assert.equal(result.delivered, 0);
    assert.ok(result.blocked, 'the queue is blocked, with a reason');
    assert.equal(posts, 1, 'one attempt, then the backoff');
  });
});
