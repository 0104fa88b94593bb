// End-to-end: supply networks in headless Chromium against the real server — import (with the
// file's row errors), the drawn network, search, country exposure, single points of failure, a
// scenario run with its chart, and the mitigation table.
// Run: npx vite build && node --import tsx --test e2e/networks.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { willemsChain } from '../src/testing/willems-fixtures.js';
import { apiAnswer, expectText, mainNavLink, openFromNav, screenshot, useBrowserApp, type UserSession } from './helpers.js';

const CHAIN_8 = willemsChain(8);

describe('supply networks', () => {
  const web = useBrowserApp();

  /** Signs India's analyst in and opens the network `name` from the networks list. */
  async function openNetworkAsAnalyst(name: string): Promise<UserSession> {
    const s = await web.login('in.analyst');
    await s.page.goto(`${web.app.url}/#/networks`);
    await s.page.getByTestId('network-list').getByRole('link', { name }).click();
    return s;
  }

  test('networks are for analysts, SOSA officers and auditors; only analysts import', async () => {
    const supplier = await web.login('us.supplier');
    assert.equal(await mainNavLink(supplier.page, 'Networks').count(), 0);
    await supplier.context.close();
    const officer = await web.login('us.sosa');
    await openFromNav(officer.page, 'Networks');
    await expectText(officer.page.getByTestId('network-list'), '155 mm shell production');
    assert.equal(await officer.page.getByTestId('network-import').count(), 0, 'no import for a SOSA officer');
    assert.ok(!(await officer.page.getByTestId('network-list').innerText()).includes('F414'), 'India’s networks are not listed for the US');
    await officer.context.close();
  });

  test('an analyst is shown each bad row of a Willems file, imports the real chain and finds a node in the drawing', async () => {
    const s = await web.open('in.analyst', 'Networks', /#\/networks$/);
    const { page } = s;
    await expectText(page.getByTestId('network-list'), 'F414-INS6 engine co-production');

    const lines = CHAIN_8.split('\n');
    lines[50] = lines[50]!.replace(',9.5,', ',nine,');
    const form = page.getByRole('form', { name: 'Import a supply network' });
    await form.locator('#net-file').setInputFiles({ name: 'chain-08-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await form.getByRole('button', { name: 'Import' }).click();
    await expectText(page.getByTestId('network-import-errors'), /Row 51, column 15:.*"nine" is not a number/);
    await screenshot(page, 'networks-import-errors');

    await form.locator('#net-file').setInputFiles({ name: 'chain-08.csv', mimeType: 'text/csv', buffer: Buffer.from(CHAIN_8) });
    await form.getByLabel('Name (optional)').fill('Chain 8 (browser)');
    await form.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL(/#\/networks\/[0-9a-f-]{36}$/);
    await expectText(page.locator('h1'), 'Chain 8 (browser)');
    await expectText(page.getByTestId('graph-count'), /40 nodes · 48 edges · 38 critical/);
    await page.locator('[data-testid="network-graph"][data-ready="true"] canvas').first().waitFor();
    assert.ok((await page.locator('[data-testid="network-graph"] canvas').count()) >= 1, 'cytoscape draws on canvas');

    await page.getByTestId('node-search').fill('Manuf_0001');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expectText(page.getByTestId('node-details'), 'Manuf_0001');
    await expectText(page.getByTestId('critical-note'), /Single point of failure for Retail_0001/);
    await expectText(page.getByTestId('spof-table'), '38 nodes whose loss alone stops an end item');
    await page.waitForTimeout(500); // the centring animation
    await screenshot(page, 'networks-willems-graph');
    assert.deepEqual(s.problems, []);
  });

  test('the engine network shows its country exposure and a scenario run with its time-to-survive chart', async () => {
    const s = await openNetworkAsAnalyst('F414-INS6 engine co-production');
    const { page } = s;
    await expectText(page.getByTestId('graph-count'), /21 nodes · 25 edges/);
    await expectText(page.getByTestId('exposure-stops'), 'Stops without CN');
    // The exposure bars are drawn (recharts animates them in).
    await page.getByTestId('country-exposure').locator('svg .recharts-bar-rectangle').first().waitFor();
    await expectText(page.getByTestId('spof-table'), 'NdFeB magnets (CN)');
    await page.getByTestId('spof-table').getByRole('button', { name: 'Ohio single-crystal castings' }).click();
    await expectText(page.getByTestId('node-details'), 'Ohio Precision Castings');

    const runner = page.getByTestId('scenario-runner');
    await runner.getByLabel('Scenario', { exact: true }).selectOption('preset:peacetime');
    await runner.getByLabel('Mitigation budget').fill('');
    await runner.getByRole('button', { name: 'Run scenario' }).click();
    await page.locator('[data-testid="scenario-status"][data-status="done"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('tts-chart').locator('svg .recharts-bar-rectangle').first().waitFor();
    await expectText(page.getByTestId('tts-chart'), 'NdFeB magnets (CN)');
    await expectText(page.getByTestId('program-losses'), 'LCA Tejas Mk2');
    await expectText(page.getByTestId('scenario-result'), /21 disruptions evaluated; \d+ lose output/);
    await page.getByTestId('scenario-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'networks-engine-scenario');
    assert.deepEqual(s.problems, []);
  });

  test('a saved scenario run with a budget ranks the mitigations', async () => {
    // A saved scenario (the API; the page runs saved ones): the magnet supply cut for 200 days.
    const saved = await apiAnswer(web.app, 'in.analyst', 'POST', '/scenarios', { scenario: { kind: 'custom', name: 'Magnets cut off for 200 days', events: [{ type: 'siteOut', nodeIds: ['NdFeB magnets (CN)'], days: 200 }] } });
    assert.equal(saved.status, 201);
    const scenarioId = (saved.body as { id: string }).id;
    const s = await openNetworkAsAnalyst('F414-INS6 engine co-production');
    const { page } = s;
    const runner = page.getByTestId('scenario-runner');
    await runner.getByLabel('Scenario', { exact: true }).selectOption(`saved:${scenarioId}`);
    await runner.getByLabel('Mitigation budget').fill('2000000');
    await runner.getByRole('button', { name: 'Run scenario' }).click();
    await page.locator('[data-testid="scenario-status"][data-status="done"]').waitFor({ timeout: 180_000 });
    await expectText(page.getByTestId('mitigation-table'), /Budget USD\s2,000,000/);
    assert.ok((await page.getByTestId('mitigation-row').count()) > 0, 'candidate mitigations are listed');
    // Only mitigations that reduce the loss are listed, with amounts in the network currency.
    for (const reduced of await page.getByTestId('mitigation-row').locator('td:nth-child(3)').allTextContents()) assert.match(reduced, /^USD\s[1-9][\d,]*$/);
    assert.doesNotMatch((await page.getByTestId('mitigation-table').textContent()) ?? '', /e[+-]\d/);
    await page.getByTestId('mitigation-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'networks-mitigations');
    assert.deepEqual(s.problems, []);
  });

  test('a running scenario can be cancelled from the page', async () => {
    const s = await openNetworkAsAnalyst('Willems chain 08 (real multi-echelon chain)');
    const { page } = s;
    const runner = page.getByTestId('scenario-runner');
    await runner.getByLabel('Mitigation budget').fill('');
    await runner.getByRole('button', { name: 'Run scenario' }).click();
    const cancel = runner.getByRole('button', { name: 'Cancel' });
    // The run may end before the click on a fast machine: then there is nothing to cancel.
    try {
      await cancel.click({ timeout: 5_000 });
      await page.locator('[data-testid="scenario-status"][data-status="cancelled"]').waitFor();
      await expectText(runner, 'The run was cancelled');
    } catch {
      await page.locator('[data-testid="scenario-status"][data-status="done"]').waitFor();
    }
    assert.deepEqual(s.problems, []);
  });
});
