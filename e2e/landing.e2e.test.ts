// End-to-end: where each demo user lands after signing in at the bare address (issue #11 item 12).
// Officials land on their dashboard with their own work on it, a US company on its DPAS order desk,
// an Indian company on its Code of Conduct commitments desk, auditors on the audit page. On fresh
// demo data every landing page says what to do next; once work arrives, it is on the page.
// Run: npx vite build && node --import tsx --test e2e/landing.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { apiAs, DEMO_PASSWORD, expectText, openWatchedPage, screenshot, sonobuoyHousingsToIndia, useBrowserApp } from './helpers.js';

type Landing = { path: RegExp; heading: string };
const DASHBOARD: Landing = { path: /#\/dashboard$/, heading: 'Dashboard' };
const AUDIT_LOG: Landing = { path: /#\/audit$/, heading: 'Audit log' };
const LANDING: Record<string, Landing> = {
  // The officers, administrators and analysts of both nations land on the dashboard.
  ...Object.fromEntries(['in.sosa', 'in.admin', 'in.analyst', 'us.sosa', 'us.dod', 'us.commerce', 'us.admin', 'us.analyst'].map((user) => [user, DASHBOARD])),
  'us.supplier': { path: /#\/orders$/, heading: 'Order desk' },
  'in.supplier': { path: /#\/commitments$/, heading: 'Code of Conduct commitments' },
  'in.auditor': AUDIT_LOG,
  'us.auditor': AUDIT_LOG,
};

describe('per-role landing pages', () => {
  const web = useBrowserApp();

  /** Signs in at the bare address (no route in the URL), as a user opening the app does. */
  async function landAs(username: string): Promise<Page> {
    const { page, problems } = await openWatchedPage(web.browser);
    await page.goto(`${web.app.url}/`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    (page as Page & { problems?: string[] }).problems = problems;
    return page;
  }

  const api = (username: string, method: string, path: string, body?: unknown) => apiAs(web.app, username, method, path, body);

  const main = (page: Page) => page.locator('main');

  test('on fresh demo data each role lands on its own page, with a next step where it has no work yet', async () => {
    for (const [username, expected] of Object.entries(LANDING)) {
      const page = await landAs(username);
      await page.waitForURL(expected.path);
      await expectText(page.getByRole('heading', { level: 1 }), expected.heading);
      await screenshot(page, `landing-fresh-${username}`);
      const text = await main(page).innerText();
      if (username === 'us.dod') assert.match(text, /No request waits on your program determination/);
      if (username === 'us.commerce') assert.match(text, /No request waits on your rating authorization/);
      if (username.endsWith('.sosa')) await expectText(page.getByTestId('my-work'), 'New request');
      if (username.endsWith('.analyst')) await expectText(page.getByTestId('my-networks'), /F414|155/);
      if (username.endsWith('.admin')) {
        await expectText(page.getByTestId('admin-users'), /\d+ active users?/);
        await expectText(page.getByTestId('admin-calendar'), /holiday/);
      }
      if (username === 'in.supplier') {
        // The Code of Conduct desk: no DPAS wording, no DPAS order desk in the navigation.
        assert.doesNotMatch(text, /15 CFR|DPAS|rated order/i);
        const nav = page.getByRole('navigation', { name: 'Main' });
        assert.equal(await nav.getByRole('link', { name: 'Order desk' }).count(), 0, 'an Indian company is not offered the DPAS order desk');
        await expectText(page.getByTestId('subscription-status'), /Active/);
        await expectText(page.getByTestId('commitments-empty'), /No request has been put to your company/);
      }
      if (username === 'us.supplier') {
        const nav = page.getByRole('navigation', { name: 'Main' });
        assert.equal(await nav.getByRole('link', { name: 'Commitments' }).count(), 0, 'a US company has no Code of Conduct desk');
      }
      assert.deepEqual((page as Page & { problems?: string[] }).problems, [], `${username}: no console errors`);
      await page.context().close();
    }
  });

  test('work that arrives is on the landing page: DoD sees the request to determine, the Indian company the request put to it', async () => {
    // An IN→US request forwarded to DoD; a US→IN request routed to Bharat Precision Forgings.
    const dpas = await api('in.sosa', 'POST', '/requests', { ...F414_BLADES, title: 'F414 blades — landing test' });
    await api('us.sosa', 'POST', `/requests/${dpas.id}/transitions`, { action: 'acknowledge' });
    await api('us.sosa', 'POST', `/requests/${dpas.id}/transitions`, { action: 'forward_for_determination' });
    const coc = await api('us.sosa', 'POST', '/requests', sonobuoyHousingsToIndia('Sonobuoy housings — landing test'));
    await api('in.sosa', 'POST', `/requests/${coc.id}/transitions`, { action: 'acknowledge' });
    const { items: companies } = await api('in.sosa', 'GET', `/requests/${coc.id}/candidate-subscribers`);
    const bharat = companies.find((c: { name: string }) => c.name === 'Bharat Precision Forgings Ltd');
    assert.ok(bharat, JSON.stringify(companies));
    await api('in.sosa', 'POST', `/requests/${coc.id}/transitions`, { action: 'route_to_companies', companies: [bharat.organisationId ?? bharat.id] });

    const dod = await landAs('us.dod');
    await dod.waitForURL(/#\/dashboard$/);
    await expectText(dod.getByTestId('my-work'), 'F414 blades — landing test');
    await expectText(dod.getByTestId('my-work'), /1 request waits on you/);
    await screenshot(dod, 'landing-work-us.dod');
    await dod.context().close();

    const company = await landAs('in.supplier');
    await company.waitForURL(/#\/commitments$/);
    const pending = company.getByTestId('commitments-pending');
    await expectText(pending, 'Sonobuoy housings — landing test');
    await expectText(pending, /Answer by/);
    await screenshot(company, 'landing-work-in.supplier');
    // The request opens from the desk, where the company commits or declines.
    await pending.getByRole('link', { name: /Sonobuoy housings/ }).click();
    await company.waitForURL(new RegExp(`#/requests/${coc.id}$`));
    await company.context().close();
  });
});
