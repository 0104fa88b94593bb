import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { escalateOverdueDeadlines } from '../../services/deadlines/escalate-overdue-deadlines.js';
import { escalateOverdueActionItems } from '../../services/partnership/working-groups/escalate-overdue-action-items.js';
import { seedPartnershipDemoData } from '../../services/reference/seed-partnership-demo.js';
import { addThirdNations, buildRequest } from '../../testing/request-builders.js';
import { dashboardFigures, listedFigures } from '../../testing/dashboard-figures.js';
import { useTestApp } from '../../testing/use-test-app.js';

const OFFICIALS = [
  ['in.sosa', 'IN'],
  ['in.auditor', 'IN'],
  ['in.admin', 'IN'],
  ['in.analyst', 'IN'],
  ['us.sosa', 'US'],
  ['us.dod', 'US'],
  ['us.commerce', 'US'],
  ['us.auditor', 'US'],
  ['us.admin', 'US'],
  ['us.analyst', 'US'],
] as const;

describe('GET /dashboard: counts of what the caller could list', () => {
  const t = useTestApp({ now: '2026-11-23T14:00:00Z' });
  before(async () => {
    // The partnership desk's demo records (working groups, action items, logistics ledger) and
    // requests of each direction, with one between two other nations that no demo user may count.
    await seedPartnershipDemoData(t.ctx.store.db, t.clock.now());
    await addThirdNations(t);
    await buildRequest(t, 'IN->US', 'placed');
    await buildRequest(t, 'US->IN', 'routed');
    await buildRequest(t, 'IN->US');
    await buildRequest(t, 'GB->JP');
  });

  it('every official sees figures equal to its list routes; companies have their own desk (403)', async () => {
    for (const [username, nation] of OFFICIALS) {
      const token = await t.login(username);
      const res = await t.call(token, 'GET', '/dashboard');
      assert.equal(res.status, 200, `${username}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.nation, nation);
      assert.deepEqual(dashboardFigures(res.body), await listedFigures(t, token, nation), username);
    }
    for (const username of ['in.supplier', 'us.supplier2']) {
      const res = await t.call(await t.login(username), 'GET', '/dashboard');
      assert.equal(res.status, 403, username);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    }
  });

  it("India's Code of Conduct registry is counted for India's officials only; the demo data fills the officer's cards", async () => {
    const india = (await t.call(await t.login('in.sosa'), 'GET', '/dashboard')).body;
    assert.ok(india.codeOfConduct.total > 0, 'the demo subscribers are counted');
    assert.ok(india.requests.open.total > 0 && india.liaison.active > 0 && india.programs.total > 0, JSON.stringify(india));
    for (const username of ['us.sosa', 'us.auditor', 'us.admin']) {
      const us = (await t.call(await t.login(username), 'GET', '/dashboard')).body;
      assert.equal(us.codeOfConduct, null, `${username} counts no Code of Conduct subscribers`);
    }
    // Roles that may not list a register get no figure for it, not a zero.
    const analyst = (await t.call(await t.login('in.analyst'), 'GET', '/dashboard')).body;
    assert.deepEqual([analyst.logistics, analyst.liaison, analyst.codeOfConduct, analyst.programs, analyst.spa], [null, null, null, null, null]);
    const commerce = (await t.call(await t.login('us.commerce'), 'GET', '/dashboard')).body;
    assert.equal(commerce.logistics, null);
    assert.notEqual(commerce.spa, null);
  });

  it('overdue deadlines, action items and settlements appear once the clock passes them, and still match the lists', async () => {
    const before = (await t.call(await t.login('in.sosa'), 'GET', '/dashboard')).body;
    t.clock.set('2027-12-01T12:00:00Z');
    await escalateOverdueDeadlines(t.ctx);
    await escalateOverdueActionItems(t.ctx);
    for (const username of ['in.sosa', 'us.sosa', 'us.auditor']) {
      const token = await t.login(username);
      const d = (await t.call(token, 'GET', '/dashboard')).body;
      assert.deepEqual(dashboardFigures(d), await listedFigures(t, token, d.nation), username);
      const kinds = new Set(d.overdue.map((o: { kind: string }) => o.kind));
      if (d.requests.overdue > 0) assert.ok(kinds.has('deadline'), `${username}: ${JSON.stringify(d.overdue)}`);
      if (d.actionItems.overdue > 0) assert.ok(kinds.has('action_item'));
      if (d.logistics?.overdue > 0) assert.ok(kinds.has('settlement'));
      const due = d.overdue.map((o: { dueAt: string }) => o.dueAt);
      assert.deepEqual(due, [...due].sort(), 'oldest first');
    }
    const after = (await t.call(await t.login('in.sosa'), 'GET', '/dashboard')).body;
    assert.ok(after.requests.overdue > before.requests.overdue, `overdue requests ${before.requests.overdue} → ${after.requests.overdue}`);
    assert.ok(after.actionItems.overdue > 0 && after.actionItems.escalated > 0, JSON.stringify(after.actionItems));
    assert.ok(after.logistics.overdue > 0, 'settlements past the settlement period');
  });
});
