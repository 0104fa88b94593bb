// End-to-end: a supplier places a rated sub-order and sees it in the flow-down tree; the
// sub-supplier sees it arrive; the supplier files an SPA request that the US SOSA office reviews
// and forwards and Commerce resolves — headless Chromium against the real server.
// Run: npx vite build && node --import tsx --test e2e/flow-down-spa.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectText, fillByLabel, importOrderBook, isoDateFromToday, openFromNav, openOrderDeskWithLine, useBrowserApp } from './helpers.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';

let spaReference = '';

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/flow-down-spa-${name}.png`, fullPage: true });

describe('flow-down of ratings and Special Priorities Assistance', () => {
  const web = useBrowserApp();

  test('a supplier places a rated sub-order with a company in the system and sees it in the tree; the sub-supplier sees it arrive', async () => {
    const s = await openOrderDeskWithLine(web, 'Turbine line', 2);
    const { page } = s;
    await importOrderBook(page, [HEADER, `P-100,US Navy shipyard,DO-A3,Turbine line,4,${isoDateFromToday(90)},${isoDateFromToday(0)},true`, `U-200,GE Aviation,,Turbine line,2,${isoDateFromToday(90)},${isoDateFromToday(0)},true`].join('\n'), 2);

    const row = page.locator('[data-testid="order-row"][data-order="P-100"]');
    assert.equal(await page.locator('[data-testid="order-row"][data-order="U-200"]').getByTestId('place-sub-order').count(), 0, 'an unrated order has nothing to extend');
    await row.getByTestId('place-sub-order').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    const rating = dialog.getByTestId('derived-rating');
    assert.equal(await rating.inputValue(), 'DO-A3');
    assert.equal(await rating.getAttribute('readonly'), '', 'the rating is derived, not typed');
    // 700.17(a)(4): MRO → H7 with the customer's level; 700.17(b): replacement → DO.
    await dialog.getByLabel('Purpose').selectOption('mro');
    assert.equal(await rating.inputValue(), 'DO-H7');
    await dialog.getByLabel('Purpose').selectOption('incorporated');
    assert.equal(await rating.inputValue(), 'DO-A3');
    await dialog.getByLabel('Company', { exact: true }).selectOption({ label: 'Ohio Precision Castings LLC' });
    await dialog.getByLabel('Your order number').fill('LT-S-1');
    await dialog.getByLabel('Items or services').fill('HPT turbine castings');
    // The required date from a sub-order must be a date (700.12(a)(2)) — a missing one is named.
    await dialog.getByLabel('Required delivery date').fill('');
    await dialog.getByRole('button', { name: /Place DO-A3 sub-order/ }).click();
    await expectText(dialog.locator('#so-requiredDeliveryDate-error'), /not "ASAP"/);
    await dialog.getByLabel('Required delivery date').fill(isoDateFromToday(60));
    await shot(page, 'dialog');
    await dialog.getByRole('button', { name: /Place DO-A3 sub-order/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('sub-order-placed'), /Sub-order LT-S-1 placed for P-100, rated\s*DO-A3[\s\S]*accept or reject it by .*23:59/);

    // An external supplier for MRO.
    await row.getByTestId('place-sub-order').click();
    await dialog.waitFor();
    await dialog.getByLabel('Purpose').selectOption('mro');
    await dialog.getByLabel('Another supplier (recorded by name)').check();
    await fillByLabel(dialog, { 'Supplier name': 'Acme Tooling Co.', 'Your order number': 'LT-MRO-1', 'Items or services': 'Grinding wheels' });
    await dialog.getByRole('button', { name: /Place DO-H7 sub-order/ }).click();
    await dialog.waitFor({ state: 'detached' });

    await row.getByTestId('toggle-flow').click();
    const tree = page.locator('[data-testid="flow-row"][data-order="P-100"]');
    const sub = tree.locator('[data-testid="flow-sub-order"][data-order="LT-S-1"]');
    await expectText(sub, 'Ohio Precision Castings LLC');
    await expectText(sub.getByTestId('flow-status'), 'Awaiting decision');
    await expectText(sub, 'Decision due');
    await expectText(tree.locator('[data-testid="flow-sub-order"][data-order="LT-MRO-1"]'), 'DO-H7');
    await expectText(tree.locator('[data-testid="flow-sub-order"][data-order="LT-MRO-1"]').getByTestId('flow-status'), 'External supplier');
    await shot(page, 'tree');
    assert.deepEqual(s.problems, []);

    const ohio = await web.login('us.supplier2');
    await openFromNav(ohio.page, 'Order desk');
    const received = ohio.page.locator('[data-testid="received-row"][data-order="LT-S-1"]');
    await expectText(received, 'from Lynn Turbine Components Inc.');
    await expectText(received, 'DO-A3');
    await expectText(received.getByTestId('flow-status'), 'Awaiting decision');
    await shot(ohio.page, 'received');
    assert.deepEqual(ohio.problems, []);
  });

  test('the supplier files an SPA request; the SOSA office reviews and forwards it; Commerce resolves it', async () => {
    const s = web.sessions[0]!;
    const { page } = s;
    await openFromNav(page, 'Priority assistance (SPA)');
    await expectText(page.getByTestId('spa-list'), 'No SPA requests');
    await page.getByTestId('new-spa').click();
    const form = page.getByTestId('spa-form');
    await form.waitFor();
    // Submitting empty names every missing field.
    await form.getByRole('button', { name: 'Submit request' }).click();
    await expectText(form.locator('#spa-problem-error'), 'is required');
    await form.getByLabel('E-mail').fill('tom@lynn.example');
    await form.getByLabel('Supplier name').fill('Ohio Precision Castings LLC');
    await form.getByLabel('From my book').selectOption({ label: 'P-100 (DO-A3)' });
    assert.equal(await form.getByLabel('Order number', { exact: true }).inputValue(), 'P-100');
    await form.getByLabel('Items', { exact: true }).fill('Turbine assemblies');
    await fillByLabel(form, { 'Promised delivery': isoDateFromToday(120), 'Program supported': 'DDG-51 propulsion', 'What the problem is': 'Castings promised a month after the DO-A3 date.', 'What you already tried': 'Two written requests; offered a split delivery.', 'Action requested': 'Direct the casting supplier to meet the date.' });
    await shot(page, 'spa-form');
    await form.getByRole('button', { name: 'Submit request' }).click();
    const detail = page.getByTestId('spa-detail');
    await detail.waitFor();
    await expectText(detail.getByTestId('spa-status'), 'Submitted');
    spaReference = (await page.locator('h1').innerText()).replace('SPA ', '').trim();
    assert.match(spaReference, /^SPA-US-\d{4}-\d{5}$/);
    assert.equal(await page.getByTestId('spa-action-withdraw').count(), 1, 'the filer may withdraw before review');
    assert.deepEqual(s.problems, []);

    const sosa = await web.login('us.sosa');
    await openFromNav(sosa.page, 'Priority assistance (SPA)');
    await sosa.page.locator(`[data-testid="spa-row"][data-reference="${spaReference}"] a`).click();
    await sosa.page.getByTestId('spa-action-start_review').click();
    await expectText(sosa.page.getByTestId('spa-status'), 'Under review');
    // Forwarding needs reasons.
    await sosa.page.getByTestId('spa-action-forward_to_commerce').click();
    await expectText(sosa.page.getByTestId('spa-actions'), 'needs a note');
    await sosa.page.getByLabel(/^Note/).fill('Needs a Commerce directive to the casting supplier.');
    await sosa.page.getByTestId('spa-action-forward_to_commerce').click();
    await expectText(sosa.page.getByTestId('spa-status'), 'Forwarded to Commerce');
    assert.equal(await sosa.page.getByTestId('spa-actions').count(), 0, 'the SOSA office has no step left');
    await shot(sosa.page, 'spa-forwarded');
    assert.deepEqual(sosa.problems, []);

    const commerce = await web.login('us.commerce');
    await openFromNav(commerce.page, 'Priority assistance (SPA)');
    await commerce.page.locator(`[data-testid="spa-row"][data-reference="${spaReference}"] a`).click();
    await commerce.page.getByLabel(/^Note/).fill('Directive issued: castings by the required date.');
    await commerce.page.getByTestId('spa-action-resolve').click();
    await expectText(commerce.page.getByTestId('spa-status'), 'Resolved');
    await expectText(commerce.page.getByTestId('spa-outcome'), 'Directive issued');
    await expectText(commerce.page.getByTestId('spa-history'), 'Forward to commerce');
    await shot(commerce.page, 'spa-resolved');
    assert.deepEqual(commerce.problems, []);

    // An Indian SOSA officer does not see the US company's request.
    const inSosa = await web.login('in.sosa');
    await openFromNav(inSosa.page, 'Priority assistance (SPA)');
    await expectText(inSosa.page.getByTestId('spa-list'), 'No SPA requests');
  });
});
