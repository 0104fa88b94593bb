// Issue #11 "Done when": a browser test walks the whole IN → US flow and checks, at each step,
// that the person who must act next has the notification in the bell, and that it takes them to
// the step. Run: npx vite build && node --import tsx --test e2e/notifications-flow.e2e.test.ts
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, expectStateBadge, expectText, fillByLabel, isoDateFromToday, openAction, openNewRequestForm, requestIdFromUrl, screenshot, submitAction, todayIn, useBrowserApp } from './helpers.js';

const web = useBrowserApp();

after(() => {
  const problems = web.sessions.flatMap((s) => s.problems);
  assert.deepEqual(problems, [], 'the UI logged no page errors');
});

async function signOut(page: Page): Promise<void> {
  const s = web.sessions.find((x) => x.page === page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').waitFor();
  await s?.context.close();
}

/** Opens the bell and returns the titles of its items. */
async function bellTitles(page: Page): Promise<string[]> {
  await page.getByTestId('notification-bell').click();
  const menu = page.getByRole('dialog', { name: 'Latest notifications' });
  await menu.waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-label="Latest notifications"]')?.textContent?.includes('Loading…'));
  return (await menu.getByTestId('bell-item').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
}

/**
 * Signs in as `user`, checks the unread badge and a bell item about `reference` matching
 * `expected`, clicks it and lands on the request.
 */
async function followBell(user: string, reference: string, expected: RegExp, shot: string): Promise<Page> {
  const { page } = await web.login(user);
  await expectText(page.getByTestId('notification-count'), /^\d+$/);
  const titles = await bellTitles(page);
  const title = titles.find((t) => t.includes(reference) && expected.test(t));
  assert.ok(title, `${user} sees "${expected}" about ${reference} in the bell; saw ${JSON.stringify(titles)}`);
  await screenshot(page, shot, { fullPage: false });
  await page.getByTestId('bell-item').filter({ hasText: title }).first().click();
  await page.getByTestId('request-reference').waitFor();
  await expectText(page.getByTestId('request-reference'), reference);
  return page;
}

describe('every step tells the next person, in the bell', () => {
  test('IN → US: submit, acknowledge, forward, determine, rate, place, reject, re-place, accept, deliver, close', async () => {
    // India submits.
    let { page } = await web.login('in.sosa');
    const form = await openNewRequestForm(page);
    await fillByLabel(form, { 'To nation': 'US', 'Defence program': 'IN-LCA-MK2-ENGINE', Title: 'Turbine blades for LCA Mk2 lot 4', Urgency: 'emergency', 'Required by': isoDateFromToday(150), Justification: 'Engine assembly for lot 4 stops without these blades.', 'Line 1 part number': 'F414-HPT-BLD-07', 'Line 1 description': 'High-pressure turbine blade, stage 1', 'Line 1 quantity': '40', 'Line 1 delivery date': isoDateFromToday(150) });
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/#\/requests\/(?!new)[^/?]+$/);
    const reference = (await page.getByTestId('request-reference').innerText()).trim();
    assert.ok(requestIdFromUrl(page));
    assert.match(reference, /^SOSA-IN-US-/);
    await signOut(page);

    // The US SOSA office is told, and acknowledges and forwards from the notification.
    page = await followBell('us.sosa', reference, /waits on you: Acknowledge receipt/, 'bell-us-sosa-acknowledge');
    await submitAction(await openAction(page, 'Acknowledge receipt'));
    await expectStateBadge(page, 'US SOSA office review');
    await submitAction(await openAction(page, 'Forward to DoD for program determination'));
    await expectStateBadge(page, 'DoD program determination');
    await signOut(page);

    // DoD.
    page = await followBell('us.dod', reference, /waits on you: Determine/, 'bell-us-dod-determine');
    let dialog = await openAction(page, 'Determine: supports an approved program');
    await dialog.getByLabel(/Approved defence program supported/).fill('F414 engine co-production');
    await dialog.getByLabel(/Determination reference/).fill('DOD-PD-2026-0201');
    await submitAction(dialog);
    await expectStateBadge(page, 'Commerce rating authorization');
    await signOut(page);

    // Commerce.
    page = await followBell('us.commerce', reference, /waits on you: Authorize DPAS rating/, 'bell-us-commerce-authorize');
    dialog = await openAction(page, 'Authorize DPAS rating');
    await dialog.getByLabel(/Rating/).first().fill('DO-A1');
    await dialog.getByLabel(/Authorization reference/).fill('BIS-SOSA-2026-0044');
    await submitAction(dialog);
    await expectStateBadge(page, 'Rating authorized');
    await signOut(page);

    // The SOSA office places the order with Lynn Turbine.
    const place = async (p: Page, supplier: string, orderNumber: string, days: number) => {
      const d = await openAction(p, 'Place rated order with supplier');
      await d.getByLabel(/^Supplier/).selectOption({ label: supplier });
      await d.getByLabel(/Order number/).fill(orderNumber);
      await d.getByLabel(/Required delivery date/).fill(isoDateFromToday(days));
      await d.getByLabel(/Signed by/).fill('Dana Whitfield, Contracting Officer');
      await d.getByLabel(/I certify/).check();
      await submitAction(d);
      await expectStateBadge(p, 'Rated order with supplier');
    };
    page = await followBell('us.sosa', reference, /waits on you: Place rated order/, 'bell-us-sosa-place');
    await place(page, 'Lynn Turbine Components Inc. (LYNN-TURB)', 'SOSA-PO-0101', 100);
    await signOut(page);

    // India hears of the placement (without the company's name in the notification).
    page = (await web.login('in.sosa')).page;
    const news = await bellTitles(page);
    assert.ok(news.includes(`${reference}: Rated order with supplier`), JSON.stringify(news));
    await signOut(page);

    // Lynn cannot meet the date and rejects.
    page = await followBell('us.supplier', reference, /Rated order to answer/, 'bell-us-supplier-rated-order');
    dialog = await openAction(page, 'Reject rated order');
    await dialog.getByLabel(/Ground for rejection/).selectOption('cannot_meet_date');
    await dialog.getByLabel(/Reasons/).fill('Forge line booked until spring.');
    await dialog.getByLabel(/Earliest date/).fill(isoDateFromToday(130));
    await submitAction(dialog);
    await signOut(page);

    // The SOSA office places it again, with Ohio Precision Castings.
    page = await followBell('us.sosa', reference, /waits on you: Place rated order/, 'bell-us-sosa-replace');
    await place(page, 'Ohio Precision Castings LLC (OHIO-CAST)', 'SOSA-PO-0102', 120);
    await signOut(page);

    // Ohio accepts, and later delivers.
    page = await followBell('us.supplier2', reference, /Rated order to answer/, 'bell-us-supplier2-rated-order');
    dialog = await openAction(page, 'Accept rated order');
    await dialog.getByLabel(/Promised delivery date/).fill(isoDateFromToday(120));
    await submitAction(dialog);
    await expectStateBadge(page, 'In performance');
    dialog = await openAction(page, 'Mark delivered');
    await dialog.getByLabel(/Delivered on/).fill(todayIn('America/New_York'));
    await submitAction(dialog);
    await expectStateBadge(page, 'Delivered');
    await signOut(page);

    // India is told to confirm receipt, and closes.
    page = await followBell('in.sosa', reference, /waits on you: Confirm receipt and close/, 'bell-in-sosa-close');
    await submitAction(await openAction(page, 'Confirm receipt and close'));
    await expectStateBadge(page, 'Closed');
    await page.goto(`${web.app.url}/#/notifications`);
    await expectText(page.getByTestId('notification').first(), reference);
    await screenshot(page, 'notifications-in-sosa');
    await signOut(page);

    // The end reaches the US office and the company that delivered; Lynn, which rejected, is not told.
    page = await followBell('us.supplier2', reference, /: Closed$/, 'bell-us-supplier2-closed');
    await signOut(page);
    page = (await web.login('us.supplier')).page;
    const lynn = await bellTitles(page);
    assert.ok(!lynn.some((t) => t.endsWith(': Closed') && t.includes(reference)), JSON.stringify(lynn));
    await signOut(page);
  });
});

describe('calendars warn when a holiday list is missing', () => {
  /** A JSON call through the API as `user` (bearer token), for the setup the browser does not need to show. */
  const api = (username: string, method: string, path: string, body?: unknown) => apiAs(web.app, username, method, path, body);

  test("India's list for this year is not loaded: the deadline is provisional, the admin is told and loads it", async () => {
    const year = new Date().getUTCFullYear();
    // This year's gazetted list taken out (as on a fresh installation of a later year).
    const calendar = await api('in.admin', 'GET', `/calendars/IN?year=${year}`);
    for (const h of calendar.holidays as Array<{ date: string; source: string }>) if (h.source === 'added') await api('in.admin', 'DELETE', `/calendars/IN/holidays/${h.date}`);
    const created = await api('us.sosa', 'POST', '/requests', {
      toNation: 'IN', title: 'Sonobuoy housings', programId: 'US-SONOBUOY', justification: 'Undersea domain awareness build.', urgency: 'routine', classification: 'UNCLASSIFIED',
      requiredBy: isoDateFromToday(200), items: [{ partNumber: 'SB-H-1', description: 'Sonobuoy housing', quantity: 100, unit: 'EA', requiredDeliveryDate: isoDateFromToday(200) }],
    });
    await api('in.sosa', 'POST', `/requests/${created.id}/transitions`, { action: 'acknowledge' });

    let { page } = await web.login('in.sosa');
    await page.goto(`${web.app.url}/#/requests/${created.id}`);
    const review = page.getByTestId('deadline-review');
    await expectText(review.getByTestId('deadline-provisional'), /Provisional: India's (\d{4}(, \d{4})* and )?\d{4} holiday lists? (is|are) not loaded/);
    await screenshot(page, 'deadline-provisional');
    await signOut(page);

    // India's admin is told, follows the notification to the calendar, sees the missing years and loads one.
    page = (await web.login('in.admin')).page;
    const titles = await bellTitles(page);
    const title = titles.find((t) => t === `India's ${year} holiday list is not loaded`);
    assert.ok(title, JSON.stringify(titles));
    await page.getByTestId('bell-item').filter({ hasText: title }).first().click();
    const banner = page.getByTestId('missing-holiday-years');
    await expectText(banner, `India's holiday list is not loaded for ${year}`);
    await expectText(banner, /1 running deadline is provisional/);
    await screenshot(page, 'admin-calendar-missing-years');
    const next = isoDateFromToday(1);
    await page.getByLabel('Date', { exact: true }).fill(`${year}-12-31` > next ? `${year}-12-31` : next);
    await page.getByLabel('Name', { exact: true }).fill('Gazetted list (first entry)');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await expectText(page.getByTestId('holidays-table'), 'Gazetted list (first entry)');
    await signOut(page);

    const view = await api('in.sosa', 'GET', `/requests/${created.id}`);
    const recounted = view.deadlines.find((d: { kind: string }) => d.kind === 'review');
    assert.ok(!recounted.provisional?.years.includes(year), `the ${year} list is in: ${JSON.stringify(recounted.provisional)}`);
  });
});
