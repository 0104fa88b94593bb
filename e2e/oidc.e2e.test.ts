// End-to-end: single sign-on through an organisation's OpenID Connect provider (issue #16), in a
// real Chromium against a real provider (oidc-provider on 127.0.0.1). The sign-in page offers the
// organisation's button; the provider's sign-in page sends the browser back signed in; a group
// removed at the provider takes its role away at the next sign-in; a refusal is shown on the page.
// Run: npx vite build && node --import tsx --test e2e/oidc.e2e.test.ts
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { readOidcConfig } from '../src/config.js';
import { indiaMinistryProvider, startTestProvider, type TestProvider } from '../src/testing/oidc-test-provider.js';
import { DEMO_PASSWORD, expectText, launchBrowser, screenshot, type RunningApp } from './helpers.js';
import { freePort } from '../src/testing/free-port.js';
import { migratedPgliteImage } from '../src/testing/test-store.js';

let idp: TestProvider;
let app: RunningApp;
let browser: Browser;

before(async () => {
  const port = await freePort();
  idp = await startTestProvider({ redirectUris: [`http://127.0.0.1:${port}/api/v1/session/oidc/in-mod/callback`] });
  // The operator's file, as SOSA_OIDC_CONFIG names it.
  const file = join(await mkdtemp(join(tmpdir(), 'sosa-oidc-')), 'oidc.json');
  await writeFile(
    file,
    JSON.stringify({
      providers: [indiaMinistryProvider(idp, { key: 'in-mod', label: 'MoD India', provisioning: 'create' })],
    }),
  );
  const { startServer } = await import('../src/server.js');
  app = await startServer({ port, host: '127.0.0.1', loadDataDir: await migratedPgliteImage(), demo: true, demoLife: false, demoPassword: DEMO_PASSWORD, log: false, scheduler: false, config: { oidcProviders: readOidcConfig(file) } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await idp?.close();
});

async function roles(page: Page): Promise<string[]> {
  const res = await page.request.get(`${app.url}/api/v1/session`);
  return ((await res.json()) as { user: { roles: string[] } }).user.roles;
}

test('sign in with the organisation’s provider; a removed group removes its role at the next sign-in; a refusal is shown', async () => {
  idp.accounts.set('emp-2001', { preferred_username: 'n.iyer', name: 'Neha Iyer', groups: ['sosa-cell', 'supply-analysts'] });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  // The provider's page asks a font of the internet, which this machine does not reach.
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort());
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${app.url}/`);
  const button = page.getByRole('link', { name: 'Sign in with MoD India' });
  await button.waitFor();
  await screenshot(page, 'sso-sign-in-page');
  await button.click();
  // The provider's own sign-in page.
  await page.locator('input[name="login"]').fill('emp-2001');
  await page.locator('input[name="password"]').fill('any-password');
  await page.locator('button[type="submit"]').click();
  await expectText(page.getByTestId('current-user'), /Neha Iyer/);
  assert.ok(page.url().startsWith(app.url), 'back at SOSA Desk');
  assert.deepEqual(await roles(page), ['sosa_officer', 'analyst']);
  await screenshot(page, 'sso-signed-in');

  // The provider drops a group; the next sign-in (the provider remembers the person) maps again.
  idp.accounts.set('emp-2001', { preferred_username: 'n.iyer', name: 'Neha Iyer', groups: ['sosa-cell'] });
  const csrf = (await context.cookies()).find((c) => c.name === 'sosa_csrf')!.value;
  assert.equal((await page.request.delete(`${app.url}/api/v1/session`, { headers: { 'x-csrf-token': csrf } })).status(), 204);
  await page.goto(`${app.url}/`);
  await page.getByRole('link', { name: 'Sign in with MoD India' }).click();
  await expectText(page.getByTestId('current-user'), /Neha Iyer/);
  assert.deepEqual(await roles(page), ['sosa_officer']);

  // A token minted for another application: refused, and the sign-in page says why.
  await page.request.delete(`${app.url}/api/v1/session`, { headers: { 'x-csrf-token': (await context.cookies()).find((c) => c.name === 'sosa_csrf')!.value } });
  idp.misissue.audience = 'another-application';
  try {
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Sign in with MoD India' }).click();
    await expectText(page.getByRole('alert'), /Single sign-on refused.*"aud"/);
    assert.ok(!page.url().includes('sign_in_error'), 'the reason leaves the address bar once shown');
    await screenshot(page, 'sso-refused');
  } finally {
    idp.misissue.audience = null;
  }
  assert.deepEqual(problems, []);
  await context.close();
});
