// End-to-end: the auditors' audit page (#/audit, issue #11.11) in headless Chromium against the real
// server: search by object reference and by actor, read an event in plain words, verify the chain
// online and keep the checkpoint; a wrong kept checkpoint is reported; others have no audit page.
// Run: npx vite build && node --import tsx --test e2e/audit.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { apiAnswer, expectText, mainNavLink, openFromNav, screenshot, useBrowserApp } from './helpers.js';

describe('the audit page', () => {
  const b = useBrowserApp();

  const api = (username: string, method: string, path: string, body?: unknown) => apiAnswer(b.app, username, method, path, body);

  test('an auditor searches by object and actor, reads an event, verifies the chain and gets a checkpoint to keep', async () => {
    const created = await api('us.sosa', 'POST', '/requests', { ...F414_BLADES, toNation: 'IN', programId: 'US-SONOBUOY', title: 'Sonobuoy housings — audit page test' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const reference = (await api('us.sosa', 'GET', `/requests/${created.body.id}`)).body.reference as string;
    await fetch(`${b.app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody.at.all', password: 'guessing-1234' }) });

    const { page, problems } = await b.login('in.auditor');
    await openFromNav(page, 'Audit log', /#\/audit$/);
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByTestId('audit-row').first().waitFor();

    // By object: India's auditor reads the US request sent to India, by its reference.
    await page.getByLabel('Reference or id').fill(reference);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectText(page.getByTestId('audit-table'), 'Request submitted');
    const rows = page.getByTestId('audit-row');
    for (const text of await rows.allInnerTexts()) assert.match(text, new RegExp(reference), `every row is about ${reference}: ${text}`);
    await rows.first().getByRole('button', { name: 'Details' }).click();
    const detail = page.getByTestId('audit-detail');
    await expectText(detail, 'Read by the auditors of');
    await expectText(detail, 'India');
    await expectText(detail, 'Reference');
    assert.doesNotMatch(await detail.innerText(), /request\.submit|entity_type|toNation/, 'words for people, not raw names');
    await screenshot(page, 'audit-page-event-detail');

    // By actor: the failed sign-in of a name nobody has reaches India's auditors too.
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Who (username)').fill('nobody.at.all');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expectText(page.getByTestId('audit-table'), 'Failed sign-in');
    assert.match(page.url(), /actor=nobody\.at\.all/, 'the search is in the address, to share or come back to');

    // Verify the chain online.
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expectText(page.getByTestId('verify-result'), 'The audit log is intact.');
    const checkpoint = (await page.getByTestId('checkpoint-value').innerText()).trim();
    assert.match(checkpoint, /^\d+:[0-9a-f]{64}$/);
    await expectText(page.getByTestId('checkpoint'), 'Keep it outside this database');
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshot(page, 'audit-page-verified');

    // A kept checkpoint is checked; a wrong one is reported, with no fresh checkpoint.
    await page.getByLabel(/Checkpoint you kept/).fill(checkpoint);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expectText(page.getByTestId('verify-result'), 'still holds');
    await page.getByLabel(/Checkpoint you kept/).fill(`${checkpoint.split(':')[0]}:${'0'.repeat(64)}`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expectText(page.getByTestId('verify-result'), 'Your checkpoint does not hold.');
    assert.equal(await page.getByTestId('checkpoint').count(), 0, 'no checkpoint offered after a failed check');
    await screenshot(page, 'audit-page-checkpoint-failed');
    assert.deepEqual(problems, []);
  });

  test('only auditors have the audit page', async () => {
    const { page } = await b.login('us.admin');
    assert.equal(await mainNavLink(page, 'Audit log').count(), 0);
    await page.goto(`${b.app.url}/#/audit`);
    await expectText(page.getByRole('alert').first(), /role/i);
  });
});
