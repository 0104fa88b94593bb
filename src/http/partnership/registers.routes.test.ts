import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { act, addThirdNations, buildRequest, companyId } from '../../testing/request-builders.js';
import type { TestApp } from '../../testing/test-app.js';
import { useTestApp } from '../../testing/use-test-app.js';

async function count(t: TestApp, table: 'coc_subscriptions' | 'coc_status_history' | 'coc_capabilities' | 'organisations' | 'liaison_postings' | 'liaison_documents' | 'programs' | 'program_milestones' | 'audit_events'): Promise<number> {
  const row = await t.ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const subscriberId = async (t: TestApp, short: string) =>
  (await t.ctx.store.db.selectFrom('coc_subscriptions').innerJoin('organisations', 'organisations.id', 'coc_subscriptions.organisation_id').select('coc_subscriptions.id').where('short_name', '=', short).executeTakeFirstOrThrow()).id;

describe('Code of Conduct registry', () => {
  const t = useTestApp({ now: '2026-11-23T08:00:00Z' }, addThirdNations);

  it("India's SOSA cell lists its subscribers with status, capabilities and filters", async () => {
    const token = await t.login('in.sosa');
    const all = await t.call(token, 'GET', '/code-of-conduct/subscribers');
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.items.map((s: any) => s.organisation.shortName).sort(), ['BPF', 'DEA', 'KME', 'NCL', 'SOC']);
    const active = await t.call(token, 'GET', '/code-of-conduct/subscribers?status=active');
    assert.ok(!active.body.items.some((s: any) => s.organisation.shortName === 'SOC'), 'SOC lapsed');
    const blades = await t.call(token, 'GET', '/code-of-conduct/subscribers?fsc=2840');
    assert.deepEqual(blades.body.items.map((s: any) => s.organisation.shortName), ['BPF']);
    const sonobuoy = await t.call(token, 'GET', '/code-of-conduct/subscribers?q=hydrophone');
    assert.deepEqual(sonobuoy.body.items.map((s: any) => s.organisation.shortName), ['KME']);
    const ships = await t.call(token, 'GET', '/code-of-conduct/subscribers?sector=electronics');
    assert.deepEqual(ships.body.items.map((s: any) => s.organisation.shortName), ['DEA']);
    assert.equal((await t.call(token, 'GET', '/code-of-conduct/subscribers?fsc=28')).status, 422);
  });

  it('a company sees its own entry only; the US sees no registry entry (404) and keeps none (403)', async () => {
    const own = await t.call(await t.login('in.supplier'), 'GET', '/code-of-conduct/subscribers');
    assert.deepEqual(own.body.items.map((s: any) => s.organisation.shortName), ['BPF']);
    const dea = await subscriberId(t, 'DEA');
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', `/code-of-conduct/subscribers/${dea}`)).status, 404);
    assert.equal((await t.call(await t.login('in.supplier2'), 'GET', `/code-of-conduct/subscribers/${dea}`)).status, 200);
    const us = await t.login('us.sosa');
    assert.deepEqual((await t.call(us, 'GET', '/code-of-conduct/subscribers')).body.items, []);
    assert.equal((await t.call(us, 'GET', `/code-of-conduct/subscribers/${dea}`)).status, 404);
    assert.equal((await t.call(us, 'PUT', `/code-of-conduct/subscribers/${dea}`, { version: 1, signedBy: { name: 'x', title: 'y' }, notes: '', capabilities: [], contacts: [] })).status, 404);
    const created = await t.call(us, 'POST', '/code-of-conduct/subscribers', { organisationId: await companyId(t, 'LYNN-TURB'), subscribedOn: '2025-01-01', signedBy: { name: 'x', title: 'y' } });
    assert.equal(created.status, 403);
    assert.match(created.body.detail, /DPAS/);
    assert.equal((await t.call(await t.login('in.analyst'), 'GET', '/code-of-conduct/subscribers')).status, 403);
    assert.equal((await t.call(await t.login('in.auditor'), 'POST', '/code-of-conduct/subscribers', {})).status, 403);
  });

  it('subscribes a company once: a second subscription is 409 and writes nothing', async () => {
    const token = await t.login('in.sosa');
    const kmw = await companyId(t, 'KMW');
    const body = {
      organisationId: kmw,
      subscribedOn: '2026-10-01',
      signedBy: { name: 'Lt Gen (retd) A. Sen', title: 'Chairman' },
      capabilities: [{ fsc: '1320', sector: 'ammunition', description: '155 mm shells', partNumbers: ['M795-BODY'] }],
      contacts: [{ name: 'R. Das', role: 'Sales', email: 'das@kmw.example.in' }],
    };
    const created = await t.call(token, 'POST', '/code-of-conduct/subscribers', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'active');
    assert.equal(created.body.history.length, 1);
    assert.equal(created.body.capabilities[0].fsc, '1320');
    const org = await t.ctx.store.db.selectFrom('organisations').select('code_of_conduct_since').where('id', '=', kmw).executeTakeFirstOrThrow();
    assert.equal(org.code_of_conduct_since, '2026-10-01');
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'actor']).where('entity_id', '=', created.body.id).execute();
    assert.deepEqual(audit, [{ action: 'coc.subscribe', actor: 'in.sosa' }]);

    const before = { subs: await count(t, 'coc_subscriptions'), caps: await count(t, 'coc_capabilities'), audit: await count(t, 'audit_events'), orgs: await count(t, 'organisations') };
    const again = await t.call(token, 'POST', '/code-of-conduct/subscribers', body);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'DUPLICATE');
    assert.match(again.body.detail, /Kaveri Munitions Works Ltd already subscribed to the Code of Conduct on 2026-10-01/);
    const newNamed = await t.call(token, 'POST', '/code-of-conduct/subscribers', { ...body, organisationId: undefined, newCompany: { name: 'Another BPF', shortName: 'BPF' } });
    assert.equal(newNamed.status, 409);
    assert.deepEqual({ subs: await count(t, 'coc_subscriptions'), caps: await count(t, 'coc_capabilities'), audit: await count(t, 'audit_events'), orgs: await count(t, 'organisations') }, before);

    const future = await t.call(token, 'POST', '/code-of-conduct/subscribers', { ...body, organisationId: undefined, newCompany: { name: 'Ganga Gears Ltd', shortName: 'GGL' }, subscribedOn: '2026-12-01' });
    assert.equal(future.status, 422);
    assert.equal(future.body.errors[0].field, 'subscribedOn');
    assert.equal(await count(t, 'organisations'), before.orgs, 'the new company is not created when the subscription is refused');
    const fresh = await t.call(token, 'POST', '/code-of-conduct/subscribers', { ...body, organisationId: undefined, newCompany: { name: 'Ganga Gears Ltd', shortName: 'GGL' } });
    assert.equal(fresh.status, 201);
    assert.equal(fresh.body.organisation.name, 'Ganga Gears Ltd');
  });

  it('keeps every status change in the history, and a lapsed subscriber cannot be routed a request', async () => {
    const token = await t.login('in.sosa');
    const id = await subscriberId(t, 'KMW');
    const current = (await t.call(token, 'GET', `/code-of-conduct/subscribers/${id}`)).body;
    const noReason = await t.call(token, 'POST', `/code-of-conduct/subscribers/${id}/status`, { version: current.version, status: 'lapsed', effectiveOn: '2026-11-20', reason: '' });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.body.errors[0].field, 'reason');
    const lapsed = await t.call(token, 'POST', `/code-of-conduct/subscribers/${id}/status`, { version: current.version, status: 'lapsed', effectiveOn: '2026-11-20', reason: 'Annual confirmation not received' });
    assert.equal(lapsed.status, 200, JSON.stringify(lapsed.body));
    assert.deepEqual(lapsed.body.history.map((h: any) => [h.from, h.to, h.effectiveOn]), [[null, 'active', '2026-10-01'], ['active', 'lapsed', '2026-11-20']]);
    const stale = await t.call(token, 'POST', `/code-of-conduct/subscribers/${id}/status`, { version: current.version, status: 'active', effectiveOn: '2026-11-21', reason: '' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'STALE_VERSION');

    const request = await buildRequest(t, 'US->IN', 'submitted');
    await act(t, 'in.sosa', request.id, 'acknowledge');
    const routed = await t.call(token, 'POST', `/requests/${request.id}/transitions`, { action: 'route_to_companies', companies: [await companyId(t, 'KMW')] });
    assert.equal(routed.status, 422);
    assert.match(routed.body.errors[0].message, /Kaveri Munitions Works Ltd: its Code of Conduct subscription lapsed on 2026-11-20/);

    const renewed = await t.call(token, 'POST', `/code-of-conduct/subscribers/${id}/status`, { version: lapsed.body.version, status: 'active', effectiveOn: '2026-11-23', reason: 'Renewed' });
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.history.length, 3);
    await act(t, 'in.sosa', request.id, 'route_to_companies', { companies: [await companyId(t, 'KMW')] });
    // The history table refuses rewriting.
    await assert.rejects(sql`update coc_status_history set reason = 'rewritten'`.execute(t.ctx.store.db), /append-only/);
  });

  it('ranks active subscribers for a US request: catalogue match first, then track record; internal to India', async () => {
    const request = await buildRequest(t, 'US->IN', 'submitted');
    const inSosa = await t.login('in.sosa');
    const ranked = await t.call(inSosa, 'GET', `/requests/${request.id}/candidate-subscribers`);
    assert.equal(ranked.status, 200, JSON.stringify(ranked.body));
    // F414 blades, NSN 2840-…: BPF forges turbine blade blanks (FSC 2840).
    assert.equal(ranked.body.items[0].shortName, 'BPF');
    assert.ok(ranked.body.items[0].reasons.some((r: string) => r.includes('FSC 2840')));
    assert.ok(!ranked.body.items.some((c: any) => c.shortName === 'SOC'), 'a lapsed subscriber is no candidate');
    assert.ok(ranked.body.items.every((c: any, i: number, all: any[]) => i === 0 || all[i - 1].matchScore >= c.matchScore));
    assert.equal((await t.call(await t.login('us.sosa'), 'GET', `/requests/${request.id}/candidate-subscribers`)).status, 404);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', `/requests/${request.id}/candidate-subscribers`)).status, 403);
    const inToUs = await buildRequest(t, 'IN->US', 'submitted');
    assert.equal((await t.call(inSosa, 'GET', `/requests/${inToUs.id}/candidate-subscribers`)).status, 404);
  });

  it("counts a company's requests received, committed, declined and delivered on time", async () => {
    const r1 = await buildRequest(t, 'US->IN', 'routed', ['DEA']);
    await act(t, 'in.supplier2', r1.id, 'commit', { promised_delivery_date: '2026-12-15' });
    // A delivery is recorded on its day (not ahead of it, issue #11 item 3).
    const was = t.clock.now();
    t.clock.set('2026-12-10T06:00:00Z');
    await act(t, 'in.supplier2', r1.id, 'mark_delivered', { delivered_on: '2026-12-10' });
    t.clock.set(was);
    const r2 = await buildRequest(t, 'US->IN', 'routed', ['DEA']);
    await act(t, 'in.supplier2', r2.id, 'decline', { reason: 'No capacity' });
    const view = await t.call(await t.login('in.supplier2'), 'GET', `/code-of-conduct/subscribers/${await subscriberId(t, 'DEA')}`);
    assert.deepEqual(view.body.stats, { received: 2, committed: 1, declined: 1, delivered: 1, deliveredOnTime: 1, onTimeRate: 1 });
  });
});

const posting = (over: Record<string, unknown> = {}) => ({
  officerName: 'Neha Joshi',
  officerRank: 'Colonel',
  serviceNumber: 'IC-70001',
  hostNation: 'US',
  hostCommand: 'US Central Command (CENTCOM)',
  location: 'MacDill AFB, Florida',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  status: 'active',
  hostPoc: { name: 'Maj. K. Ross', email: 'k.ross@centcom.example.mil' },
  documents: [{ title: 'Assignment order', number: 'MoD/IC/LO/2025/07', issuedOn: '2025-11-10' }],
  ...over,
});

describe('liaison officer postings', () => {
  const t = useTestApp({ now: '2026-11-23T08:00:00Z' }, addThirdNations);

  it('posts an officer and refuses an overlapping posting of the same officer (422 naming it), writing nothing', async () => {
    const token = await t.login('in.sosa');
    const created = await t.call(token, 'POST', '/liaison-officers', posting());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.sendingNation, 'IN');
    assert.equal(created.body.documents[0].number, 'MoD/IC/LO/2025/07');
    const before = { p: await count(t, 'liaison_postings'), d: await count(t, 'liaison_documents'), a: await count(t, 'audit_events') };
    const overlap = await t.call(token, 'POST', '/liaison-officers', posting({ hostCommand: 'US Indo-Pacific Command (INDOPACOM)', startDate: '2027-12-31', endDate: null, status: 'planned' }));
    assert.equal(overlap.status, 422);
    assert.match(overlap.body.detail, /already posted to US Central Command \(CENTCOM\) from 2026-01-01 to 2027-12-31/);
    assert.deepEqual({ p: await count(t, 'liaison_postings'), d: await count(t, 'liaison_documents'), a: await count(t, 'audit_events') }, before);
    const next = await t.call(token, 'POST', '/liaison-officers', posting({ hostCommand: 'US Indo-Pacific Command (INDOPACOM)', startDate: '2028-01-01', endDate: null, status: 'planned' }));
    assert.equal(next.status, 201);
    // Moving the first posting's end onto the next one is refused too.
    const edit = await t.call(token, 'PUT', `/liaison-officers/${created.body.id}`, { ...posting({ endDate: '2028-02-01' }), version: created.body.version });
    assert.equal(edit.status, 422);
    assert.match(edit.body.detail, /INDOPACOM/);
    const badDates = await t.call(token, 'POST', '/liaison-officers', posting({ serviceNumber: 'IC-70002', startDate: '2026-05-01', endDate: '2026-04-01' }));
    assert.equal(badDates.status, 422);
    assert.equal(badDates.body.errors[0].field, 'endDate');
  });

  it('both nations read a posting; only the sending nation writes; a third pair is invisible (404)', async () => {
    const list = await t.call(await t.login('us.sosa'), 'GET', '/liaison-officers?role=hosting&q=CENTCOM');
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 1);
    const p = list.body.items[0];
    assert.equal(p.canEdit, false);
    const usEdit = await t.call(await t.login('us.sosa'), 'PUT', `/liaison-officers/${p.id}`, { ...posting(), version: p.version });
    assert.equal(usEdit.status, 403);
    assert.equal((await t.call(await t.login('in.auditor'), 'GET', `/liaison-officers/${p.id}`)).status, 200);
    assert.equal((await t.call(await t.login('in.auditor'), 'PUT', `/liaison-officers/${p.id}`, { ...posting(), version: p.version })).status, 403);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', '/liaison-officers')).status, 403);
    const usToGb = await t.call(await t.login('us.sosa'), 'POST', '/liaison-officers', posting({ officerName: 'Tom Hardy', serviceNumber: 'USA-1', hostNation: 'GB', hostCommand: 'Permanent Joint Headquarters', documents: [] }));
    assert.equal(usToGb.status, 201);
    assert.equal((await t.call(await t.login('in.sosa'), 'GET', `/liaison-officers/${usToGb.body.id}`)).status, 404);
    assert.ok(!(await t.call(await t.login('in.sosa'), 'GET', '/liaison-officers')).body.items.some((x: any) => x.id === usToGb.body.id));
    assert.equal((await t.call(await t.login('gb.sosa'), 'GET', `/liaison-officers/${usToGb.body.id}`)).status, 200);
    const ownHost = await t.call(await t.login('in.sosa'), 'POST', '/liaison-officers', posting({ serviceNumber: 'IC-9', hostNation: 'IN' }));
    assert.equal(ownHost.status, 422);
  });

  it('lists postings ending within N days and who is posted where', async () => {
    const token = await t.login('in.sosa');
    const ending = await t.call(token, 'GET', '/liaison-officers?endingWithinDays=30');
    // On 2026-11-23: the US officer at IFC-IOR leaves on 2026-12-10; the INDOPACOM posting ends on 2026-12-31 (38 days).
    assert.deepEqual(ending.body.items.map((p: any) => [p.officer.name, p.daysToEnd]), [['Michael Reyes', 17]]);
    assert.equal((await t.call(token, 'GET', '/liaison-officers?endingWithinDays=40')).body.items.length, 2);
    const active = await t.call(token, 'GET', '/liaison-officers?status=active&role=sending');
    assert.ok(active.body.items.every((p: any) => p.sendingNation === 'IN' && p.status === 'active'));
    assert.ok(active.body.items.some((p: any) => p.hostCommand.includes('INDOPACOM')));
    assert.equal((await t.call(token, 'GET', '/liaison-officers?endingWithinDays=-1')).status, 422);
  });
});

const program = (over: Record<string, unknown> = {}) => ({
  id: 'IN-AMCA-ENGINE',
  name: 'AMCA engine co-development',
  description: 'Fifth-generation fighter engine',
  status: 'proposed',
  startDate: '2026-01-01',
  partnerNations: ['US'],
  dpasProgramSymbol: 'A1',
  milestones: [{ title: 'Feasibility study', dueOn: '2026-06-30', status: 'done', completedOn: '2026-06-15' }],
  risks: [{ title: 'Hot-section technology release', likelihood: 3, impact: 5, owner: 'Indian SOSA cell', status: 'open' }],
  ...over,
});

describe('co-production programs', () => {
  const t = useTestApp({ now: '2026-11-23T08:00:00Z' });

  it('lists the F414 engine program for both partner nations, with next milestone and open risks', async () => {
    for (const user of ['in.sosa', 'us.sosa', 'us.auditor']) {
      const list = await t.call(await t.login(user), 'GET', '/programs?q=F414');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items.map((p: any) => p.id), ['IN-LCA-MK2-ENGINE'], user);
      assert.equal(list.body.items[0].nextMilestone.title, 'First India-built hot-section parts qualified');
      assert.equal(list.body.items[0].openRisks, 2);
    }
    assert.equal((await t.call(await t.login('us.supplier'), 'GET', '/programs')).status, 403);
  });

  it("shows the program's priority requests the reader's nation is party to", async () => {
    const r = await buildRequest(t, 'IN->US', 'submitted');
    const detail = await t.call(await t.login('us.sosa'), 'GET', '/programs/IN-LCA-MK2-ENGINE');
    assert.equal(detail.status, 200);
    assert.ok(detail.body.requests.some((q: any) => q.id === r.id));
    assert.equal(detail.body.milestones.length, 3);
  });

  it('creates a program (duplicate code 409, bad milestone 422, nothing half-written); partners edit; others 404', async () => {
    const inSosa = await t.login('in.sosa');
    const before = { p: await count(t, 'programs'), m: await count(t, 'program_milestones') };
    const bad = await t.call(inSosa, 'POST', '/programs', program({ milestones: [{ title: 'x', dueOn: '2026-06-30', status: 'done' }] }));
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'milestones/0/completedOn');
    assert.deepEqual({ p: await count(t, 'programs'), m: await count(t, 'program_milestones') }, before);
    const created = await t.call(inSosa, 'POST', '/programs', program());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.leadNation, 'IN');
    assert.equal(created.body.risks[0].score, 15);
    const dup = await t.call(inSosa, 'POST', '/programs', program({ id: 'IN-LCA-MK2-ENGINE' }));
    assert.equal(dup.status, 409);
    assert.match(dup.body.detail, /already used/);

    const usSosa = await t.login('us.sosa');
    const usNetwork = (await t.ctx.store.db.selectFrom('supply_networks').select('id').where('nation', '=', 'US').executeTakeFirstOrThrow()).id;
    const edited = await t.call(usSosa, 'PUT', '/programs/IN-AMCA-ENGINE', { ...program({ status: 'active', networkId: usNetwork }), id: undefined, version: created.body.version });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.status, 'active');
    assert.equal(edited.body.networkId, usNetwork);
    const stale = await t.call(inSosa, 'PUT', '/programs/IN-AMCA-ENGINE', { ...program(), id: undefined, version: created.body.version });
    assert.equal(stale.status, 409);
    const leaves = await t.call(usSosa, 'PUT', '/programs/IN-AMCA-ENGINE', { ...program({ partnerNations: [] }), id: undefined, version: edited.body.version });
    assert.equal(leaves.status, 422);

    const solo = await t.call(inSosa, 'POST', '/programs', program({ id: 'IN-SOLO', partnerNations: [] }));
    assert.equal(solo.status, 201);
    assert.equal((await t.call(usSosa, 'GET', '/programs/IN-SOLO')).status, 404);
    assert.equal((await t.call(usSosa, 'PUT', '/programs/IN-SOLO', { ...program(), id: undefined, version: 1 })).status, 404);
    assert.equal((await t.call(await t.login('in.auditor'), 'GET', '/programs/IN-SOLO')).status, 200);
    assert.equal((await t.call(await t.login('in.auditor'), 'PUT', '/programs/IN-SOLO', { ...program(), id: undefined, version: 1 })).status, 403);
    assert.equal((await t.call(inSosa, 'GET', '/programs/not a program')).status, 404);
    // A new program is one requests can cite.
    const req = await t.call(inSosa, 'POST', '/requests', { toNation: 'US', title: 'AMCA test', programId: 'IN-AMCA-ENGINE', justification: 'j', urgency: 'routine', classification: 'UNCLASSIFIED', requiredBy: '2027-03-31', items: [{ partNumber: 'P', description: 'd', quantity: 1, unit: 'EA', requiredDeliveryDate: '2027-03-31' }] });
    assert.equal(req.status, 201, JSON.stringify(req.body));
  });
});
