import { before } from 'node:test';
import type { TestApp } from './test-app.js';
import { useTestApp } from './use-test-app.js';

/** The supplier order desk a suite works at, and the tokens of its two supplier users. */
export interface OrderDesk {
  t: TestApp;
  /** Lynn Turbine (us.supplier), whose company's desk the suites mostly work at. */
  lynn: string;
  /** Ohio Castings (us.supplier2), the other company: what it may not see of Lynn's desk. */
  ohio: string;
}

/**
 * The order desk on Monday 2026-11-23, 09:00 in New York (dpas-sosa.md §11 scenario 1's day of
 * receipt), for the enclosing `describe`: one test app, and both suppliers logged in before the
 * suite's own set-up. A suite that logs in again (after moving the clock) sets the token here.
 */
export function useOrderDesk(): OrderDesk {
  const desk: OrderDesk = { t: useTestApp({ now: '2026-11-23T14:00:00Z' }), lynn: '', ohio: '' };
  before(async () => {
    desk.lynn = await desk.t.login('us.supplier');
    desk.ohio = await desk.t.login('us.supplier2');
  });
  return desk;
}
