import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { fetchDueFiles } from '../src/services/federation/fetch-partner-files.js';
import { deliverToPeer } from '../src/services/federation/message-sender.js';
import { startUsIndiaPeered, type FederatedApps } from '../src/testing/federated-apps.js';
import { act, requestBody } from '../src/testing/request-builders.js';
import { TEST_PASSWORD, type TestApp } from '../src/testing/test-app.js';
import { expectCount, expectText, launchBrowser, loginAs, openAction, screenshot, submitAction } from './helpers.js';

// Issue #13: India's officer finds the requests the US instance shared under "Partner's copies",
// and reads one with its message trail; the US officer reads on the request whether India's
// instance has its latest change. The two instances run in this process (federated-apps.ts); each
// is served over HTTP to a real Chromium.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
let server: ServerType;
let url = '';
let usServer: ServerType;
let usUrl = '';
let requestId = '';
let browser: Browser;

before(async () => {
  net = await startUsIndiaPeered();
  us = net.app('US');
  india = net.app('IN');
  // The browser keeps a session cookie until its expiry: the instances run on the real time.
  for (const t of [us, india]) t.clock.set(new Date());
  const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'F414 turbine blades, copied' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  requestId = created.body.id;
  await us.call(await us.login('us.sosa'), 'POST', `/requests/${created.body.id}/comments`, { body: 'CANARY-e2e-internal-note', visibility: 'internal' });
  await act(us, 'us.sosa', created.body.id, 'acknowledge');
  await us.call(await us.login('us.sosa'), 'POST', `/requests/${created.body.id}/comments`, { body: 'The casting line can start in January.', visibility: 'shared' });
  assert.equal((await deliverToPeer(us.ctx, 'IN', { fetch: net.fetch, ignoreSchedule: true })).blocked, null);
  const serveApp = (t: TestApp) =>
    new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
  server = await serveApp(india);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  usServer = await serveApp(us);
  usUrl = `http://127.0.0.1:${(usServer.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => usServer?.close(resolve));
  await net?.close();
});

describe("the partner's copies in the browser (issue #13)", () => {
  it("India's officer lists the US copy and reads its shared history, comments and message trail", async () => {
    const { page, problems, context } = await loginAs(browser, url, 'in.sosa', TEST_PASSWORD);
    await page.getByRole('link', { name: "Partner's copies" }).click();
    await expectCount(page.getByTestId('partner-copy-row'), 1);
    await screenshot(page, 'partner-copies-list');
    await page.getByTestId('partner-copy-row').getByRole('link').click();
    await expectCount(page.getByTestId('copy-trail-row'), 2);
    await expectText(page.getByTestId('copy-trail-received'), /^received \d{1,2} [A-Z][a-z]{2} \d\d:\d\d, receipt signed$/);
    await expectText(page.getByTestId('copy-comment'), 'The casting line can start in January.');
    assert.ok(!(await page.content()).includes('CANARY-e2e-internal-note'), 'the US internal note is not on India’s page');
    await screenshot(page, 'partner-copy-detail');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("India's officer comments and attaches a file on the copy: shown as sent, then as applied once the US answers; an internal comment stays on India's desk", async () => {
    const { page, problems, context } = await loginAs(browser, url, 'in.sosa', TEST_PASSWORD);
    await page.goto(`${url}/#/partner-copies/${requestId}`);
    await page.locator('#copy-comment-body').fill('India confirms lot 7 is cast to revision C.');
    await page.getByRole('button', { name: 'Send to the United States' }).first().click();
    await expectText(page.getByTestId('copy-contribution-state'), 'Sent to the United States, not yet applied');
    await page.locator('#copy-comment-body').fill('Our own view of the schedule.');
    await page.getByLabel('Internal').check();
    await page.getByRole('button', { name: 'Keep internal comment' }).click();
    await expectCount(page.locator('[data-testid="copy-contribution-state"][data-state="internal"]'), 1);
    await page.locator('#copy-attachment-file').setInputFiles({ name: 'lot-7.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% lot 7\n') });
    await page.getByRole('button', { name: 'Send to the United States' }).last().click();
    await expectCount(page.locator('[data-testid="copy-contribution-state"][data-state="pending"]'), 2);
    await screenshot(page, 'partner-copy-contributions-sent');
    // The US keeps both as India's officer's and answers; India's page shows them applied.
    assert.equal((await deliverToPeer(india.ctx, 'US', { fetch: net.fetch, ignoreSchedule: true })).delivered, 2);
    assert.equal((await deliverToPeer(us.ctx, 'IN', { fetch: net.fetch, ignoreSchedule: true })).delivered, 2);
    await page.reload();
    await expectCount(page.locator('[data-testid="copy-contribution-state"][data-state="applied"]'), 2);
    await screenshot(page, 'partner-copy-contributions-applied');
    const onUs = await us.call(await us.login('us.sosa'), 'GET', `/requests/${requestId}`);
    assert.ok(onUs.body.comments.some((c: { body: string; nation: string }) => c.nation === 'IN' && c.body.startsWith('India confirms lot 7')));
    assert.ok(!JSON.stringify(onUs.body).includes('Our own view of the schedule.'), "India's internal comment is not on the US desk");
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("a file larger than a signed message, attached on India's copy, shows on the US request as being fetched from India's desk, then among its attachments", async () => {
    const officer = await loginAs(browser, url, 'in.sosa', TEST_PASSWORD);
    await officer.page.goto(`${url}/#/partner-copies/${requestId}`);
    const drawing = Buffer.concat([Buffer.from('%PDF-1.4\n% blade drawings\n'), Buffer.alloc(600 * 1024, 0x20)]);
    await officer.page.locator('#copy-attachment-file').setInputFiles({ name: 'blade-drawings.pdf', mimeType: 'application/pdf', buffer: drawing });
    await officer.page.getByRole('button', { name: 'Send to the United States' }).last().click();
    await expectCount(officer.page.locator('[data-testid="copy-contribution-state"][data-state="pending"]'), 1);
    assert.equal((await deliverToPeer(india.ctx, 'US', { fetch: net.fetch, ignoreSchedule: true })).delivered, 1);

    const usOfficer = await loginAs(browser, usUrl, 'us.sosa', TEST_PASSWORD);
    await usOfficer.page.goto(`${usUrl}/#/requests/${requestId}`);
    const coming = usOfficer.page.locator('[data-testid="file-from-partner"][data-state="fetching"]');
    await expectText(coming, /blade-drawings\.pdf\s*Being fetched/);
    await expectText(coming, /fetching it from India by its SHA-256/);
    await screenshot(usOfficer.page, 'request-file-from-partner-fetching');
    assert.equal((await fetchDueFiles(us.ctx, { fetch: net.fetch, ignoreSchedule: true })).fetched, 1);
    await usOfficer.page.reload();
    await expectCount(usOfficer.page.getByTestId('attachment').filter({ hasText: 'blade-drawings.pdf' }), 1);
    assert.equal(await usOfficer.page.getByTestId('file-from-partner').count(), 0);

    assert.equal((await deliverToPeer(us.ctx, 'IN', { fetch: net.fetch, ignoreSchedule: true })).blocked, null);
    await officer.page.reload();
    await expectCount(officer.page.locator('[data-testid="copy-contribution-state"][data-state="pending"]'), 0);
    assert.deepEqual([...officer.problems, ...usOfficer.problems], []);
    await officer.context.close();
    await usOfficer.context.close();
  });

  it('an Indian supplier has no such entry', async () => {
    const { page, context } = await loginAs(browser, url, 'in.supplier', TEST_PASSWORD);
    assert.equal(await page.getByRole('link', { name: "Partner's copies" }).count(), 0);
    await context.close();
  });
});

describe('whether the partner has the latest change, on the request (issue #13)', () => {
  // A US officer in New York reads the times in New York's zone, named ("EST"), as the rest of the UI.
  const usOfficer = () => loginAs(browser, usUrl, 'us.sosa', TEST_PASSWORD, { timezoneId: 'America/New_York' });

  it("the US officer reads that India's desk received the latest change, and when", async () => {
    const { page, problems, context } = await usOfficer();
    await page.goto(`${usUrl}/#/requests`);
    await page.locator('.table-requests tbody tr').first().waitFor();
    assert.equal(await page.getByTestId('partner-pending').count(), 0, 'no mark while India has every change');
    await page.goto(`${usUrl}/#/requests/${requestId}`);
    const line = page.getByTestId('partner-delivery');
    await expectText(line, /^✓\s*Delivered to India's desk on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d E[SD]T$/);
    assert.equal(await line.getAttribute('data-state'), 'delivered');
    await screenshot(page, 'partner-delivery-delivered');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it("while India's instance is down, a new shared change is marked in the list and the request says since when India is unreachable, until India takes it", async () => {
    net.down.add('IN');
    try {
      const comment = await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/comments`, { body: 'Drawings revised.', visibility: 'shared' });
      assert.equal(comment.status, 201, JSON.stringify(comment.body));
      const { page, problems, context } = await usOfficer();
      await page.goto(`${usUrl}/#/requests`);
      await expectCount(page.getByTestId('partner-pending'), 1);
      assert.equal(await page.getByTestId('partner-pending').getAttribute('title'), "Not yet delivered to India's desk");
      await screenshot(page, 'partner-delivery-list-undelivered');
      await page.goto(`${usUrl}/#/requests/${requestId}`);
      const line = page.getByTestId('partner-delivery');
      // Queued, not yet tried: quiet, since the change was made.
      await expectText(line, /^Not yet delivered to India's desk: waiting since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d E[SD]T$/);
      assert.equal(await line.getAttribute('data-state'), 'pending');
      await screenshot(page, 'partner-delivery-pending');
      assert.match((await net.deliver('US', 'IN')).blocked ?? '', /IN unreachable/);
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expectText(line, /^!\s*Not yet delivered to India's desk: partner unreachable since \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d E[SD]T$/);
      assert.equal(await line.getAttribute('data-state'), 'unreachable');
      await screenshot(page, 'partner-delivery-unreachable');
      // While it waits, the page asks only whether the change arrived, not for the whole request.
      const asked: string[] = [];
      page.on('request', (req) => {
        const path = new URL(req.url()).pathname;
        if (path.startsWith(`/api/v1/requests/${requestId}`)) asked.push(path.slice(`/api/v1/requests/${requestId}`.length) || 'the request');
      });
      // India is back and takes the change: the page, left open, says so without a Refresh.
      net.down.delete('IN');
      assert.equal((await net.deliver('US', 'IN')).blocked, null);
      await expectText(line, /^✓\s*Delivered to India's desk/, 20_000);
      assert.equal(await line.getAttribute('data-state'), 'delivered');
      assert.ok(asked.includes('/delivery'), asked.join(', '));
      assert.deepEqual(asked.filter((a) => a !== '/delivery'), ['the request'], 'the whole request read once, when the delivery changed');
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      net.down.delete('IN');
    }
  });
});

describe("India's officer takes India's step on the copy (issue #13)", () => {
  // An Indian official on the Indian instance, reading the times in India's zone.
  const indianOfficer = () => loginAs(browser, url, 'in.sosa', TEST_PASSWORD, { timezoneId: 'Asia/Kolkata' });
  const openCopy = async (page: Page) => {
    await page.goto(`${url}/#/partner-copies/${requestId}`);
    await page.getByTestId('copy-trail').waitFor();
  };

  it('the US returns the request for information; on the copy India resubmits from the dialog, which shows the question and refuses an empty answer at its field, and the copy says the step is sent, not yet applied', async () => {
    const returned = await us.call(await us.login('us.sosa'), 'POST', `/requests/${requestId}/transitions`, { action: 'return_for_information', question: 'Which engine lot do the blades serve?' });
    assert.equal(returned.status, 200, JSON.stringify(returned.body));
    assert.equal((await net.deliver('US', 'IN')).blocked, null);

    const { page, problems, context } = await indianOfficer();
    await openCopy(page);
    const panel = page.getByTestId('actions-panel');
    await expectText(panel, 'Resubmit with information');
    assert.deepEqual(await panel.getByRole('button').allInnerTexts(), ['Resubmit with information', 'Withdraw request']);
    assert.equal(await page.getByTestId('copy-step-sent').count(), 0);
    await screenshot(page, 'partner-copy-steps-before');

    // A second tab keeps the withdrawal dialog open while the first one sends the resubmission.
    const stale = await context.newPage();
    await openCopy(stale);
    const withdrawal = await openAction(stale, 'Withdraw request');
    await withdrawal.getByLabel(/Reason for withdrawal/).fill('No longer needed.');

    const dialog = await openAction(page, 'Resubmit with information');
    await expectText(dialog.getByTestId('question-asked'), 'Which engine lot do the blades serve?');
    assert.equal(await dialog.getByLabel('Line 1 quantity').inputValue(), String((requestBody('US', 'IN-LCA-MK2-ENGINE').items as Array<{ quantity: number }>)[0]!.quantity), "the copy's lines are prefilled");
    await dialog.getByTestId('action-submit').click();
    await expectText(dialog.locator('#field-answer-error'), /required/);
    await screenshot(page, 'partner-copy-step-field-error', { fullPage: false });
    await dialog.getByLabel(/Information provided/).fill('Lot 7 of the Kaveri programme.');
    await submitAction(dialog);
    await expectText(page.getByTestId('copy-step-sent'), /^"Resubmit with information" was sent to the United States' instance .*not yet applied/);
    await expectText(panel, /Waiting on the United States to apply the step sent — nothing for you to do now/);
    assert.equal(await panel.getByRole('button').count(), 0, 'no other step while this one is on its way');
    // The comment and file India sent on the copy (above) are rows of the trail too: the step's row is the one named so.
    const sentRow = page.locator('[data-testid="copy-trail-row"][data-direction="sent"]').filter({ hasText: 'Step sent' });
    await expectText(sentRow, /^to US.*Step sent.*not yet received/);
    await screenshot(page, 'partner-copy-steps-after');

    // The other tab's withdrawal comes too late: the holder's refusal is shown in its dialog.
    await withdrawal.getByTestId('action-submit').click();
    await expectText(withdrawal.locator('.banner-error'), /"Resubmit with information", sent to US from this copy, is not applied yet/);
    await screenshot(stale, 'partner-copy-step-conflict', { fullPage: false });
    // Closing that dialog brings the tab up to date: the step sent, no button left.
    await withdrawal.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expectText(stale.getByTestId('copy-step-sent'), /^"Resubmit with information" was sent to the United States' instance/);
    assert.equal(await stale.getByTestId('actions-panel').getByRole('button').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('once the US applies the resubmission, the copy shows it submitted again and offers India the withdrawal', async () => {
    assert.equal((await net.deliver('IN', 'US')).blocked, null);
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    const { page, problems, context } = await indianOfficer();
    await openCopy(page);
    await expectText(page.getByTestId('copy-history-event').last(), 'Resubmit with information');
    assert.equal(await page.getByTestId('copy-step-sent').count(), 0);
    assert.deepEqual(await page.getByTestId('actions-panel').getByRole('button').allInnerTexts(), ['Withdraw request']);
    // The evidence India keeps: the US's signed receipt for the step it sent, in the trail after the US's return.
    const rows = page.getByTestId('copy-trail-row');
    const ways = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-direction')));
    assert.deepEqual(ways.slice(-2), ['sent', 'received'], "the step India sent, then the US's answer to it");
    assert.equal(ways.filter((w) => w === 'sent').length, 4, 'the comment and the two files India sent on the copy (above), and the step');
    await expectText(page.locator('[data-testid="copy-trail-row"][data-direction="sent"] [data-testid="copy-trail-received"]'), /^received \d{1,2} [A-Z][a-z]{2} \d\d:\d\d, receipt signed by US$/);
    await screenshot(page, 'partner-copy-steps-applied');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe("India's officer claims a settlement on its copy of a US logistics order (issue #13)", () => {
  let reference = '';
  const row = (page: Page) => page.locator(`[data-testid="ledger-row"][data-reference="${reference}"]`);
  const openLedger = async (user: string) => {
    const session = await loginAs(browser, url, user, TEST_PASSWORD);
    await session.page.goto(`${url}/#/logistics`);
    await row(session.page).waitFor();
    return session;
  };

  before(async () => {
    const created = await us.call(await us.login('us.sosa'), 'POST', '/logistics/orders', { supplyingNation: 'US', receivingNation: 'IN', supportClass: 'fuel', description: 'F-76 marine diesel, INS Satpura at Guam, copied', deliveredOn: '2026-10-14', currency: 'USD', amount: '212400.00', settlementMethod: 'cash' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    reference = created.body.reference;
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
  });

  it("the copy offers the officer the claim only: it is sent to the US desk and shows as sent, not yet applied, until the US's answer comes back; India's auditor is offered nothing", async () => {
    const auditor = await openLedger('in.auditor');
    assert.equal(await row(auditor.page).getByRole('button').count(), 0, 'no Settle button the server would refuse');
    await auditor.context.close();

    const { page, problems, context } = await openLedger('in.sosa');
    await expectText(row(page), 'Kept on US’s desk');
    await row(page).getByRole('button', { name: 'Settle' }).click();
    const dialog = page.getByTestId('settle-dialog');
    await expectText(dialog.getByTestId('settle-effect'), 'US’s desk keeps this order: your claim is sent there');
    await dialog.getByLabel(/Amount/).fill('12400');
    await dialog.getByRole('button', { name: 'Send settlement claim to US' }).click();
    await expectText(row(page).getByTestId('claim-sent'), 'Claim of USD 12,400.00 sent to US’s desk, not yet applied');
    assert.equal(await row(page).getByRole('button').count(), 0, 'no second claim while one is on its way');
    await screenshot(page, 'ledger-claim-sent');

    assert.equal((await net.deliver('IN', 'US')).blocked, null);
    assert.equal((await net.deliver('US', 'IN')).blocked, null);
    await page.reload();
    await expectText(row(page).getByTestId('claimed-amount'), 'USD 12,400.00 claimed');
    assert.equal(await row(page).getByTestId('claim-sent').count(), 0, 'applied on the US desk');
    await expectText(page.getByTestId('claim').filter({ hasText: 'IN says it settled USD 12,400.00' }), 'Awaiting US’s confirmation');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
