// End-to-end: the partnership dashboard of India's SOSA officer, in headless Chromium against the
// real server with the demo data (plus one request each way): cards with figures that link to their
// registers, the overdue list, and the charts drawn as SVG.
// Run: npx vite build && node --import tsx --test e2e/dashboard.e2e.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { apiAnswer, expectText, launchBrowser, loginAs, mainNavLink, openFromNav, type RunningApp, screenshot, startApp, type UserSession } from './helpers.js';

let app: RunningApp;
let browser: Browser;
const sessions: UserSession[] = [];

const apiAs = (username: string, method: string, path: string, body?: unknown) => apiAnswer(app, username, method, path, body);

describe('the partnership dashboard', () => {
  before(async () => {
    app = await startApp();
    browser = await launchBrowser();
    // The demo data holds no requests: one outgoing and one incoming for India.
    assert.equal((await apiAs('in.sosa', 'POST', '/requests', { ...F414_BLADES, toNation: 'US', programId: 'IN-LCA-MK2-ENGINE', title: 'F414 turbine blades — dashboard test' })).status, 201);
    assert.equal((await apiAs('us.sosa', 'POST', '/requests', { ...F414_BLADES, toNation: 'IN', programId: 'US-SONOBUOY', title: 'Sonobuoy housings — dashboard test' })).status, 201);
  });
  after(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  test("India's SOSA officer: cards show the figures of the registers, a card opens its register, the charts are SVG", async () => {
    const s = await loginAs(browser, app.url, 'in.sosa');
    sessions.push(s);
    const { page } = s;
    await openFromNav(page, 'Dashboard', /#\/dashboard$/);
    const requests = page.getByTestId('card-requests');
    await expectText(requests, /2\s*open/);
    await expectText(requests, '1 incoming');
    await expectText(requests, '1 outgoing');
    // The dashboard counts what the lists show (API) — here, on the cards.
    const api = (await apiAs('in.sosa', 'GET', '/dashboard')).body;
    const count = async (testId: string) => Number(await page.getByTestId(testId).getByTestId('card-count').innerText());
    assert.equal(await count('card-liaison'), (await apiAs('in.sosa', 'GET', '/liaison-officers?status=active')).body.items.length);
    assert.ok((await count('card-liaison')) > 0, 'demo postings are counted');
    assert.equal(await count('card-code-of-conduct'), api.codeOfConduct.total);
    assert.ok(api.codeOfConduct.total > 0, "India's own registry is counted");
    assert.equal(await count('card-programs'), (await apiAs('in.sosa', 'GET', '/programs')).body.items.length);
    assert.equal(await count('card-action-items'), (await apiAs('in.sosa', 'GET', '/action-items?status=open')).body.items.length);
    assert.equal(await count('card-logistics'), (await apiAs('in.sosa', 'GET', '/logistics/orders?status=open')).body.items.length);
    // The demo working group has an overdue action item: it is in the overdue list.
    await expectText(page.getByTestId('overdue-panel'), 'Action item');

    // Both charts are drawn as SVG bars.
    for (const chart of ['chart-requests', 'chart-action-items']) {
      const svg = page.getByTestId(chart).locator('svg.recharts-surface');
      await svg.first().waitFor();
      assert.ok((await page.getByTestId(chart).locator('.recharts-bar-rectangle').count()) > 0, `${chart} has bars`);
    }
    await expectText(page.getByTestId('chart-requests'), 'Incoming');
    await page.screenshot({ path: '/tmp/dashboard-in-sosa.png', fullPage: true });

    // A card opens its register.
    await page.getByTestId('card-liaison').click();
    await page.waitForURL(/#\/liaison-officers$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.goBack();
    await page.getByTestId('card-requests').click();
    await page.waitForURL(/#\/requests$/);
    await expectText(page.locator('main'), 'dashboard test');
    assert.deepEqual(s.problems, []);
  });

  test("a US officer's dashboard has no Code of Conduct card; a company has no Dashboard link", async () => {
    const us = await loginAs(browser, app.url, 'us.sosa');
    sessions.push(us);
    await us.page.goto(`${app.url}/#/dashboard`);
    await expectText(us.page.getByTestId('card-requests'), /2\s*open/);
    assert.equal(await us.page.getByTestId('card-code-of-conduct').count(), 0);
    await us.page.screenshot({ path: '/tmp/dashboard-us-sosa.png', fullPage: true });
    const supplier = await loginAs(browser, app.url, 'in.supplier');
    sessions.push(supplier);
    assert.equal(await mainNavLink(supplier.page, 'Dashboard').count(), 0);
    assert.deepEqual([...us.problems, ...supplier.problems], []);
  });

  test("India's analyst: the dashboard leads with the open demo event — its kind, start, and once computed the program it stops and the day", async () => {
    const s = await loginAs(browser, app.url, 'in.analyst');
    sessions.push(s);
    const { page } = s;
    await page.goto(`${app.url}/#/dashboard`);
    const section = page.getByTestId('dash-open-events');
    // The first section of the dashboard.
    assert.equal(await page.locator('.dash-page section').first().getAttribute('data-testid'), 'dash-open-events');
    const event = section.getByTestId('dash-event').filter({ hasText: 'Cyclone over south Odisha floods HAL Koraput' });
    await expectText(event, 'Natural hazard');
    await expectText(event, /started 28 Nov 2026/);
    await screenshot(page, 'dashboard-in-analyst-first-look', { fullPage: false });
    // Computed in the background (a spinner meanwhile), then: only the spares program stops, after
    // 33.3 days of the cyclone, on 31 Dec (hand-checked in events.routes.test.ts).
    await expectText(event.getByTestId('dash-event-impact'), '1 program stops · output first stops 31 Dec 2026 (after 33.3 days)', 90_000);
    assert.equal(await event.getByTestId('dash-event-computing').count(), 0);
    // An analyst does not read the posture (the API allows SOSA officers and auditors).
    assert.equal(await section.getByTestId('dash-postures').count(), 0);
    await screenshot(page, 'dashboard-in-analyst');
    await event.getByRole('link', { name: 'Cyclone over south Odisha floods HAL Koraput' }).click();
    await page.waitForURL(/#\/events\/[0-9a-f-]{36}$/);
    await expectText(page.locator('h1'), 'Cyclone over south Odisha floods HAL Koraput');
    assert.deepEqual(s.problems, []);
  });

  test('a US SOSA officer sets the arrangement to emergency after a dialog that says what changes; India sees it on its dashboard and Posture page; an auditor only reads', async () => {
    const us = await loginAs(browser, app.url, 'us.sosa');
    sessions.push(us);
    await openFromNav(us.page, 'Posture', /#\/posture$/);
    const arrangement = us.page.locator('[data-testid="posture-arrangement"][data-arrangement="US-IN"]');
    await expectText(arrangement.getByTestId('posture-badge').first(), 'Peacetime');
    await expectText(us.page.getByTestId('posture-never-changed'), 'no posture was ever changed');
    await arrangement.getByTestId('posture-change').click();
    const dialog = us.page.getByTestId('posture-dialog');
    await dialog.getByLabel('Emergency').check();
    await expectText(dialog.getByTestId('posture-consequence'), /From peacetime to emergency: every request submitted under .* from now on, by either nation, runs on the emergency clocks/);
    await expectText(dialog.getByTestId('posture-consequence'), 'Requests already submitted keep their deadlines.');
    await dialog.getByLabel(/^Why/).fill('Cyclone in south Odisha: Indian spares at risk');
    await screenshot(us.page, 'posture-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Set emergency' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(arrangement.getByTestId('posture-badge').first(), 'Emergency');
    const row = us.page.locator('[data-testid="posture-history-row"][data-arrangement="US-IN"]').first();
    await expectText(row, 'us.sosa');
    await expectText(row, 'Cyclone in south Odisha: Indian spares at risk');
    await screenshot(us.page, 'posture-us-sosa');
    await us.page.goto(`${app.url}/#/dashboard`);
    await expectText(us.page.locator('[data-testid="dash-posture"][data-arrangement="US-IN"]'), 'Emergency');
    // The US is party to many arrangements: those in peacetime are counted, not named.
    assert.equal(await us.page.getByTestId('dash-posture').count(), 1);
    await expectText(us.page.getByTestId('dash-postures-calm'), /^the other \d+ arrangements: peacetime$/);
    // The US has no open event of its own: the section says so.
    await expectText(us.page.getByTestId('dash-no-events'), 'No disruption event is open.');
    await screenshot(us.page, 'dashboard-us-sosa');

    const india = await loginAs(browser, app.url, 'in.sosa');
    sessions.push(india);
    await india.page.goto(`${app.url}/#/dashboard`);
    const posture = india.page.locator('[data-testid="dash-posture"][data-arrangement="US-IN"]');
    await expectText(posture, 'Emergency');
    await expectText(india.page.getByTestId('dash-event').first().getByTestId('dash-event-impact'), /1 program stops/, 90_000);
    await screenshot(india.page, 'dashboard-in-sosa');
    await posture.getByRole('link').click();
    await india.page.waitForURL(/#\/posture$/);
    await expectText(india.page.getByTestId('posture-history-row').first(), 'us.sosa');
    assert.equal(await india.page.getByTestId('posture-change').count(), 1, "India's officer may change it too");
    // One shared deployment: the change was set here, not received from another instance.
    assert.equal(await india.page.getByTestId('posture-received').count(), 0);

    const auditor = await loginAs(browser, app.url, 'in.auditor');
    sessions.push(auditor);
    await auditor.page.goto(`${app.url}/#/posture`);
    await expectText(auditor.page.getByTestId('posture-history-row').first(), 'Cyclone in south Odisha');
    assert.equal(await auditor.page.getByTestId('posture-change').count(), 0, 'an auditor reads only');
    const analyst = await loginAs(browser, app.url, 'in.analyst');
    sessions.push(analyst);
    assert.equal(await mainNavLink(analyst.page, 'Posture').count(), 0);
    assert.deepEqual([...us.problems, ...india.problems, ...auditor.problems, ...analyst.problems], []);
  });

  test("on sovereign instances, a change set on the other nation's instance reads as received from its desk", async () => {
    const india = await loginAs(browser, app.url, 'in.sosa');
    sessions.push(india);
    // India's own instance answers GET /postures with the US officer's change marked received (as the
    // federation inbox records it); the page is given that answer here, the shared test server having no peer.
    await india.page.route('**/api/v1/postures', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { items: { history: { setByNation: string; received: boolean }[] }[] };
      for (const a of body.items) for (const h of a.history) h.received = h.setByNation !== 'IN';
      await route.fulfill({ response: res, json: body });
    });
    await india.page.goto(`${app.url}/#/posture`);
    const row = india.page.locator('[data-testid="posture-history-row"][data-arrangement="US-IN"]').first();
    await expectText(row, 'us.sosa');
    await expectText(row.getByTestId('posture-received'), 'received from the United States\u2019 desk');
    await screenshot(india.page, 'posture-in-sosa-received');
    assert.deepEqual(india.problems, []);
  });
});
