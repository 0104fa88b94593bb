// Ask the partner, posture, close (issue #15): an officer drafts priority requests from the demo
// event's impact, edits and submits one through the ordinary request path; the event lists it with
// its state; the partner reads it as any request (no event, no analysis); posture shortens the
// clocks of new requests; a closed event leaves the open list.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeLpWorkerPools } from '../../analytics/disruption/index.js';
import { eventWithImpact } from '../../testing/event-impact.js';
import { useTestApp } from '../../testing/use-test-app.js';

const DEMO_TITLE = 'Cyclone over south Odisha floods HAL Koraput';

describe('requests drafted from a disruption event, posture, closing', () => {
  const t = useTestApp();
  let inSosa: string;
  let eventId: string;
  before(async () => {
    inSosa = await t.login('in.sosa');
    const list = await t.call(inSosa, 'GET', '/events?status=open');
    eventId = list.body.items.find((e: { title: string }) => e.title === DEMO_TITLE).id;
  });
  after(() => closeLpWorkerPools());

  it('drafting waits for the impact (409 while computing); an analyst may not draft (403), the other nation gets 404', async () => {
    const early = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts`);
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal((await t.call(await t.login('in.analyst'), 'POST', `/events/${eventId}/request-drafts`)).status, 403);
    assert.equal((await t.call(await t.login('us.sosa'), 'POST', `/events/${eventId}/request-drafts`)).status, 404);
  });

  let draftId: string;
  it('drafts one request per program that stops: spares kits and combustors, quantity from the lost output, required by the day output stops', async () => {
    const detail = await eventWithImpact(t, inSosa, eventId);
    assert.equal(detail.body.impact.status, 'ready');
    const res = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts`, {});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.items.map((d: { basis: { program: string } }) => d.basis.program), ['F414 fleet spares']);
    const draft = res.body.items[0];
    draftId = draft.id;
    assert.equal(draft.status, 'draft');
    assert.equal(draft.content.toNation, 'US'); // India's one partner
    assert.equal(draft.content.programId, 'IN-LCA-MK2-ENGINE'); // the network's program in the register
    // Each line: lost end-item units × the part per end-item unit, rounded up; by the day output stops.
    assert.deepEqual(draft.content.items.map((i: { partNumber: string; quantity: number }) => [i.partNumber, i.quantity]), draft.basis.lines.map((l: { part: string; exactNeed: number }) => [l.part, Math.ceil(l.exactNeed)]));
    assert.equal(draft.content.requiredBy, draft.basis.outputStopsOn);
    // The kitting site is struck itself: the kits are asked for, named once, not their inputs too.
    const kit = draft.content.items.find((i: { partNumber: string }) => i.partNumber === 'Hot-section spares kit');
    assert.equal(kit?.description, 'Hot-section spares kit (the end item itself)');
    assert.ok(!draft.content.items.some((i: { partNumber: string }) => i.partNumber === 'Combustor'), 'no combustors on top of the kits');
    assert.match(draft.content.justification, new RegExp(`${DEMO_TITLE}.*\\n.*stops in ${draft.basis.daysUntilOutputStops} days`));
    const audit = await t.ctx.store.db.selectFrom('audit_events').select('action').where('entity_id', '=', eventId).where('action', '=', 'event.requests.draft').execute();
    assert.equal(audit.length, 1);
  });

  it('the officer edits the draft (stale version 409), submits it: the event lists the request with its state, the request names the event to its own nation only', async () => {
    const event = await t.call(inSosa, 'GET', `/events/${eventId}`);
    const draft = event.body.requests.find((d: { id: string }) => d.id === draftId);
    const edited = { ...draft.content, version: draft.version, title: 'Hot-section spares after the Koraput cyclone', justification: 'Flooding at HAL Koraput stops spares kitting for the F414 fleet; we ask for kits and combustors.' };
    const put = await t.call(inSosa, 'PUT', `/events/${eventId}/request-drafts/${draftId}`, edited);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.content.title, edited.title);
    assert.equal((await t.call(inSosa, 'PUT', `/events/${eventId}/request-drafts/${draftId}`, edited)).status, 409);
    const bad = await t.call(inSosa, 'PUT', `/events/${eventId}/request-drafts/${draftId}`, { ...edited, version: put.body.version, items: [] });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ['items']);

    const submitted = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts/${draftId}/submit`);
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const requestId = submitted.body.request.id;
    assert.equal(submitted.headers.get('location'), `/api/v1/requests/${requestId}`);
    assert.deepEqual([submitted.body.status, submitted.body.request.state, submitted.body.request.stateLabel, submitted.body.request.waitingOn], ['submitted', 'submitted', 'Submitted', 'US']);
    assert.equal((await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts/${draftId}/submit`)).status, 409, 'one draft, one request');

    const listed = (await t.call(inSosa, 'GET', `/events/${eventId}`)).body.requests;
    assert.deepEqual(listed.map((d: { status: string; request: { reference: string } | null }) => [d.status, d.request?.reference.startsWith('SOSA-IN-US-')]), [['submitted', true]]);

    const own = await t.call(inSosa, 'GET', `/requests/${requestId}`);
    assert.equal(own.body.title, edited.title);
    assert.deepEqual(own.body.disruptionEvent, { id: eventId, title: DEMO_TITLE, status: 'open' });
    const partner = await t.call(await t.login('us.sosa'), 'GET', `/requests/${requestId}`);
    assert.equal(partner.status, 200);
    assert.equal(partner.body.disruptionEvent, null);
    assert.equal(partner.body.justification, edited.justification, 'the partner reads what the officer submitted');
    assert.ok(!JSON.stringify(partner.body).includes('HAL-Koraput combustor'), 'nothing of the analysis crosses');
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/events/${eventId}`)).status, 404);
  });

  it('a draft without a partner or program is refused on submit, naming the fields', async () => {
    const res = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts`);
    const draft = res.body.items.find((d: { status: string }) => d.status === 'draft');
    const put = await t.call(inSosa, 'PUT', `/events/${eventId}/request-drafts/${draft.id}`, { ...draft.content, version: draft.version, toNation: null, programId: null });
    assert.equal(put.status, 200);
    const submit = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts/${draft.id}/submit`);
    assert.equal(submit.status, 422);
    assert.deepEqual(submit.body.errors.map((e: { field: string }) => e.field), ['toNation', 'programId']);
    const discard = await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts/${draft.id}/discard`);
    assert.equal(discard.status, 200);
    assert.deepEqual(discard.body.items.map((d: { status: string }) => d.status), ['submitted']);
  });

  it('posture: an Indian officer sets US-IN to emergency; US officers see it with its history; new requests run on the shorter clock, earlier ones keep theirs', async () => {
    const usSosa = await t.login('us.sosa');
    const body = { toNation: 'US', title: 'Blades', programId: 'IN-LCA-MK2-ENGINE', justification: 'Test', urgency: 'routine', classification: 'UNCLASSIFIED', requiredBy: '2027-03-01', items: [{ partNumber: 'HPT-1', description: 'HPT blade set', quantity: 2, unit: 'sets', requiredDeliveryDate: '2027-03-01' }] };
    const ack = (r: { body: { deadlines: Array<{ kind: string; workingDays: number; basis: Record<string, unknown> }> } }) => r.body.deadlines.find((d) => d.kind === 'acknowledgement')!;
    const peacetime = await t.call(inSosa, 'POST', '/requests', body);
    assert.equal(peacetime.status, 201, JSON.stringify(peacetime.body));
    // common-steps.ts: acknowledgement in 2 working days routine, 1 in emergency, 0 in armed conflict.
    assert.equal(ack(peacetime).workingDays, 2);

    assert.equal((await t.call(await t.login('in.analyst'), 'PUT', '/postures/US-IN', { posture: 'emergency' })).status, 403);
    const set = await t.call(inSosa, 'PUT', '/postures/US-IN', { posture: 'emergency', note: 'Cyclone: Koraput works flooded' });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.posture, 'emergency');
    assert.equal((await t.call(inSosa, 'PUT', '/postures/US-IN', { posture: 'emergency' })).status, 409);
    const seen = await t.call(usSosa, 'GET', '/postures');
    const usIn = seen.body.items.find((a: { arrangementId: string }) => a.arrangementId === 'US-IN');
    assert.deepEqual([usIn.posture, usIn.history[0].setByNation, usIn.history[0].note], ['emergency', 'IN', 'Cyclone: Koraput works flooded']);

    const emergency = await t.call(inSosa, 'POST', '/requests', body);
    assert.equal(ack(emergency).workingDays, 1);
    assert.deepEqual([ack(emergency).basis.posture, ack(emergency).basis.requestUrgency], ['emergency', 'routine']);
    assert.equal(emergency.body.urgency, 'routine', "the request's own urgency is kept");
    assert.equal(ack(await t.call(inSosa, 'GET', `/requests/${peacetime.body.id}`)).workingDays, 2, 'a request submitted before keeps its clock');

    assert.equal((await t.call(usSosa, 'PUT', '/postures/US-IN', { posture: 'armed_conflict' })).status, 200);
    assert.equal(ack(await t.call(inSosa, 'POST', '/requests', body)).workingDays, 0);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['nation', 'parties']).where('action', '=', 'arrangement.posture.set').execute();
    assert.equal(audit.length, 2);
    for (const a of audit) assert.deepEqual([...(a.parties as string[])].sort(), ['IN', 'US'], 'both nations audit a posture change');
    await t.call(usSosa, 'PUT', '/postures/US-IN', { posture: 'peacetime' });
  });

  it('closing: with a note, audited; the event leaves the open list, drafting is refused, its request goes on', async () => {
    assert.equal((await t.call(inSosa, 'POST', `/events/${eventId}/close`, {})).status, 422);
    const closed = await t.call(await t.login('in.analyst'), 'POST', `/events/${eventId}/close`, { note: 'Koraput back in production on 10 January' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.deepEqual([closed.body.status, closed.body.closing.note, closed.body.closing.closedBy], ['closed', 'Koraput back in production on 10 January', 'in.analyst']);
    assert.equal(closed.body.requests.length, 1);
    const open = await t.call(inSosa, 'GET', '/events?status=open');
    assert.ok(!open.body.items.some((e: { id: string }) => e.id === eventId));
    assert.equal((await t.call(inSosa, 'POST', `/events/${eventId}/close`, { note: 'again' })).status, 409);
    assert.equal((await t.call(inSosa, 'POST', `/events/${eventId}/request-drafts`)).status, 409);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select('action').where('entity_id', '=', eventId).where('action', '=', 'event.close').execute();
    assert.equal(audit.length, 1);
  });
});
