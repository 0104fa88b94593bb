// End-to-end: the TOTP second factor in the browser (issue #16). A user sets up an authenticator
// app on "Your account", sees its recovery codes once, signs out, and signing in then asks for the
// code after the password; a wrong code is refused on the page.
// Run: node node_modules/vite/bin/vite.js build --logLevel warn && node --import tsx --test e2e/second-factor.e2e.test.ts
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeAt } from '../src/domain/auth/totp.js';
import { DEMO_PASSWORD, expectText, screenshot, useBrowserApp } from './helpers.js';

describe('second factor in the browser', () => {
  const web = useBrowserApp();

  test('enrol on the account page, then sign in with the code', async () => {
    const { page, problems } = await web.login('in.analyst');
    await page.getByRole('link', { name: 'Your account' }).click();
    await expectText(page.getByTestId('second-factor-status'), /Not active/);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.match((await page.getByRole('link', { name: 'this setup link' }).getAttribute('href')) ?? '', /^otpauth:\/\/totp\/SOSA%20Desk:in\.analyst\?/);
    await screenshot(page, 'second-factor-enrol');
    await page.getByLabel('Code').fill(codeAt({ secret }, new Date()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = (await page.getByTestId('recovery-codes').innerText()).split('\n').filter(Boolean);
    assert.equal(codes.length, 10);
    await expectText(page.getByTestId('second-factor-status'), /Active since .* 10 of 10 recovery codes left/);
    await screenshot(page, 'second-factor-recovery-codes');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('in.analyst');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code').fill('000000' === codeAt({ secret }, new Date()) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expectText(page.getByRole('alert'), /Wrong code/);
    await screenshot(page, 'second-factor-login-code');
    // The code of the next step (the window allows one): the enrolment used the current one.
    await page.getByLabel('Code').fill(codeAt({ secret }, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByTestId('current-user').waitFor();
    // The wrong code's 401 is the one refusal the browser logs; nothing else went wrong.
    assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
    assert.equal(problems.length, 1);
  });
});
