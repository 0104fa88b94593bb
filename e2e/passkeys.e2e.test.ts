// End-to-end: passkeys as a second factor in Chromium (issue #16), with the browser's own WebAuthn
// stack and a CDP virtual authenticator (WebAuthn.addVirtualAuthenticator: a CTAP2 USB key that
// answers presence and verification by itself). The user adds a passkey on "Your account", signs
// out, and signs in with the password and then the passkey; the QR code of the authenticator-app
// setup is drawn on the same page; an admin sees the user's factor and resets it, and requires a
// second factor of an organisation. The app is opened at http://localhost (not 127.0.0.1): an IP
// address is no valid WebAuthn RP ID, and a loopback host is the one origin a server without
// SOSA_PUBLIC_URL accepts for passkeys.
// Run: npm run build && node --import tsx --test e2e/passkeys.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, expectText, loginAs, screenshot, useBrowserApp } from './helpers.js';

describe('passkeys in the browser', () => {
  const web = useBrowserApp();

  test('add a passkey on the account page, sign out, sign in with password and passkey; the admin resets it', async () => {
    const base = web.app.url.replace('127.0.0.1', 'localhost');
    const session = await loginAs(web.browser, base, 'in.analyst');
    const { page, problems } = session;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await page.getByRole('link', { name: 'Your account' }).click();
    await expectText(page.getByTestId('passkeys'), /No passkeys yet/);
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByLabel('Name of the passkey').fill('Test key (virtual)');
    await page.getByRole('button', { name: 'Create the passkey' }).click();
    await expectText(page.getByTestId('passkeys'), /Test key \(virtual\)[\s\S]*not used yet/);
    const created = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    assert.equal(created.length, 1);
    assert.equal(created[0]!.rpId, 'localhost');

    // The authenticator app's setup shows its QR code (drawn in the page, an SVG data URL).
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByTestId('totp-qr');
    await qr.waitFor();
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
    assert.ok(((await qr.boundingBox())?.width ?? 0) >= 150);
    await screenshot(page, 'account-second-factors');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('in.analyst');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Use a passkey' }).waitFor();
    await screenshot(page, 'login-passkey-step');
    await page.getByRole('button', { name: 'Use a passkey' }).click();
    await page.getByTestId('current-user').waitFor();
    const used = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
    assert.ok(used[0]!.signCount >= 1, 'the key signed once more');
    await page.getByRole('link', { name: 'Your account' }).click();
    await expectText(page.getByTestId('passkeys'), /last used/);
    assert.deepEqual(problems, []);

    // The admin of the nation sees the factor, resets it, and requires a second factor of the ministry.
    const admin = await web.login('in.admin');
    admin.page.on('dialog', (d) => void d.accept());
    await admin.page.goto(`${web.app.url}/#/admin`);
    const row = admin.page.getByTestId('users-table').getByRole('row').filter({ hasText: 'in.analyst' });
    await expectText(row, /Passkey/);
    await admin.page.getByRole('button', { name: /Require second factor at Ministry of Defence/ }).click();
    await expectText(admin.page.getByTestId('second-factor-policy').getByRole('row').filter({ hasText: 'Ministry of Defence' }), /Required/);
    await screenshot(admin.page, 'admin-second-factor');
    await row.getByRole('button', { name: 'Reset second factor of in.analyst' }).click();
    await expectText(row, /none/);
    assert.deepEqual(admin.problems, []);
  });
});
