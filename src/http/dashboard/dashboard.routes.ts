import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { DASHBOARD_ROLES, partnershipDashboard } from '../../services/dashboard/partnership-dashboard.js';
import type { HttpEnv } from '../http-env.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { dashboardSchema } from './dashboard.schema.js';

/** The partnership dashboard (issue #5): a nation's officials' counts, overdue items and chart data. */
export function dashboardRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags: ['dashboard'],
      summary: "Counts and overdue items of every register the caller may list (requests, action items, logistics, liaison, Code of Conduct, programs, SPA, notifications); a section the caller may not list is null",
      responses: { 200: jsonResponse('The dashboard', dashboardSchema) },
    }),
    DASHBOARD_ROLES,
    async (c, user) => c.json(await partnershipDashboard(c.get('ctx'), user)),
  );
}
