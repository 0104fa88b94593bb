import type { OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_ROLES, partnershipDashboard } from '../../services/dashboard/partnership-dashboard.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { dashboardSchema } from './dashboard.schema.js';

/** The partnership dashboard (issue #5): a nation's officials' counts, overdue items and chart data. */
export function dashboardRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['dashboard']);
  route({
    method: 'get', path: '/dashboard', access: DASHBOARD_ROLES,
    summary: "Counts and overdue items of every register the caller may list (requests, action items, logistics, liaison, Code of Conduct, programs, SPA, notifications); a section the caller may not list is null",
    ok: [200, 'The dashboard', dashboardSchema],
  }, async (c, user) => c.json(await partnershipDashboard(c.get('ctx'), user)));
}
