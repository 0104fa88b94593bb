// End-to-end: threads, mentions and the notification bell across two nations, in headless
// Chromium against the real server. Run: npx vite build && node --import tsx --test e2e/channels.e2e.test.ts
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { escalateOverdueDeadlines } from '../src/services/deadlines/escalate-overdue-deadlines.js';
import { escalateOverdueActionItems } from '../src/services/partnership/working-groups/escalate-overdue-action-items.js';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { apiAnswer, expectText, openFromNav, openRequest, screenshot, useBrowserApp } from './helpers.js';

let requestId: string;

describe('communication channels across two nations', () => {
  const web = useBrowserApp();
  before(async () => {
    const created = await apiAnswer(web.app, 'in.sosa', 'POST', '/requests', { ...F414_BLADES, title: 'F414 turbine blades — channels test' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    requestId = created.body.id;
    // The demo's overdue action items and the submission already told both officers something
    // (workflow notifications, notifications-flow.e2e.test.ts): this test starts from a read bell.
    const ctx = (web.app as unknown as { ctx: Parameters<typeof escalateOverdueActionItems>[0] }).ctx;
    await escalateOverdueDeadlines(ctx);
    await escalateOverdueActionItems(ctx);
    for (const user of ['in.sosa', 'us.sosa']) assert.equal((await apiAnswer(web.app, user, 'POST', '/notifications/read', { all: true })).status, 200);
  });

  test('an Indian officer opens a thread on a request mentioning a US officer, then adds an internal message', async () => {
    const a = await web.login('in.sosa');
    const { page } = a;
    await openRequest(page, web.app.url, requestId);
    const panel = page.getByTestId('threads-panel');
    await expectText(panel, 'No threads yet');
    await panel.getByRole('button', { name: 'New thread' }).click();
    await panel.getByTestId('thread-title').fill('First lot delivery date');
    await panel.getByTestId('thread-body').fill('@us.sosa can you confirm the first lot of 40 blades ships by 31 March?');
    await panel.getByRole('button', { name: 'Open thread' }).click();
    const thread = panel.getByTestId('thread');
    await expectText(thread.getByTestId('thread-message'), 'can you confirm the first lot');
    await expectText(thread.locator('.mention'), '@us.sosa');

    await thread.getByTestId('thread-reply').fill('Internal: the supplier already slipped once on this part; escalate if the date moves.');
    await thread.getByText('Internal', { exact: true }).click();
    await thread.getByRole('button', { name: 'Post internal message' }).click();
    await expectText(thread.locator('.comment.internal'), 'already slipped once');
    assert.equal(await thread.getByTestId('thread-message').count(), 2);
    await screenshot(page, 'channels-request-thread-in');
    assert.deepEqual(a.problems, []);
  });

  test('the US officer sees the bell badge, opens the mention and reads the shared message but not the internal one', async () => {
    const b = await web.login('us.sosa');
    const { page } = b;
    await expectText(page.getByTestId('notification-count'), '1');
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('bell-item');
    await expectText(item, 'Col. Priya Raghavan mentioned you in “First lot delivery date”');
    await screenshot(page, 'channels-bell-us', { fullPage: false });
    await item.first().click();
    await page.waitForURL(/#\/threads\/[0-9a-f-]+$/);
    const thread = page.getByTestId('thread');
    await expectText(thread.getByTestId('thread-message'), 'can you confirm the first lot');
    assert.equal(await thread.getByTestId('thread-message').count(), 1, 'only the shared message');
    assert.ok(!(await page.content()).includes('slipped'), 'the internal message is nowhere on the page');
    await page.waitForFunction(() => !document.querySelector('[data-testid="notification-count"]'));
    await screenshot(page, 'channels-thread-us');

    // The thread list counts only what the US may see.
    await page.goto(`${web.app.url}/#/threads`);
    const row = page.getByTestId('threads-table').locator('tbody tr').first();
    await expectText(row, 'First lot delivery date');
    assert.equal((await row.locator('td').nth(3).innerText()).trim(), '1');
    await screenshot(page, 'channels-threads-us');

    // On the request page too: the shared message, not the internal one.
    await openRequest(page, web.app.url, requestId);
    await page.getByTestId('threads-panel').getByRole('button', { name: /First lot delivery date/ }).click();
    await expectText(page.getByTestId('threads-panel').getByTestId('thread-message'), 'can you confirm');
    assert.equal(await page.getByTestId('threads-panel').getByTestId('thread-message').count(), 1);
    assert.ok(!(await page.content()).includes('slipped'));

    // The reply notifies the Indian officer, who follows the thread it opened.
    await page.getByTestId('threads-panel').getByTestId('thread-reply').fill('Confirmed: the lot ships on 28 March.');
    await page.getByTestId('threads-panel').getByRole('button', { name: 'Post message' }).click();
    await expectText(page.getByTestId('threads-panel').getByTestId('thread-message').last(), 'ships on 28 March');
    assert.deepEqual(b.problems, []);
  });

  test('the notifications page lists the notification and saves preferences', async () => {
    const a = await web.login('in.sosa');
    const { page } = a;
    await expectText(page.getByTestId('notification-count'), '1');
    await openFromNav(page, 'Notifications');
    await expectText(page.getByTestId('notification'), 'New message from Dana Whitfield in “First lot delivery date”');
    const form = page.getByTestId('preferences-form');
    await expectText(form, 'E-mail is not configured on this server');
    await form.getByLabel('New message in a thread I follow: by e-mail').check();
    await form.getByRole('button', { name: 'Save preferences' }).click();
    await expectText(form.getByRole('status'), 'Preferences saved');
    await screenshot(page, 'channels-notifications-in');
    const prefs = await apiAnswer(web.app, 'in.sosa', 'GET', '/me/notification-preferences');
    assert.deepEqual(prefs.body.channels.thread_message, { inApp: true, email: true });
    assert.deepEqual(a.problems, []);
  });

  test('a US officer opens a US-only general thread from the threads page; the Indian officer never lists it', async () => {
    const b = await web.login('us.sosa');
    const { page } = b;
    await page.goto(`${web.app.url}/#/threads`);
    await page.getByRole('button', { name: 'New thread' }).click();
    const form = page.getByRole('form', { name: 'New thread' });
    await form.getByText('US only', { exact: true }).click();
    await form.getByLabel('Title').fill('US only: Commerce rating backlog');
    await form.getByLabel(/First message/).fill('@us.commerce how many DO ratings are waiting this week?');
    await screenshot(page, 'channels-new-thread-us');
    await form.getByRole('button', { name: 'Open thread' }).click();
    await page.waitForURL(/#\/threads\/[0-9a-f-]+$/);
    await expectText(page.getByTestId('thread'), 'internal to US');
    await expectText(page.getByTestId('thread-message'), 'DO ratings are waiting');
    const threadUrl = page.url();

    const a = await web.login('in.sosa');
    await a.page.goto(`${web.app.url}/#/threads`);
    await expectText(a.page.getByTestId('threads-table'), 'points of contact');
    assert.ok(!(await a.page.getByTestId('threads-table').innerText()).includes('Commerce rating backlog'));
    assert.ok(!(await a.page.getByTestId('threads-table').innerText()).includes('US only'), 'the seeded US-internal thread is not listed either');
    await a.page.goto(threadUrl);
    await expectText(a.page.locator('.banner-error'), /No thread/);
    assert.deepEqual(b.problems, []);
  });
});
