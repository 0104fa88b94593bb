// End-to-end: the border in the browser — a supplier that rejects a SOSA rated order no longer
// reads the request, is told so, and finds its rejected order on its desk (DESIGN.md, sovereignty rule).
// Run: npx vite build && node --import tsx --test e2e/border.e2e.test.ts
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { DEMO_PASSWORD, expectText, isoDateFromToday, openAction, openRequest, screenshot, useBrowserApp } from './helpers.js';

const web = useBrowserApp();

after(() => {
  const problems = web.sessions.flatMap((s) => s.problems);
  assert.deepEqual(problems, [], 'the UI logged no page errors');
});

async function api(token: string | null, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${web.app.url}/api/v1${path}`, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const json = await res.json().catch(() => null);
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const tokenOf = async (username: string) => (await api(null, 'POST', '/session', { username, password: DEMO_PASSWORD })).token as string;

describe('the border in the browser', () => {
  test('a supplier that rejects a SOSA rated order is told the request is no longer open to it, and keeps the order on its desk', async () => {
    const [inSosa, usSosa, usDod, usCommerce] = (await Promise.all(['in.sosa', 'us.sosa', 'us.dod', 'us.commerce'].map(tokenOf))) as [string, string, string, string];
    const reference = await api(usSosa, 'GET', '/reference');
    const lynn = reference.companies.find((c: { shortName: string }) => c.shortName === 'LYNN-TURB').id;
    const created = await api(inSosa, 'POST', '/requests', {
      toNation: 'US', title: 'Border test: F414 blades', programId: 'IN-LCA-MK2-ENGINE', justification: 'Line stops without them.', urgency: 'routine', classification: 'UNCLASSIFIED', requiredBy: isoDateFromToday(150),
      items: [{ partNumber: 'F414-BLD-7', description: 'HP turbine blade', quantity: 4, unit: 'ea', requiredDeliveryDate: isoDateFromToday(140) }],
    });
    const step = (token: string, action: string, fields: Record<string, unknown> = {}) => api(token, 'POST', `/requests/${created.id}/transitions`, { action, ...fields });
    await step(usSosa, 'acknowledge');
    await step(usSosa, 'forward_for_determination');
    await step(usDod, 'determine_program', { approved_program: 'F414-INS6 co-production', determination_reference: 'PD-9' });
    await step(usCommerce, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'R-9' });
    await step(usSosa, 'place_rated_order', { supplier: lynn, order_number: 'PO-9', required_delivery_date: isoDateFromToday(140), signed_by: 'Dana Whitfield', certified: true });

    const { page } = await web.login('us.supplier');
    await openRequest(page, web.app.url, created.id);
    const dialog = await openAction(page, 'Reject rated order');
    await dialog.getByLabel(/Ground for rejection/).selectOption('terms_of_sale_not_met');
    await dialog.getByLabel(/^Reasons/).fill('Payment terms differ from our regular terms of sale (700.13(c)(1)).');
    await dialog.getByTestId('action-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(page.getByTestId('access-ended'), /no longer open to your company/);
    await screenshot(page, 'border-rejected-access-ended');

    // The request itself now answers as one that is not theirs.
    await page.reload();
    await expectText(page.locator('.banner-error'), /.+/);

    // The rejected order stays on the desk, without a link to the request.
    await page.goto(`${web.app.url}/#/orders`);
    await page.getByText(/PO-9/).first().click();
    await expectText(page.getByText(/Your company rejected it/), /no longer open to your company/);
    await screenshot(page, 'border-rejected-order-desk');
  });
});
