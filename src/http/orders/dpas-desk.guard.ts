import type { OpenAPIHono } from '@hono/zod-openapi';
import { assertDpasCompany } from '../../services/orders/dpas-company.js';
import type { HttpEnv } from '../http-env.js';

/**
 * The routes of the DPAS order desk (the book, its lines, the 700.14 schedule, 700.15 flow-down).
 * One guard in front of them all, so a desk route added later is covered too. SPA requests are
 * not here: 15 CFR 700.58 lets a foreign person file a BIS-999.
 */
export const DPAS_DESK_PATHS = ['/resources', '/rated-orders/*', '/schedules/*', '/sub-orders'] as const;

/** Mount before the desk routes: a company user of a nation that does not answer under DPAS gets 403. */
export function dpasDeskGuard(app: OpenAPIHono<HttpEnv>): void {
  for (const path of DPAS_DESK_PATHS) {
    app.use(path, async (c, next) => {
      const user = c.get('user');
      // Anonymous callers and officials fall through to the route's own 401/403 (auditors read flow-down trees).
      if (user) await assertDpasCompany(c.get('ctx').store.db, user);
      await next();
    });
  }
}
