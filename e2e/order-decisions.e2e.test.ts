// End-to-end: the supplier decides on rated orders (15 CFR 700.13) in headless Chromium.
// Run: npx vite build && node --import tsx --test e2e/order-decisions.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiAs, expectText, importOrderBook, isoDateFromToday, openOrderDeskWithLine, openRequest, screenshot, useBrowserApp } from './helpers.js';
import { F414_BLADES } from '../src/testing/fixtures.js';

const HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted,signed_by,certified';

describe('the supplier accepts and rejects rated orders', () => {
  const web = useBrowserApp();

  test('accepts one order, is refused an acceptance it cannot meet, rejects with reasons and a later date, and sees the late order highlighted', async () => {
    const s = await openOrderDeskWithLine(web, 'Press line', 1);
    const { page } = s;

    const today = isoDateFromToday(0);
    const csv = [
      HEADER,
      `P-1,US Navy,DO-A1,Press line,20,${isoDateFromToday(40)},${today},true,R. Adm. Okafor,true`,
      `A-1,US Air Force,DO-A1,Press line,2,${isoDateFromToday(60)},${today},false,Col. Reyes,true`,
      // 4 units in at most 3 working days on a 1-unit line: cannot be met (700.13(b)(1)).
      `R-1,US Army,DO-A4,Press line,4,${isoDateFromToday(2)},${today},false,Maj. Chen,true`,
      `N-1,US Army,DO-A4,Press line,1,${isoDateFromToday(70)},${today},false,,`,
      `L-1,GE Aviation,,Press line,20,${isoDateFromToday(3)},${today},true,,`,
      // A DX order received 16 days ago: its 10 working days are (nearly) up.
      `X-1,US Navy,DX-A2,Press line,1,${isoDateFromToday(80)},${isoDateFromToday(-16)},false,Capt. Ito,true`,
    ].join('\n');
    await importOrderBook(page, csv, 6);

    const book = page.getByTestId('order-book');
    const row = (n: string) => book.locator(`[data-testid="order-row"][data-order="${n}"]`);
    await expectText(row('A-1').getByTestId('countdown'), /^1[0-9] WD left$/);
    assert.equal(await row('A-1').locator('.countdown-urgent').count(), 0, 'plenty of time: not red');
    await expectText(row('X-1').locator('.countdown-urgent'), /^(Overdue|Due today|1 WD left)$/);
    await expectText(row('A-1').getByTestId('desk-status'), 'Awaiting decision');
    await expectText(row('N-1').getByTestId('desk-status'), 'Not yet rated');
    await expectText(row('P-1').getByTestId('desk-status'), 'Accepted');
    await screenshot(page, 'order-decisions-book');

    // Accept A-1.
    await row('A-1').getByRole('button', { name: 'Open order A-1' }).click();
    let dialog = page.getByTestId('order-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Accept…' }).click();
    await dialog.getByTestId('accept-form').getByRole('button', { name: 'Accept order' }).click();
    await expectText(dialog.getByTestId('order-notice'), 'Accepted');
    await expectText(dialog.getByTestId('decision-text'), /Accepted .* by us\.supplier/);
    await expectText(dialog.getByTestId('order-history'), 'Accepted');
    await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
    await expectText(row('A-1').getByTestId('desk-status'), 'Accepted');

    // the acceptance is refused with the earliest date; the rejection form needs reasons and a later date.
    await row('R-1').getByRole('button', { name: 'Open order R-1' }).click();
    dialog = page.getByTestId('order-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Accept…' }).click();
    await dialog.getByTestId('accept-form').getByRole('button', { name: 'Accept order' }).click();
    await expectText(dialog.getByTestId('accept-refused'), /cannot be accepted for .*earliest date possible/);
    await screenshot(page, 'order-decisions-accept-refused');
    await dialog.getByRole('button', { name: /Reject and offer/ }).click();
    const reject = dialog.getByTestId('reject-form');
    const offered = await reject.getByLabel(/Earliest date you can deliver/).inputValue();
    assert.ok(offered > isoDateFromToday(2), `the earliest date is prefilled: ${offered}`);
    // Reasons are required.
    await reject.getByRole('button', { name: 'Reject order' }).click();
    await expectText(reject.locator('#rej-reasons-error'), /Give the reasons/);
    // An offered date that is not later than the required date is refused.
    await reject.getByLabel('Reasons (required)').fill('The press line makes one unit a day; four units cannot be ready by the required date.');
    await reject.getByLabel('Ground').selectOption('cannot_meet_date');
    await reject.getByLabel(/Earliest date you can deliver/).fill('');
    await reject.getByRole('button', { name: 'Reject order' }).click();
    await expectText(reject.locator('#rej-offeredDeliveryDate-error'), /State the earliest date/);
    await reject.getByLabel(/Earliest date you can deliver/).fill(isoDateFromToday(1));
    await reject.getByRole('button', { name: 'Reject order' }).click();
    await expectText(reject.locator('#rej-offeredDeliveryDate-error'), /must be later than the required date/);
    await screenshot(page, 'order-decisions-reject-errors');
    await reject.getByLabel(/Earliest date you can deliver/).fill(offered);
    await reject.getByRole('button', { name: 'Reject order' }).click();
    await expectText(dialog.getByTestId('order-notice'), /Rejected.*date offered/);
    await expectText(dialog.getByTestId('decision-text'), /Rejected/);
    await expectText(dialog, 'Keep records until');
    await screenshot(page, 'order-decisions-rejected');
    await page.locator('dialog[open]').getByRole('button', { name: 'Close' }).click();
    await expectText(row('R-1').getByTestId('desk-status'), 'Rejected');

    // The schedule: L-1 cannot be made by its date and is highlighted as late, with its cause.
    assert.equal(await row('L-1').getAttribute('data-late'), 'true');
    assert.match((await row('L-1').getAttribute('class')) ?? '', /is-late/);
    await expectText(row('L-1').getByTestId('days-late'), /\d+ days? late/);
    await expectText(book.locator('[data-testid="delay-row"][data-order="L-1"]'), 'Why late');
    assert.equal(await page.getByTestId('order-timeline').locator('.tl-row.tl-late').count() >= 1, true);
    await book.getByLabel('Late only').check();
    await row('A-1').waitFor({ state: 'detached' });
    await row('L-1').waitFor();
    await screenshot(page, 'order-decisions-late');

    assert.deepEqual(s.problems, [], 'no page errors');
    await s.context.close();
  });

  test('the SOSA request shows its rated order at the supplier, live, to the officers of both nations', async () => {
    const call = (username: string, path: string, body: unknown): Promise<{ id: string }> => apiAs(web.app, username, 'POST', path, body);
    const { id } = await call('in.sosa', '/requests', F414_BLADES);
    const reference = (await apiAs(web.app, 'us.sosa', 'GET', '/reference')) as { companies: Array<{ id: string; shortName: string }> };
    const lynn = reference.companies.find((c) => c.shortName === 'LYNN-TURB')!.id;
    for (const [user, action, fields] of [
      ['us.sosa', 'acknowledge', {}],
      ['us.sosa', 'forward_for_determination', {}],
      ['us.dod', 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-9' }],
      ['us.commerce', 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-9' }],
      ['us.sosa', 'place_rated_order', { supplier: lynn, order_number: 'PO-E2E', required_delivery_date: isoDateFromToday(120), signed_by: 'Dana Whitfield', certified: true }],
    ] as const) {
      await call(user, `/requests/${id}/transitions`, { action, ...fields });
    }
    const s = await web.login('in.sosa');
    await openRequest(s.page, web.app.url, id);
    const panel = s.page.getByTestId('rated-order-panel');
    await expectText(panel.getByTestId('rated-order-status'), 'Awaiting the supplier’s decision');
    await expectText(panel, /15 CFR 700\.13\(d\): 15 working days/);
    await expectText(panel, 'Not yet scheduled on a line');
    await screenshot(s.page, 'order-decisions-request-panel');
    await call('us.supplier', `/requests/${id}/transitions`, { action: 'accept_rated_order', promised_delivery_date: isoDateFromToday(110) });
    await s.page.reload();
    await expectText(s.page.getByTestId('rated-order-panel').getByTestId('rated-order-status'), 'Accepted by the supplier');
    assert.deepEqual(s.problems, [], 'no page errors');
    await s.context.close();
  });
});
