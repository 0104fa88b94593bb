import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { deliverToPeer } from '../src/services/federation/message-sender.js';
import { startUsIndiaPeered, type FederatedApps } from '../src/testing/federated-apps.js';
import { act, requestBody } from '../src/testing/request-builders.js';
import { TEST_PASSWORD, type TestApp } from '../src/testing/test-app.js';
import { expectCount, expectText, launchBrowser, loginAs, screenshot } from './helpers.js';

// Issue #13: India's officer finds the requests the US instance shared under "Partner's copies",
// and reads one with its message trail. The two instances run in this process (federated-apps.ts);
// India's is served over HTTP to a real Chromium.
let net: FederatedApps;
let us: TestApp;
let india: TestApp;
let server: ServerType;
let url = '';
let browser: Browser;

before(async () => {
  net = await startUsIndiaPeered();
  us = net.app('US');
  india = net.app('IN');
  // The browser keeps a session cookie until its expiry: the instances run on the real time.
  for (const t of [us, india]) t.clock.set(new Date());
  const created = await us.call(await us.login('in.sosa'), 'POST', '/requests', requestBody('US', 'IN-LCA-MK2-ENGINE', { title: 'F414 turbine blades, copied' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await us.call(await us.login('us.sosa'), 'POST', `/requests/${created.body.id}/comments`, { body: 'CANARY-e2e-internal-note', visibility: 'internal' });
  await act(us, 'us.sosa', created.body.id, 'acknowledge');
  await us.call(await us.login('us.sosa'), 'POST', `/requests/${created.body.id}/comments`, { body: 'The casting line can start in January.', visibility: 'shared' });
  assert.equal((await deliverToPeer(us.ctx, 'IN', { fetch: net.fetch, ignoreSchedule: true })).blocked, null);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: india.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
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

  it('an Indian supplier has no such entry', async () => {
    const { page, context } = await loginAs(browser, url, 'in.supplier', TEST_PASSWORD);
    assert.equal(await page.getByRole('link', { name: "Partner's copies" }).count(), 0);
    await context.close();
  });
});
