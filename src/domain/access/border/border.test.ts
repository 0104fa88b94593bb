import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DPAS_WORKFLOW } from '../../workflows/dpas-workflow.js';
import { CODE_OF_CONDUCT_WORKFLOW } from '../../workflows/code-of-conduct-workflow.js';
import { borderComments, borderThreadMessage, crossingComments, knowsCompany, mayRead, peerReader, projectHistory, readBasis, spaPartnerNations, spaReadExplainedBy, stoppedByFor, threadCrossesTo, visibleAssignments, type HistoryEventFacts, type RequestFacts } from './index.js';
import { bpf, dea, inAuditor, inSosa, lynn, ohio, testActor, usAuditor, usSosa } from '../test-cast.js';

/** India's request to the US: Lynn rejected its rated order, which then went to Ohio. */
const replaced: RequestFacts = { fromNation: 'IN', toNation: 'US', arrangementId: 'US-IN', supplierOrganisationId: 'OHIO', assignments: [{ organisationId: 'LYNN', status: 'superseded' }, { organisationId: 'OHIO', status: 'placed' }] };
/** A US request to India routed to BPF and DEA, nobody answered yet. */
const routed: RequestFacts = { fromNation: 'US', toNation: 'IN', arrangementId: 'US-IN', supplierOrganisationId: null, assignments: [{ organisationId: 'BPF', status: 'pending' }, { organisationId: 'DEA', status: 'pending' }] };
/** The same after DEA declined and BPF committed. */
const committed: RequestFacts = { ...routed, supplierOrganisationId: 'BPF', assignments: [{ organisationId: 'BPF', status: 'accepted' }, { organisationId: 'DEA', status: 'declined' }] };

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 14, minute));
const step = (minute: number, action: string, actorNation: string, fields: Record<string, unknown> = {}, actorCompany: string | null = null, visibility: 'shared' | 'internal' = 'shared'): HistoryEventFacts => ({ at: at(minute), action, actorNation, actorCompany, fields, visibility });
const replacedHistory = [
  step(0, 'submit', 'IN'),
  step(1, 'authorize_rating', 'US', { rating: 'DO-A1', authorization_reference: 'R-1' }),
  step(2, 'place_rated_order', 'US', { supplier: 'LYNN', order_number: 'PO-1', required_delivery_date: '2027-03-31' }),
  step(3, 'reject_rated_order', 'US', { ground: 'cannot_meet_date', reasons: 'Booked until May.', earliest_possible_date: '2027-05-03' }, 'LYNN'),
  step(4, 'place_rated_order', 'US', { supplier: 'OHIO', order_number: 'PO-2', required_delivery_date: '2027-03-31' }),
];

describe('the border on a request', () => {
  it('a company reads the request only while its line is live', () => {
    assert.deepEqual(readBasis(ohio, replaced), { kind: 'assigned_company' });
    assert.equal(readBasis(lynn, replaced), null, 'its order was rejected and replaced');
    assert.equal(readBasis(dea, committed), null, 'it declined');
    assert.equal(readBasis(bpf, routed)?.kind, 'assigned_company');
    assert.equal(readBasis(testActor('US', ['supplier'], 'OTHER'), replaced), null);
    assert.deepEqual(readBasis(inSosa, replaced), { kind: 'own_nation' });
    assert.deepEqual(readBasis(usSosa, replaced), { kind: 'arrangement', arrangementId: 'US-IN' });
    assert.equal(readBasis(testActor('GB', ['sosa_officer']), replaced), null);
  });

  it('the supplying nation knows every company; a company itself; the requesting nation only the one that performs', () => {
    assert.deepEqual(visibleAssignments(inSosa, routed, routed.assignments).map((a) => a.organisationId), ['BPF', 'DEA']);
    assert.deepEqual(visibleAssignments(usSosa, routed, routed.assignments), [], 'not the shortlist');
    assert.deepEqual(visibleAssignments(usSosa, committed, committed.assignments).map((a) => a.organisationId), ['BPF']);
    assert.deepEqual(visibleAssignments(bpf, routed, routed.assignments).map((a) => a.organisationId), ['BPF']);
    assert.deepEqual(visibleAssignments(inAuditor, replaced, replaced.assignments).map((a) => a.organisationId), ['OHIO']);
    assert.equal(knowsCompany(ohio, replaced, 'LYNN'), false);
  });

  it('a company’s content crosses to the requesting nation only once the company performs', () => {
    const bpfComment = { nation: 'IN', visibility: 'shared' as const, companies: ['BPF'] };
    assert.equal(mayRead(usSosa, routed, bpfComment), false);
    assert.equal(mayRead(dea, routed, bpfComment), false, 'nor to another routed company');
    assert.equal(mayRead(inAuditor, routed, bpfComment), true);
    assert.equal(mayRead(usSosa, committed, bpfComment), true);
    assert.equal(mayRead(usSosa, committed, { nation: 'IN', visibility: 'shared', companies: ['DEA'] }), false);
  });

  it('an internal note stays with the officials of its nation', () => {
    const note = { nation: 'US', visibility: 'internal' as const, companies: [] };
    assert.equal(mayRead(usAuditor, replaced, note), true);
    assert.equal(mayRead(ohio, replaced, note), false);
    assert.equal(mayRead(inSosa, replaced, note), false);
  });

  it('a peer instance reads as its nation’s officials: what crosses to it is what crosses to them', () => {
    const lynnReject = { nation: 'US', visibility: 'shared' as const, companies: ['LYNN'] };
    assert.equal(mayRead(peerReader('IN'), replaced, lynnReject), false);
    assert.equal(mayRead(peerReader('IN'), replaced, { nation: 'US', visibility: 'shared', companies: ['OHIO'] }), true);
    assert.equal(mayRead(peerReader('US'), routed, { nation: 'IN', visibility: 'shared', companies: ['BPF'] }), false);
  });
});

describe('a request’s history across the border', () => {
  it('the next supplier and the requesting nation see neither the first order nor its rejection', () => {
    for (const who of [ohio, inSosa]) {
      const h = projectHistory(who, replaced, DPAS_WORKFLOW, replacedHistory);
      assert.deepEqual(h.events.map((e) => e.action), ['submit', 'authorize_rating', 'place_rated_order']);
      assert.deepEqual(h.fields, { rating: 'DO-A1', authorization_reference: 'R-1', supplier: 'OHIO', order_number: 'PO-2', required_delivery_date: '2027-03-31' });
      assert.deepEqual(h.companyIds, ['OHIO']);
    }
  });

  it('the supplying nation sees both lines, and its merged fields are the row’s merge of every shared step', () => {
    const h = projectHistory(usSosa, replaced, DPAS_WORKFLOW, replacedHistory);
    assert.equal(h.events.length, replacedHistory.length);
    assert.deepEqual(h.fields, Object.assign({}, ...replacedHistory.map((e) => e.fields)));
    assert.deepEqual(h.companyIds.sort(), ['LYNN', 'OHIO']);
  });

  it('a company that declined sees nothing of the committing company; the US nothing of the shortlist', () => {
    const history = [
      step(0, 'submit', 'US'),
      step(1, 'route_to_companies', 'IN', { companies: ['BPF', 'DEA'] }, null, 'internal'),
      step(2, 'decline', 'IN', { reason: 'Line full.' }, 'DEA', 'internal'),
      step(3, 'commit', 'IN', { promised_delivery_date: '2027-01-20', note: 'BPF commits.' }, 'BPF'),
    ];
    assert.deepEqual(projectHistory(usSosa, committed, CODE_OF_CONDUCT_WORKFLOW, history).events.map((e) => e.action), ['submit', 'commit']);
    assert.deepEqual(projectHistory(usSosa, committed, CODE_OF_CONDUCT_WORKFLOW, history).companyIds, []);
    assert.deepEqual(projectHistory(bpf, committed, CODE_OF_CONDUCT_WORKFLOW, history).events.map((e) => e.action), ['submit', 'commit']);
    assert.deepEqual(projectHistory(inSosa, committed, CODE_OF_CONDUCT_WORKFLOW, history).companyIds.sort(), ['BPF', 'DEA']);
  });

  it('names the step that stopped a deadline only to whoever sees that step', () => {
    const deadline = { stoppedAt: at(3), stoppedBy: 'reject_rated_order' };
    assert.equal(stoppedByFor(deadline, projectHistory(usSosa, replaced, DPAS_WORKFLOW, replacedHistory).events), 'reject_rated_order');
    assert.equal(stoppedByFor(deadline, projectHistory(inSosa, replaced, DPAS_WORKFLOW, replacedHistory).events), null);
    assert.equal(stoppedByFor({ stoppedAt: null, stoppedBy: null }, replacedHistory), null);
  });
});

describe('the partner view of an SPA', () => {
  it('crosses to the requesting nation only while the filer performs its request', () => {
    assert.deepEqual(spaPartnerNations('US', [{ orderCompany: 'OHIO', request: { id: 'R1', ...replaced } }]), ['IN']);
    assert.deepEqual(spaPartnerNations('US', [{ orderCompany: 'LYNN', request: { id: 'R1', ...replaced } }]), []);
  });

  it("names the partner's requests that explain its read (issue #13: what spa.set carries), and none once the filer no longer performs", () => {
    const links = [{ orderCompany: 'OHIO', request: { id: 'R1', ...replaced } }, { orderCompany: 'OHIO', request: { id: 'R1', ...replaced } }, { orderCompany: 'LYNN', request: { id: 'R2', ...replaced } }];
    assert.deepEqual(spaReadExplainedBy('US', links, 'IN'), [{ id: 'R1', arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' }]);
    assert.deepEqual(spaReadExplainedBy('US', links, 'GB'), []);
    assert.deepEqual(spaReadExplainedBy('US', links.slice(2), 'IN'), []);
  });
});

describe('comments across the border (issue #13)', () => {
  const note = (id: string, nation: string, visibility: 'shared' | 'internal', organisation_id: string, organisation_kind = 'government') => ({
    id,
    nation,
    visibility,
    body: `${id} body`,
    created_at: at(5),
    display_name: `${id} writer`,
    organisation_id,
    organisation_kind,
    organisation_name: `${organisation_id} name`,
  });
  // India's request to the US, its order replaced: comments by both nations and both companies.
  const comments = [
    note('us-shared', 'US', 'shared', 'US-ministry'),
    note('us-internal', 'US', 'internal', 'US-ministry'),
    note('in-internal', 'IN', 'internal', 'IN-ministry'),
    note('lynn-shared', 'US', 'shared', 'LYNN', 'company'),
    note('ohio-shared', 'US', 'shared', 'OHIO', 'company'),
  ];

  it('a user of the other nation and the peer instance of that nation read the same shared comments', () => {
    assert.deepEqual(crossingComments(inSosa, replaced, comments).map((c) => c.id), ['us-shared', 'in-internal', 'ohio-shared']);
    assert.deepEqual(borderComments(peerReader('IN'), replaced, comments).map((c) => c.id), ['us-shared', 'ohio-shared']);
  });

  it('a peer instance reads no internal note, not even one its own nation wrote on the other desk', () => {
    assert.equal(mayRead(peerReader('IN'), replaced, { nation: 'IN', visibility: 'internal', companies: [] }), false);
    assert.equal(mayRead(inSosa, replaced, { nation: 'IN', visibility: 'internal', companies: [] }), true);
  });

  it('a crossing comment names its writer by name, nation and organisation, without any id of the writer', () => {
    assert.deepEqual(borderComments(peerReader('IN'), replaced, comments)[1], {
      id: 'ohio-shared',
      author: { displayName: 'ohio-shared writer', nation: 'US', organisation: 'OHIO name' },
      visibility: 'shared',
      body: 'ohio-shared body',
      createdAt: at(5).toISOString(),
    });
  });
});

describe('threads on a request across the border (issue #13)', () => {
  const official = (nation: string, visibility: 'shared' | 'internal' = 'shared') => ({ nation, visibility, companies: [] });
  const row = (nation: string, visibility: 'shared' | 'internal') => ({ id: 'm1', nation, visibility, body: 'words', created_at: at(6), display_name: 'Writer', organisation: null });
  const shared = { subjectKind: 'request', nations: ['US', 'IN'] };

  it("an official's shared thread crosses to the peer of the request's other nation; an internal one, or one without its request, does not", () => {
    assert.equal(threadCrossesTo(shared, 'IN', { request: replaced, creator: official('US') }), true);
    assert.equal(threadCrossesTo({ ...shared, nations: ['US'] }, 'IN', { request: replaced, creator: official('US', 'internal') }), false);
    assert.equal(threadCrossesTo(shared, 'IN', null), false);
    assert.equal(threadCrossesTo(shared, 'GB', { request: replaced, creator: official('US') }), false);
  });

  it("a company's words stay on its instance, even the performing company's, which the other nation may read on a shared instance", () => {
    const ohio = { nation: 'US', visibility: 'shared' as const, companies: ['OHIO'] };
    assert.equal(mayRead(inSosa, replaced, ohio), true, 'India reads Ohio on a shared instance');
    assert.equal(threadCrossesTo(shared, 'IN', { request: replaced, creator: ohio }), false);
    const subject = { request: replaced, creator: official('US') };
    assert.equal(borderThreadMessage(peerReader('IN'), shared, row('US', 'shared'), { subject, author: ohio }), null);
    assert.equal(borderThreadMessage(peerReader('IN'), shared, row('US', 'internal'), { subject, author: official('US', 'internal') }), null);
    assert.equal(borderThreadMessage(peerReader('IN'), shared, row('US', 'shared'), { subject, author: official('US') })?.body, 'words');
  });
});
