import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { findMirror } from '../../store/federation-messages.repository.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { startFederatedApps, type FederatedApps } from '../../testing/federated-apps.js';
import { act, requestBody, upload } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { addPeer, checkPeerDescriptor } from './add-peer.js';
import { exportDescriptor } from './export-descriptor.js';
import { rotateSigningKey } from './key-store.js';
import { removePeer } from './remove-peer.js';

// Issue #13: the US instance runs for a while without a peer (its officers keep the directory,
// post an officer to India, raise the posture, and requests are worked on it); then India's
// instance is peered. What India's officials may read of it must reach India then, not at each
// record's next change. One pair of instances serves the file; each test goes on from the last.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
const keyless = mkdtempSync(join(tmpdir(), 'sosa-keyless-'));
before(async () => {
  net = await startFederatedApps(['US', 'IN']);
  us = net.app('US');
  india = net.app('IN');
});
after(async () => {
  await net.close();
  rmSync(keyless, { recursive: true, force: true });
});

const CANARY = 'CANARY-us-internal-before-peering-5120';
const ids = { contact: '', indianEntry: '', posting: '', postingToGb: '', toUs: '', toIndia: '', requestThread: '', file: '' };
const outbox = (t: TestApp) => t.ctx.store.db.selectFrom('federation_outbox').select(['seq', 'kind', 'object_id', 'object_version', 'jws']).orderBy('seq').execute();
const created = (res: { status: number; body: any }) => {
  assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.body));
  return res.body.id as string;
};
const posting = (hostNation: string, serviceNumber: string) => ({
  officerName: 'Lt Col. Sam Okafor',
  officerRank: 'Lt Col.',
  serviceNumber,
  hostNation,
  hostCommand: hostNation === 'IN' ? 'Department of Defence Production, New Delhi' : 'Defence Equipment and Support, Bristol',
  location: hostNation === 'IN' ? 'New Delhi' : 'Bristol',
  startDate: '2027-01-04',
  endDate: '2027-12-31',
  status: 'planned',
  hostPoc: { name: 'Shri A. Menon', email: 'a.menon@example.gov.in' },
  notes: 'Co-production liaison.',
  documents: [{ title: 'Assignment order', number: 'AO-2027-014', issuedOn: '2026-11-30' }],
});
const directoryEntry = async (t: TestApp, user: string, id: string) => {
  const res = await t.call(await t.login(user), 'GET', '/points-of-contact?includeInactive=true');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body.items as Array<{ id: string; email: string | null }>).find((c) => c.id === id);
};
const postingRead = async (t: TestApp, user: string, id: string) => t.call(await t.login(user), 'GET', `/liaison-officers/${id}`);
/** What both nations read of a posting, without what depends on the reader or the day. */
const sharedPosting = (p: Record<string, any>) => ({ ...p, canEdit: undefined, daysToEnd: undefined, documents: p.documents.map((d: Record<string, unknown>) => ({ ...d, id: undefined })) });
/** India's descriptor issued later than the one the US trusts (a descriptor must be newer to replace it). */
const indiaDescriptor = async () => {
  india.clock.advanceHours(1);
  return (await exportDescriptor({ nation: 'IN', baseUrl: net.url('IN'), arrangements: ['US-IN'], keyDir: india.ctx.config.keyDir, now: india.ctx.now() })).jws;
};

describe('peering shares what exists with the new peer (issue #13)', () => {
  it("records made before the peering reach India's instance once it is peered, as India's officials read them on a shared instance", async () => {
    const officer = await us.login('us.sosa');
    ids.contact = created(await us.call(officer, 'POST', '/points-of-contact', { function: 'dpas_priorities', name: 'Maj. Ada Brooks', title: 'DPAS desk officer', organisation: 'OUSD(A&S) Industrial Base Policy', email: 'ada.brooks@example.mil' }));
    assert.equal((await us.call(officer, 'PATCH', `/points-of-contact/${ids.contact}`, { email: 'dpas.desk@example.mil' })).status, 200);
    // An Indian entry and a posting to the United Kingdom, as an instance that was once shared holds: not the US's to send India.
    ids.indianEntry = created(await us.call(await us.login('in.sosa'), 'POST', '/points-of-contact', { function: 'logistics', name: 'Cdr. R. Iyer', organisation: 'Integrated HQ MoD (Navy)', phone: '+91 11 2301 0101' }));
    ids.posting = created(await us.call(officer, 'POST', '/liaison-officers', posting('IN', 'US-LNO-5120')));
    ids.postingToGb = created(await us.call(officer, 'POST', '/liaison-officers', posting('GB', 'US-LNO-5121')));
    assert.equal((await us.call(officer, 'PUT', '/postures/US-IN', { posture: 'emergency', note: 'Surge in demand' })).status, 200);
    ids.toUs = created(await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'Blades asked before the peering' })));
    await act(us, 'us.sosa', ids.toUs, 'acknowledge');
    assert.equal((await us.call(officer, 'POST', `/requests/${ids.toUs}/comments`, { body: 'Casting can start in January.', visibility: 'shared' })).status, 201);
    assert.equal((await us.call(officer, 'POST', `/requests/${ids.toUs}/comments`, { body: `Our view: ${CANARY}`, visibility: 'internal' })).status, 201);
    // A shared file crosses at peering too; an internal one (its name and content a canary) never.
    ids.file = (await upload(us, officer, ids.toUs, { name: 'casting-plan.txt', type: 'text/plain', content: 'Casting plan, revision B' }, 'shared')).body.id;
    assert.equal((await upload(us, officer, ids.toUs, { name: `${CANARY}.txt`, type: 'text/plain', content: CANARY }, 'internal')).status, 201);
    // A thread on the request, shared with India, with an internal note in it (issue #13: request threads cross too).
    ids.requestThread = created(await us.call(officer, 'POST', '/threads', { subjectKind: 'request', subjectId: ids.toUs, title: 'Casting schedule', message: { body: 'January start confirmed.', visibility: 'shared' } }));
    assert.equal((await us.call(officer, 'POST', `/threads/${ids.requestThread}/messages`, { body: `Our view: ${CANARY}`, visibility: 'internal' })).status, 201);
    ids.toIndia = created(await us.call(officer, 'POST', '/requests', requestBody('IN', 'US-SONOBUOY', { title: 'Sonobuoy housings, asked before the peering' })));
    assert.deepEqual(await outbox(us), [], 'no peer yet: nothing is queued');

    const postingsToIndia = (await us.ctx.store.db.selectFrom('liaison_postings').select('id').where('sending_nation', '=', 'US').where('host_nation', '=', 'IN').execute()).length;
    const added = await net.peer('US', 'IN', ['US-IN'], { shareExisting: true });
    // India's instance holds its own copy of the demo records: it peers without sending them (federated-apps.ts).
    await net.peer('IN', 'US', ['US-IN']);
    assert.deepEqual(added.shared.byKind, [
      { what: 'points of contact', count: 1 },
      { what: 'liaison postings', count: postingsToIndia },
      { what: 'postures', count: 1 },
      { what: 'requests', count: 2 },
      { what: 'request attachments', count: 1 },
      { what: 'SPA requests', count: 0 },
      { what: 'working groups', count: 0 },
      // The demo's shared thread, which the US opened, and its US message (seed-demo-threads.ts);
      // the thread on the request and its shared message, after the request they land on.
      { what: 'threads', count: 4 },
      { what: 'logistics orders', count: 0 },
    ]);
    const queued = await outbox(us);
    assert.equal(queued.length, added.shared.total);
    assert.equal(queued.find((m) => m.object_id === ids.contact)?.object_version, 2, 'the entry as it stands now');
    for (const notIndias of [ids.indianEntry, ids.postingToGb]) assert.equal(queued.some((m) => m.object_id === notIndias), false, 'nothing India may not read, or that is not the US’s to send');
    for (const m of queued) assert.ok(!m.jws.includes(CANARY) && !Buffer.from(m.jws.split('.')[1]!, 'base64url').toString().includes(CANARY), `message ${m.seq} carries the internal comment`);
    await sequencePendingAudit(us.ctx.store.db);
    const peerAdd = await us.ctx.store.db.selectFrom('audit_events').select('data').where('action', '=', 'federation.peer_add').executeTakeFirstOrThrow();
    assert.deepEqual((peerAdd.data as { sharedExisting: unknown }).sharedExisting, { 'points of contact': 1, 'liaison postings': postingsToIndia, postures: 1, requests: 2, 'request attachments': 1, 'SPA requests': 0, 'working groups': 0, threads: 4, 'logistics orders': 0 });

    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: added.shared.total, blocked: null });
    assert.deepEqual(await directoryEntry(india, 'in.sosa', ids.contact), await directoryEntry(us, 'us.sosa', ids.contact));
    assert.equal((await directoryEntry(india, 'in.sosa', ids.contact))?.email, 'dpas.desk@example.mil');
    const held = await postingRead(india, 'in.sosa', ids.posting);
    assert.equal(held.status, 200, JSON.stringify(held.body));
    assert.deepEqual(sharedPosting(held.body), sharedPosting((await postingRead(us, 'us.sosa', ids.posting)).body));
    assert.equal((await postingRead(india, 'in.sosa', ids.postingToGb)).status, 404);
    const postures = (await india.call(await india.login('in.sosa'), 'GET', '/postures')).body.items.find((a: { arrangementId: string }) => a.arrangementId === 'US-IN');
    assert.equal(postures.posture, 'emergency');
    assert.equal(postures.history[0].received, true);
    for (const id of [ids.toUs, ids.toIndia]) {
      const copy = await india.call(await india.login('in.sosa'), 'GET', `/partner-copies/${id}`);
      assert.equal(copy.status, 200, JSON.stringify(copy.body));
      assert.deepEqual(copy.body.attachments.map((a: { id: string; filename: string; transferred: boolean }) => [a.id, a.filename, a.transferred]), id === ids.toUs ? [[ids.file, 'casting-plan.txt', true]] : []);
    }
    const copy = (await findMirror(india.ctx.store.db, 'US', 'request', ids.toUs))!.body as { request: { state: string }; comments: Array<{ body: string }> };
    const detail = await us.call(await us.login('us.sosa'), 'GET', `/requests/${ids.toUs}`);
    assert.notEqual(detail.body.state, 'submitted');
    assert.deepEqual([copy.request.state, copy.comments.map((c) => c.body)], [detail.body.state, ['Casting can start in January.']], 'the copy as the request stands, with its shared comment');
    assert.deepEqual(detail.body.partnerDelivery.map((d: { peer: string; state: string }) => [d.peer, d.state]), [['IN', 'delivered']]);
    const thread = await india.call(await india.login('in.sosa'), 'GET', `/threads/${ids.requestThread}`);
    assert.equal(thread.status, 200, JSON.stringify(thread.body));
    assert.deepEqual(thread.body.messages.map((m: { body: string }) => m.body), ['January start confirmed.'], 'the thread on the copy, with its shared message only');
  });

  it('a new descriptor of India (after its key rotation) sends nothing again', async () => {
    await rotateSigningKey(india.ctx.config.keyDir, india.ctx.now());
    const before = (await outbox(us)).length;
    const updated = await addPeer({ ctx: us.ctx, checked: await checkPeerDescriptor(await indiaDescriptor(), 'US') });
    assert.equal(updated.replaced, true);
    assert.deepEqual(updated.shared, { total: 0, byKind: [] });
    assert.equal((await outbox(us)).length, before);
  });

  it('the peering and its messages commit together: without a key to sign them, India is not peered at all', async () => {
    await removePeer({ store: us.ctx.store, ownNation: 'US', peerNation: 'IN' });
    // While India is no peer, the entry changes: nothing is queued, and India lacks that version.
    assert.equal((await us.call(await us.login('us.sosa'), 'PATCH', `/points-of-contact/${ids.contact}`, { phone: '+1 703 555 0142' })).status, 200);
    const before = (await outbox(us)).length;
    const unsigned = { ...us.ctx, config: { ...us.ctx.config, keyDir: keyless } };
    await assert.rejects(addPeer({ ctx: unsigned, checked: await checkPeerDescriptor(await indiaDescriptor(), 'US') }), /no active signing key/);
    assert.equal(await findPeer(us.ctx.store.db, 'IN'), undefined);
    assert.equal((await outbox(us)).length, before);
  });

  it('peered again after a removal, India is sent only what changed meanwhile, under its new version; what it holds is not sent twice', async () => {
    const before = (await outbox(us)).length;
    const again = await addPeer({ ctx: us.ctx, checked: await checkPeerDescriptor(await indiaDescriptor(), 'US') });
    assert.equal(again.replaced, false);
    assert.deepEqual(again.shared.byKind.map((k) => [k.what, k.count]), [['points of contact', 1], ['liaison postings', 0], ['postures', 0], ['requests', 0], ['request attachments', 0], ['SPA requests', 0], ['working groups', 0], ['threads', 0], ['logistics orders', 0]]);
    const [latest] = (await outbox(us)).slice(before);
    assert.deepEqual([latest?.object_id, latest?.object_version], [ids.contact, 3]);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.deepEqual(await directoryEntry(india, 'in.sosa', ids.contact), await directoryEntry(us, 'us.sosa', ids.contact));
  });
});
