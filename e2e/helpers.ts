// Browser-test helpers: a real server (in-memory embedded database, demo data), headless
// Debian Chromium through playwright-core, sign-in, screenshots and small waiting assertions.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { F414_BLADES } from '../src/testing/fixtures.js';
import { migratedPgliteImage } from '../src/testing/test-store.js';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
export const SCREENSHOTS = join(ROOT, '.screenshots');
export const DEMO_PASSWORD = process.env.SOSA_DEMO_PASSWORD ?? 'e2e-demo-password-42';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export interface StartAppOptions {
  /** Also seed a month of demo life (as `sosa serve --demo` does); off by default, so tests start from the demo users and reference data only. */
  demoLife?: boolean;
}

/** Starts the real server on a free port with an in-memory database and the demo users. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npx vite build` before the browser tests');
  }
  const { startServer } = (await import('../src/server.js')) as {
    startServer(options: { port?: number; loadDataDir?: Blob; demo?: boolean; demoLife?: boolean; demoPassword?: string; log?: boolean; scheduler?: boolean }): Promise<RunningApp>;
  };
  return startServer({ port: 0, loadDataDir: await migratedPgliteImage(), demo: true, demoLife: options.demoLife ?? false, demoPassword: DEMO_PASSWORD, log: false });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface UserSession {
  context: BrowserContext;
  page: Page;
  /** Page errors and failed console messages seen so far (the UI should log none). */
  problems: string[];
}

/** A fresh browser context (own cookies) signed in as `username`, on the work queue; the reader's time zone is UTC unless `timezoneId` says otherwise. */
export async function loginAs(browser: Browser, baseUrl: string, username: string, password = DEMO_PASSWORD, options: { timezoneId?: string } = {}): Promise<UserSession> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: options.timezoneId ?? 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused write (409, 422 …) is logged by the browser and shown by the page; a 401 is not
    // expected anywhere (the sign-in page's session check answers 200), so it counts as a problem.
    if (m.type() === 'error' && !/status of 4(?!01)\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/#/queue`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('current-user').waitFor();
  return { context, page, problems };
}

/** A fresh browser context (own cookies, 1440×900, UTC, en-GB) and page that records every page error and console error in `problems`. */
export async function openWatchedPage(browser: Browser): Promise<UserSession> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return { context, page, problems };
}

export interface BrowserApp {
  /** The running server (available once the `before` hook has run). */
  readonly app: RunningApp;
  /** The headless browser (available once the `before` hook has run). */
  readonly browser: Browser;
  /** Every session `login` opened, in order; all are closed by the `after` hook. */
  readonly sessions: readonly UserSession[];
  /** Signs in as `username` in a fresh browser context that the `after` hook will close. */
  login(username: string, password?: string): Promise<UserSession>;
  /** Signs in as `username` (as `login`) and follows the main navigation's `link`; with `url`, waits until the address matches it. */
  open(username: string, link: string, url?: RegExp): Promise<UserSession>;
}

/**
 * Registers node:test hooks in the current suite (call it inside `describe`, or at top level):
 * `before` starts the real server and the browser; `after` closes the sessions opened through
 * `login`, then the browser, then the server.
 */
export function useBrowserApp(options: StartAppOptions = {}): BrowserApp {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const sessions: UserSession[] = [];
  before(async () => {
    app = await startApp(options);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });
  const started = (): { app: RunningApp; browser: Browser } => {
    if (!app || !browser) throw new Error('useBrowserApp: not started yet (use it inside a test or a later hook)');
    return { app, browser };
  };
  const login = async (username: string, password?: string): Promise<UserSession> => {
    const { app: running, browser: b } = started();
    const s = await loginAs(b, running.url, username, password);
    sessions.push(s);
    return s;
  };
  return {
    get app() {
      return started().app;
    },
    get browser() {
      return started().browser;
    },
    sessions,
    login,
    async open(username, link, url) {
      const s = await login(username);
      await openFromNav(s.page, link, url);
      return s;
    },
  };
}

/**
 * A JSON call to the running server as a demo user (signed in for a bearer token of its own), for
 * the setup a test does not need the browser to show, or a refusal it expects: the status and the
 * parsed body (null when empty), whatever the status.
 */
export async function apiAnswer(app: RunningApp, username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const login = await fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  const json = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`${app.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The same call where it must succeed: any status but 2xx fails the test with what the server said; answers the body. */
export async function apiAs(app: RunningApp, username: string, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await apiAnswer(app, username, method, path, body);
  assert.ok(answer.status >= 200 && answer.status < 300, `${username} ${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A request's line item as the API takes it. */
interface LineItemInput {
  partNumber: string;
  nsn: string;
  description: string;
  quantity: number;
  unit: string;
  requiredDeliveryDate: string;
}

/** A US request to India (a Code of Conduct request) titled `title` for 200 sonobuoy hydrophone housings, or for the housings `item` says. */
export function sonobuoyHousingsToIndia(title: string, item: Partial<LineItemInput> = {}) {
  return {
    ...F414_BLADES,
    toNation: 'IN',
    programId: 'US-SONOBUOY',
    title,
    items: [{ partNumber: 'SSQ-HYD-7', nsn: '5845-01-555-0199', description: 'Sonobuoy hydrophone housing', quantity: 200, unit: 'EA', requiredDeliveryDate: '2027-06-30', ...item }],
  };
}

/** The link `name` in the main navigation: to follow, or to count where a role must not see it. */
export function mainNavLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** Follows the main navigation's link `name`; with `url`, waits until the address matches it. */
export async function openFromNav(page: Page, name: string, url?: RegExp): Promise<void> {
  await mainNavLink(page, name).click();
  if (url) await page.waitForURL(url);
}

/** Fills a form's fields by their labels, in the order given: a select takes the option of that value, any other field the text. */
export async function fillByLabel(scope: Locator, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await fillField(scope.getByLabel(label), value);
}

/** Fills a form's fields by their ids, in the order given, as fillByLabel: for rows that repeat one label ("ms-3-title"). */
export async function fillById(scope: Locator, fields: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(fields)) await fillField(scope.locator(`#${id}`), value);
}

async function fillField(field: Locator, value: string): Promise<void> {
  if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
  else await field.fill(value);
}

/** On the order desk: adds the production line `name` of `capacityPerDay` units and waits until the lines panel lists it. */
export async function addProductionLine(page: Page, name: string, capacityPerDay: number): Promise<void> {
  const lineForm = page.getByRole('form', { name: 'Add a production line' });
  await lineForm.getByLabel('Line name').fill(name);
  await lineForm.getByLabel('Capacity per working day').fill(String(capacityPerDay));
  await lineForm.getByRole('button', { name: 'Add line' }).click();
  await expectText(page.getByTestId('lines-panel').locator('.line-list'), name);
}

/** Signs in as the US supplier and opens the order desk with the production line `name` of `capacityPerDay` units added. */
export async function openOrderDeskWithLine(web: BrowserApp, name: string, capacityPerDay: number): Promise<UserSession> {
  const s = await web.open('us.supplier', 'Order desk', /#\/orders$/);
  await addProductionLine(s.page, name, capacityPerDay);
  return s;
}

/** On the order desk: imports the CSV order book `csv` through its form and waits until it says it imported `count` orders. */
export async function importOrderBook(page: Page, csv: string, count: number): Promise<void> {
  const importForm = page.getByRole('form', { name: 'Import order book' });
  await importForm.getByLabel('CSV order book').fill(csv);
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expectText(page.getByTestId('import-success'), `Imported ${count} orders`);
}

/** Saves .screenshots/NAME.png: the whole page, or only the viewport (for open dialogs). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Waits until the locator's text contains `expected` (or matches it), then returns the text. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = (await locator.first().innerText({ timeout: 1_000 })).trim();
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    } catch {
      // not there yet
    }
    if (Date.now() > until) throw new Error(`expected text ${String(expected)}, last saw ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator matches exactly `expected` elements: a filtered table re-renders after the
 * request it sends, so a count read at once may still be the unfiltered one. */
export async function expectCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    last = await locator.count();
    if (last === expected) return;
    if (Date.now() > until) throw new Error(`expected ${expected} elements, last saw ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function expectStateBadge(page: Page, label: string): Promise<void> {
  await expectText(page.locator('.page-detail [data-testid="state-badge"]'), label);
}

export async function openRequest(page: Page, baseUrl: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}/#/requests/${id}`);
  await page.getByTestId('request-reference').waitFor();
}

/** Follows the "New request" link and returns the new-request form once it shows. */
export async function openNewRequestForm(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'New request' }).first().click();
  const form = page.getByTestId('new-request-form');
  await form.waitFor();
  return form;
}

/** Clicks an action button in the actions panel; returns the dialog's form. */
export async function openAction(page: Page, label: string): Promise<Locator> {
  await page.getByTestId('actions-panel').getByRole('button', { name: label, exact: true }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  return dialog;
}

/** Submits the open action dialog and waits for it to close. */
export async function submitAction(dialog: Locator): Promise<void> {
  await dialog.getByTestId('action-submit').click();
  await dialog.waitFor({ state: 'detached' });
}

/** Takes the step `label` on the request open in `page`: fills its dialog's fields by label (as fillByLabel), submits it and waits until the request is in `state`. */
export async function takeStep(page: Page, label: string, fields: Record<string, string>, state: string): Promise<void> {
  const dialog = await openAction(page, label);
  await fillByLabel(dialog, fields);
  await submitAction(dialog);
  await expectStateBadge(page, state);
}

/** Today's date where a step is decided (a US supplier's "today" is New York's, which for hours each night is a day behind UTC's). */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function isoDateFromToday(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function requestIdFromUrl(page: Page): string {
  const m = /#\/requests\/([^/?]+)/.exec(page.url());
  if (!m?.[1] || m[1] === 'new') throw new Error(`not on a request page: ${page.url()}`);
  return decodeURIComponent(m[1]);
}
