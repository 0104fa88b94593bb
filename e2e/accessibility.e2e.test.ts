// End-to-end accessibility (issue #11 item 15): keyboard and screen-reader paths a user relies on,
// and axe-core's WCAG 2.1 A/AA rules on every page of the app, each visited as a role that sees it.
// Run: npx vite build && node --import tsx --test e2e/accessibility.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { F414_BLADES, spaRequestBody } from '../src/testing/fixtures.js';
import { describeViolations, seriousViolations } from './axe.js';
import { apiAs, expectText, screenshot, sonobuoyHousingsToIndia, useBrowserApp } from './helpers.js';

describe('accessibility', () => {
  const web = useBrowserApp();

  const api = (username: string, method: string, path: string, body?: unknown) => apiAs(web.app, username, method, path, body);

  /** Waits until the page has its level-1 heading and nothing is loading any more. */
  async function settled(page: Page): Promise<void> {
    await page.locator('h1').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.spinner').length === 0, undefined, { timeout: 15_000 });
    // The pointer off the content, so no chart tooltip is left open by where the last click was.
    await page.mouse.move(0, 0);
  }

  const focused = (page: Page) => page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim().slice(0, 60) } : null;
  });

  test('the sign-in page logs nothing to the console (no 401 from the session check)', async () => {
    const context = await web.browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
    await page.goto(`${web.app.url}/`);
    await page.getByLabel('Username').waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(messages, []);
    await context.close();
  });

  test('"Sign in" is never a dead button: an empty field is named, tied to the field, and focused', async () => {
    const context = await web.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${web.app.url}/`);
    const button = page.getByRole('button', { name: 'Sign in' });
    assert.equal(await button.isDisabled(), false, 'the button can be pressed, and says what is missing');
    await button.click();
    const username = page.getByLabel('Username');
    await expectText(page.locator('#username-error'), 'Enter your username');
    assert.equal(await username.getAttribute('aria-invalid'), 'true');
    assert.match((await username.getAttribute('aria-describedby')) ?? '', /username-error/);
    assert.equal((await focused(page))?.id, 'username', 'focus goes to the first field to fix');
    await username.fill('in.sosa');
    await button.click();
    await expectText(page.locator('#password-error'), 'Enter your password');
    assert.equal(await page.locator('#username-error').count(), 0, 'a fixed field loses its error');
    await screenshot(page, 'a11y-login-empty-password');
    await context.close();
  });

  test('"Skip to content" moves focus to the main content and keeps the page', async () => {
    const s = await web.login('in.sosa');
    const { page } = s;
    await page.goto(`${web.app.url}/#/requests`);
    await settled(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    assert.equal((await focused(page))?.text, 'Skip to content', 'the skip link is the first stop');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#\/requests$/, 'the route is kept');
    assert.equal((await focused(page))?.id, 'main');
    await expectText(page.getByRole('heading', { level: 1 }), 'Requests');
    assert.deepEqual(s.problems, []);
  });

  test('closing a dialog with Escape or its Close button gives focus back to the button that opened it', async () => {
    const s = await web.login('in.sosa');
    const { page } = s;
    await page.goto(`${web.app.url}/#/points-of-contact`);
    await settled(page);
    const opener = page.getByRole('button', { name: 'Add contact' });
    await opener.click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await focused(page))?.text, 'Add contact', 'Escape: focus back on the opener');

    await opener.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await focused(page))?.text, 'Add contact', 'Close: focus back on the opener');
    assert.deepEqual(s.problems, []);
  });

  test('"Page not found" has a level-1 heading and a way on', async () => {
    const s = await web.login('us.dod');
    await s.page.goto(`${web.app.url}/#/no-such-page`);
    await expectText(s.page.getByRole('heading', { level: 1 }), 'Page not found');
    await expectText(s.page.locator('main'), 'Go to your start page');
  });

  test('every page passes the WCAG 2.1 A and AA rules of axe-core (no serious or critical violation)', async () => {
    // Records for the detail pages: a request each way, an SPA request, and the demo registers.
    const toUs = await api('in.sosa', 'POST', '/requests', { ...F414_BLADES, title: 'F414 blades — accessibility test' });
    const toIn = await api('us.sosa', 'POST', '/requests', sonobuoyHousingsToIndia('Sonobuoy housings — accessibility test'));
    await api('in.sosa', 'POST', `/requests/${toIn.id}/transitions`, { action: 'acknowledge' });
    const bharat = (await api('in.sosa', 'GET', `/requests/${toIn.id}/candidate-subscribers`)).items.find((c: { name: string }) => c.name === 'Bharat Precision Forgings Ltd');
    await api('in.sosa', 'POST', `/requests/${toIn.id}/transitions`, { action: 'route_to_companies', companies: [bharat.organisationId] });
    const group = (await api('in.sosa', 'GET', '/working-groups')).items[0];
    const subscriber = (await api('in.sosa', 'GET', '/code-of-conduct/subscribers')).items[0];
    const program = (await api('in.sosa', 'GET', '/programs')).items[0];
    const network = (await api('in.analyst', 'GET', '/networks')).items[0];
    const thread = await api('in.sosa', 'POST', '/threads', { subjectKind: 'general', title: 'Accessibility test thread', scope: 'internal', message: { body: 'A first message.' } });
    const spa = await api('us.supplier', 'POST', '/spa-requests', spaRequestBody({ orderNumber: 'SPA-A11Y-1', rating: 'DO-A1' }));

    const pages: Array<[string, string]> = [
      ['in.sosa', '/dashboard'],
      ['in.sosa', '/queue'],
      ['in.sosa', '/requests'],
      ['in.sosa', '/requests/new'],
      ['in.sosa', `/requests/${toUs.id}`],
      ['in.sosa', `/requests/${toIn.id}`],
      ['in.sosa', '/threads'],
      ['in.sosa', `/threads/${thread.id}`],
      ['in.sosa', '/notifications'],
      ['in.sosa', '/points-of-contact'],
      ['in.sosa', '/working-groups'],
      ['in.sosa', `/working-groups/${group.id}`],
      ['in.sosa', '/logistics'],
      ['in.sosa', '/code-of-conduct'],
      ['in.sosa', `/code-of-conduct/${subscriber.id}`],
      ['in.sosa', '/liaison-officers'],
      ['in.sosa', '/programs'],
      ['in.sosa', `/programs/${program.id}`],
      ['in.sosa', '/networks'],
      ['in.sosa', '/no-such-page'],
      ['us.sosa', '/dashboard'],
      ['us.sosa', '/spa'],
      ['us.sosa', `/spa/${spa.id}`],
      ['us.dod', '/dashboard'],
      ['us.commerce', '/dashboard'],
      ['us.supplier', '/orders'],
      ['us.supplier', '/spa'],
      ['in.supplier', '/commitments'],
      ['in.supplier', `/requests/${toIn.id}`],
      ['in.supplier', '/code-of-conduct'],
      ['in.admin', '/dashboard'],
      ['in.admin', '/admin'],
      ['in.admin', '/admin?tab=calendar'],
      ['in.analyst', '/dashboard'],
      ['in.analyst', '/networks'],
      ['in.analyst', `/networks/${network.id}`],
      ['in.auditor', '/audit'],
      ['us.auditor', '/audit'],
    ];
    const found: string[] = [];
    const sessions = new Map<string, Page>();
    for (const [username, path] of pages) {
      let page = sessions.get(username);
      if (!page) {
        page = (await web.login(username)).page;
        sessions.set(username, page);
      }
      await page.goto(`${web.app.url}/#${path}`);
      await settled(page);
      found.push(...describeViolations(`${username} ${path}`, await seriousViolations(page)));
    }
    // Dialogs: a workflow step's, a register's; then the sign-in page.
    const usSosa = sessions.get('us.sosa')!;
    await usSosa.goto(`${web.app.url}/#/requests/${toUs.id}`);
    await settled(usSosa);
    await usSosa.getByTestId('actions-panel').getByRole('button').first().click();
    await usSosa.locator('dialog[open]').waitFor();
    found.push(...describeViolations('us.sosa action dialog', await seriousViolations(usSosa)));
    const sosa = sessions.get('in.sosa')!;
    await sosa.goto(`${web.app.url}/#/points-of-contact`);
    await settled(sosa);
    await sosa.getByRole('button', { name: 'Add contact' }).click();
    await sosa.locator('dialog[open]').waitFor();
    found.push(...describeViolations('in.sosa dialog', await seriousViolations(sosa)));
    const anonymous = await web.browser.newContext();
    const login = await anonymous.newPage();
    await login.goto(`${web.app.url}/`);
    await login.getByLabel('Username').waitFor();
    found.push(...describeViolations('sign-in page', await seriousViolations(login)));
    await anonymous.close();
    assert.deepEqual(found, []);
  });
});
