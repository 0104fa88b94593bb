import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { F414_BLADES } from '../../testing/fixtures.js';
import { useTestApp } from '../../testing/use-test-app.js';

describe('working-day calendars administered per nation', () => {
  const t = useTestApp({ now: '2026-10-16T06:00:00Z' });

  it('lists India 2026 from the gazetted list and the US 2026 federal holidays on their observed days', async () => {
    const token = await t.login('in.sosa');
    const india = await t.call(token, 'GET', '/calendars/IN?year=2026');
    assert.equal(india.body.timeZone, 'Asia/Kolkata');
    assert.ok(india.body.holidays.some((h: { date: string }) => h.date === '2026-10-20'));
    const us = await t.call(token, 'GET', '/calendars/US?year=2026');
    const dates = us.body.holidays.map((h: { date: string }) => h.date);
    assert.ok(dates.includes('2026-07-03') && !dates.includes('2026-07-04'), 'Independence Day 2026 (a Saturday) is observed on Friday 07-03');
  });

  it('an Indian admin adds a holiday and new deadlines count around it; a US admin cannot touch India\'s calendar', async () => {
    const admin = await t.login('in.admin');
    const denied = await t.call(await t.login('us.admin'), 'POST', '/calendars/IN/holidays', { date: '2026-10-27', name: 'x' });
    assert.equal(denied.status, 403);
    const added = await t.call(admin, 'POST', '/calendars/IN/holidays', { date: '2026-10-27', name: 'Ad-hoc closure' });
    assert.equal(added.status, 201);
    const id = (await t.call(await t.login('us.sosa'), 'POST', '/requests', { ...F414_BLADES, toNation: 'IN', programId: 'US-SONOBUOY' })).body.id;
    await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'acknowledge' });
    const companies = (await t.call(await t.login('in.sosa'), 'GET', '/reference')).body.companies as Array<{ id: string; codeOfConductSince: string | null }>;
    const routed = await t.call(await t.login('in.sosa'), 'POST', `/requests/${id}/transitions`, { action: 'route_to_companies', companies: [companies.find((c) => c.codeOfConductSince)!.id] });
    // 10 Indian working days from Fri 2026-10-16, skipping Dussehra (10-20) and the added 10-27 → Tue 2026-11-03.
    assert.equal(routed.body.deadlines.find((d: { kind: string }) => d.kind === 'company_response').basis.dueDate, '2026-11-03');
    const removed = await t.call(admin, 'DELETE', '/calendars/IN/holidays/2026-10-27');
    assert.equal(removed.status, 204);
    const notHoliday = await t.call(admin, 'DELETE', '/calendars/IN/holidays/2026-10-28');
    assert.equal(notHoliday.status, 404);
  });

  it('removes a library holiday for one nation and records a close-of-business rule', async () => {
    const admin = await t.login('us.admin');
    assert.equal((await t.call(admin, 'DELETE', '/calendars/US/holidays/2026-10-12')).status, 204);
    const us = await t.call(admin, 'GET', '/calendars/US?year=2026');
    assert.deepEqual(us.body.holidays.filter((h: { date: string }) => h.date === '2026-10-12').map((h: { source: string }) => h.source), ['removed']);
    const bad = await t.call(admin, 'PATCH', '/calendars/US', { closeOfBusiness: '25:00' });
    assert.equal(bad.status, 422);
    assert.equal((await t.call(admin, 'PATCH', '/calendars/US', { closeOfBusiness: '17:00' })).status, 200);
    assert.equal((await t.call(admin, 'GET', '/calendars/US')).body.closeOfBusiness, '17:00');
  });
});
