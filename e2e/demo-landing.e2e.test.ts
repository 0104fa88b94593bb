// End-to-end: on fresh demo data with its month of life (what `sosa serve --demo` seeds), every
// demo user signs in at the bare address and lands on a page with work on it — not an empty
// state — that passes axe (WCAG 2.1 AA) with no serious or critical violation (issue #11).
// Screenshots: .screenshots/demo-landing-<user>.png.
// Run: npx vite build && node --import tsx --test e2e/demo-landing.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from './axe.js';
import { DEMO_PASSWORD, expectText, openWatchedPage, screenshot, useBrowserApp } from './helpers.js';

/** Where each demo user lands, and what on that page shows its work. */
const LANDING: Record<string, { path: RegExp; heading: string; work: (page: Page, username: string) => Promise<void> }> = {};

async function requestsWaitingOnMe(page: Page): Promise<void> {
  const work = page.getByTestId('my-work');
  const aside = await expectText(work, /\d+ requests? waits? on you/);
  assert.ok(Number(/(\d+) requests? waits?/.exec(aside)![1]) > 0, aside);
  assert.ok((await work.locator('tbody tr').count()) > 0, 'the requests are listed');
  assert.equal(await work.locator('.empty').count(), 0, 'no empty state');
}

async function openRequestsCounted(page: Page): Promise<void> {
  const count = await expectText(page.getByTestId('card-requests').getByTestId('card-count'), /^\d+$/);
  assert.ok(Number(count) > 0, `open requests on the dashboard: ${count}`);
}

for (const user of ['in.sosa', 'us.sosa', 'us.dod', 'us.commerce']) {
  LANDING[user] = { path: /#\/dashboard$/, heading: 'Dashboard', work: async (page) => { await requestsWaitingOnMe(page); await openRequestsCounted(page); } };
}
for (const user of ['in.admin', 'us.admin']) {
  LANDING[user] = { path: /#\/dashboard$/, heading: 'Dashboard', work: async (page) => { await expectText(page.getByTestId('admin-users'), /\d+ active users?/); await openRequestsCounted(page); } };
}
for (const user of ['in.analyst', 'us.analyst']) {
  LANDING[user] = { path: /#\/dashboard$/, heading: 'Dashboard', work: async (page) => { await expectText(page.getByTestId('my-networks'), /F414|155/); await openRequestsCounted(page); } };
}
for (const user of ['us.supplier', 'us.supplier2']) {
  LANDING[user] = {
    path: /#\/orders$/,
    heading: 'Order desk',
    work: async (page, username) => {
      const book = page.getByTestId('order-book');
      await book.getByTestId('order-row').first().waitFor();
      assert.ok((await book.getByTestId('order-row').count()) >= 3, 'orders on the book');
      assert.equal(await book.locator('.empty').count(), 0, 'no empty state');
      // The SOSA orders from India are on the book (SOSA-PO-…), with the rest of its work.
      assert.ok((await book.locator('[data-order*="/PO-26-"]').count()) > 0, 'a SOSA rated order on the book');
      if (username === 'us.supplier') assert.ok((await book.locator('[data-late="true"]').count()) > 0, 'Lynn Turbine has a late order');
    },
  };
}
for (const user of ['in.supplier', 'in.supplier2']) {
  LANDING[user] = {
    path: /#\/commitments$/,
    heading: 'Code of Conduct commitments',
    work: async (page) => {
      const pending = page.getByTestId('commitments-pending');
      await expectText(pending, /Answer by/);
      assert.ok((await pending.getByRole('link').count()) > 0, 'a request put to the company');
      assert.equal(await page.getByTestId('commitments-empty').count(), 0);
    },
  };
}
for (const user of ['in.auditor', 'us.auditor']) {
  LANDING[user] = {
    path: /#\/audit$/,
    heading: 'Audit log',
    work: async (page) => {
      await page.getByTestId('audit-row').first().waitFor();
      assert.ok((await page.getByTestId('audit-row').count()) >= 10, 'events on the audit page');
      await expectText(page.getByTestId('audit-table'), /request/i);
    },
  };
}

describe('landing pages on demo life', () => {
  const web = useBrowserApp({ demoLife: true });

  test('every demo user lands on a page with its work, accessible', async () => {
    const failures: string[] = [];
    for (const [username, expected] of Object.entries(LANDING)) {
      const { context, page, problems } = await openWatchedPage(web.browser);
      try {
        await page.goto(`${web.app.url}/`);
        await page.getByLabel('Username').fill(username);
        await page.getByLabel('Password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByTestId('current-user').waitFor();
        await page.waitForURL(expected.path);
        await expectText(page.getByRole('heading', { level: 1 }), expected.heading);
        await expected.work(page, username);
        await page.waitForLoadState('networkidle');
        await screenshot(page, `demo-landing-${username}`);
        failures.push(...describeViolations(username, await seriousViolations(page)));
        assert.deepEqual(problems, [], `${username}: no console errors`);
      } catch (error) {
        await screenshot(page, `demo-landing-${username}-failed`).catch(() => undefined);
        throw new Error(`${username}: ${(error as Error).message}`, { cause: error });
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
});
