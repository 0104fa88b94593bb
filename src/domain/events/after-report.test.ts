import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAfterReport, spanText, type AfterReportFacts, type ProgramLoss } from './after-report.js';

const loss = (program: string, lostUnits: number, lostValue: number, networkId = 'n1'): ProgramLoss => ({ networkId, networkName: 'F414', currency: 'USD', program, lostUnits, lostValue });

const facts = (over: Partial<AfterReportFacts> = {}): AfterReportFacts => ({
  event: { startedAt: '2026-11-01T06:00:00Z', recordedAt: '2026-11-01T09:30:00Z', closedAt: '2026-11-20T12:00:00Z' },
  firstRequestSubmittedAt: '2026-11-03T08:00:00Z',
  sites: [
    { networkId: 'n1', nodeId: 'koraput', part: 'combustor', history: [{ status: 'confirmed', setAt: '2026-11-01T12:00:00Z' }, { status: 'recovering', setAt: '2026-11-08T00:00:00Z' }, { status: 'restored', setAt: '2026-11-15T18:00:00Z' }] },
    { networkId: 'n1', nodeId: 'nashik', part: 'kit', history: [{ status: 'confirmed', setAt: '2026-11-02T00:00:00Z' }, { status: 'restored', setAt: '2026-11-10T06:00:00Z' }] },
    { networkId: 'n1', nodeId: 'pune', part: 'seal', history: [{ status: 'noImpact', setAt: '2026-11-01T20:00:00Z' }] },
  ],
  noAction: { status: 'ready', programs: [loss('F414 fleet spares', 120, 600_000), loss('LCA Mk2', 10, 90_000)] },
  withAnswers: { status: 'ready', programs: [loss('F414 fleet spares', 80, 400_000)] },
  withAction: { status: 'ready', programs: [loss('F414 fleet spares', 30, 150_000)] },
  ...over,
});

describe('after report of a closed event', () => {
  it('spans read in days and hours, hours and minutes, or minutes; before the start says so', () => {
    assert.equal(spanText(3.5 * 3_600_000), '3 h 30 min');
    assert.equal(spanText((2 * 24 + 2) * 3_600_000), '2 d 2 h');
    assert.equal(spanText(14 * 24 * 3_600_000), '14 d');
    assert.equal(spanText(40 * 60_000), '40 min');
    assert.equal(spanText(-2 * 3_600_000), '2 h before the start');
  });

  it('milestones: recorded 3 h 30 min after the start, first request after 2 d 2 h, all hit sites restored after 14 d 12 h (the last of them)', () => {
    const r = buildAfterReport(facts());
    assert.deepEqual(r.milestones.recorded.sinceStart, { hours: 3.5, text: '3 h 30 min' });
    assert.deepEqual(r.milestones.firstRequest.sinceStart, { hours: 50, text: '2 d 2 h' });
    // Koraput restored 15 Nov 18:00 (the later of the two hit sites); Pune had no impact and does not count.
    assert.equal(r.milestones.restored.at, '2026-11-15T18:00:00Z');
    assert.deepEqual(r.milestones.restored.sinceStart, { hours: 348, text: '14 d 12 h' });
    assert.deepEqual([r.milestones.restored.sitesHit, r.milestones.restored.sitesRestored], [2, 2]);
    assert.deepEqual(r.milestones.closed.sinceStart, { hours: 462, text: '19 d 6 h' });
    assert.deepEqual(r.sites.map((s) => [s.nodeId, s.statusLabel]), [['koraput', 'Restored'], ['nashik', 'Restored'], ['pune', 'No impact']]);
  });

  it('a milestone that did not happen says so: no request submitted; a hit site not restored (one left Potential counts as hit)', () => {
    const r = buildAfterReport(facts({ firstRequestSubmittedAt: null, sites: [...facts().sites, { networkId: 'n1', nodeId: 'hosur', part: 'disc', history: [] }] }));
    assert.deepEqual(r.milestones.firstRequest, { at: null, sinceStart: { hours: null, text: 'no request was submitted' } });
    assert.equal(r.milestones.restored.at, null);
    assert.equal(r.milestones.restored.sinceStart.text, 'not yet: 1 of 3 sites hit not restored at the close');
    const none = buildAfterReport(facts({ sites: [facts().sites[2]!] }));
    assert.equal(none.milestones.restored.sinceStart.text, 'no site was hit (every struck site had no impact)');
  });

  it('per program: avoided = no action − with action, of which the partner supply = with answers − with action; a program absent from an analysis lost nothing there', () => {
    const r = buildAfterReport(facts());
    assert.equal(r.comparison.status, 'ready');
    const f414 = r.comparison.programs.find((p) => p.program === 'F414 fleet spares')!;
    assert.deepEqual(f414.avoided, { lostUnits: 90, lostValue: 450_000 });
    assert.deepEqual(f414.avoidedBySupply, { lostUnits: 50, lostValue: 250_000 });
    const lca = r.comparison.programs.find((p) => p.program === 'LCA Mk2')!;
    assert.deepEqual([lca.noAction.lostUnits, lca.withAnswers.lostUnits, lca.withAction.lostUnits, lca.avoided.lostUnits], [10, 0, 0, 10]);
    assert.deepEqual(r.comparison.totals, [{ currency: 'USD', noActionValue: 690_000, withActionValue: 150_000, avoidedValue: 540_000 }]);
  });

  it('the comparison waits for every analysis: computing while one is, failed when one failed', () => {
    assert.equal(buildAfterReport(facts({ withAction: { status: 'computing' } })).comparison.status, 'computing');
    assert.equal(buildAfterReport(facts({ noAction: { status: 'failed' }, withAction: { status: 'computing' } })).comparison.status, 'failed');
  });
});
