import { after, before } from 'node:test';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * One test app for the enclosing `describe`: opened in a `before` hook and closed in an `after`
 * hook registered here, so a suite states only what it tests. The handle it returns forwards to
 * the app once the hook has opened it; calling `useTestApp` first in the `describe` makes its
 * `before` run ahead of the suite's own set-up, which may then use the app. `setUp`, when given,
 * runs on the new app in the same hook (e.g. `addThirdNations`).
 */
export function useTestApp(options: Parameters<typeof createTestApp>[0] = {}, setUp?: (t: TestApp) => Promise<unknown>): TestApp {
  let opened: TestApp | undefined;
  before(async () => {
    opened = await createTestApp(options);
    await setUp?.(opened);
  });
  after(() => opened?.close());
  return forwardingTestApp(() => {
    if (!opened) throw new Error('the test app is opened in the suite’s before hook: use it inside hooks and tests');
    return opened;
  });
}

/** A TestApp that forwards every use to `current()`: a handle a suite holds before its hook opens the app. */
export function forwardingTestApp(current: () => TestApp): TestApp {
  return {
    get app() {
      return current().app;
    },
    get ctx() {
      return current().ctx;
    },
    get clock() {
      return current().clock;
    },
    login: (username) => current().login(username),
    call: (...args) => current().call(...args),
    api: (token) => current().api(token),
    close: () => current().close(),
  };
}
