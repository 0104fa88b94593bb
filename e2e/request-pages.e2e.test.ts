// End-to-end: the request pages as officials read them (issue #11 items 4, 6, 7, 8, 9) — who a
// request waits on, one story of its dates, words for people, the programs a nation may cite,
// routing only to active Code of Conduct subscribers, resubmission with corrected line items.
// Run: npx vite build && node --import tsx --test e2e/request-pages.e2e.test.ts
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { DEMO_PASSWORD, expectText, fillByLabel, isoDateFromToday, openAction, openFromNav, openNewRequestForm, openRequest, screenshot, sonobuoyHousingsToIndia, submitAction, useBrowserApp } from './helpers.js';

const web = useBrowserApp();

type Call = (method: string, path: string, body?: unknown) => Promise<any>;

/** The API as a demo user (bearer token), for the steps a test only needs done, not shown. */
async function apiAs(username: string): Promise<Call> {
  const login = await fetch(`${web.app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  assert.equal(login.status, 200, `login ${username}`);
  const { token } = (await login.json()) as { token: string };
  return async (method, path, body) => {
    const res = await fetch(`${web.app.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed = await res.json().catch(() => null);
    if (res.status >= 300) throw new Error(`${username} ${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
}

/** The housings this file's US requests to India ask for: 100 of part SB-HSG-55, due in 90 days. */
const SB_HSG_55 = { partNumber: 'SB-HSG-55', quantity: 100, requiredDeliveryDate: isoDateFromToday(90) };

const step = (call: Call, id: string, action: string, fields: Record<string, unknown> = {}) => call('POST', `/requests/${id}/transitions`, { action, ...fields });

async function companyIdOf(call: Call, shortName: string): Promise<string> {
  const ref = await call('GET', '/reference');
  return ref.companies.find((c: { shortName: string }) => c.shortName === shortName).id;
}

/** An India → US request, with dates relative to today, brought to the rated order being placed. */
async function dpasRequestPlaced(title: string, dates: { requiredBy: number; ratedOrder: number }, urgency = 'routine'): Promise<string> {
  const india = await apiAs('in.sosa');
  const us = await apiAs('us.sosa');
  const created = await india('POST', '/requests', {
    ...F414_BLADES,
    title,
    urgency,
    requiredBy: isoDateFromToday(dates.requiredBy),
    items: F414_BLADES.items.map((i) => ({ ...i, requiredDeliveryDate: isoDateFromToday(dates.requiredBy) })),
  });
  const id = created.id as string;
  await step(us, id, 'acknowledge');
  await step(us, id, 'forward_for_determination');
  await step(await apiAs('us.dod'), id, 'determine_program', { approved_program: 'LCA Mk2 engines', determination_reference: 'PD-E2E-1' });
  await step(await apiAs('us.commerce'), id, 'authorize_rating', { rating: 'DO-A1', authorization_reference: 'BIS-E2E-1' });
  await step(us, id, 'place_rated_order', {
    supplier: await companyIdOf(us, 'LYNN-TURB'),
    order_number: `PO-${title.slice(0, 8).replace(/\W/g, '')}`,
    required_delivery_date: isoDateFromToday(dates.ratedOrder),
    signed_by: 'Dana Whitfield',
    certified: true,
  });
  return id;
}

/** A date as the page shows it to an en-GB user: "1 Feb 2027". */
function shown(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

const DEVELOPER_WORDS = [/\b1 working days/, /23:59:59/, /required_by/, /\b[a-z]+_[a-z_]+\b/, /Invalid input/, /YYYY-MM-DD/];

function assertPlainWords(text: string, where: string): void {
  for (const pattern of DEVELOPER_WORDS) assert.doesNotMatch(text, pattern, `${where} shows developer words (${pattern})`);
}

after(() => {
  const problems = web.sessions.flatMap((s) => s.problems);
  assert.deepEqual(problems, [], 'the UI logged no page errors');
});

describe('the request pages', () => {
  test('#11.4 the work queue: India is not "waited on" for requests that wait on the US; the US is not for one waiting on India', async () => {
    const india = await apiAs('in.sosa');
    const a = await india('POST', '/requests', { ...F414_BLADES, title: 'Queue check A — turbine blades' });
    const b = await india('POST', '/requests', { ...F414_BLADES, title: 'Queue check B — turbine blades' });

    let page: Page = (await web.login('in.sosa')).page;
    await page.goto(`${web.app.url}/#/queue`);
    await expectText(page.locator('.page-sub'), /.+/);
    const sub = await page.locator('.page-sub').innerText();
    assert.doesNotMatch(sub, /[1-9]\d* requests? waiting on you/, `in.sosa's queue subtitle: ${sub}`);
    await expectText(page.locator('.empty'), 'Nothing waits on you');
    await screenshot(page, 'request-pages-queue-in-sosa');
    await page.goto(`${web.app.url}/#/requests`);
    for (const r of [a, b]) {
      const row = page.locator('.table-requests tr').filter({ hasText: r.reference });
      await expectText(row, 'Waiting on the United States');
      assert.equal(await row.locator('.chip-action').count(), 0, `${r.reference} is not marked "Your action" for India`);
    }
    await screenshot(page, 'request-pages-list-in-sosa');

    // A US → India request in performance waits on the Indian company, not on the US SOSA office.
    const us = await apiAs('us.sosa');
    const sono = await us('POST', '/requests', sonobuoyHousingsToIndia('Queue check — sonobuoy housings', { ...SB_HSG_55, description: 'Sonobuoy housing' }));
    const inSosa = await apiAs('in.sosa');
    await step(inSosa, sono.id, 'acknowledge');
    await step(inSosa, sono.id, 'route_to_companies', { companies: [await companyIdOf(inSosa, 'BPF')] });
    await step(await apiAs('in.supplier'), sono.id, 'commit', { promised_delivery_date: isoDateFromToday(80) });
    page = (await web.login('us.sosa')).page;
    await page.goto(`${web.app.url}/#/requests`);
    const row = page.locator('.table-requests tr').filter({ hasText: sono.reference });
    await expectText(row, 'In performance');
    await expectText(row, 'Waiting on India');
    assert.equal(await row.locator('.chip-action').count(), 0, 'not "Your action" for the US SOSA office');
    await page.goto(`${web.app.url}/#/queue`);
    await expectText(page.locator('.page-sub'), /.+/);
    assert.equal(await page.locator('.table-requests tr').filter({ hasText: sono.reference }).count(), 0, 'not in the US queue');
    await openRequest(page, web.app.url, sono.id);
    await expectText(page.getByTestId('actions-panel'), 'Waiting on India');
    // One shared instance, no partner instance: no line about delivery to a partner (issue #13).
    assert.equal(await page.getByTestId('partner-delivery').count(), 0);
    await screenshot(page, 'request-pages-us-sosa-waiting-on-india');
  });

  test('#11.6 one date story, deadlines in plain words, no developer words on the request page', async () => {
    const id = await dpasRequestPlaced('Date story — turbine blades', { requiredBy: 120, ratedOrder: 100 });
    const supplier = (await web.login('us.supplier')).page;
    await openRequest(supplier, web.app.url, id);
    const acceptance = supplier.getByTestId('deadline-supplier_acceptance');
    const text = await expectText(acceptance, 'must accept or reject by');
    assert.match(text, /15 working days from receipt/);
    assert.match(text, /15 CFR 700\.13/);
    assert.match(text, /23:59/);
    assertPlainWords(await supplier.getByTestId('deadlines-panel').innerText(), 'the deadlines panel');
    await screenshot(supplier, 'request-pages-deadlines-supplier');
    await step(await apiAs('us.supplier'), id, 'accept_rated_order', { promised_delivery_date: isoDateFromToday(95) });

    const page = (await web.login('in.sosa')).page;
    await openRequest(page, web.app.url, id);
    const dates = page.getByTestId('dates-panel');
    await expectText(dates, `Requested by India: ${shown(isoDateFromToday(120))}`);
    await expectText(dates, `Required delivery on the rated order: ${shown(isoDateFromToday(100))}`);
    await expectText(dates, `Supplier’s promised date: ${shown(isoDateFromToday(95))}`);
    await expectText(dates.getByTestId('dates-explanation'), /before/);
    const delivery = await expectText(page.getByTestId('deadline-delivery'), /by/);
    assertPlainWords(delivery, 'the delivery deadline');
    assertPlainWords(await page.getByTestId('deadlines-panel').innerText(), 'the deadlines panel');
    await screenshot(page, 'request-pages-date-story');

    // An emergency request: one working day to acknowledge, said as such.
    const india = await apiAs('in.sosa');
    const urgent = await india('POST', '/requests', { ...F414_BLADES, title: 'Emergency — turbine blades', urgency: 'emergency' });
    await openRequest(page, web.app.url, urgent.id);
    const ack = await expectText(page.getByTestId('deadline-acknowledgement'), '1 working day');
    assertPlainWords(ack, 'the acknowledgement deadline');

    // A rejection for "cannot meet the date" reads as words in the history of the US SOSA office,
    // which places the order again (India reads only the performing company's line: the border).
    const rejected = await dpasRequestPlaced('Rejected — turbine blades', { requiredBy: 120, ratedOrder: 60 });
    await step(await apiAs('us.supplier'), rejected, 'reject_rated_order', { ground: 'cannot_meet_date', reasons: 'Forging capacity is booked.', earliest_possible_date: isoDateFromToday(90) });
    const usOffice = (await web.login('us.sosa')).page;
    await openRequest(usOffice, web.app.url, rejected);
    const history = (await usOffice.getByTestId('history-event').allInnerTexts()).join('\n');
    assert.match(history, /cannot meet the required delivery date/i);
    assertPlainWords(history, 'the history');
    await screenshot(usOffice, 'request-pages-rejection-history');
  });

  test('#11.6 form messages are for people: an empty quantity and an empty date', async () => {
    const page = (await web.login('in.sosa')).page;
    const form = await openNewRequestForm(page);
    await fillByLabel(form, { 'To nation': 'US', 'Defence program': 'IN-LCA-MK2-ENGINE', Title: 'Blades with no quantity', Justification: 'Checking the form messages.', 'Line 1 part number': 'F414-HPT-BLD-07', 'Line 1 description': 'High-pressure turbine blade' });
    await form.getByRole('button', { name: 'Submit request' }).click();
    const message = await expectText(page.locator('#item-0-quantity-error'), /.+/);
    assert.equal(message, 'Enter a quantity');
    await screenshot(page, 'request-pages-new-request-quantity');

    const supplier = (await web.login('us.supplier')).page;
    await openFromNav(supplier, 'Priority assistance (SPA)');
    await supplier.getByTestId('new-spa').click();
    const spa = supplier.getByTestId('spa-form');
    await spa.waitFor();
    await spa.getByRole('button', { name: 'Submit request' }).click();
    const dateMessage = await expectText(spa.locator('#spa-orders-0-requiredDeliveryDate-error'), /.+/);
    assert.doesNotMatch(dateMessage, /YYYY|as \d/);
    assert.match(dateMessage, /Enter/);
    await screenshot(supplier, 'request-pages-spa-date-message');
  });

  test('#11.7 India\'s New request form offers only programs India is party to', async () => {
    const page = (await web.login('in.sosa')).page;
    const form = await openNewRequestForm(page);
    await form.getByLabel('To nation').selectOption('US');
    const options = await form.getByLabel('Defence program').locator('option').allInnerTexts();
    assert.ok(!options.some((o) => /155 mm|Javelin/.test(o)), `US-only programs offered: ${options.join(' | ')}`);
    assert.ok(options.some((o) => /LCA Tejas/.test(o)));
    assert.ok(options.some((o) => /sonobuoy/i.test(o)), 'a US program India partners in is offered');
    await screenshot(page, 'request-pages-new-request-programs');
  });

  test('#11.9 the resubmit dialog shows the question and edits the line items; DoD\'s determination is prefilled', async () => {
    const india = await apiAs('in.sosa');
    const us = await apiAs('us.sosa');
    const created = await india('POST', '/requests', { ...F414_BLADES, title: 'Returned — turbine blades' });
    await step(us, created.id, 'acknowledge');
    await step(us, created.id, 'return_for_information', { question: 'Which drawing revision applies, and do you need the retainer seals too?' });

    const page = (await web.login('in.sosa')).page;
    await openRequest(page, web.app.url, created.id);
    const dialog = await openAction(page, 'Resubmit with information');
    await expectText(dialog.getByTestId('question-asked'), 'Which drawing revision applies');
    const quantity = dialog.getByLabel('Line 1 quantity');
    assert.equal(await quantity.inputValue(), '40', 'the current items are prefilled');
    await quantity.fill('60');
    await dialog.getByRole('button', { name: '+ Add line item' }).click();
    await fillByLabel(dialog, { 'Line 2 part number': 'F414-HPT-SEAL-2', 'Line 2 description': 'Blade retainer seal', 'Line 2 quantity': '60' });
    await dialog.getByLabel(/Information provided/).fill('Drawing rev. C; yes, 60 seals as line 2.');
    await screenshot(page, 'request-pages-resubmit-dialog', { fullPage: false });
    await submitAction(dialog);
    await expectText(page.locator('.page-detail [data-testid="state-badge"]'), 'Submitted');
    const items = await expectText(page.getByTestId('line-items'), 'F414-HPT-SEAL-2');
    assert.match(items, /60/);
    const resubmitted = page.getByTestId('history-event').filter({ hasText: 'Resubmit with information' });
    const change = await expectText(resubmitted, 'Line 1');
    assert.match(change, /40 → 60/);
    assert.match(change, /F414-HPT-SEAL-2/);
    assertPlainWords(change, 'the resubmission in the history');
    await screenshot(page, 'request-pages-resubmitted');

    await step(us, created.id, 'acknowledge');
    await step(us, created.id, 'forward_for_determination');
    const dod = (await web.login('us.dod')).page;
    await openRequest(dod, web.app.url, created.id);
    const determine = await openAction(dod, 'Determine: supports an approved program');
    assert.equal(await determine.getByLabel(/Approved defence program supported/).inputValue(), 'LCA Tejas Mk2 — F414-INS6 engine co-production (IN-LCA-MK2-ENGINE)');
    await screenshot(dod, 'request-pages-determination-prefilled', { fullPage: false });
  });

  test('#11.8 the routing dialog lists active subscribers only, shows a lapsed one as lapsed, and a refusal names the company', async () => {
    const us = await apiAs('us.sosa');
    const inSosa = await apiAs('in.sosa');
    const created = await us('POST', '/requests', sonobuoyHousingsToIndia('Routing check — sonobuoy housings', { ...SB_HSG_55, nsn: '5845-01-555-0100' }));
    await step(inSosa, created.id, 'acknowledge');

    const page = (await web.login('in.sosa')).page;
    await openRequest(page, web.app.url, created.id);
    const dialog = await openAction(page, 'Route to Code of Conduct companies');
    await dialog.getByRole('checkbox', { name: /Konkan Marine Electronics/ }).waitFor();
    const boxes = await dialog.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e.closest('label')?.textContent ?? '').trim()));
    assert.ok(!boxes.some((b) => /Satpura|Kaveri/.test(b)), `not selectable: ${boxes.join(' | ')}`);
    assert.match(boxes[0] ?? '', /Konkan Marine Electronics/, 'best match first (sonobuoy housings)');
    const lapsed = await expectText(dialog.getByTestId('unavailable-subscribers'), 'Satpura Ordnance Components Ltd');
    assert.match(lapsed, /lapsed/i);
    const dialogText = await dialog.innerText();
    assert.doesNotMatch(dialogText, /no Code of Conduct/);
    await screenshot(page, 'request-pages-routing-dialog', { fullPage: false });

    // Bharat's subscription lapses while the dialog is open: the refusal names it.
    await dialog.getByRole('checkbox', { name: /Bharat Precision Forgings/ }).check();
    const subscribers = await inSosa('GET', '/code-of-conduct/subscribers');
    const bpf = subscribers.items.find((s: { organisation: { shortName: string } }) => s.organisation.shortName === 'BPF');
    const lapsedSub = await inSosa('POST', `/code-of-conduct/subscribers/${bpf.id}/status`, { version: bpf.version, status: 'lapsed', effectiveOn: isoDateFromToday(0), reason: 'e2e: annual confirmation missed' });
    await dialog.getByTestId('action-submit').click();
    await expectText(dialog.locator('.field-error, .banner-error'), 'Bharat Precision Forgings Ltd');
    await screenshot(page, 'request-pages-routing-refused', { fullPage: false });
    await inSosa('POST', `/code-of-conduct/subscribers/${bpf.id}/status`, { version: lapsedSub.version, status: 'active', effectiveOn: isoDateFromToday(0), reason: 'e2e: renewed' });
  });
  test('#14 the work queue counts all that waits and shows the next 200 on demand (no cut at the first page)', async () => {
    const india = await apiAs('in.sosa');
    // 201 new requests wait on the US SOSA office's acknowledgement, beyond whatever already does.
    for (let i = 0; i < 201; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, 201 - i) }, (_, j) => india('POST', '/requests', { ...F414_BLADES, title: `Queue depth ${i + j + 1} — turbine blades` })));
    }
    const us = await apiAs('us.sosa');
    const { total } = await us('GET', '/requests?queue=mine&limit=1');
    assert.ok(total >= 201 && total <= 400, `the US queue holds ${total}: two pages`);

    const page = (await web.login('us.sosa')).page;
    await page.goto(`${web.app.url}/#/queue`);
    await expectText(page.locator('.page-sub'), `200 of ${total.toLocaleString('en-US')} requests waiting on you`);
    const rows = page.locator('.table-requests tbody tr');
    assert.equal(await rows.count(), 200);
    await page.getByTestId('queue-more').click();
    await expectText(page.locator('.page-sub'), new RegExp(`^${total} requests waiting on you`));
    assert.equal(await rows.count(), total);
    assert.equal(await page.getByTestId('queue-more').count(), 0, 'nothing more to show');
  });
});
