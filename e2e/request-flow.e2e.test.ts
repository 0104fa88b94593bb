// End-to-end: the web UI in headless Chromium against the real server (in-memory database).
// Run: npx vite build && node --import tsx --test e2e/request-flow.e2e.test.ts
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  expectStateBadge,
  expectText,
  fillByLabel,
  isoDateFromToday,
  openAction,
  openNewRequestForm,
  openRequest,
  requestIdFromUrl,
  screenshot,
  submitAction,
  takeStep,
  useBrowserApp,
} from './helpers.js';

const web = useBrowserApp();

async function as(username: string): Promise<Page> {
  return (await web.login(username)).page;
}

/** Signs `username` in and opens the request `id`. */
async function openAs(username: string, id: string): Promise<Page> {
  const page = await as(username);
  await openRequest(page, web.app.url, id);
  return page;
}

async function signOut(page: Page): Promise<void> {
  const s = web.sessions.find((x) => x.page === page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').waitFor();
  await s?.context.close();
}

/** Fills the new-request form as a SOSA officer; returns the created request's id. */
async function submitRequest(page: Page, opts: { toNation: string; program: string; title: string; part: string; description: string; quantity: string }): Promise<string> {
  const form = await openNewRequestForm(page);
  await fillByLabel(form, { 'To nation': opts.toNation, 'Defence program': opts.program, Title: opts.title, Urgency: 'emergency', 'Required by': isoDateFromToday(120), Justification: 'Production lot cannot proceed without these parts; the partner line stops in 10 weeks.', 'Line 1 part number': opts.part, 'Line 1 description': opts.description, 'Line 1 quantity': opts.quantity, 'Line 1 delivery date': isoDateFromToday(110) });
  await form.getByRole('button', { name: 'Submit request' }).click();
  await page.waitForURL(/#\/requests\/(?!new)[^/?]+$/);
  await page.getByTestId('request-reference').waitFor();
  return requestIdFromUrl(page);
}

after(() => {
  const problems = web.sessions.flatMap((s) => s.problems);
  assert.deepEqual(problems, [], 'the UI logged no page errors');
});

describe('SOSA Desk in the browser', () => {
  let dpasRequestId = '';

  test('IN → US: request, DPAS determination, rating, rated order, acceptance, delivery, close', async () => {
    // The sign-in page, and its answer to a wrong password.
    const anon = await web.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const loginPage = await anon.newPage();
    await loginPage.goto(`${web.app.url}/`);
    await loginPage.getByLabel('Username').waitFor();
    await screenshot(loginPage, 'login');
    await loginPage.getByLabel('Username').fill('in.sosa');
    await loginPage.getByLabel('Password').fill('not-the-password');
    await loginPage.getByRole('button', { name: 'Sign in' }).click();
    await expectText(loginPage.locator('.banner-error'), /.+/);
    await screenshot(loginPage, 'login-error');
    await anon.close();

    // India's SOSA officer submits 40 F414 turbine blades; a negative quantity is refused first.
    let page = await as('in.sosa');
    await screenshot(page, 'queue-empty-in-sosa');
    const form = await openNewRequestForm(page);
    await screenshot(page, 'new-request-blank');
    await fillByLabel(form, { 'To nation': 'US', 'Defence program': 'IN-LCA-MK2-ENGINE', Title: 'F414 engine turbine blades for LCA Mk2 lot 3', Urgency: 'emergency', 'Required by': isoDateFromToday(120), Justification: 'HAL assembly of F414-INS6 engines for LCA Mk2 lot 3 stops without high-pressure turbine blades.', 'Line 1 part number': 'F414-HPT-BLD-07', 'Line 1 NSN': '2840-01-555-0142', 'Line 1 description': 'High-pressure turbine blade, stage 1', 'Line 1 quantity': '-40', 'Line 1 delivery date': isoDateFromToday(110) });
    await form.getByRole('button', { name: 'Submit request' }).click();
    const qtyError = await expectText(page.locator('#item-0-quantity-error'), /.+/);
    assert.match(qtyError, /zero|positive|greater|more/i, 'the quantity field shows the server’s message');
    assert.equal(await form.getByLabel('Line 1 quantity').getAttribute('aria-invalid'), 'true');
    await expectText(page.locator('.banner-error'), /.+/);
    await screenshot(page, 'new-request-field-error');
    await form.getByLabel('Line 1 quantity').fill('40');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL(/#\/requests\/(?!new)[^/?]+$/);
    await page.getByTestId('request-reference').waitFor();
    dpasRequestId = requestIdFromUrl(page);
    await expectStateBadge(page, 'Submitted');
    await expectText(page.getByTestId('line-items'), '40');
    await expectText(page.getByTestId('deadlines-panel'), 'Acknowledge receipt');
    await signOut(page);

    // US SOSA office: the request is in its queue; acknowledge, then forward to DoD.
    page = await as('us.sosa');
    await expectText(page.locator('.table-requests'), 'F414 engine turbine blades');
    await screenshot(page, 'queue-us-sosa');
    await page.getByRole('link', { name: /SOSA-IN-US-/ }).first().click();
    await page.getByTestId('request-reference').waitFor();
    await takeStep(page, 'Acknowledge receipt', { 'Note to the requesting office': 'Received; under review by the US SOSA office.' }, 'US SOSA office review');
    await takeStep(page, 'Forward to DoD for program determination', {}, 'DoD program determination');
    await signOut(page);

    // DoD: program determination.
    page = await openAs('us.dod', dpasRequestId);
    let dialog = await openAction(page, 'Determine: supports an approved program');
    await expectText(dialog.locator('.citation'), '700');
    await fillByLabel(dialog, { 'Approved defence program supported': 'F414 engine co-production (DTTI jet engine line)', 'Determination reference': 'DOD-PD-2026-0142' });
    await submitAction(dialog);
    await expectStateBadge(page, 'Commerce rating authorization');
    await signOut(page);

    // Commerce: authorize DO-A1 (a wrong rating is refused next to the field first).
    page = await openAs('us.commerce', dpasRequestId);
    dialog = await openAction(page, 'Authorize DPAS rating');
    await dialog.getByLabel(/Rating/).first().fill('DZ-Q9');
    await dialog.getByLabel(/Authorization reference/).fill('BIS-SOSA-2026-0031');
    await dialog.getByTestId('action-submit').click();
    await expectText(dialog.locator('#field-rating-error'), /.+/);
    await screenshot(page, 'action-dialog-field-error', { fullPage: false });
    await dialog.getByLabel(/Rating/).first().fill('DO-A1');
    await submitAction(dialog);
    await expectStateBadge(page, 'Rating authorized');
    await signOut(page);

    // US SOSA office places the rated order with Lynn Turbine Components.
    page = await openAs('us.sosa', dpasRequestId);
    dialog = await openAction(page, 'Place rated order with supplier');
    await dialog.getByLabel(/^Supplier/).selectOption({ label: 'Lynn Turbine Components Inc. (LYNN-TURB)' });
    await dialog.getByLabel(/Order number/).fill('SOSA-PO-2026-0007');
    await dialog.getByLabel(/Required delivery date/).fill(isoDateFromToday(100));
    await dialog.getByLabel(/Signed by/).fill('Dana Whitfield, Contracting Officer');
    await dialog.getByLabel(/I certify/).check();
    await screenshot(page, 'action-dialog-rated-order', { fullPage: false });
    await submitAction(dialog);
    await expectStateBadge(page, 'Rated order with supplier');
    const acceptance = page.getByTestId('deadline-supplier_acceptance');
    await expectText(acceptance, '15 working days');
    await expectText(acceptance, /working days? left|due today/);
    await expectText(acceptance, '700.13');
    await signOut(page);

    // The US supplier accepts the rated order and later marks it delivered.
    page = await as('us.supplier');
    await expectText(page.locator('.table-requests'), 'F414 engine turbine blades');
    await openRequest(page, web.app.url, dpasRequestId);
    await expectText(page.getByTestId('deadline-supplier_acceptance'), '15 working days');
    await screenshot(page, 'detail-us-supplier-rated-order');
    await takeStep(page, 'Accept rated order', { 'Promised delivery date': isoDateFromToday(95) }, 'In performance');
    // Today in the supplier's calendar day (New York): a delivery date may not lie in its future.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    await takeStep(page, 'Mark delivered', { 'Delivered on': today, 'Shipment reference': 'AWB 176-55501234' }, 'Delivered');
    await signOut(page);

    // India confirms receipt and closes.
    page = await openAs('in.sosa', dpasRequestId);
    await takeStep(page, 'Confirm receipt and close', { 'Closing note': 'All 40 blades received at HAL Bengaluru.' }, 'Closed');
    const history = await page.getByTestId('history-event').allInnerTexts();
    for (const step of ['Acknowledge receipt', 'Determine', 'Authorize DPAS rating', 'Place rated order', 'Accept rated order', 'Mark delivered', 'Confirm receipt and close']) {
      assert.ok(history.some((h) => h.includes(step)), `history shows "${step}"`);
    }
    await screenshot(page, 'detail-closed-in-sosa');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await expectText(page.locator('.table-requests'), 'Closed');
    await screenshot(page, 'requests-list-in-sosa');
  });

  test('US → IN: Code of Conduct routing to a company and its commitment', async () => {
    let page = await as('us.sosa');
    const id = await submitRequest(page, {
      toNation: 'IN',
      program: 'US-SONOBUOY',
      title: 'Sonobuoy housings for undersea domain awareness co-production',
      part: 'SB-HSG-55',
      description: 'Forged aluminium sonobuoy housing',
      quantity: '1200',
    });
    await expectStateBadge(page, 'Submitted');
    await signOut(page);

    page = await openAs('in.sosa', id);
    // A second tab of the same officer still shows the old state.
    const stale = await page.context().newPage();
    await openRequest(stale, web.app.url, id);
    let dialog = await openAction(page, 'Acknowledge receipt');
    await submitAction(dialog);
    await expectStateBadge(page, 'Ministry SOSA cell review');
    // Acting on the stale tab is refused (409); the tab says so and shows the request as it is now.
    dialog = await openAction(stale, 'Acknowledge receipt');
    await dialog.getByTestId('action-submit').click();
    await expectText(stale.locator('.banner-error'), /.+/);
    await expectStateBadge(stale, 'Ministry SOSA cell review');
    await screenshot(stale, 'detail-stale-409');
    await stale.close();
    dialog = await openAction(page, 'Route to Code of Conduct companies');
    await dialog.getByRole('checkbox', { name: /Bharat Precision Forgings/ }).check();
    await screenshot(page, 'action-dialog-route-companies', { fullPage: false });
    await submitAction(dialog);
    await expectStateBadge(page, 'Routed to Code of Conduct companies');
    await expectText(page.getByTestId('deadlines-panel'), 'Company commitment');
    const routed = page.getByTestId('history-event').filter({ hasText: 'Route to Code of Conduct companies' });
    await expectText(routed, 'internal — not visible to the other nation');
    await signOut(page);

    // The US side never sees the shortlist of companies.
    page = await openAs('us.sosa', id);
    await expectStateBadge(page, 'Routed to Code of Conduct companies');
    const usHistory = (await page.getByTestId('history-event').allInnerTexts()).join('\n');
    assert.doesNotMatch(usHistory, /Bharat Precision Forgings/, 'the US side does not see which companies were asked');
    await signOut(page);

    page = await openAs('in.supplier', id);
    dialog = await openAction(page, 'Commit to priority support');
    await dialog.getByLabel(/Promised delivery date/).fill(isoDateFromToday(90));
    await dialog.getByLabel(/^Note/).fill('Capacity reserved on forging line 2.');
    await submitAction(dialog);
    await expectStateBadge(page, 'In performance');
    await screenshot(page, 'detail-in-supplier-committed');
    await signOut(page);
  });

  test('an internal comment of the US is not visible to India; a shared one is', async () => {
    assert.ok(dpasRequestId, 'the first test created a request');
    let page = await openAs('us.sosa', dpasRequestId);
    const comments = page.getByRole('region', { name: /Comments/ });
    await comments.getByLabel('Add a comment').fill('Internal: DoD asked whether Lynn has spare capacity for a second lot.');
    await comments.getByRole('radio', { name: 'Internal' }).check();
    await expectText(comments.locator('.visibility-help'), 'never sees it');
    await page.getByRole('button', { name: 'Post internal comment' }).click();
    await expectText(page.getByTestId('comment').last(), 'internal — not visible to the other nation');
    await expectText(comments.locator('.visibility-help'), 'Visible to both nations');
    await comments.getByLabel('Add a comment').fill('Shared: the delivery documents are on their way.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expectText(page.getByTestId('comment').last(), 'delivery documents');
    // A shared attachment: listed with its size and SHA-256, downloadable by the other nation.
    const content = 'Packing list: 40 x F414-HPT-BLD-07\n';
    await page.locator('#attachment-file').setInputFiles({ name: 'packing-list.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const sha = createHash('sha256').update(content).digest('hex');
    await expectText(page.getByTestId('attachment'), 'packing-list.txt');
    assert.equal(await page.getByTestId('attachment').locator('.hash').getAttribute('title'), `SHA-256 ${sha}`);
    await screenshot(page, 'detail-comments-us-sosa');
    await signOut(page);

    page = await openAs('in.sosa', dpasRequestId);
    await expectText(page.getByTestId('comment').last(), 'delivery documents');
    const seen = (await page.getByTestId('comment').allInnerTexts()).join('\n');
    assert.doesNotMatch(seen, /spare capacity/, 'India does not see the US-internal comment');
    await expectText(page.getByTestId('attachment'), `${content.length} B`);
    const href = await page.getByTestId('attachment').getByRole('link').getAttribute('href');
    const download = await page.context().request.get(new URL(href!, web.app.url).toString());
    assert.equal(download.status(), 200);
    assert.equal(await download.text(), content);
    await signOut(page);
  });

  test('the requests list filters by direction, text, state and urgency', async () => {
    const page = await as('us.sosa');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    const table = page.locator('.table-requests');
    await expectText(table, 'Sonobuoy housings');
    await expectText(table, 'F414 engine turbine blades');
    await page.getByLabel('Direction').selectOption('incoming');
    await expectText(page.locator('.page-sub'), '1 request match');
    await expectText(table, 'F414 engine turbine blades');
    await page.getByLabel('Direction').selectOption('outgoing');
    await expectText(page.locator('.page-sub'), '1 request match');
    await expectText(table, 'Sonobuoy housings');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Search').fill('turbine');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectText(page.locator('.page-sub'), '1 request match');
    await expectText(table, 'F414 engine turbine blades');
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('State').selectOption('in_performance');
    await expectText(page.locator('.page-sub'), '1 request match');
    await expectText(table, 'Sonobuoy housings');
    await page.getByLabel('State').selectOption('');
    await page.getByLabel('Urgency').selectOption('armed_conflict');
    await expectText(page.locator('.empty'), 'No request matches these filters');
    await screenshot(page, 'requests-list-empty-filter');
    await page.getByLabel('Urgency').selectOption('');
    await page.getByLabel('Overdue only').check();
    await expectText(page.locator('.empty'), 'No request matches these filters');
  });

  test('admin pages: users of the own nation and the working-day calendar', async () => {
    const page = await as('in.admin');
    await page.getByRole('link', { name: 'Admin' }).click();
    await expectText(page.getByTestId('users-table'), 'in.sosa');
    const users = await page.getByTestId('users-table').innerText();
    assert.doesNotMatch(users, /us\.sosa/, 'an Indian admin sees only Indian users');
    page.on('dialog', (d) => void d.accept()); // confirm deactivation and removal

    // Create a user: a short password is refused next to the field, then the user is created.
    const form = page.getByRole('form', { name: 'Add a user' });
    await fillByLabel(form, { Username: 'in.officer2', 'Display name': 'Maj. Anil Kapoor', 'Initial password': 'short' });
    await form.getByLabel('Organisation').selectOption({ label: 'Ministry of Defence, Acquisition Wing — SOSA Cell (ministry)' });
    await form.getByRole('checkbox', { name: 'SOSA officer' }).check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await expectText(form.locator('#nu-password-error'), /12/);
    await screenshot(page, 'admin-users-field-error');
    await form.getByLabel('Initial password').fill('a-long-enough-password-2026');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: 'in.officer2' });
    await expectText(row, 'Active');
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await expectText(row, 'Deactivated');
    await screenshot(page, 'admin-users');

    await page.getByRole('link', { name: 'Working-day calendar' }).click();
    const year = new Date().getUTCFullYear();
    await expectText(page.getByTestId('holidays-table'), String(year));
    await page.getByLabel('Date', { exact: true }).fill(`${year}-12-31`);
    await page.getByLabel('Name', { exact: true }).fill('Year-end closure');
    await page.getByRole('button', { name: 'Add holiday' }).click();
    await expectText(page.getByTestId('holidays-table'), 'Year-end closure');
    await screenshot(page, 'admin-calendar');
    await page.getByRole('button', { name: `Remove Year-end closure on ${year}-12-31` }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="holidays-table"]')?.textContent?.includes('Year-end closure'));
  });
});
