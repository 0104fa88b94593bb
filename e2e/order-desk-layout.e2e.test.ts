// End-to-end: the order desk at 1440 × 900 (issue #11 item 14) and a SOSA rated order living on the
// supplier's desk until it is delivered and closed (issue #11 item 5), in headless Chromium.
// Run: npx vite build && node --import tsx --test e2e/order-desk-layout.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { apiAs, expectText, isoDateFromToday, openFromNav, openRequest, screenshot, useBrowserApp } from './helpers.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';

describe('the order desk at 1440 px and the SOSA order on it', () => {
  const web = useBrowserApp();

  /** A JSON call to the running server as a demo user (setting up what the browser then shows). */
  const api = (username: string, method: string, path: string, body?: unknown) => apiAs(web.app, username, method, path, body);

  test('the book table fits its card, and the timeline starts its bars where its label says planning starts', async () => {
    await api('us.supplier', 'POST', '/resources', { name: 'Blade line', capacityPerDay: 2 });
    // Orders received weeks ago (so a bar drawn from receipt would start before today), long customer names.
    const csv = [
      HEADER,
      `D-1001,US Naval Air Systems Command (NAVAIR) Patuxent River,DO-A1,Blade line,6,${isoDateFromToday(30)},${isoDateFromToday(-24)},true,R. Adm. Okafor,true`,
      `X-2002,US Air Force Life Cycle Management Center Wright-Patterson,DX-A2,Blade line,4,${isoDateFromToday(20)},${isoDateFromToday(-10)},false,Col. Reyes,true`,
      `U-3003,GE Aviation Lynn Engine Assembly and Test,,Blade line,30,${isoDateFromToday(12)},${isoDateFromToday(-30)},true,,`,
      `N-4004,US Army Contracting Command Detroit Arsenal,DO-A4,Blade line,1,${isoDateFromToday(70)},${isoDateFromToday(-3)},false,,`,
    ].join('\n');
    await api('us.supplier', 'POST', '/rated-orders/import', { csv });
    const schedule = await api('us.supplier', 'GET', '/schedules/mine');

    const s = await web.login('us.supplier');
    const { page } = s;
    assert.deepEqual(page.viewportSize(), { width: 1440, height: 900 });
    await openFromNav(page, 'Order desk', /#\/orders$/);
    const book = page.getByTestId('order-book');
    await book.locator('[data-testid="order-row"][data-order="U-3003"]').waitFor();
    await page.getByTestId('order-timeline').waitFor();

    const widths = await page.evaluate(() => {
      const card = document.querySelector('[data-testid="order-book"]')!;
      const table = card.querySelector('table')!;
      const wrap = table.parentElement!;
      const style = getComputedStyle(card);
      return {
        card: card.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth),
        table: table.getBoundingClientRect().width,
        wrapScroll: wrap.scrollWidth,
        wrapClient: wrap.clientWidth,
      };
    });
    assert.ok(widths.table <= widths.card + 0.5, `the table (${widths.table}px) is not wider than its card (${widths.card}px)`);
    assert.ok(widths.wrapScroll <= widths.wrapClient, `no horizontal scrolling inside the card (${widths.wrapScroll} > ${widths.wrapClient})`);
    await screenshot(page, 'order-desk-1440');

    // The label names the first planning day; no bar starts before the today line.
    const todayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${schedule.today}T00:00:00Z`));
    await expectText(page.getByTestId('timeline-panel').locator('.panel-head'), `Planned from ${todayLabel}`);
    const xs = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="order-timeline"] svg')!;
      const today = Number(svg.querySelector('.tl-today line')!.getAttribute('x1'));
      const bars = [...svg.querySelectorAll('rect.tl-bar')].map((r) => Number(r.getAttribute('x')));
      return { today, bars };
    });
    assert.equal(xs.bars.length, 4);
    for (const x of xs.bars) assert.ok(x >= xs.today - 0.5, `a bar starts at x=${x}, before the planning day at x=${xs.today}`);
    await screenshot(page, 'order-desk-1440-timeline', { fullPage: true });
    assert.deepEqual(s.problems, [], 'no page errors or failed console messages');
  });

  test('a SOSA rated order is planned on a line from the desk, and desk and request card say "Delivered on …" then "Closed"', async () => {
    const lynn = (await api('us.sosa', 'GET', '/reference')).companies.find((c: { shortName: string }) => c.shortName === 'LYNN-TURB');
    await api('us.supplier', 'POST', '/resources', { name: 'Turbine line', capacityPerDay: 5 });
    const created = await api('in.sosa', 'POST', '/requests', { ...F414_BLADES, title: 'Blades for the desk walk' });
    const id = created.id as string;
    const step = (user: string, action: string, fields: Record<string, unknown> = {}) => api(user, 'POST', `/requests/${id}/transitions`, { action, ...fields });
    await step('us.sosa', 'acknowledge');
    await step('us.sosa', 'forward_for_determination');
    await step('us.dod', 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-9' });
    await step('us.commerce', 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-9' });
    await step('us.sosa', 'place_rated_order', { supplier: lynn.id, order_number: 'PO-DESK', required_delivery_date: isoDateFromToday(90), signed_by: 'Dana Whitfield', certified: true });
    await step('us.supplier', 'accept_rated_order', { promised_delivery_date: isoDateFromToday(80) });

    const s = await web.login('us.supplier');
    const { page } = s;
    await openFromNav(page, 'Order desk');
    const book = page.getByTestId('order-book');
    const row = book.locator(`[data-testid="order-row"][data-order="${created.reference}/PO-DESK"]`);
    await expectText(row.getByTestId('desk-status'), 'Accepted');
    await row.getByRole('button', { name: /Plan on a line/ }).click();
    const dialog = page.getByTestId('order-dialog');
    await dialog.getByLabel('Production line').selectOption({ label: 'Turbine line (5 units a working day)' });
    await dialog.getByRole('button', { name: 'Plan on this line' }).click();
    await expectText(dialog.getByTestId('order-notice'), 'Planned on Turbine line');
    await screenshot(page, 'order-desk-sosa-planned', { fullPage: false });
    await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
    await expectText(row, 'Turbine line');
    const schedule = await api('us.supplier', 'GET', '/schedules/mine');
    assert.ok(schedule.orders.some((o: { requestId: string }) => o.requestId === id), 'the schedule includes it');

    // Today in the supplier's calendar (New York), which is what "not in the future" is measured in.
    await step('us.supplier', 'mark_delivered', { delivered_on: schedule.today });
    await page.reload();
    await expectText(row.getByTestId('desk-status'), /Delivered on \d{1,2} \w{3} \d{4}/);
    await openRequest(page, web.app.url, id);
    await expectText(page.getByTestId('rated-order-status'), /Delivered on \d{1,2} \w{3} \d{4}/);
    await screenshot(page, 'request-rated-order-delivered');

    await step('in.sosa', 'confirm_receipt_and_close', { note: 'Received.' });
    await page.reload();
    await expectText(page.getByTestId('rated-order-status'), 'Closed');
    assert.deepEqual(s.problems, [], 'no page errors or failed console messages');
  });
});
