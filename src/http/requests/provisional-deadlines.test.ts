import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { act, companyId, requestBody } from '../../testing/request-builders.js';
import { useTestApp } from '../../testing/use-test-app.js';

/**
 * Issue #11.10: India keeps its gazetted holiday list by hand, and its 2027 list is not loaded
 * while deadlines already run into 2027. Such a deadline is marked provisional, India's admins
 * are told once, the admin calendar names the missing year, and loading the list settles the
 * deadline (recounted with the new holidays). The US list is computed: never provisional.
 */
describe('calendars warn when a deadline runs into a year without a holiday list', () => {
  // Monday 21 December 2026, 15:30 in New Delhi.
  const t = useTestApp({ now: '2026-12-21T10:00:00Z' });

  const routeNewRequest = async (title: string) => {
    const created = await t.call(await t.login('us.sosa'), 'POST', '/requests', requestBody('IN', 'US-SONOBUOY', { title }));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id as string;
    await act(t, 'in.sosa', id, 'acknowledge');
    return act(t, 'in.sosa', id, 'route_to_companies', { companies: [await companyId(t, 'BPF')] });
  };
  const adminNotes = async (username: string) => (await t.call(await t.login(username), 'GET', '/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'calendar_missing');

  it('a deadline counted into India\'s 2027 is provisional; one within 2026 is not', async () => {
    const view = await routeNewRequest('Sonobuoy housings');
    const response = view.deadlines.find((d: { kind: string }) => d.kind === 'company_response');
    // 10 Indian working days after Mon 21 Dec 2026: 22, 23, 24, (25 Christmas), 28, 29, 30, 31, 1 Jan, 4, 5 → Tue 5 Jan 2027.
    assert.equal(response.basis.dueDate, '2027-01-05');
    assert.deepEqual(response.provisional, { nation: 'IN', years: [2027], reason: "India's 2027 holiday list is not loaded" });
    const review = view.deadlines.find((d: { kind: string }) => d.kind === 'review');
    assert.equal(review.provisional, null, 'the review deadline (counted within 2026) is final');
    const us = await t.call(await t.login('us.sosa'), 'GET', `/requests/${view.id}`);
    assert.deepEqual(us.body.deadlines.find((d: { kind: string }) => d.kind === 'company_response').provisional?.years, [2027], 'the requesting nation sees the same warning');
  });

  it("India's admins are told once per year, nobody else is", async () => {
    const notes = await adminNotes('in.admin');
    assert.equal(notes.length, 1);
    assert.match(notes[0].title, /2027/);
    assert.match(notes[0].title, /India/);
    assert.equal(notes[0].link, '/admin?tab=calendar&year=2027');
    await routeNewRequest('Sonobuoy batteries');
    assert.equal((await adminNotes('in.admin')).length, 1, 'a second provisional deadline does not tell the admin again');
    assert.equal((await adminNotes('us.admin')).length, 0);
    assert.equal((await adminNotes('in.sosa')).length, 0);
  });

  it('the admin calendar names the missing year; the US calendar misses none', async () => {
    const india = await t.call(await t.login('in.admin'), 'GET', '/calendars/IN?year=2026');
    assert.equal(india.status, 200);
    assert.equal(india.body.keepsHolidaysByHand, true);
    assert.deepEqual(india.body.missingYears, [2027]);
    assert.equal(india.body.provisionalDeadlines, 2);
    const us = await t.call(await t.login('us.admin'), 'GET', '/calendars/US?year=2026');
    assert.equal(us.body.keepsHolidaysByHand, false);
    assert.deepEqual(us.body.missingYears, []);
  });

  it('loading the 2027 list settles the running deadlines, recounted with the new holiday', async () => {
    const admin = await t.login('in.admin');
    assert.equal((await t.call(admin, 'POST', '/calendars/IN/holidays', { date: '2027-01-01', name: "New Year's Day (closure)" })).status, 201);
    const list = await t.call(await t.login('in.sosa'), 'GET', '/requests?state=routed');
    assert.ok(list.body.items.length >= 2);
    for (const r of list.body.items) {
      const view = await t.call(await t.login('in.sosa'), 'GET', `/requests/${r.id}`);
      const response = view.body.deadlines.find((d: { kind: string }) => d.kind === 'company_response');
      assert.equal(response.provisional, null, 'settled once the list is loaded');
      assert.equal(response.basis.dueDate, '2027-01-06', 'recounted: 1 January is now a holiday');
    }
    const india = await t.call(admin, 'GET', '/calendars/IN?year=2027');
    assert.deepEqual(india.body.missingYears, []);
    assert.equal(india.body.provisionalDeadlines, 0);
  });
});
