// End-to-end: the supplier's order desk in headless Chromium against the real server.
// Run: npx vite build && node --import tsx --test e2e/order-desk.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectText, isoDateFromToday, screenshot, useBrowserApp } from './helpers.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';

describe('the supplier order desk', () => {
  const web = useBrowserApp();

  test('only a supplier sees the order desk in the navigation', async () => {
    const s = await web.login('us.sosa');
    const nav = s.page.getByRole('navigation', { name: 'Main' });
    await expectText(nav, 'Requests');
    assert.equal(await nav.getByRole('link', { name: 'Order desk' }).count(), 0, 'us.sosa has no order desk');
    await s.context.close();
  });

  test('a supplier adds a line, is told which CSV row is wrong, imports a book and sees why an order is late', async () => {
    const s = await web.open('us.supplier', 'Order desk', /#\/orders$/);
    const { page } = s;
    await expectText(page.getByTestId('order-book'), 'No orders yet');
    await expectText(page.getByTestId('timeline-panel'), 'Nothing scheduled');
    await screenshot(page, 'order-desk-empty');

    // A line with a bad capacity is refused next to the field; then added.
    const lineForm = page.getByRole('form', { name: 'Add a production line' });
    await lineForm.getByLabel('Line name').fill('Blade line');
    await lineForm.getByLabel('Capacity per working day').fill('0');
    await lineForm.getByRole('button', { name: 'Add line' }).click();
    await expectText(lineForm.locator('#res-capacityPerDay-error'), /more than zero/);
    await lineForm.getByLabel('Capacity per working day').fill('1');
    await lineForm.getByRole('button', { name: 'Add line' }).click();
    await expectText(page.getByTestId('lines-panel').locator('.line-list'), 'Blade line');
    await expectText(page.getByTestId('lines-panel').locator('.line-list'), '1 unit / working day');

    // U: unrated, 10 units, due soon; D: DO, 5 units, due earlier. One unit a working day.
    const today = isoDateFromToday(0);
    const uDue = isoDateFromToday(16);
    const dDue = isoDateFromToday(12);
    const csv = (dRating: string) => [HEADER, `U-2001,GE Aviation,,Blade line,10,${uDue},${today},true`, `D-1001,US Navy,${dRating},Blade line,5,${dDue},${today},true`].join('\n');

    const importForm = page.getByRole('form', { name: 'Import order book' });
    await importForm.getByLabel('CSV order book').fill(csv('DO-Z9'));
    await importForm.getByRole('button', { name: 'Import' }).click();
    const errors = page.getByTestId('import-errors');
    await expectText(errors, /Row 3, rating: .*Z9/);
    await expectText(errors, 'nothing was imported');
    await expectText(page.getByTestId('order-book'), 'No orders yet');
    await screenshot(page, 'order-desk-import-errors');

    await importForm.getByLabel('CSV order book').fill(csv('DO-A1'));
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expectText(page.getByTestId('import-success'), 'Imported 2 orders');
    assert.equal(await errors.count(), 0, 'the row errors are gone');

    const book = page.getByTestId('order-book');
    const dRow = book.locator('[data-testid="order-row"][data-order="D-1001"]');
    const uRow = book.locator('[data-testid="order-row"][data-order="U-2001"]');
    await expectText(dRow, 'On time');
    await expectText(dRow.getByTestId('rating-badge'), 'DO-A1');
    await expectText(uRow.getByTestId('rating-badge'), 'Unrated');
    await expectText(uRow.getByTestId('days-late'), /\d+ days? late/);
    assert.ok(await uRow.locator('.late-days').count(), 'the late days are highlighted');
    await expectText(book.locator('[data-testid="delay-row"][data-order="U-2001"]'), 'D-1001');
    assert.equal(await book.locator('[data-testid="delay-row"][data-order="D-1001"]').count(), 0, 'D has no delay explanation');

    // The timeline draws both orders on the line, U in red.
    const timeline = page.getByTestId('order-timeline');
    await expectText(timeline, 'Blade line');
    assert.equal(await timeline.locator('.tl-row').count(), 2);
    assert.equal(await timeline.locator('.tl-row.tl-late').count(), 1);
    assert.match((await timeline.locator('svg').getAttribute('aria-label')) ?? '', /U-2001 .*days late/);
    await screenshot(page, 'order-desk-schedule');

    // Filters: late only shows U; DO only shows D.
    await book.getByLabel('Late only').check();
    await expectText(book.locator('tbody'), 'U-2001');
    await dRow.waitFor({ state: 'detached' });
    await uRow.waitFor();
    await book.getByLabel('Late only').uncheck();
    await book.getByLabel('Priority').selectOption('DO');
    await uRow.waitFor({ state: 'detached' });
    await dRow.waitFor();
    await book.getByLabel('Priority').selectOption('DX');
    await expectText(book.locator('.empty'), 'No order matches these filters');
    await book.getByLabel('Priority').selectOption('');
    await expectText(book.locator('tbody'), 'U-2001');

    assert.deepEqual(s.problems, [], 'no page errors or failed console messages');
    await s.context.close();
  });
});
