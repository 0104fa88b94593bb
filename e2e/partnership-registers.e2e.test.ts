// End-to-end: the partnership registers (Code of Conduct registry, liaison officers, programs) in
// headless Chromium against the real server with demo data.
// Run: npx vite build && node --import tsx --test e2e/partnership-registers.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, expectCount, expectText, fillById, screenshot, useBrowserApp } from './helpers.js';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describe('partnership registers', () => {
  const web = useBrowserApp();
  const session = async (username: string): Promise<Page> => (await web.login(username)).page;

  test('Code of Conduct registry: filter, register with field errors, duplicate refused, status change kept in history', async () => {
    const page = await session('in.sosa');
    await nav(page).getByRole('link', { name: 'Code of Conduct' }).click();
    await page.waitForURL(/#\/code-of-conduct$/);
    const table = page.getByTestId('coc-table');
    await expectText(table, 'Bharat Precision Forgings Ltd');
    await expectText(table, 'Satpura Ordnance Components Ltd');
    await screenshot(page, 'coc-list');

    await page.getByLabel('Supply class (FSC)').fill('2840');
    await expectText(table, 'FSC 2840');
    await expectCount(table.locator('tbody tr'), 1); // only the blade forger has FSC 2840
    await page.getByLabel('Supply class (FSC)').fill('');
    await page.getByLabel('Status').selectOption('lapsed');
    await expectText(table, 'Satpura');
    await page.getByLabel('Status').selectOption('');

    // Register Kaveri Munitions: a missing signatory is named next to its field.
    await page.getByRole('button', { name: 'Register a subscriber' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('#sub-organisationId').selectOption({ label: 'Kaveri Munitions Works Ltd (KMW)' });
    await dialog.getByLabel('FSC').first().fill('1320');
    await dialog.getByLabel('Sector').first().selectOption('ammunition');
    await dialog.getByLabel('Description').first().fill('155 mm shell bodies');
    await dialog.getByRole('button', { name: 'Register' }).click();
    await expectText(dialog.locator('#sub-signer-error'), /must not be empty/);
    await screenshot(page, 'coc-register-errors', { fullPage: false });
    await fillById(dialog, { 'sub-signer': 'Lt Gen (retd) A. Sen', 'sub-signer-title': 'Chairman' });
    await dialog.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/#\/code-of-conduct\/[0-9a-f-]{36}$/);
    await expectText(page.locator('h1'), 'Kaveri Munitions Works Ltd');
    await expectText(page.getByTestId('status-history'), 'Subscribed (active)');
    const detailUrl = page.url();

    // The same company again: 409 with a clear message.
    await page.goto(`${web.app.url}/#/code-of-conduct`);
    await page.getByRole('button', { name: 'Register a subscriber' }).click();
    const again = page.locator('dialog[open]');
    await again.getByRole('radio', { name: 'A company new to the desk' }).check();
    await fillById(again, { 'sub-newName': 'Bharat Forgings (duplicate)', 'sub-newShort': 'BPF', 'sub-signer': 'X', 'sub-signer-title': 'Y' });
    await again.getByRole('button', { name: 'Register' }).click();
    await expectText(again.locator('#sub-newShort-error'), 'is taken');
    await expectText(again.getByRole('alert').first(), /already used by Bharat Precision Forgings Ltd/);
    await again.getByRole('button', { name: 'Cancel' }).click();

    // Lapse: the history keeps both rows.
    await page.goto(detailUrl);
    await page.getByRole('button', { name: 'Change status' }).click();
    const st = page.locator('dialog[open]');
    await st.locator('#st-status').selectOption('lapsed');
    await st.getByRole('button', { name: 'Record change' }).click();
    await expectText(st.locator('#st-reason-error'), /required/);
    await st.locator('#st-reason').fill('Annual confirmation not received');
    await st.getByRole('button', { name: 'Record change' }).click();
    await st.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('status-history'), 'active → lapsed');
    await expectText(page.getByTestId('status-history'), 'Subscribed (active)');
    await screenshot(page, 'coc-detail');

    // A company sees its own entry only; the US keeps no registry link.
    const supplier = await session('in.supplier');
    await nav(supplier).getByRole('link', { name: 'Code of Conduct entry' }).click();
    await expectText(supplier.getByTestId('coc-table'), 'Bharat Precision Forgings Ltd');
    await expectCount(supplier.getByTestId('coc-table').locator('tbody tr'), 1);
    const us = await session('us.sosa');
    await expectText(nav(us), 'Programs');
    assert.equal(await nav(us).getByRole('link', { name: /Code of Conduct/ }).count(), 0);
  });

  test('routing a US request lists the best-matching active subscribers first, with the reason', async () => {
    const api = (username: string, method: string, path: string, body?: unknown): Promise<{ id: string }> => apiAs(web.app, username, method, path, body);
    const created = await api('us.sosa', 'POST', '/requests', {
      toNation: 'IN',
      title: 'Sonobuoy hydrophone housings',
      programId: 'US-SONOBUOY',
      justification: 'Second source for the co-production line.',
      urgency: 'routine',
      classification: 'UNCLASSIFIED',
      requiredBy: '2027-06-30',
      items: [{ partNumber: 'SSQ-HYD-7', nsn: '5845-01-555-0199', description: 'Sonobuoy hydrophone housing', quantity: 200, unit: 'EA', requiredDeliveryDate: '2027-06-30' }],
    });
    await api('in.sosa', 'POST', `/requests/${created.id}/transitions`, { action: 'acknowledge' });
    const page = await session('in.sosa');
    await page.goto(`${web.app.url}/#/requests/${created.id}`);
    await page.getByTestId('actions-panel').getByRole('button', { name: 'Route to Code of Conduct companies', exact: true }).click();
    const dialog = page.locator('dialog[open]');
    await expectText(dialog.getByTestId('company-match').first(), /Best match: line 1: FSC 5845/);
    await expectText(dialog.locator('.check-list li').first(), 'Konkan Marine Electronics Ltd');
    await screenshot(page, 'coc-route-ranked', { fullPage: false });
  });

  test('liaison officers: who is posted where, postings ending soon, overlap refused naming the posting, host reads only', async () => {
    const page = await session('in.sosa');
    await nav(page).getByRole('link', { name: 'Liaison officers' }).click();
    const where = page.getByTestId('posted-where');
    await expectText(where, 'US Indo-Pacific Command (INDOPACOM)');
    await expectText(where, 'Amit Chauhan');
    await expectText(where, 'Information Fusion Centre');
    await screenshot(page, 'liaison-where');

    await page.getByRole('tab', { name: 'Ending soon' }).click();
    await page.getByLabel('Ending within (days)').fill('60');
    await expectText(page.getByTestId('postings-table'), 'Michael Reyes');

    // Post Colonel Chauhan again while his INDOPACOM posting runs: refused, naming it.
    await page.getByRole('button', { name: 'Post an officer' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('#lo-officerName').fill('Amit Chauhan');
    await dialog.getByLabel('Rank').fill('Colonel');
    await fillById(dialog, { 'lo-serviceNumber': 'IC-61234', 'lo-hostCommand': 'US Central Command (CENTCOM)', 'lo-startDate': '2026-06-01', 'lo-endDate': '2026-09-30' });
    await dialog.getByRole('button', { name: 'Post officer' }).click();
    await expectText(dialog.locator('#lo-startDate-error'), /overlaps the posting to US Indo-Pacific Command \(INDOPACOM\)/);
    await screenshot(page, 'liaison-overlap', { fullPage: false });
    await fillById(dialog, { 'lo-officerName': 'Kavita Rao', 'lo-serviceNumber': 'IC-77001' });
    await dialog.getByRole('button', { name: 'Add document' }).click();
    await fillById(dialog, { 'doc-0-title': 'Assignment order', 'doc-0-number': 'MoD/IC/LO/2026/04' });
    await dialog.getByRole('button', { name: 'Post officer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'All postings' }).click();
    await expectText(page.getByTestId('postings-table'), 'Kavita Rao');
    await expectText(page.getByTestId('postings-table'), 'MoD/IC/LO/2026/04');
    await screenshot(page, 'liaison-all');

    // The US hosts: it reads the posting but cannot edit it.
    const us = await session('us.sosa');
    await nav(us).getByRole('link', { name: 'Liaison officers' }).click();
    await us.getByTestId('posted-where').getByRole('button', { name: /Amit Chauhan/ }).click();
    const ro = us.locator('dialog[open]');
    await expectText(ro, 'IN, the sending nation, keeps this posting');
    assert.equal(await ro.getByRole('button', { name: 'Save' }).count(), 0);
  });

  test('programs: the F414 engine program with milestones, risks and its requests; edit with field errors; duplicate code refused', async () => {
    const page = await session('us.sosa');
    await nav(page).getByRole('link', { name: 'Programs' }).click();
    const table = page.getByTestId('programs-table');
    await expectText(table, 'F414-INS6');
    await page.getByLabel('Search').fill('F414');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectText(table, 'LCA Tejas Mk2');
    await expectCount(table.locator('tbody tr'), 1);
    await screenshot(page, 'programs-list');
    await table.getByRole('link', { name: /F414/ }).click();
    await expectText(page.getByTestId('milestones'), 'First engine assembled in India');
    await expectText(page.getByTestId('risks'), 'Single-crystal blade casting capacity');

    // A partner nation edits: a milestone marked done needs its date.
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('button', { name: 'Add milestone' }).click();
    await fillById(dialog, { 'ms-3-title': 'Hot-section parts first article inspection', 'ms-3-due': '2026-10-15', 'ms-3-status': 'done' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectText(dialog.locator('#ms-3-done-error'), /required for a milestone that is done/);
    await screenshot(page, 'programs-edit-errors', { fullPage: false });
    await dialog.locator('#ms-3-done').fill('2026-10-20');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('milestones'), 'Hot-section parts first article inspection');
    await screenshot(page, 'programs-detail');

    // A new program under an existing code is refused at the code field.
    await page.goto(`${web.app.url}/#/programs`);
    await page.getByRole('button', { name: 'New program' }).click();
    const create = page.locator('dialog[open]');
    await fillById(create, { 'pg-id': 'IN-LCA-MK2-ENGINE', 'pg-name': 'Duplicate' });
    await create.getByRole('button', { name: 'Create program' }).click();
    await expectText(create.locator('#pg-id-error'), 'is taken');
    await fillById(create, { 'pg-id': 'US-SEA-GUARDIAN', 'pg-name': 'MQ-9B SeaGuardian sustainment' });
    await create.getByRole('checkbox', { name: /India/ }).check();
    await create.getByRole('button', { name: 'Create program' }).click();
    await page.waitForURL(/#\/programs\/US-SEA-GUARDIAN$/);
    await expectText(page.locator('h1'), 'MQ-9B SeaGuardian sustainment');
  });
});
