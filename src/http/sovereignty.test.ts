import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { act, addThirdNations, buildRequest, companyId, countRows, upload } from '../testing/request-builders.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

/**
 * The sovereignty rule (DESIGN.md): a user sees only what its nation is party to; a supplier only
 * its own company's requests; one nation's internal deliberation (internal notes, the shortlist)
 * never reaches the other nation; every read by the other nation is explained and recorded.
 */

let t: TestApp;

async function view(user: string, id: string) {
  const res = await t.call(await t.login(user), 'GET', `/requests/${id}`);
  assert.equal(res.status, 200, `${user} reads ${id}: ${JSON.stringify(res.body)}`);
  return res.body;
}

async function comment(user: string, id: string, body: string, visibility: 'shared' | 'internal') {
  const res = await t.call(await t.login(user), 'POST', `/requests/${id}/comments`, { body, visibility });
  assert.equal(res.status, 201, `${user} comments: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

const bodies = (v: { comments: Array<{ body: string }> }) => v.comments.map((c) => c.body);
const actions = (v: { history: Array<{ action: string }> }) => v.history.map((e) => e.action);

async function auditEvents(auditor: string) {
  const res = await t.call(await t.login(auditor), 'GET', '/audit?limit=500');
  assert.equal(res.status, 200);
  return res.body.items as Array<{ actor: string; nation: string; action: string; entityId: string; data: Record<string, unknown> }>;
}

describe('the sovereignty rule', () => {
  before(async () => {
    t = await createTestApp({ now: '2026-11-23T14:00:00Z' });
    await addThirdNations(t);
  });
  after(() => t.close());

  it('Indian SOSA officer cannot read a US-internal comment', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    await comment('us.sosa', r.id, 'US internal: Lynn is behind on two other DX orders.', 'internal');
    await comment('us.sosa', r.id, 'Shared: the order was placed today.', 'shared');
    for (const user of ['in.sosa', 'in.auditor', 'in.analyst']) {
      const v = await view(user, r.id);
      assert.deepEqual(bodies(v), ['Shared: the order was placed today.'], user);
      assert.ok(!JSON.stringify(v).includes('behind on two other DX orders'), `${user} sees no trace of the internal note`);
    }
    // The US officials see their own nation's internal note.
    for (const user of ['us.dod', 'us.commerce', 'us.auditor']) {
      assert.deepEqual(bodies(await view(user, r.id)).sort(), ['Shared: the order was placed today.', 'US internal: Lynn is behind on two other DX orders.'], user);
    }
  });

  it('the US does not read an Indian internal note either', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed');
    await comment('in.sosa', r.id, 'IN internal: BPF is the only realistic source.', 'internal');
    for (const user of ['us.sosa', 'us.auditor']) assert.deepEqual(bodies(await view(user, r.id)), [], user);
    assert.deepEqual(bodies(await view('in.auditor', r.id)), ['IN internal: BPF is the only realistic source.']);
  });

  it('a supplier cannot see internal comments of its own nation’s officials', async () => {
    const dpas = await buildRequest(t, 'IN->US', 'placed');
    await comment('us.sosa', dpas.id, 'US internal: watch this supplier.', 'internal');
    await comment('us.sosa', dpas.id, 'Shared with everyone on the request.', 'shared');
    const lynn = await view('us.supplier', dpas.id);
    assert.deepEqual(bodies(lynn), ['Shared with everyone on the request.']);

    const coc = await buildRequest(t, 'US->IN', 'routed');
    await comment('in.sosa', coc.id, 'IN internal: chase BPF by phone.', 'internal');
    const bpf = await view('in.supplier', coc.id);
    assert.deepEqual(bodies(bpf), []);
    // Nor the ministry's internal step that routed the request to the companies.
    assert.ok(!actions(bpf).includes('route_to_companies'));
  });

  it('the US never sees the Indian Code of Conduct shortlist, only the committing company', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    const [bpfId, deaId] = [await companyId(t, 'BPF'), await companyId(t, 'DEA')];
    const hidden = ['Deccan', deaId, 'Bharat', bpfId, 'route_to_companies'];
    for (const user of ['us.sosa', 'us.auditor']) {
      const v = await view(user, r.id);
      assert.equal(v.state, 'routed');
      assert.deepEqual(v.assignments, [], `${user} sees no shortlist`);
      for (const secret of hidden) assert.ok(!JSON.stringify(v).includes(secret), `${user} sees no "${secret}"`);
    }
    // The Indian officials see it all; each company only its own line.
    assert.deepEqual((await view('in.sosa', r.id)).assignments.map((a: { organisation: { id: string } }) => a.organisation.id).sort(), [bpfId, deaId].sort());
    assert.deepEqual((await view('in.supplier2', r.id)).assignments.map((a: { organisation: { id: string } }) => a.organisation.id), [deaId]);

    await act(t, 'in.supplier2', r.id, 'decline', { reason: 'Deccan line booked with Navy orders until 2027-06.' });
    assert.ok(!actions(await view('in.supplier', r.id)).includes('decline'), 'a company does not see another company’s refusal');
    await act(t, 'in.supplier', r.id, 'commit', { promised_delivery_date: '2027-01-20' });

    for (const user of ['us.sosa', 'us.auditor']) {
      const v = await view(user, r.id);
      assert.equal(v.state, 'in_performance');
      assert.equal(v.supplier.id, bpfId);
      assert.deepEqual(v.assignments.map((a: { organisation: { id: string }; status: string }) => [a.organisation.id, a.status]), [[bpfId, 'accepted']]);
      for (const secret of ['Deccan', deaId, 'Navy orders', 'route_to_companies', '"decline"']) assert.ok(!JSON.stringify(v).includes(secret), `${user} sees no "${secret}"`);
      const listed = await t.call(await t.login(user), 'GET', '/requests?limit=200');
      assert.ok(!JSON.stringify(listed.body).includes('Deccan'));
    }
    // Nor through the audit log (each nation's log holds its own users' acts) or the company registry.
    const usAudit = JSON.stringify(await auditEvents('us.auditor'));
    for (const secret of [deaId, 'Navy orders', 'route_to_companies']) assert.ok(!usAudit.includes(secret), `the US audit log holds no "${secret}"`);
    const reference = await t.call(await t.login('us.sosa'), 'GET', '/reference');
    assert.ok(!reference.body.companies.some((c: { nation: string }) => c.nation === 'IN'), 'the US does not list the Indian registry');
  });

  it('the companies’ refusals stay Indian: the US sees only that no company committed', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    await act(t, 'in.supplier', r.id, 'decline', { reason: 'BPF forging press down for overhaul.' });
    const declined = await act(t, 'in.supplier2', r.id, 'decline', { reason: 'DEA lacks the alloy.' });
    assert.equal(declined.accessEnded, true, 'the last refusal answers without the request: its state would tell the company it was not the only one asked');
    assert.equal((await view('in.sosa', r.id)).state, 'no_commitment');
    for (const user of ['us.sosa', 'us.auditor']) {
      const v = await view(user, r.id);
      assert.equal(v.state, 'no_commitment');
      const text = JSON.stringify(v);
      // Neither in the history nor in the deadlines that those internal steps stopped.
      for (const secret of ['overhaul', 'alloy', '"decline"', 'route_to_companies', await companyId(t, 'BPF'), await companyId(t, 'DEA')]) assert.ok(!text.includes(secret), `${user} sees no "${secret}"`);
      assert.ok(v.deadlines.some((d: { kind: string; stoppedAt: string | null }) => d.kind === 'company_response' && d.stoppedAt), 'that the deadline stopped is shared');
    }
    // The Indian officials see who refused and why.
    const inView = await view('in.sosa', r.id);
    assert.deepEqual(actions(inView).filter((a) => a === 'decline'), ['decline', 'decline']);
    assert.equal(inView.deadlines.find((d: { kind: string }) => d.kind === 'company_response').stoppedBy, 'decline');
  });

  // issue #10, item 1: the Code of Conduct shortlist reaches the US through what the routed companies write.
  it('a routed company’s comments, files and threads stay Indian until it commits; then the US sees that company only', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    await comment('in.supplier', r.id, 'BPF: we can forge the blades by March.', 'shared');
    await comment('in.supplier2', r.id, 'DEA: our avionics line is full.', 'shared');
    const file = await upload(t, await t.login('in.supplier'), r.id, { name: 'bpf-capacity.txt', type: 'text/plain', content: 'BPF capacity sheet' });
    assert.equal(file.status, 201);
    const bpfThread = await t.call(await t.login('in.supplier'), 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: 'BPF question on the drawings', message: { body: 'BPF asks: which revision?' } });
    assert.equal(bpfThread.status, 201, JSON.stringify(bpfThread.body));
    const deaThread = await t.call(await t.login('in.supplier2'), 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: 'DEA question', message: { body: 'DEA asks: any flexibility?' } });
    assert.equal(deaThread.status, 201);
    // A thread the US office opened: the companies' messages in it stay Indian too, and so do the notices of them.
    const usThread = await t.call(await t.login('us.sosa'), 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: 'US questions to India', message: { body: 'When can we expect an answer?' } });
    assert.equal((await t.call(await t.login('in.supplier'), 'POST', `/threads/${usThread.body.id}/messages`, { body: 'BPF answers in the US thread.' })).status, 201);

    const companyTraces = ['Bharat', 'Deccan', 'Kiran Shetty', 'Meera Nair', 'BPF', 'DEA', await companyId(t, 'BPF'), await companyId(t, 'DEA')];
    for (const user of ['us.sosa', 'us.auditor']) {
      const token = await t.login(user);
      const v = await view(user, r.id);
      assert.deepEqual(bodies(v), [], `${user} reads no company comment`);
      assert.deepEqual(v.attachments.map((a: { filename: string }) => a.filename), ['spec.pdf'], `${user} lists only the US file`);
      assert.equal((await t.call(token, 'GET', `/requests/${r.id}/attachments/${file.body.id}`)).status, 404);
      const threads = await t.call(token, 'GET', `/threads?subjectId=${r.id}`);
      assert.deepEqual(threads.body.items.map((i: { id: string }) => i.id), [usThread.body.id], `${user} lists only the US thread`);
      for (const th of [bpfThread, deaThread]) assert.equal((await t.call(token, 'GET', `/threads/${th.body.id}`)).status, 404, `${user} opens a company's thread`);
      const usView = await t.call(token, 'GET', `/threads/${usThread.body.id}`);
      assert.deepEqual(usView.body.messages.map((m: { body: string }) => m.body), ['When can we expect an answer?']);
      const notes = await t.call(token, 'GET', '/notifications?limit=200');
      const text = JSON.stringify([v, threads.body, usView.body, notes.body]);
      for (const secret of companyTraces) assert.ok(!text.includes(secret), `${user} sees no "${secret}"`);
    }
    // Each company sees its own, not the other's.
    const bpfView = await view('in.supplier', r.id);
    assert.deepEqual(bodies(bpfView), ['BPF: we can forge the blades by March.']);
    assert.ok(!JSON.stringify(bpfView).includes('Deccan'));
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', `/threads/${deaThread.body.id}`)).status, 404);
    // The Indian officials see everything.
    assert.deepEqual(bodies(await view('in.sosa', r.id)).sort(), ['BPF: we can forge the blades by March.', 'DEA: our avionics line is full.']);

    await act(t, 'in.supplier2', r.id, 'decline', { reason: 'Line full.' });
    await act(t, 'in.supplier', r.id, 'commit', { promised_delivery_date: '2027-01-20', note: 'BPF commits.' });
    const after = await view('us.sosa', r.id);
    assert.deepEqual(bodies(after), ['BPF: we can forge the blades by March.'], 'the committed company’s content, not the other’s');
    assert.ok(after.attachments.some((a: { id: string }) => a.id === file.body.id));
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/threads/${bpfThread.body.id}`)).status, 200);
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/threads/${deaThread.body.id}`)).status, 404);
    assert.ok(!JSON.stringify(after).includes('Deccan') && !JSON.stringify(after).includes('Meera Nair'));
  });

  it('a company that declined no longer reads or writes on the request (404), and what it wrote never reaches the US', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    await act(t, 'in.supplier2', r.id, 'decline', { reason: 'DEA lacks the alloy.' });
    const dea = await t.login('in.supplier2');
    assert.equal((await t.call(dea, 'GET', `/requests/${r.id}`)).status, 404);
    assert.equal((await t.call(dea, 'POST', `/requests/${r.id}/comments`, { body: 'DEA after declining' })).status, 404);
    assert.equal((await upload(t, dea, r.id)).status, 404);
    // An id in a body it may not see is refused like a missing one: 422 naming the field, as for any request id it never saw.
    const thread = await t.call(dea, 'POST', '/threads', { subjectKind: 'request', subjectId: r.id, title: 'DEA after declining' });
    assert.equal(thread.status, 422);
    assert.deepEqual(thread.body.errors.map((e: { field: string }) => e.field), ['subjectId']);
    assert.ok(!(await t.call(dea, 'GET', '/requests?limit=200')).body.items.some((i: { id: string }) => i.id === r.id), 'not listed either');

    await act(t, 'in.supplier', r.id, 'commit', { promised_delivery_date: '2027-01-20', note: 'BPF commits with a note.' });
    // The committing company's note, date and name never reach the company that declined.
    assert.equal((await t.call(dea, 'GET', `/requests/${r.id}`)).status, 404);
    assert.ok(!JSON.stringify((await t.call(dea, 'GET', '/notifications?limit=200')).body).includes('BPF commits'));
  });

  // issue #10, item 2: other companies' orders and refusals leak through history, fields and names.
  it('after a rejected rated order is placed again, each party sees only what the border lets through', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const [lynnId, ohioId] = [await companyId(t, 'LYNN-TURB'), await companyId(t, 'OHIO-CAST')];
    await comment('us.supplier', r.id, 'Lynn: our casting line is booked.', 'shared');
    await act(t, 'us.supplier', r.id, 'reject_rated_order', { ground: 'cannot_meet_date', reasons: 'Lynn reason: casting capacity booked until May.', earliest_possible_date: '2027-05-03' });
    await act(t, 'us.sosa', r.id, 'place_rated_order', { supplier: ohioId, order_number: 'PO-OHIO-2', required_delivery_date: '2027-03-31', signed_by: 'Dana Whitfield', certified: true });
    // (Not the ground's name: it is among the options of the next supplier's own reject step.)
    const firstOrder = ['PO-1', 'Lynn', lynnId, 'casting capacity', '2027-05-03', 'Tom Kowalski'];

    // The second supplier: its own line only.
    const ohio = await view('us.supplier2', r.id);
    assert.deepEqual(ohio.assignments.map((a: { organisation: { id: string } }) => a.organisation.id), [ohioId]);
    assert.deepEqual(Object.keys(ohio.organisationNames), [ohioId]);
    assert.ok(!actions(ohio).includes('reject_rated_order'), 'no other company’s step');
    assert.equal(actions(ohio).filter((a) => a === 'place_rated_order').length, 1, 'only the placement with it');
    for (const secret of firstOrder) assert.ok(!JSON.stringify(ohio).includes(secret), `us.supplier2 sees no "${secret}"`);
    assert.ok(JSON.stringify(ohio).includes('PO-OHIO-2'));

    // The requesting nation: the performing company only.
    for (const user of ['in.sosa', 'in.auditor']) {
      const v = await view(user, r.id);
      assert.equal(v.supplier.id, ohioId);
      assert.deepEqual(Object.keys(v.organisationNames), [ohioId]);
      for (const secret of firstOrder) assert.ok(!JSON.stringify(v).includes(secret), `${user} sees no "${secret}"`);
    }
    // The US officials see both lines.
    const us = JSON.stringify(await view('us.sosa', r.id));
    for (const seen of ['PO-1', 'PO-OHIO-2', 'casting capacity', lynnId, ohioId]) assert.ok(us.includes(seen), `us.sosa sees "${seen}"`);

    // The rejected supplier: 404 on the request, its threads, comments, files and steps…
    const lynn = await t.login('us.supplier');
    assert.equal((await t.call(lynn, 'GET', `/requests/${r.id}`)).status, 404);
    assert.equal((await t.call(lynn, 'GET', `/requests/${r.id}/attachments/${r.sharedAttachmentId}`)).status, 404);
    assert.equal((await t.call(lynn, 'POST', `/requests/${r.id}/comments`, { body: 'Lynn after the rejection' })).status, 404);
    assert.equal((await upload(t, lynn, r.id)).status, 404);
    assert.equal((await t.call(lynn, 'POST', `/requests/${r.id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: '2027-03-01' })).status, 404);
    assert.ok(!(await t.call(lynn, 'GET', '/requests?limit=200')).body.items.some((i: { id: string }) => i.id === r.id));
    // …but its own record stays on its order desk (15 CFR 700.91).
    const desk = await t.call(lynn, 'GET', '/rated-orders');
    const own = desk.body.items.find((o: { requestId: string | null }) => o.requestId === r.id);
    assert.ok(own, 'the rejected order is still in Lynn’s book');
    assert.equal(own.orderNumber.endsWith('/PO-1'), true);
    assert.equal((await t.call(lynn, 'GET', `/rated-orders/${own.id}`)).status, 200);
    assert.ok(!JSON.stringify(desk.body).includes('PO-OHIO-2'), 'nor does the desk name the next order');
  });

  it('a rejecting supplier’s step answers without the request, which is no longer its to read', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const res = await t.call(await t.login('us.supplier'), 'POST', `/requests/${r.id}/transitions`, { action: 'reject_rated_order', ground: 'terms_of_sale_not_met', reasons: 'Payment terms.' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.accessEnded, true);
    assert.deepEqual(res.body.actions, []);
    assert.equal(res.body.history, undefined, 'no history in the answer');
    assert.equal((await t.call(await t.login('us.supplier'), 'GET', `/requests/${r.id}`)).status, 404);
  });

  it('a supplier cannot write an internal note (403)', async () => {
    const r = await buildRequest(t, 'US->IN', 'routed');
    const before = await countRows(t);
    const note = await t.call(await t.login('in.supplier'), 'POST', `/requests/${r.id}/comments`, { body: 'We would rather the US did not know.', visibility: 'internal' });
    assert.equal(note.status, 403);
    assert.equal(note.body.code, 'ROLE_NOT_ALLOWED');
    const file = await upload(t, await t.login('in.supplier'), r.id, undefined, 'internal');
    assert.equal(file.status, 403);
    assert.deepEqual(await countRows(t), before, 'nothing written');
    // A shared note is the company's to write; the US reads it once the company commits.
    await comment('in.supplier', r.id, 'We can ship in January.', 'shared');
    assert.deepEqual(bodies(await view('in.sosa', r.id)), ['We can ship in January.']);
    assert.deepEqual(bodies(await view('us.sosa', r.id)), []);
    await act(t, 'in.supplier', r.id, 'commit', { promised_delivery_date: '2027-01-20' });
    assert.deepEqual(bodies(await view('us.sosa', r.id)), ['We can ship in January.']);
  });

  it('internal attachments are not downloadable by the other nation (404)', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const uploaded = await upload(t, await t.login('us.sosa'), r.id, { name: 'capacity-review.txt', type: 'text/plain', content: 'US internal capacity review' }, 'internal');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const internalId = uploaded.body.id as string;
    const path = `/requests/${r.id}/attachments/${internalId}`;

    const missingId = randomUUID();
    const missing = await t.call(await t.login('in.sosa'), 'GET', `/requests/${r.id}/attachments/${missingId}`);
    for (const user of ['in.sosa', 'in.auditor', 'us.supplier']) {
      const res = await t.call(await t.login(user), 'GET', path);
      assert.equal(res.status, 404, `${user} downloads the internal file`);
      // Indistinguishable from an attachment that does not exist.
      assert.deepEqual({ ...res.body, detail: res.body.detail.replace(internalId, 'X') }, { ...missing.body, detail: missing.body.detail.replace(missingId, 'X') });
    }
    assert.ok(!(await view('in.sosa', r.id)).attachments.some((a: { id: string }) => a.id === internalId), 'not listed either');
    for (const user of ['us.dod', 'us.auditor']) {
      const res = await t.call(await t.login(user), 'GET', path);
      assert.equal(res.status, 200, user);
      assert.equal(res.body, 'US internal capacity review');
    }
    // The shared one the requesting nation uploaded is everyone's on the request.
    assert.equal((await t.call(await t.login('us.supplier'), 'GET', `/requests/${r.id}/attachments/${r.sharedAttachmentId}`)).status, 200);
  });

  it('a cross-nation read of a request is recorded in the audit log with the arrangement as its basis', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const reads = async (auditor: string) => (await auditEvents(auditor)).filter((e) => e.action === 'request.read' && e.entityId === r.id);
    const before = (await reads('us.auditor')).length;
    await view('us.sosa', r.id);
    const recorded = await reads('us.auditor');
    assert.equal(recorded.length, before + 1);
    assert.deepEqual({ actor: recorded.at(-1)!.actor, nation: recorded.at(-1)!.nation, data: recorded.at(-1)!.data }, { actor: 'us.sosa', nation: 'US', data: { basis: 'arrangement', arrangement: 'US-IN' } });

    // A read by the request's own nation, or by the company that holds the order, needs no explanation.
    const inBefore = (await reads('in.auditor')).length;
    await view('in.sosa', r.id);
    assert.equal((await reads('in.auditor')).length, inBefore);
    const usCount = (await reads('us.auditor')).length;
    await view('us.supplier', r.id);
    assert.equal((await reads('us.auditor')).length, usCount);
  });

  it('a cross-nation download of an attachment is recorded in the audit log with the arrangement as its basis', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    const downloads = async () => (await auditEvents('us.auditor')).filter((e) => e.entityId === r.id && e.data.attachment === r.sharedAttachmentId && e.action !== 'request.attach');
    assert.deepEqual(await downloads(), []);
    const res = await t.call(await t.login('us.sosa'), 'GET', `/requests/${r.id}/attachments/${r.sharedAttachmentId}`);
    assert.equal(res.status, 200);
    const recorded = await downloads();
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]!.actor, 'us.sosa');
    assert.deepEqual({ basis: recorded[0]!.data.basis, arrangement: recorded[0]!.data.arrangement }, { basis: 'arrangement', arrangement: 'US-IN' });
  });

  it('an auditor sees every request of its nation but can take no action', async () => {
    const outgoing = await buildRequest(t, 'IN->US', 'placed');
    const incoming = await buildRequest(t, 'US->IN', 'routed', ['BPF', 'DEA']);
    const thirdPair = await buildRequest(t, 'US->GB');
    await comment('in.sosa', incoming.id, 'IN internal: auditors may read this.', 'internal');

    const listed = await t.call(await t.login('in.auditor'), 'GET', '/requests?limit=200');
    const ids = new Set(listed.body.items.map((i: { id: string }) => i.id));
    assert.ok(ids.has(outgoing.id) && ids.has(incoming.id), 'both directions of its nation');
    assert.ok(!ids.has(thirdPair.id), 'nothing its nation is not party to');
    assert.equal(listed.body.total, (await t.call(await t.login('in.sosa'), 'GET', '/requests?limit=200')).body.total, 'as much as the nation’s SOSA officer');

    const v = await view('in.auditor', incoming.id);
    assert.deepEqual(v.actions, []);
    assert.deepEqual(bodies(v), ['IN internal: auditors may read this.']);
    assert.equal(v.assignments.length, 2, 'the whole shortlist of its nation');
    assert.deepEqual((await view('in.auditor', outgoing.id)).actions, []);

    const token = await t.login('in.auditor');
    const before = await countRows(t);
    const attempts = [
      await t.call(token, 'POST', `/requests/${incoming.id}/transitions`, { action: 'deny', reason: 'audit' }),
      await t.call(token, 'POST', `/requests/${outgoing.id}/transitions`, { action: 'withdraw', reason: 'audit' }),
      await t.call(token, 'POST', `/requests/${incoming.id}/comments`, { body: 'an auditor note', visibility: 'internal' }),
      await t.call(token, 'POST', `/requests/${incoming.id}/comments`, { body: 'an auditor note' }),
      await upload(t, token, incoming.id),
      await t.call(token, 'POST', '/requests', { toNation: 'US' }),
      await t.call(token, 'POST', '/calendars/IN/holidays', { date: '2027-01-04', name: 'x' }),
    ];
    assert.deepEqual(attempts.map((a) => a.status), attempts.map(() => 403));
    assert.ok(attempts.every((a) => a.body.code === 'ROLE_NOT_ALLOWED'));
    assert.deepEqual(await countRows(t), before, 'nothing written');
  });

  it('a request of another nation answers exactly like one that does not exist (404)', async () => {
    const foreign = await buildRequest(t, 'US->GB');
    const missing = randomUUID();
    const token = await t.login('in.sosa');
    const probes: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['POST', '/transitions', { action: 'withdraw', reason: 'x' }],
      ['POST', '/comments', { body: 'x' }],
      ['GET', `/attachments/${foreign.sharedAttachmentId}`],
    ];
    for (const [method, suffix, body] of probes) {
      const a = await t.call(token, method, `/requests/${foreign.id}${suffix}`, body);
      const b = await t.call(token, method, `/requests/${missing}${suffix}`, body);
      assert.equal(a.status, 404, `${method} ${suffix}`);
      assert.deepEqual({ ...a.body, detail: a.body.detail.replace(foreign.id, 'X') }, { ...b.body, detail: b.body.detail.replace(missing, 'X') }, `${method} ${suffix}`);
    }
    assert.equal((await upload(t, token, foreign.id)).status, 404);
  });

  it('a company holding no order on a request cannot see or touch it, even of its own nation', async () => {
    const r = await buildRequest(t, 'IN->US', 'placed');
    for (const user of ['us.supplier2', 'in.supplier', 'in.supplier2']) {
      const token = await t.login(user);
      assert.equal((await t.call(token, 'GET', `/requests/${r.id}`)).status, 404, user);
      assert.equal((await t.call(token, 'POST', `/requests/${r.id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: '2027-03-01' })).status, 404, user);
      assert.equal((await t.call(token, 'POST', `/requests/${r.id}/comments`, { body: 'x' })).status, 404, user);
      assert.equal((await t.call(token, 'GET', `/requests/${r.id}/attachments/${r.sharedAttachmentId}`)).status, 404, user);
      const listed = await t.call(token, 'GET', '/requests?limit=200');
      assert.ok(!listed.body.items.some((i: { id: string }) => i.id === r.id), `${user} does not list it`);
    }
    // The company that holds the order sees it and may act on it.
    assert.deepEqual((await view('us.supplier', r.id)).actions.map((a: { action: string }) => a.action).sort(), ['accept_rated_order', 'reject_rated_order']);
  });

  it('a user of a nation not party to the arrangement sees none of its requests', async () => {
    const a = await buildRequest(t, 'IN->US');
    const b = await buildRequest(t, 'US->IN');
    const own = await buildRequest(t, 'GB->JP');
    const token = await t.login('gb.sosa');
    for (const r of [a, b]) assert.equal((await t.call(token, 'GET', `/requests/${r.id}`)).status, 404);
    const listed = await t.call(token, 'GET', '/requests?limit=200');
    const ids = listed.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(own.id) && !ids.includes(a.id) && !ids.includes(b.id));
    assert.ok(listed.body.items.every((i: { fromNation: string; toNation: string }) => i.fromNation === 'GB' || i.toNation === 'GB'));
    // And the US, not party to GB–JP, does not see the GB request either.
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/requests/${own.id}`)).status, 404);
  });
});
