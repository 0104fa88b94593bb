// The request pages' server side (issue #11 items 4, 7, 8, 9): who a request waits on, the
// programs a nation may cite, routing only to active Code of Conduct subscribers, and a return
// for information answered with corrected line items.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { verifyAuditLog } from '../../store/audit.repository.js';
import { F414_BLADES } from '../../testing/fixtures.js';
import { act, companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

interface Summary {
  id: string;
  actions: string[];
  waitingOn: string | null;
  waitingOnYou?: boolean;
}

async function queue(t: TestApp, user: string): Promise<{ items: Summary[]; total: number }> {
  const res = await t.call(await t.login(user), 'GET', '/requests?queue=mine&limit=200');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function submit(t: TestApp, user: string, body: Record<string, unknown>): Promise<string> {
  const res = await t.call(await t.login(user), 'POST', '/requests', body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

const SONOBUOYS = {
  ...F414_BLADES,
  toNation: 'IN',
  title: 'Sonobuoy housings',
  programId: 'US-SONOBUOY',
  items: [{ partNumber: 'SB-HSG-53F', description: 'Sonobuoy housing, A-size', quantity: 500, unit: 'EA', requiredDeliveryDate: '2027-02-01' }],
};

describe('the work queue counts only the steps that move a request forward (#11.4)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('India is not "waited on" for requests it sent to the US: withdraw is an escape, not work', async () => {
    const a = await submit(t, 'in.sosa', F414_BLADES);
    const b = await submit(t, 'in.sosa', { ...F414_BLADES, title: 'Second lot of blades' });
    const mine = await queue(t, 'in.sosa');
    assert.deepEqual(mine.items.map((r) => r.id), [], 'both requests wait on the US, none on India');
    assert.equal(mine.total, 0);
    // The list still says who the requests wait on, and that it is not the caller.
    const list = (await t.call(await t.login('in.sosa'), 'GET', '/requests?limit=200')).body.items as Summary[];
    for (const id of [a, b]) {
      const row = list.find((r) => r.id === id)!;
      assert.equal(row.waitingOn, 'US');
      assert.equal(row.waitingOnYou, false);
      assert.deepEqual(row.actions, ['withdraw'], 'the escape is still offered');
    }
    const us = await queue(t, 'us.sosa');
    assert.ok([a, b].every((id) => us.items.some((r) => r.id === id && r.waitingOnYou === true)), 'the US SOSA office owes the acknowledgement');
  });

  it('a request in performance waiting on India is not the US SOSA office\'s action', async () => {
    const id = await submit(t, 'us.sosa', SONOBUOYS);
    await act(t, 'in.sosa', id, 'acknowledge');
    await act(t, 'in.sosa', id, 'route_to_companies', { companies: [await companyId(t, 'BPF')] });
    await act(t, 'in.supplier', id, 'commit', { promised_delivery_date: '2027-01-20' });
    const usList = (await t.call(await t.login('us.sosa'), 'GET', '/requests?limit=200')).body.items as Summary[];
    const row = usList.find((r) => r.id === id)!;
    assert.equal(row.waitingOn, 'IN');
    assert.equal(row.waitingOnYou, false);
    assert.ok(!(await queue(t, 'us.sosa')).items.some((r) => r.id === id), 'not in the US queue');
    // In India the company owes the delivery; the SOSA cell may record it but is not waited on.
    assert.ok((await queue(t, 'in.supplier')).items.some((r) => r.id === id), 'in the performing company\'s queue');
    assert.ok(!(await queue(t, 'in.sosa')).items.some((r) => r.id === id), 'not in the Indian SOSA cell\'s queue');
  });

  it('a request at DoD waits on DoD, not on the US SOSA office that may still return or deny it', async () => {
    const id = await submit(t, 'in.sosa', F414_BLADES);
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination');
    assert.ok(!(await queue(t, 'us.sosa')).items.some((r) => r.id === id));
    assert.ok((await queue(t, 'us.dod')).items.some((r) => r.id === id));
    const view = (await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`)).body;
    assert.equal(view.waitingOnYou, false);
    assert.deepEqual(
      view.actions.map((a: { action: string; pending: boolean }) => [a.action, a.pending]).sort(),
      [['deny', false], ['return_for_information', false]],
      'the actions the officer may still take are marked as not pending',
    );
  });
});

describe('the New request form offers only programs the requesting nation is party to (#11.7)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  it('India\'s reference programs leave out US programs India is not party to', async () => {
    const ref = (await t.call(await t.login('in.sosa'), 'GET', '/reference')).body;
    const ids = (ref.programs as Array<{ id: string }>).map((p) => p.id).sort();
    assert.ok(!ids.includes('US-155MM') && !ids.includes('US-JAVELIN'), `US-only programs offered to India: ${ids.join(', ')}`);
    assert.ok(ids.includes('IN-LCA-MK2-ENGINE'), 'its own programs');
    assert.ok(ids.includes('US-SONOBUOY'), 'a US program India partners in');
    // The same rule as the programs register.
    const register = (await t.call(await t.login('in.sosa'), 'GET', '/programs')).body.items.map((p: { id: string }) => p.id).sort();
    assert.deepEqual(ids, register);
  });

  it('a request citing a program its nation is not party to is refused 422 naming programId, and nothing is written', async () => {
    const before = await t.ctx.store.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await t.call(await t.login('in.sosa'), 'POST', '/requests', { ...F414_BLADES, programId: 'US-155MM' });
    assert.equal(res.status, 422, JSON.stringify(res.body));
    const err = res.body.errors.find((e: { field: string }) => e.field === 'programId');
    assert.ok(err, JSON.stringify(res.body.errors));
    assert.match(err.message, /India|IN\b/);
    const afterCount = await t.ctx.store.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    // A program the nation partners in, led by the other nation, is fine.
    await submit(t, 'us.sosa', SONOBUOYS);
  });
});

describe('routing lists only active Code of Conduct subscribers and names any refused company (#11.8)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  let id = '';
  before(async () => {
    id = await submit(t, 'us.sosa', SONOBUOYS);
    await act(t, 'in.sosa', id, 'acknowledge');
  });

  it('the candidates are the active subscribers; a lapsed one is listed apart with its status and date', async () => {
    const res = await t.call(await t.login('in.sosa'), 'GET', `/requests/${id}/candidate-subscribers`);
    assert.equal(res.status, 200);
    const active = (res.body.items as Array<{ shortName: string }>).map((c) => c.shortName);
    assert.ok(active.includes('BPF') && !active.includes('SOC') && !active.includes('KMW'));
    const unavailable = res.body.unavailable as Array<{ shortName: string; name: string; status: string; statusSince: string }>;
    assert.ok(Array.isArray(unavailable), 'lapsed and withdrawn subscribers are listed apart');
    const soc = unavailable.find((c) => c.shortName === 'SOC');
    assert.deepEqual(soc && { status: soc.status, since: soc.statusSince, name: soc.name }, { status: 'lapsed', since: '2026-01-31', name: 'Satpura Ordnance Components Ltd' });
    assert.ok(!unavailable.some((c) => c.shortName === 'BPF'));
  });

  it('routing to a lapsed subscriber or a company that never subscribed is refused naming the company', async () => {
    const soc = await companyId(t, 'SOC');
    const kmw = await companyId(t, 'KMW');
    const res = await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'route_to_companies', companies: [await companyId(t, 'BPF'), soc, kmw] });
    assert.equal(res.status, 422);
    const byField = Object.fromEntries((res.body.errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    assert.match(byField['companies/1'] ?? '', /Satpura Ordnance Components Ltd/);
    assert.match(byField['companies/1'] ?? '', /lapsed/);
    assert.match(byField['companies/2'] ?? '', /Kaveri Munitions Works Ltd/);
    assert.match(res.body.detail, /Satpura Ordnance Components Ltd/, 'the summary names the company too');
    const view = (await t.call(await t.login('in.sosa'), 'GET', `/requests/${id}`)).body;
    assert.equal(view.state, 'mod_review', 'nothing was routed');
  });
});

describe('return for information: the requester answers and corrects the line items (#11.9)', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });

  const corrected = [
    { partNumber: 'F414-HPT-BLADE-1', nsn: '2840-01-234-5678', description: 'High-pressure turbine blade, stage 1 (drawing rev. C)', quantity: 60, unit: 'EA', requiredDeliveryDate: '2027-04-15' },
    { partNumber: 'F414-HPT-SEAL-2', description: 'Blade retainer seal', quantity: 60, unit: 'EA', requiredDeliveryDate: '2027-04-15' },
  ];

  async function returned(): Promise<string> {
    const id = await submit(t, 'in.sosa', F414_BLADES);
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'return_for_information', { question: 'Which drawing revision, and are the retainer seals needed too?' });
    return id;
  }

  it('resubmit takes corrected items: replaced, version bumped, history and audit record before and after', async () => {
    const id = await returned();
    const before = (await t.call(await t.login('in.sosa'), 'GET', `/requests/${id}`)).body;
    const resubmit = before.actions.find((a: { action: string }) => a.action === 'resubmit');
    const itemsField = resubmit.fields.find((f: { name: string }) => f.name === 'items');
    assert.ok(itemsField, 'the resubmit step has a line-items field');
    assert.equal(itemsField.type, 'line_items');
    assert.equal(itemsField.default.length, 1, 'its default is the request\'s current items');
    assert.deepEqual(resubmit.answers, { action: 'return_for_information', field: 'question' }, 'the step names the question it answers');

    const after = await act(t, 'in.sosa', id, 'resubmit', { answer: 'Drawing rev. C; yes, 60 seals.', items: corrected });
    assert.equal(after.state, 'submitted');
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(
      after.items.map((i: { lineNo: number; partNumber: string; quantity: number; description: string }) => [i.lineNo, i.partNumber, i.quantity, i.description]),
      [[1, 'F414-HPT-BLADE-1', 60, 'High-pressure turbine blade, stage 1 (drawing rev. C)'], [2, 'F414-HPT-SEAL-2', 60, 'Blade retainer seal']],
    );
    const event = after.history.at(-1);
    assert.equal(event.action, 'resubmit');
    assert.equal(event.fields.answer, 'Drawing rev. C; yes, 60 seals.');
    assert.equal(event.fields.items.before.length, 1);
    assert.equal(event.fields.items.before[0].quantity, 40);
    assert.equal(event.fields.items.after.length, 2);
    assert.equal(after.fields.items, undefined, 'the items are not copied into the request\'s decision fields');
    const audit = await t.ctx.store.db.selectFrom('audit_events').select('data').where('entity_id', '=', id).where('action', '=', 'request.resubmit').executeTakeFirstOrThrow();
    assert.equal((audit.data as { fields: { items: { after: unknown[] } } }).fields.items.after.length, 2);
    assert.ok((await verifyAuditLog(t.ctx.store.db)).ok);
    // The US sees the corrected items (they cross: the request is shared).
    const us = (await t.call(await t.login('us.sosa'), 'GET', `/requests/${id}`)).body;
    assert.equal(us.items.length, 2);
  });

  it('resubmit without items keeps them; with unchanged items records no change', async () => {
    const id = await returned();
    const after = await act(t, 'in.sosa', id, 'resubmit', { answer: 'Rev. B stands.' });
    assert.equal(after.items.length, 1);
    assert.equal(after.history.at(-1).fields.items, undefined);
  });

  it('items are checked with the rules of a new request, each error named by its line; nothing is written', async () => {
    const id = await returned();
    const token = await t.login('in.sosa');
    const fieldsOf = (body: { errors: Array<{ field: string }> }) => body.errors.map((e) => e.field).sort();
    const bad = await t.call(token, 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'See items', items: [{ ...corrected[0], quantity: 0 }, { ...corrected[1], nsn: '12' }] });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.deepEqual(fieldsOf(bad.body), ['items/0/quantity', 'items/1/nsn']);
    // As on a new request, a delivery date before today (in India) is refused.
    const past = await t.call(token, 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'See items', items: [corrected[0], { ...corrected[1], requiredDeliveryDate: '2026-01-01' }] });
    assert.equal(past.status, 422, JSON.stringify(past.body));
    assert.deepEqual(fieldsOf(past.body), ['items/1/requiredDeliveryDate']);
    const empty = await t.call(token, 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'x', items: [] });
    assert.equal(empty.status, 422);
    assert.ok(empty.body.errors.some((e: { field: string }) => e.field === 'items'));
    const unknown = await t.call(token, 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'x', items: [{ ...corrected[0], price: 3 }] });
    assert.equal(unknown.status, 422);
    assert.ok(unknown.body.errors.some((e: { field: string }) => e.field === 'items/0/price'));
    const view = (await t.call(token, 'GET', `/requests/${id}`)).body;
    assert.equal(view.state, 'returned');
    assert.equal(view.items.length, 1);
    assert.equal(view.items[0].quantity, 40);
  });

  it('only the requesting nation\'s SOSA officer, only in the returned state, may change items', async () => {
    const id = await returned();
    const us = await t.call(await t.login('us.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'x', items: corrected });
    assert.equal(us.status, 403);
    await act(t, 'in.sosa', id, 'resubmit', { answer: 'ok' });
    const again = await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'resubmit', answer: 'x', items: corrected });
    assert.equal(again.status, 409, 'not returned any more');
    const other = await t.call(await t.login('us.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'acknowledge', items: corrected });
    assert.equal(other.status, 422, 'no other step takes items');
  });

  it('DoD\'s program determination is prefilled with the program the request names', async () => {
    const id = await submit(t, 'in.sosa', F414_BLADES);
    await act(t, 'us.sosa', id, 'acknowledge');
    await act(t, 'us.sosa', id, 'forward_for_determination');
    const view = (await t.call(await t.login('us.dod'), 'GET', `/requests/${id}`)).body;
    const determine = view.actions.find((a: { action: string }) => a.action === 'determine_program');
    const field = determine.fields.find((f: { name: string }) => f.name === 'approved_program');
    assert.equal(field.default, 'LCA Tejas Mk2 — F414-INS6 engine co-production (IN-LCA-MK2-ENGINE)');
    assert.equal(view.programName, 'LCA Tejas Mk2 — F414-INS6 engine co-production');
  });
});
