// Impact surveys and site status over HTTP (issue #15, "Ask the suppliers"): the analyst asks the
// companies whose sites an event strikes, each answers for its own sites only, and the answer
// replaces the modelled assumption in the event's impact — the numbers move.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeLpWorkerPools } from '../../analytics/disruption/index.js';
import { eventWithImpact } from '../../testing/event-impact.js';
import { useTestApp } from '../../testing/use-test-app.js';

const ENGINE = 'F414-INS6 engine co-production';
const FIRE = {
  title: 'Fire at the Pune blade shop and a Hyderabad avionics flood (test)',
  kind: 'siteIncident',
  where: [
    { kind: 'site', nodeId: 'Bharat Precision blades' },
    { kind: 'site', nodeId: 'Deccan FADEC' },
    { kind: 'site', nodeId: 'Rhenium (US recycled)' },
  ],
  startedAt: '2026-11-20T00:00:00Z',
  expectedRecoveryAt: '2027-02-18T00:00:00Z',
  confidence: 'confirmed',
};

type Program = { program: string; survives: boolean; lostUnits: number; daysUntilOutputStops: number | null };
type Struck = { nodeId: string; assumption: any };

describe('impact surveys: send, answer, the impact changes; per-site status', () => {
  const t = useTestApp();
  let analyst: string;
  let eventId: string;
  let engineId: string;
  let bpfSurvey: string;
  let deaSurvey: string;

  const engine = async () => {
    // The impact is computed in the background, with the answers as part of its inputs: wait for it.
    const res = await eventWithImpact(t, analyst, eventId);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.impact.networks.find((n: { networkName: string }) => n.networkName === ENGINE);
  };
  const program = (net: { programs: Program[] }, name: string) => net.programs.find((p) => p.program === name)!;
  const struck = (net: { struckNodes: Struck[] }, id: string) => net.struckNodes.find((s) => s.nodeId === id)!;

  before(async () => {
    analyst = await t.login('in.analyst');
    const res = await t.call(analyst, 'POST', '/events', FIRE);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    eventId = res.body.id;
  });
  after(() => closeLpWorkerPools());

  it('lists the struck sites with their companies: BPF and DEA can be asked, the US rhenium recycler links to no company', async () => {
    const net = await engine();
    engineId = net.networkId;
    assert.deepEqual(struck(net, 'Bharat Precision blades').assumption, { disrupted: true, disruptedFrom: 'modelled', outageDays: 90, outageFrom: 'modelled', stock: { unit: 'units', amount: 1 }, stockFrom: 'modelled', capacityDuringOutagePerDay: 0, capacityDuringOutageFrom: 'modelled', answer: null, status: null });
    const res = await t.call(await t.login('in.sosa'), 'GET', `/events/${eventId}/surveys`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const sites = res.body.sites.filter((s: { networkId: string }) => s.networkId === engineId);
    assert.deepEqual(sites.map((s: any) => [s.nodeId, s.company?.shortName ?? null, s.unreachable, s.status]).sort(), [
      ['Bharat Precision blades', 'BPF', null, 'potential'],
      ['Deccan FADEC', 'DEA', null, 'potential'],
      ['Rhenium (US recycled)', null, 'noLink', 'potential'],
    ]);
    assert.deepEqual(res.body.toAsk.map((c: { shortName: string }) => c.shortName).sort(), ['BPF', 'DEA']);
    assert.deepEqual(res.body.actions, ['send']);
    const auditor = await t.call(await t.login('in.auditor'), 'GET', `/events/${eventId}/surveys`);
    assert.deepEqual([auditor.status, auditor.body.actions], [200, []], 'the auditor reads, and may do nothing');
  });

  it('the analyst sends the survey: one per company, audited, each company told in the app; sending again is 409', async () => {
    const res = await t.call(analyst, 'POST', `/events/${eventId}/surveys`);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.surveys.map((s: any) => [s.company.shortName, s.state, s.sites.map((x: { nodeId: string }) => x.nodeId)]), [
      ['BPF', 'open', ['Bharat Precision blades']],
      ['DEA', 'open', ['Deccan FADEC']],
    ]);
    bpfSurvey = res.body.surveys[0].id;
    deaSurvey = res.body.surveys[1].id;
    assert.deepEqual(res.body.toAsk, []);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'actor']).where('action', '=', 'event.survey_sent').execute();
    assert.deepEqual(audit, [{ action: 'event.survey_sent', actor: 'in.analyst' }, { action: 'event.survey_sent', actor: 'in.analyst' }]);
    const bell = await t.call(await t.login('in.supplier'), 'GET', '/notifications');
    const note = bell.body.items.find((n: { kind: string }) => n.kind === 'event_survey');
    assert.equal(note.link, `/surveys/${bpfSurvey}`);
    assert.ok(!/HAL|Koraput|Deccan|F414|Pune blade shop/.test(JSON.stringify(note)), 'the notification names nothing but the company’s own survey');
    assert.equal((await t.call(analyst, 'POST', `/events/${eventId}/surveys`, {})).status, 409);
  });

  it('a company sees its own survey only, and nothing of the event the nation wrote or of the other companies', async () => {
    const bpf = await t.login('in.supplier');
    const list = await t.call(bpf, 'GET', '/surveys');
    assert.equal(list.status, 200);
    // Its own: this survey and the demo event's (the demo asked BPF about the cyclone), not DEA's.
    const own = await t.ctx.store.db.selectFrom('event_surveys').innerJoin('organisations', 'organisations.id', 'event_surveys.organisation_id').select('event_surveys.id').where('organisations.short_name', '=', 'BPF').execute();
    assert.equal(own.length, 2);
    assert.deepEqual(list.body.items.map((s: { id: string }) => s.id).sort(), own.map((r) => r.id).sort());
    assert.ok(list.body.items.some((s: { id: string }) => s.id === bpfSurvey) && !list.body.items.some((s: { id: string }) => s.id === deaSurvey));
    const one = await t.call(bpf, 'GET', `/surveys/${bpfSurvey}`);
    assert.deepEqual([one.status, one.body.eventKind, one.body.eventOpen, one.body.actions, one.body.sites], [200, 'siteIncident', true, ['answer'], [{ networkId: engineId, nodeId: 'Bharat Precision blades', part: 'HPT blade set' }]]);
    const text = JSON.stringify([list.body, one.body]);
    for (const secret of ['Fire at the Pune', 'Deccan', 'HAL', 'F414', 'LCA', 'fleet spares', ENGINE]) assert.ok(!text.includes(secret), `the company does not read "${secret}"`);
    for (const user of ['in.supplier2', 'us.supplier']) assert.equal((await t.call(await t.login(user), 'GET', `/surveys/${bpfSurvey}`)).status, 404, user);
    assert.equal((await t.call(await t.login('us.supplier'), 'POST', `/surveys/${bpfSurvey}/answer`, { sites: [{ networkId: engineId, nodeId: 'Bharat Precision blades', affected: false }] })).status, 404);
    for (const user of ['in.analyst', 'in.auditor', 'in.sosa']) assert.equal((await t.call(await t.login(user), 'GET', '/surveys')).status, 403, user);
    for (const user of ['us.analyst', 'us.sosa', 'us.auditor']) assert.equal((await t.call(await t.login(user), 'GET', `/events/${eventId}/surveys`)).status, 404, user);
    assert.equal((await t.call(bpf, 'GET', `/events/${eventId}/surveys`)).status, 403);
  });

  it('bad answers are named by field, and nothing is stored', async () => {
    const bpf = await t.login('in.supplier');
    const res = await t.call(bpf, 'POST', `/surveys/${bpfSurvey}/answer`, { sites: [{ networkId: engineId, nodeId: 'Deccan FADEC', affected: true, stockUnits: -2, expectedRecoveryOn: 'soon' }], extra: 1 });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field).sort(), ['extra', 'sites/0/expectedRecoveryOn', 'sites/0/stockUnits']);
    const other = await t.call(bpf, 'POST', `/surveys/${bpfSurvey}/answer`, { sites: [{ networkId: engineId, nodeId: 'Deccan FADEC', affected: false, alternativeCapacityPerDay: 1 }] });
    assert.deepEqual(other.body.errors, [
      { field: 'sites/0/nodeId', message: '"Deccan FADEC" is not a site this survey asks about' },
      { field: 'sites/0/alternativeCapacityPerDay', message: 'only for a site the event affects' },
      { field: 'sites', message: '"Bharat Precision blades" is not answered' },
    ]);
    const early = await t.call(bpf, 'POST', `/surveys/${bpfSurvey}/answer`, { sites: [{ networkId: engineId, nodeId: 'Bharat Precision blades', affected: true, expectedRecoveryOn: '2026-11-01' }] });
    assert.deepEqual(early.body.errors, [{ field: 'sites/0/expectedRecoveryOn', message: 'before the event started (2026-11-20)' }]);
    assert.equal((await t.call(bpf, 'GET', `/surveys/${bpfSurvey}`)).body.state, 'open');
    const rows = await t.ctx.store.db.selectFrom('event_site_status').select('seq').execute();
    assert.equal(rows.length, 0);
  });

  it("BPF answers 'not affected': its site is No impact, out of the analysis, and the spares program that stopped now survives", async () => {
    const before = await engine();
    assert.deepEqual(
      [program(before, 'F414 fleet spares').survives, program(before, 'F414 fleet spares').lostUnits],
      // 90 days × 0.3 kits/day = 27 kits; 10 kits in stock + 1 blade set at BPF = 11: 16 lost.
      [false, 16],
    );
    const res = await t.call(await t.login('in.supplier'), 'POST', `/surveys/${bpfSurvey}/answer`, { sites: [{ networkId: engineId, nodeId: 'Bharat Precision blades', affected: false }], comment: 'Fire was in the canteen, not the shop.' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.state, res.body.answeredBy], ['answered', 'in.supplier']);
    const after = await engine();
    const bpf = struck(after, 'Bharat Precision blades').assumption;
    assert.deepEqual([bpf.disrupted, bpf.disruptedFrom, bpf.answer.company, bpf.status.status, bpf.status.via], [false, 'answer', 'BPF', 'noImpact', 'answer']);
    assert.ok(!after.endItems.some((k: { causes: Array<{ nodeId: string }> }) => k.causes.some((c) => c.nodeId === 'Bharat Precision blades')), 'no longer a cause');
    assert.deepEqual([program(after, 'F414 fleet spares').survives, program(after, 'F414 fleet spares').lostUnits], [true, 0]);
    const panel = await t.call(analyst, 'GET', `/events/${eventId}/surveys`);
    const bpfSite = panel.body.sites.find((s: { nodeId: string }) => s.nodeId === 'Bharat Precision blades');
    assert.deepEqual(bpfSite.history.map((h: any) => [h.status, h.setBy, h.via, h.note]), [['noImpact', 'in.supplier', 'answer', "BPF's answer"]]);
    assert.equal(panel.body.surveys[0].answer.comment, 'Fire was in the canteen, not the shop.');
    const audit = await t.ctx.store.db.selectFrom('audit_events').select(['action', 'actor', 'entity_id']).where('action', '=', 'event.survey_answered').execute();
    assert.deepEqual(audit, [{ action: 'event.survey_answered', actor: 'in.supplier', entity_id: bpfSurvey }]);
  });

  it('DEA answers affected with stock, a recovery date and alternative capacity: each replaces the modelled figure, and the Tejas engine program that stopped on day 60 now survives', async () => {
    const before = await engine();
    const tejasBefore = program(before, 'LCA Tejas Mk2');
    const res = await t.call(await t.login('in.supplier2'), 'POST', `/surveys/${deaSurvey}/answer`, {
      sites: [{ networkId: engineId, nodeId: 'Deccan FADEC', affected: true, stockUnits: 3, expectedRecoveryOn: '2026-12-20', alternativeCapacityPerDay: 0.05 }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = await engine();
    const fadec = struck(after, 'Deccan FADEC').assumption;
    assert.deepEqual(
      [fadec.disrupted, fadec.outageDays, fadec.outageFrom, fadec.stock, fadec.stockFrom, fadec.capacityDuringOutagePerDay, fadec.capacityDuringOutageFrom, fadec.answer.company, fadec.status.status],
      [true, 30, 'answer', { unit: 'units', amount: 3 }, 'answer', 0.05, 'answer', 'DEA', 'confirmed'],
    );
    const tejas = program(after, 'LCA Tejas Mk2');
    // Modelled: 90 days × 0.1 engines/day = 9 engines; 4 in stock + 2 FADEC units = 6: 3 lost, output stops on day 60.
    assert.deepEqual([tejasBefore.survives, tejasBefore.lostUnits, tejasBefore.daysUntilOutputStops], [false, 3, 60]);
    // Answered: 3 FADEC units on hand, out 30 of the 90 days making 0.05/day meanwhile — (0.05·30 + 0.5·60)/90 = 0.35/day ≥ 0.1.
    assert.deepEqual([tejas.survives, tejas.lostUnits, tejas.daysUntilOutputStops], [true, 0, null]);
  });

  it("the analyst moves a site's status with a note; a move the rules refuse is 409 naming status; the history keeps who and when", async () => {
    const set = (status: string, note = '') => t.call(analyst, 'POST', `/events/${eventId}/sites/status`, { networkId: engineId, nodeId: 'Deccan FADEC', status, note });
    const recovering = await set('recovering', 'Line 2 running on generator power');
    assert.equal(recovering.status, 200, JSON.stringify(recovering.body));
    const site = recovering.body.sites.find((s: { nodeId: string }) => s.nodeId === 'Deccan FADEC');
    assert.deepEqual(site.history.map((h: any) => [h.status, h.setBy, h.via]), [['confirmed', 'in.supplier2', 'answer'], ['recovering', 'in.analyst', 'analyst']]);
    assert.deepEqual(site.actions, ['confirmed', 'restored']);
    const refused = await set('noImpact');
    assert.equal(refused.status, 409);
    assert.equal(refused.body.errors[0].field, 'status');
    assert.equal((await set('potential')).status, 422);
    assert.equal((await t.call(await t.login('in.auditor'), 'POST', `/events/${eventId}/sites/status`, { networkId: engineId, nodeId: 'Deccan FADEC', status: 'restored' })).status, 403);
    assert.equal((await t.call(await t.login('us.analyst'), 'POST', `/events/${eventId}/sites/status`, { networkId: engineId, nodeId: 'Deccan FADEC', status: 'restored' })).status, 404);
    const stranger = await t.call(analyst, 'POST', `/events/${eventId}/sites/status`, { networkId: engineId, nodeId: 'MIDHANI superalloy', status: 'confirmed' });
    assert.deepEqual([stranger.status, stranger.body.errors[0].field], [422, 'nodeId']);
    const restored = await set('restored', 'Back to full rate');
    assert.equal(restored.status, 200);
    const audit = await t.ctx.store.db.selectFrom('audit_events').select('data').where('action', '=', 'event.site_status').execute();
    assert.deepEqual(audit.map((a: any) => [a.data.from, a.data.to]), [['confirmed', 'recovering'], ['recovering', 'restored']]);
  });

  it('sending to a company that is not struck is named; a survey id that is no uuid is 404', async () => {
    const res = await t.call(analyst, 'POST', `/events/${eventId}/surveys`, { companies: ['00000000-0000-4000-8000-000000000000'] });
    assert.deepEqual([res.status, res.body.errors[0].field], [422, 'companies/0']);
    assert.equal((await t.call(await t.login('in.supplier'), 'GET', '/surveys/nope')).status, 404);
  });
});
