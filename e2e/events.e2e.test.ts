// End-to-end: disruption events (issue #15) in headless Chromium against the real server —
// record an event on the demo engine network, see the programs hit and the map of struck sites;
// the other nation does not see it.
// Run: npx vite build && node --import tsx --test e2e/events.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectText, fillByLabel, openFromNav, screenshot, useBrowserApp } from './helpers.js';

describe('disruption events', () => {
  const web = useBrowserApp();

  test('an analyst records a fire at the Koraput combustor line and sees the spares program stop, with the map', async () => {
    const s = await web.open('in.analyst', 'Events', /#\/events$/);
    const { page } = s;
    await expectText(page.getByTestId('event-list'), 'Cyclone over south Odisha floods HAL Koraput');
    await screenshot(page, 'events-list', { fullPage: true });

    const form = page.getByRole('form', { name: 'Record a disruption event' });
    await fillByLabel(form, { 'What happened': 'Fire at the Koraput combustor line (browser)', Kind: 'siteIncident', Started: '2026-11-25T08:00', 'Expected recovery (optional)': '2027-01-24T08:00', Confidence: 'confirmed', 'Circle centre latitude': '18.73', 'Circle centre longitude': '82.84', 'Circle radius in km': '5' });
    await form.getByRole('button', { name: 'Record and analyse' }).click();
    await page.waitForURL(/#\/events\/[0-9a-f-]{36}$/);
    await expectText(page.locator('h1'), 'Fire at the Koraput combustor line (browser)');
    const impact = page.getByTestId('event-network-impact').filter({ hasText: 'F414-INS6 engine co-production' });
    await expectText(impact, /F414 fleet spares/);
    const spares = impact.getByTestId('event-program-row').filter({ hasText: 'F414 fleet spares' });
    assert.equal(await spares.getAttribute('data-survives'), 'false');
    await expectText(spares, /output stops after/);
    await expectText(spares, /Combustor/);
    // The map: the event's circle and the struck site, drawn from the packaged atlas.
    await page.getByTestId('event-map').waitFor();
    assert.equal(await page.getByTestId('event-map-area').count(), 1);
    assert.ok((await page.getByTestId('event-map-site').count()) >= 1, 'the struck sites are drawn');
    assert.ok((await page.locator('.event-map-country').count()) > 100, 'country outlines are drawn');
    await screenshot(page, 'event-impact');
    assert.deepEqual(s.problems, []);

    const us = await web.login('us.sosa');
    await openFromNav(us.page, 'Events');
    await us.page.getByTestId('event-list').waitFor();
    assert.ok(!(await us.page.getByTestId('event-list').innerText()).includes('Koraput'), 'India’s events are not listed for the US');
  });

  test('from the demo event a SOSA officer drafts a request, edits it, submits it, and the event lists it with its state', async () => {
    const s = await web.login('in.sosa');
    const { page } = s;
    await openFromNav(page, 'Events');
    await page.getByTestId('event-list').getByRole('link', { name: 'Cyclone over south Odisha floods HAL Koraput' }).click();
    // The impact is computed in the background: the page shows a spinner, then the analysis.
    await page.getByTestId('draft-requests').click({ timeout: 60_000 });
    const draft = page.getByTestId('event-request-draft').first();
    await draft.waitFor();
    assert.match(await draft.getByTestId('draft-justification').inputValue(), /Cyclone over south Odisha floods HAL Koraput/);
    await draft.getByTestId('draft-title').fill('Hot-section spares after the Koraput cyclone (browser)');
    await draft.getByTestId('draft-quantity').first().fill('6');
    await screenshot(page, 'event-request-draft');
    await draft.getByTestId('draft-submit').click();
    const row = page.getByTestId('event-submitted-request').filter({ hasText: 'Hot-section spares after the Koraput cyclone (browser)' });
    await expectText(row, /SOSA-IN-US-/);
    await expectText(row.getByTestId('event-request-state'), 'Submitted');
    await screenshot(page, 'event-requests');
    // The request names the event it came from, to its own nation.
    await row.getByRole('link').click();
    await page.waitForURL(/#\/requests\/[0-9a-f-]{36}$/);
    await expectText(page.locator('h1'), 'Hot-section spares after the Koraput cyclone (browser)');
    await expectText(page.getByTestId('request-disruption-event'), 'Cyclone over south Odisha floods HAL Koraput');
    assert.deepEqual(s.problems, []);
  });

  test('the officer closes the demo event and reads its after report, with the Markdown and PDF downloads', async () => {
    const s = await web.login('in.sosa');
    const { page } = s;
    await openFromNav(page, 'Events');
    await page.getByTestId('event-list').getByRole('link', { name: 'Cyclone over south Odisha floods HAL Koraput' }).click();
    await page.getByText('Close the event').click();
    await page.getByLabel('Closing note').fill('Koraput back in production (browser)');
    await page.getByRole('button', { name: 'Close event' }).click();
    await expectText(page.getByTestId('event-closed'), 'Koraput back in production (browser)');
    const report = page.getByTestId('event-report');
    // The milestones: the request submitted in the test before is the first request.
    await expectText(report.getByTestId('report-milestone').filter({ hasText: 'First request submitted' }), /\d+ d/);
    // The no-action and with-action analyses run in the background: the table comes when they are done.
    const spares = report.getByTestId('report-program-row').filter({ hasText: 'F414 fleet spares' });
    await spares.waitFor({ timeout: 60_000 });
    await expectText(spares, /u ·/);
    await screenshot(page, 'event-after-report', { fullPage: true });
    const pdfHref = await report.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref!, page.url()).href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
    const md = await page.request.get(new URL((await report.getByRole('link', { name: 'Download Markdown' }).getAttribute('href'))!, page.url()).href);
    assert.equal(md.status(), 200);
    assert.match(await md.text(), /### F414 fleet spares/);
    assert.deepEqual(s.problems, []);
  });
});
