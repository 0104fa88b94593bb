import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysUntil, findOverlaps, periodsOverlap, postingStatusOn } from './posting-overlap.js';
import { federalSupplyClass, matchCandidate, rankSubscribers, sectorOfProgramSymbol, type Candidate } from './rank-subscribers.js';
import { allowedStatusChanges, mayBeRouted, statusChangeProblems } from './subscription-status.js';

const record = (over: Partial<Candidate['record']> = {}): Candidate['record'] => ({ received: 0, committed: 0, declined: 0, delivered: 0, deliveredOnTime: 0, ...over });
const BLADES = { programSymbol: 'A1', items: [{ partNumber: 'F414-HPT-B1', nsn: '2840-01-555-0101', description: 'HPT turbine blade, single crystal' }] };

describe('ranking Code of Conduct subscribers for a US request', () => {
  it('reads the Federal Supply Class as the first 4 digits of a 13-digit NSN', () => {
    assert.equal(federalSupplyClass('2840-01-555-0101'), '2840');
    assert.equal(federalSupplyClass('2840015550101'), '2840');
    assert.equal(federalSupplyClass('2840-01-555'), null);
    assert.equal(federalSupplyClass(null), null);
  });
  it('maps Schedule I program symbols to sectors (700.11)', () => {
    assert.equal(sectorOfProgramSymbol('A1'), 'aircraft');
    assert.equal(sectorOfProgramSymbol('A6'), 'ammunition');
    assert.equal(sectorOfProgramSymbol('C9'), null);
  });
  it('puts the firm whose catalogue matches the part and FSC before one with a better track record', () => {
    const forge: Candidate = { organisationId: 'f', name: 'Forge', capabilities: [{ fsc: '2840', sector: 'aircraft', description: 'Turbine blade forgings', partNumbers: ['F414-HPT-B1'] }], record: record() };
    const star: Candidate = { organisationId: 's', name: 'Star avionics', capabilities: [{ fsc: '5895', sector: 'electronics', description: 'Radios', partNumbers: [] }], record: record({ received: 9, committed: 9, delivered: 9, deliveredOnTime: 9 }) };
    const ranked = rankSubscribers(BLADES, [star, forge]);
    assert.deepEqual(ranked.map((r) => r.organisationId), ['f', 's']);
    assert.equal(ranked[0]!.matchScore, 10 + 5 + 2 + 2); // part, FSC, sector, "turbine" + "blade"
    assert.equal(ranked[1]!.matchScore, 0);
    assert.ok(ranked[0]!.reasons.some((r) => r.includes('FSC 2840')));
  });
  it('breaks equal matches by on-time delivery, then commitment rate, then name', () => {
    const cap = [{ fsc: '2840', sector: 'aircraft', description: 'x', partNumbers: [] }];
    const late: Candidate = { organisationId: 'late', name: 'A late', capabilities: cap, record: record({ committed: 4, delivered: 4, deliveredOnTime: 1 }) };
    const punctual: Candidate = { organisationId: 'punctual', name: 'Z punctual', capabilities: cap, record: record({ committed: 2, delivered: 2, deliveredOnTime: 2 }) };
    const fresh: Candidate = { organisationId: 'fresh', name: 'B fresh', capabilities: cap, record: record() };
    const fresh2: Candidate = { organisationId: 'fresh2', name: 'A fresh', capabilities: cap, record: record() };
    assert.deepEqual(rankSubscribers(BLADES, [fresh, late, punctual, fresh2]).map((r) => r.organisationId), ['punctual', 'late', 'fresh2', 'fresh']);
  });
  it('counts each request line once, by its best capability', () => {
    const caps = [
      { fsc: '2840', sector: 'other', description: 'a', partNumbers: [] },
      { fsc: '2840', sector: 'other', description: 'b', partNumbers: ['F414-HPT-B1'] },
    ];
    assert.equal(matchCandidate({ programSymbol: null, items: BLADES.items }, caps).score, 15);
  });
  it('has no match without items, sector or words in common', () => {
    assert.deepEqual(matchCandidate({ programSymbol: 'C9', items: [] }, [{ fsc: '2840', sector: 'aircraft', description: 'blades', partNumbers: [] }]), { score: 0, reasons: [] });
  });
});

describe('liaison postings: one officer, one posting at a time', () => {
  it('sees overlap when the periods share a day, both ends inclusive', () => {
    assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: '2025-12-31' }, { startDate: '2025-12-31', endDate: '2026-06-30' }), true);
    assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: '2025-12-31' }, { startDate: '2026-01-01', endDate: null }), false);
    assert.equal(periodsOverlap({ startDate: '2025-01-01', endDate: null }, { startDate: '2030-01-01', endDate: '2030-02-01' }), true);
    assert.equal(periodsOverlap({ startDate: '2026-03-01', endDate: '2026-03-10' }, { startDate: '2026-01-01', endDate: '2026-12-31' }), true);
  });
  it('names the conflicting postings and ignores the posting being edited', () => {
    const existing = [
      { id: 'indopacom', startDate: '2024-04-01', endDate: '2026-03-31' },
      { id: 'socom', startDate: '2026-04-01', endDate: null },
    ];
    assert.deepEqual(findOverlaps({ id: 'new', startDate: '2026-01-01', endDate: '2026-06-30' }, existing).map((p) => p.id), ['indopacom', 'socom']);
    assert.deepEqual(findOverlaps({ id: 'indopacom', startDate: '2024-04-01', endDate: '2026-03-31' }, existing), []);
  });
  it('derives status from the dates and counts days to the end', () => {
    const p = { startDate: '2024-04-01', endDate: '2026-12-15' };
    assert.equal(postingStatusOn(p, '2024-03-31'), 'planned');
    assert.equal(postingStatusOn(p, '2026-12-15'), 'active');
    assert.equal(postingStatusOn(p, '2026-12-16'), 'ended');
    assert.equal(daysUntil('2026-12-15', '2026-11-23'), 22);
    assert.equal(daysUntil(null, '2026-11-23'), null);
  });
});

describe('Code of Conduct subscription status changes', () => {
  const base = { currentSince: '2024-11-15', effectiveOn: '2026-11-01', reason: 'not renewed', today: '2026-11-23' };
  it('lets an active subscription lapse or be withdrawn, and a lapsed one be renewed', () => {
    assert.deepEqual(statusChangeProblems({ ...base, from: 'active', to: 'lapsed' }), []);
    assert.deepEqual(statusChangeProblems({ ...base, from: 'lapsed', to: 'active', reason: '' }), []);
    assert.deepEqual(allowedStatusChanges('withdrawn'), ['active']);
  });
  it('refuses a change to the same status, a missing reason, and dates before the current status or in the future', () => {
    assert.deepEqual(statusChangeProblems({ ...base, from: 'active', to: 'active' }).map((e) => e.field), ['status']);
    assert.deepEqual(statusChangeProblems({ ...base, from: 'active', to: 'withdrawn', reason: ' ' }).map((e) => e.field), ['reason']);
    assert.deepEqual(statusChangeProblems({ ...base, from: 'active', to: 'lapsed', effectiveOn: '2024-11-14' }).map((e) => e.field), ['effectiveOn']);
    assert.deepEqual(statusChangeProblems({ ...base, from: 'active', to: 'lapsed', effectiveOn: '2026-11-24' }).map((e) => e.field), ['effectiveOn']);
  });
  it('routes requests only to active subscribers', () => {
    assert.equal(mayBeRouted('active'), true);
    assert.equal(mayBeRouted('lapsed'), false);
    assert.equal(mayBeRouted('withdrawn'), false);
  });
});
