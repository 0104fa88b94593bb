// One store: pure domain rules (no database).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../errors.js';
import { assertSiteTransition, nextSiteStatuses, SITE_STATUSES, statusFromAnswer, type SiteStatus } from './site-status.js';
import { checkAnswer, recoveryDays, SURVEY_ANSWER_SCHEMA } from './survey-answer.js';

const refused = (from: SiteStatus, to: SiteStatus) => {
  try {
    assertSiteTransition(from, to);
    return null;
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'ACTION_NOT_ALLOWED_IN_STATE');
    assert.equal(error.errors[0]!.field, 'status');
    return error.errors[0]!.message;
  }
};

describe('per-site status of a disruption event (issue #15)', () => {
  it('follows Potential → Confirmed / No impact → Recovering → Restored', () => {
    assert.equal(refused('potential', 'confirmed'), null);
    assert.equal(refused('potential', 'noImpact'), null);
    assert.equal(refused('confirmed', 'recovering'), null);
    assert.equal(refused('recovering', 'restored'), null);
    assert.equal(refused('confirmed', 'restored'), null, 'a site may come back without a recovering phase');
  });

  it('lets a first report be corrected both ways, and a recovering site fall back', () => {
    assert.equal(refused('confirmed', 'noImpact'), null);
    assert.equal(refused('noImpact', 'confirmed'), null);
    assert.equal(refused('recovering', 'confirmed'), null);
  });

  it('refuses skipping ahead, going back to Potential, staying put, and anything after Restored — saying what is allowed', () => {
    assert.match(refused('potential', 'recovering')!, /cannot become Recovering \(it may become Confirmed or No impact\)/);
    assert.match(refused('potential', 'restored')!, /cannot become Restored/);
    assert.match(refused('noImpact', 'recovering')!, /may become Confirmed\)/);
    assert.match(refused('confirmed', 'confirmed')!, /already Confirmed/);
    for (const s of SITE_STATUSES) assert.ok(refused(s, 'potential') !== null, `${s} → potential`);
    for (const s of SITE_STATUSES) assert.match(refused('restored', s)!, s === 'restored' ? /already Restored/ : /Restored is final/);
    assert.deepEqual(nextSiteStatuses('restored'), []);
  });

  it("a company's answer sets Confirmed or No impact where the site may go there, and never undoes the nation's later knowledge", () => {
    assert.equal(statusFromAnswer('potential', true), 'confirmed');
    assert.equal(statusFromAnswer('potential', false), 'noImpact');
    assert.equal(statusFromAnswer('confirmed', false), 'noImpact');
    assert.equal(statusFromAnswer('noImpact', true), 'confirmed');
    assert.equal(statusFromAnswer('confirmed', true), null, 'already there');
    assert.equal(statusFromAnswer('recovering', true), null);
    assert.equal(statusFromAnswer('recovering', false), null);
    assert.equal(statusFromAnswer('restored', true), null);
  });
});

describe("a company's survey answer", () => {
  const NET = '6f1c1a52-7d1e-4c47-9a39-0c0d7f7f0b01';
  const asked = [
    { networkId: NET, nodeId: 'Bharat Precision blades' },
    { networkId: NET, nodeId: 'Titanium forgings (IN)' },
  ];
  const started = '2026-11-28T00:30:00.000Z';

  it('counts recovery days from the event start to the answered date', () => {
    assert.equal(recoveryDays(started, '2026-12-28'), 30);
    assert.equal(recoveryDays(started, '2026-11-28'), 0);
  });

  it('accepts one answer per asked site; figures only for an affected site', () => {
    const answer = SURVEY_ANSWER_SCHEMA.parse({ sites: [{ ...asked[0], affected: true, stockUnits: 4, expectedRecoveryOn: '2026-12-20', alternativeCapacityPerDay: 0.1 }, { ...asked[1], affected: false }] });
    assert.deepEqual(checkAnswer(answer, asked, started), []);
    assert.equal(answer.comment, '');
  });

  it('names each bad field: an unknown or doubled site, a missing one, figures for an unaffected site, a date before the start', () => {
    const answer = SURVEY_ANSWER_SCHEMA.parse({
      sites: [
        { ...asked[0], affected: true, expectedRecoveryOn: '2026-11-01' },
        { ...asked[0], affected: false, stockUnits: 3 },
        { networkId: NET, nodeId: 'HAL-Koraput combustor', affected: true, expectedRecoveryOn: '2045-01-01' },
      ],
    });
    assert.deepEqual(checkAnswer(answer, asked, started), [
      { field: 'sites/0/expectedRecoveryOn', message: 'before the event started (2026-11-28)' },
      { field: 'sites/1/nodeId', message: '"Bharat Precision blades" is answered twice' },
      { field: 'sites/1/stockUnits', message: 'only for a site the event affects' },
      { field: 'sites/2/nodeId', message: '"HAL-Koraput combustor" is not a site this survey asks about' },
      { field: 'sites/2/expectedRecoveryOn', message: 'at most 3,650 days after the event started' },
      { field: 'sites', message: '"Titanium forgings (IN)" is not answered' },
    ]);
  });

  it('the schema refuses a negative stock, a non-date and a missing affected', () => {
    const result = SURVEY_ANSWER_SCHEMA.safeParse({ sites: [{ ...asked[0], stockUnits: -1, expectedRecoveryOn: '20 Dec' }] });
    assert.ok(!result.success);
    assert.deepEqual(result.error.issues.map((i) => i.path.join('/')).sort(), ['sites/0/affected', 'sites/0/expectedRecoveryOn', 'sites/0/stockUnits']);
  });
});
