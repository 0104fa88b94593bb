// The after report of a closed event (issue #15, "After"): an officer drafts and submits a request
// from the demo event, the US side places a rated order that the supplier accepts and delivers,
// the struck sites are restored, the event is closed; the report gives the milestones and the
// lost output with no action against what happened, as JSON, Markdown and PDF (audited).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeLpWorkerPools } from '../../analytics/disruption/index.js';
import { settleEventImpacts } from '../../services/events/event-impact-runner.js';
import { eventWithImpact } from '../../testing/event-impact.js';
import { act, companyId } from '../../testing/request-builders.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { sequencePendingAudit } from '../../store/audit.repository.js';
import { useTestApp } from '../../testing/use-test-app.js';

const DEMO_TITLE = 'Cyclone over south Odisha floods HAL Koraput';
const PROGRAM = 'F414 fleet spares';

describe('after report of a closed disruption event', () => {
  // Four days after the cyclone began (28 Nov, 06:00 IST = 00:30 UTC).
  const t = useTestApp({ now: '2026-12-02T00:30:00Z' });
  let eventId: string;
  let requestId: string;
  let reference: string;
  let noActionLost: number;
  before(async () => {
    const list = await t.call(await t.login('in.sosa'), 'GET', '/events?status=open');
    eventId = list.body.items.find((e: { title: string }) => e.title === DEMO_TITLE).id;
  });
  after(() => closeLpWorkerPools());

  const report = async (token?: string, query = '') => {
    token ??= await t.login('in.sosa');
    const first = await t.call(token, 'GET', `/events/${eventId}/report${query}`);
    if (first.status !== 200 || first.body?.comparison?.status !== 'computing') return first;
    await settleEventImpacts(t.ctx);
    return t.call(token, 'GET', `/events/${eventId}/report${query}`);
  };

  it('an open event has no report yet: 409 saying it is still open', async () => {
    const res = await t.call(await t.login('in.sosa'), 'GET', `/events/${eventId}/report`);
    assert.equal(res.status, 409);
    assert.match(res.body.detail, /still open/);
  });

  it('the partner accepts and delivers the drafted request; the sites are restored; the event is closed', async () => {
    const detail = await eventWithImpact(t, await t.login('in.sosa'), eventId);
    noActionLost = detail.body.impact.networks.flatMap((n: { programs: Array<{ program: string; lostUnits: number }> }) => n.programs).find((p: { program: string }) => p.program === PROGRAM).lostUnits;
    assert.ok(noActionLost > 0);
    const drafts = await t.call(await t.login('in.sosa'), 'POST', `/events/${eventId}/request-drafts`);
    assert.equal(drafts.status, 201, JSON.stringify(drafts.body));
    t.clock.set(new Date('2026-12-02T06:30:00Z'));
    const submitted = await t.call(await t.login('in.sosa'), 'POST', `/events/${eventId}/request-drafts/${drafts.body.items[0].id}/submit`);
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    requestId = submitted.body.request.id;
    reference = submitted.body.request.reference;
    await act(t, 'us.sosa', requestId, 'acknowledge');
    await act(t, 'us.sosa', requestId, 'forward_for_determination');
    await act(t, 'us.dod', requestId, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-1' });
    await act(t, 'us.commerce', requestId, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-1' });
    await act(t, 'us.sosa', requestId, 'place_rated_order', { supplier: await companyId(t, 'LYNN-TURB'), order_number: 'PO-1', required_delivery_date: '2026-12-20', signed_by: 'Dana Whitfield', certified: true });
    await act(t, 'us.supplier', requestId, 'accept_rated_order', { promised_delivery_date: '2026-12-10' });
    t.clock.set(new Date('2026-12-10T15:00:00Z'));
    await act(t, 'us.supplier', requestId, 'mark_delivered', { delivered_on: '2026-12-10' });

    const analyst = await t.login('in.analyst');
    const sites = await t.call(analyst, 'GET', `/events/${eventId}/surveys`);
    for (const s of sites.body.sites) {
      for (const status of ['confirmed', 'restored']) {
        const res = await t.call(analyst, 'POST', `/events/${eventId}/sites/status`, { networkId: s.networkId, nodeId: s.nodeId, status, note: '' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      }
    }
    t.clock.set(new Date('2026-12-12T00:30:00Z'));
    const closed = await t.call(await t.login('in.analyst'), 'POST', `/events/${eventId}/close`, { note: 'Koraput back in production' });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
  });

  it('JSON: milestones from the start (28 Nov 00:30 UTC): first request after 4 d 6 h, every site restored after 12 d 14 h (the last of them), closed after 14 d', async () => {
    const res = await report();
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const m = res.body.milestones;
    assert.equal(m.started.at, '2026-11-28T00:30:00.000Z');
    assert.deepEqual(m.firstRequest, { at: '2026-12-02T06:30:00.000Z', sinceStart: { hours: 102, text: '4 d 6 h' } });
    assert.equal(m.restored.at, '2026-12-10T15:00:00.000Z');
    // 28 Nov 00:30 → 10 Dec 15:00 UTC: 12 days 14.5 hours (days and whole hours are shown).
    assert.deepEqual([m.restored.sinceStart.hours, m.restored.sinceStart.text, m.restored.sitesHit === m.restored.sitesRestored, m.restored.sitesHit > 0], [302.5, '12 d 14 h', true, true]);
    assert.deepEqual(m.closed.sinceStart, { hours: 336, text: '14 d' });
  });

  it('JSON: the delivered parts count as arriving on 10 Dec, inside the window; the program loses less with action and the difference is the avoided output', async () => {
    const res = await report();
    assert.equal(res.body.comparison.status, 'ready');
    assert.ok(res.body.supply.length > 0);
    for (const line of res.body.supply) assert.deepEqual([line.reference, line.state, line.arrivesOn, line.arrival, line.counted], [reference, 'delivered', '2026-12-10', 'delivered', true]);
    const p = res.body.comparison.programs.find((x: { program: string }) => x.program === PROGRAM);
    // No answers and no status but Confirmed/Restored (which do not change the model): with the answers = no action.
    assert.equal(p.noAction.lostUnits, noActionLost);
    assert.equal(p.withAnswers.lostUnits, noActionLost);
    // The request asked for the whole gap (lost units × parts per unit, rounded up), all delivered in the window: nothing is lost with action.
    assert.equal(p.withAction.lostUnits, 0);
    assert.deepEqual(p.avoided, p.noAction);
    assert.deepEqual(p.avoidedBySupply, p.noAction);
    assert.match(res.body.method, /Avoided = no action − with action/);
  });

  it('Markdown: a document with a table per program and the milestones; audited as an export', async () => {
    const res = await report(undefined, '?format=markdown');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/markdown/);
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="after-report-.+\.md"/);
    const text = res.body as string;
    assert.ok(text.startsWith(`# After report: ${DEMO_TITLE}\n\nEvent ${eventId} (natural hazard), closed 2026-12-12 00:30 UTC.`), text.slice(0, 200));
    assert.match(text, new RegExp(`### ${PROGRAM} \\(`));
    assert.match(text, /\| No action \| [\d,.]+ \|/);
    assert.match(text, /\| \*\*Avoided\*\* \|/);
    assert.match(text, /\| First request submitted \| 2026-12-02 06:30 UTC \| 4 d 6 h \|/);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'data', 'actor']).where('entity_id', '=', eventId).where('action', '=', 'event.report.export').execute();
    assert.deepEqual(audit.map((a) => [a.actor, (a.data as { format: string }).format]), [['in.sosa', 'markdown']]);
  });

  it('PDF: starts with %PDF, ends with %%EOF, has pages; audited', async () => {
    // Read as bytes (the test client decodes text as UTF-8).
    const raw = await t.app.request(`/api/v1/events/${eventId}/report?format=pdf`, { headers: { authorization: `Bearer ${await t.login('in.sosa')}` } });
    assert.equal(raw.status, 200);
    const pdf = Buffer.from(await raw.arrayBuffer()).toString('latin1');
    const res = await t.call(await t.login('in.auditor'), 'GET', `/events/${eventId}/report?format=pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.startsWith('%PDF-'), pdf.slice(0, 10));
    assert.ok(pdf.trimEnd().endsWith('%%EOF'));
    const pages = /\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf);
    assert.ok(pages && Number(pages[1]) >= 1, 'a page tree with at least one page');
    await sequencePendingAudit(t.ctx.store.db);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['actor', 'data']).where('entity_id', '=', eventId).where('action', '=', 'event.report.export').execute();
    assert.deepEqual(audit.map((a) => [a.actor, (a.data as { format: string }).format]).sort(), [['in.auditor', 'pdf'], ['in.sosa', 'markdown'], ['in.sosa', 'pdf']]);
  });

  it("access: the nation's analyst and auditor read it; the other nation's officer and a company get 404 and 403; a bad format is 422", async () => {
    assert.equal((await t.call(await t.login('in.analyst'), 'GET', `/events/${eventId}/report`)).status, 200);
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/events/${eventId}/report`)).status, 404);
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/events/${eventId}/report?format=pdf`)).status, 404);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', `/events/${eventId}/report`)).status, 403);
    assert.equal((await t.call(await t.login('in.sosa'), 'GET', `/events/${eventId}/report?format=docx`)).status, 422);
  });
});

describe('after report: a request the partner has not taken on counts for nothing', () => {
  let t: TestApp;
  after(async () => {
    await t.close();
    await closeLpWorkerPools();
  });

  it('submitted only, then the event closed: the line is listed, not counted, and with action = with the answers; the restoration is "not yet"', async () => {
    t = await createTestApp({ now: '2026-12-02T00:30:00Z' });
    const sosa = await t.login('in.sosa');
    const eventId = (await t.call(sosa, 'GET', '/events?status=open')).body.items.find((e: { title: string }) => e.title === DEMO_TITLE).id;
    await eventWithImpact(t, sosa, eventId);
    const drafts = await t.call(sosa, 'POST', `/events/${eventId}/request-drafts`);
    assert.equal((await t.call(sosa, 'POST', `/events/${eventId}/request-drafts/${drafts.body.items[0].id}/submit`)).status, 201);
    assert.equal((await t.call(sosa, 'POST', `/events/${eventId}/close`, { note: 'Ended' })).status, 200);
    let res = await t.call(sosa, 'GET', `/events/${eventId}/report`);
    if (res.body.comparison.status === 'computing') {
      await settleEventImpacts(t.ctx);
      res = await t.call(sosa, 'GET', `/events/${eventId}/report`);
    }
    assert.ok(res.body.supply.length > 0);
    for (const line of res.body.supply) assert.deepEqual([line.state, line.arrival, line.counted, line.note], ['submitted', 'requiredBy', false, 'not accepted by the partner']);
    const p = res.body.comparison.programs.find((x: { program: string }) => x.program === PROGRAM);
    assert.deepEqual([p.noAction.lostUnits, p.withAction.lostUnits, p.avoided.lostUnits, p.avoidedBySupply.lostUnits], [3.5, 3.5, 0, 0]);
    assert.equal(res.body.milestones.restored.at, null);
    // The demo event strikes HAL's two Koraput sites and BPF's Pune blade shop; none was restored.
    assert.match(res.body.milestones.restored.sinceStart.text, /^not yet: 3 of 3 sites hit not restored at the close$/);
  });
});
