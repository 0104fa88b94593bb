// End-to-end: impact surveys of a disruption event (issue #15, "Ask the suppliers") in headless
// Chromium against the real server — the analyst records a fire at the Pune blade shop, sends
// the survey to Bharat Precision Forgings, the company answers "not affected" on its Surveys
// page, and the analyst sees the spares program survive, the figures marked as from the answer.
// Run: npx vite build && node --import tsx --test e2e/event-surveys.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectText, fillByLabel, openFromNav, screenshot, useBrowserApp } from './helpers.js';

describe('disruption event surveys', () => {
  const web = useBrowserApp();

  test('the analyst asks BPF, BPF answers "not affected", and the spares program survives', async () => {
    const s = await web.open('in.analyst', 'Events', /#\/events$/);
    const { page } = s;
    const form = page.getByRole('form', { name: 'Record a disruption event' });
    await fillByLabel(form, { 'What happened': 'Fire at the Pune blade shop (browser)', Kind: 'siteIncident', Started: '2026-11-25T08:00', 'Expected recovery (optional)': '2027-01-24T08:00', Confidence: 'confirmed', 'Circle centre latitude': '18.53', 'Circle centre longitude': '73.88', 'Circle radius in km': '8' });
    await form.getByRole('button', { name: 'Record and analyse' }).click();
    await page.waitForURL(/#\/events\/[0-9a-f-]{36}$/);
    const eventUrl = page.url();
    const spares = () => page.getByTestId('event-network-impact').filter({ hasText: 'F414-INS6 engine co-production' }).getByTestId('event-program-row').filter({ hasText: 'F414 fleet spares' });
    await expectText(spares(), /output stops after/);
    assert.equal(await spares().getAttribute('data-survives'), 'false');

    const panel = page.getByTestId('event-surveys');
    await expectText(panel.getByTestId('event-sites'), 'Bharat Precision blades');
    await panel.getByRole('button', { name: 'Send the survey to BPF' }).click();
    const row = panel.getByTestId('event-survey-row').filter({ hasText: 'Bharat Precision Forgings' });
    await expectText(row, 'waiting for the answer');
    assert.equal(await row.getAttribute('data-state'), 'open');

    const bpf = await web.login('in.supplier');
    await openFromNav(bpf.page, 'Surveys', /#\/surveys$/);
    const list = bpf.page.getByTestId('survey-list');
    await expectText(list, 'Bharat Precision blades');
    // The demo's own survey (the cyclone's event, sent by the demo data) waits too, unanswered.
    await expectText(list.locator('tr').filter({ hasText: 'Natural hazard since 28 Nov 2026' }), 'to answer');
    assert.ok(!/Pune blade shop|F414|HAL/.test(await list.innerText()), 'the company reads nothing the nation wrote about the event');
    await list.getByRole('link', { name: /Site fire or accident since/ }).first().click();
    await bpf.page.waitForURL(/#\/surveys\/[0-9a-f-]{36}$/);
    const answer = bpf.page.getByRole('form', { name: 'Answer the impact survey' });
    const sites = answer.getByTestId('survey-site');
    // The survey loads after the address changes: count its sites once the first is shown.
    await sites.first().waitFor();
    const n = await sites.count();
    assert.ok(n >= 1);
    // First a bad figure: the field is named at its place.
    await answer.getByLabel('Is Bharat Precision blades affected?').selectOption('yes');
    await answer.getByLabel('Expected recovery date').first().fill('2026-11-01');
    for (let i = 1; i < n; i++) await sites.nth(i).getByRole('combobox').selectOption('no');
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await expectText(answer, /before the event started/);
    await screenshot(bpf.page, 'survey-answer-error');
    await answer.getByLabel('Is Bharat Precision blades affected?').selectOption('no');
    await answer.getByLabel('Comment (optional)').fill('The fire was in the canteen block; the blade shop runs.');
    await answer.getByRole('button', { name: 'Send the answer' }).click();
    await bpf.page.getByTestId('survey-answered').waitFor();
    await screenshot(bpf.page, 'survey-answered');
    assert.deepEqual(bpf.problems, []);

    await page.goto(eventUrl);
    await page.reload();
    // Both BPF sites answered away, nothing of the network is disrupted: it rides the event out and
    // the spares program is no longer among the programs hit.
    await expectText(page.getByTestId('event-network-impact').filter({ hasText: 'F414-INS6 engine co-production' }), /the network rides it out/);
    assert.equal(await page.getByTestId('event-program-row').filter({ hasText: 'F414 fleet spares' }).filter({ has: page.locator('[data-survives="false"]') }).count(), 0);
    assert.equal(await page.locator('[data-testid="event-program-row"][data-survives="false"]').count(), 0);
    // No program is left in the table: the page says so in a sentence, not with an empty table's header.
    const engine = page.getByTestId('event-network-impact').filter({ hasText: 'F414-INS6 engine co-production' });
    await expectText(engine.getByTestId('event-no-program-lost'), 'No program loses output under this event');
    assert.equal(await engine.getByTestId('event-programs').count(), 0);
    const site = page.getByTestId('event-site-row').filter({ hasText: 'Bharat Precision blades' });
    await expectText(site, /not disrupted \(from BPF's answer of/);
    assert.equal(await site.getAttribute('data-status'), 'noImpact');
    await expectText(page.getByTestId('event-survey-row').filter({ hasText: 'Bharat Precision Forgings' }), 'the blade shop runs');
    await page.getByTestId('event-surveys').scrollIntoViewIfNeeded();
    await screenshot(page, 'event-surveys');
    assert.deepEqual(s.problems, []);
  });
});
