import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { LIAISON_POSTING_OBJECT, MESSAGE_KINDS, POINT_OF_CONTACT_OBJECT, type ContactSetBody, type PostingSetBody } from '../../domain/federation/bodies.js';
import { auditActions } from '../../testing/audit-actions.js';
import { useUsIndiaPeered } from '../../testing/federated-apps.js';
import type { TestApp } from '../../testing/test-app.js';
import { enqueueOutbound } from './enqueue-outbound.js';

// Issue #13: each nation's points of contact and the liaison officers it posts to the partner
// (dpas-sosa-sources.md §2.1, the arrangement's "communication mechanisms") are kept on its own
// instance by its SOSA officers, and reach the partner's instance as `contact.set` and
// `posting.set`, where both nations read them as on a shared instance. One pair of instances
// serves the whole file; each test goes on from the state the one before left.
const { net, us, india } = useUsIndiaPeered();
let contactId = '';

const directory = async (t: TestApp, user: string, query = 'nation=US&includeInactive=true') => {
  const res = await t.call(await t.login(user), 'GET', `/points-of-contact?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.items as Array<{ id: string; nation: string; name: string; email: string | null; active: boolean; organisation: string }>;
};
const entryOn = async (t: TestApp, user: string) => (await directory(t, user)).find((c) => c.id === contactId);

/** A contact.set India's instance signs, as a faulty or hostile sender could. */
async function contactFromIndia(contact: ContactSetBody['contact'], version = 1): Promise<void> {
  await india.ctx.store.db.transaction().execute((trx) =>
    enqueueOutbound(india.ctx, trx, { peerNation: 'US', arrangement: 'US-IN', kind: MESSAGE_KINDS.contactSet, object: { type: POINT_OF_CONTACT_OBJECT, id: contact.id, version }, body: { contact } }),
  );
}

describe("points of contact cross to the partner's instance (issue #13)", () => {
  it("a US officer adds one: India's officials read it as the US entered it, and only the US may change it", async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/points-of-contact', { function: 'dpas_priorities', name: 'Maj. Ada Brooks', title: 'DPAS desk officer', organisation: 'OUSD(A&S) Industrial Base Policy', email: 'ada.brooks@example.mil' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    contactId = res.body.id;
    assert.equal(await entryOn(india, 'in.sosa'), undefined, 'not on India’s instance before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = await entryOn(india, 'in.analyst');
    const sent = (await directory(us, 'us.sosa')).find((c) => c.id === contactId);
    assert.deepEqual(held, sent, 'the same entry on both instances');
    const refused = await india.call(await india.login('in.sosa'), 'PATCH', `/points-of-contact/${contactId}`, { phone: '+91 11 2301 0000' });
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
  });

  it('a change on the US (a new address, then made inactive) replaces the entry on India’s instance; the same message again, or an older version of the entry, changes nothing', async () => {
    const officer = await us.login('us.sosa');
    assert.equal((await us.call(officer, 'PATCH', `/points-of-contact/${contactId}`, { email: 'dpas.desk@example.mil' })).status, 200);
    assert.equal((await us.call(officer, 'PATCH', `/points-of-contact/${contactId}`, { active: false })).status, 200);
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 2, blocked: null });
    const held = await entryOn(india, 'in.sosa');
    assert.deepEqual([held?.email, held?.active], ['dpas.desk@example.mil', false]);
    assert.equal((await directory(india, 'in.sosa', 'nation=US')).some((c) => c.id === contactId), false, 'an inactive entry is not listed by default');
    // The same message again (a link that duplicates it) is known by its id and changes nothing.
    const [first] = await us.ctx.store.db.selectFrom('federation_outbox').select(['jws', 'object_version']).where('object_id', '=', contactId).orderBy('seq').offset(1).limit(1).execute();
    assert.equal((await india.call(null, 'POST', '/federation/inbox', { message: first!.jws })).status, 200);
    // An older state of the entry in a new message (a sender restored from a backup): a lower version than the one held changes nothing.
    const stale: ContactSetBody['contact'] = { id: contactId, nation: 'US', function: 'dpas_priorities', name: 'Maj. Ada Brooks', title: 'DPAS desk officer', organisation: 'OUSD(A&S) Industrial Base Policy', email: 'ada.brooks@example.mil', phone: null, notes: '', active: true, updatedAt: us.ctx.now().toISOString() };
    await us.ctx.store.db.transaction().execute((trx) =>
      enqueueOutbound(us.ctx, trx, { peerNation: 'IN', arrangement: 'US-IN', kind: MESSAGE_KINDS.contactSet, object: { type: POINT_OF_CONTACT_OBJECT, id: contactId, version: first!.object_version }, body: { contact: stale } }),
    );
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const kept = await entryOn(india, 'in.sosa');
    assert.deepEqual([kept?.email, kept?.active], ['dpas.desk@example.mil', false]);
  });

  it("India may not send a US entry, nor overwrite one of the US's: each is refused, applies nothing, and is audited on both sides", async () => {
    const before = await directory(us, 'us.sosa');
    const entry = { id: randomUUID(), nation: 'IN', function: 'logistics' as const, name: 'Cdr. R. Iyer', title: '', organisation: 'Integrated HQ MoD (Navy)', email: null, phone: '+91 11 2301 0101', notes: '', active: true, updatedAt: india.ctx.now().toISOString() };
    await contactFromIndia({ ...entry, nation: 'US' });
    await contactFromIndia({ ...entry, id: contactId }, 99);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 2 });
    assert.deepEqual(await directory(us, 'us.sosa'), before, 'nothing applied on the US instance');
    const refusals = await us.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'IN').where('outcome', '=', 'refused').execute();
    assert.deepEqual(refusals.map((r) => r.refusal_reason).slice(-2), ['wrong_nation', 'wrong_nation']);
    assert.equal((await auditActions(india, 'federation.message_refused_by_peer')).length, 2);
    // Its own entry, India sends and the US takes.
    await contactFromIndia(entry);
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 1, blocked: null });
    assert.equal((await directory(us, 'us.sosa', 'nation=IN')).find((c) => c.id === entry.id)?.name, 'Cdr. R. Iyer');
  });
});

describe("liaison postings cross to the host nation's instance (issue #13)", () => {
  let postingId = '';
  const posting = {
    officerName: 'Lt Col. Sam Okafor',
    officerRank: 'Lt Col.',
    serviceNumber: 'US-LNO-4471',
    hostNation: 'IN',
    hostCommand: 'Department of Defence Production, New Delhi',
    location: 'New Delhi',
    startDate: '2027-01-04',
    endDate: '2027-12-31',
    status: 'planned',
    hostPoc: { name: 'Shri A. Menon', email: 'a.menon@example.gov.in' },
    notes: 'Co-production liaison for the F414 programme.',
    documents: [{ title: 'Assignment order', number: 'AO-2027-014', issuedOn: '2026-11-30' }],
  };
  /** What both nations read of a posting, without what depends on the reader (canEdit) or on the day (daysToEnd) or ids given here (documents'). */
  const shared = (p: Record<string, any>) => ({ ...p, canEdit: undefined, daysToEnd: undefined, documents: p.documents.map((d: Record<string, unknown>) => ({ ...d, id: undefined })) });
  const read = async (t: TestApp, user: string) => {
    const res = await t.call(await t.login(user), 'GET', `/liaison-officers/${postingId}`);
    return res;
  };

  it("the US posts an officer to India: India's officers read the posting as the US made it, and cannot edit it", async () => {
    const res = await us.call(await us.login('us.sosa'), 'POST', '/liaison-officers', posting);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    postingId = res.body.id;
    assert.equal((await read(india, 'in.sosa')).status, 404, 'not there before it is delivered');
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = await read(india, 'in.sosa');
    assert.equal(held.status, 200, JSON.stringify(held.body));
    assert.deepEqual(shared(held.body), shared((await read(us, 'us.sosa')).body));
    assert.equal(held.body.canEdit, false);
    const edit = await india.call(await india.login('in.sosa'), 'PUT', `/liaison-officers/${postingId}`, { ...posting, status: 'active', version: held.body.version });
    assert.equal(edit.status, 403, JSON.stringify(edit.body));
  });

  it('an edit on the US (the posting begins) reaches India under its new version', async () => {
    const before = (await read(us, 'us.sosa')).body;
    const edited = await us.call(await us.login('us.sosa'), 'PUT', `/liaison-officers/${postingId}`, { ...posting, status: 'active', documents: [...posting.documents, { title: 'Arrival report', number: '', issuedOn: null }], version: before.version });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    const held = (await read(india, 'in.auditor')).body;
    assert.deepEqual([held.status, held.version, held.documents.length], ['active', before.version + 1, 2]);
    assert.deepEqual(shared(held), shared((await read(us, 'us.sosa')).body));
  });

  it('moved to another host (the United Kingdom), the posting leaves India’s instance', async () => {
    const before = (await read(us, 'us.sosa')).body;
    const moved = await us.call(await us.login('us.sosa'), 'PUT', `/liaison-officers/${postingId}`, { ...posting, hostNation: 'GB', hostCommand: 'Defence Equipment and Support, Bristol', version: before.version });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 1, blocked: null });
    assert.equal((await read(india, 'in.sosa')).status, 404);
    assert.equal((await india.ctx.store.db.selectFrom('liaison_documents').select('id').where('posting_id', '=', postingId).execute()).length, 0, 'its documents too');
  });

  it("a posting India claims the US made, or one the US makes to another nation, is refused and applies nothing", async () => {
    const body = (p: Partial<PostingSetBody['posting']>): PostingSetBody => ({
      posting: { id: randomUUID(), officer: { name: 'Maj. X', rank: 'Maj.', serviceNumber: 'X-1' }, sendingNation: 'US', hostNation: 'IN', hostCommand: 'A command', location: '', startDate: '2027-01-04', endDate: null, status: 'planned', hostPoc: { name: '', email: '' }, notes: '', documents: [], ...p },
    });
    const queue = (t: TestApp, peer: string, b: PostingSetBody) =>
      t.ctx.store.db.transaction().execute((trx) => enqueueOutbound(t.ctx, trx, { peerNation: peer, arrangement: 'US-IN', kind: MESSAGE_KINDS.postingSet, object: { type: LIAISON_POSTING_OBJECT, id: b.posting.id, version: 1 }, body: b }));
    await queue(india, 'US', body({ hostNation: 'US' }));
    assert.deepEqual(await net.deliver('IN', 'US'), { delivered: 0, blocked: null, refused: 1 }, 'India speaks only for its own postings');
    await queue(us, 'IN', body({ hostNation: 'GB' }));
    assert.deepEqual(await net.deliver('US', 'IN'), { delivered: 0, blocked: null, refused: 1 }, 'India holds only postings to India');
    const refused = await india.ctx.store.db.selectFrom('federation_inbox').select('refusal_reason').where('sender_nation', '=', 'US').where('outcome', '=', 'refused').execute();
    assert.equal(refused.at(-1)?.refusal_reason, 'wrong_nation');
  });
});

