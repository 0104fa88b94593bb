// The partnership dashboard (GET /dashboard): counts of every register the user may list.
import { call, client } from './client.js';
import type { Schema } from './contract.js';

export type Dashboard = Schema<'Dashboard'>;
export type DashboardOverdue = Dashboard['overdue'][number];

export const dashboardApi = {
  get: () => call(client.GET('/dashboard')),
};

/** Who has a dashboard: a nation's officials (a company has its own desk). */
export const DASHBOARD_ROLES = ['sosa_officer', 'auditor', 'program_determination', 'rating_authority', 'admin', 'analyst'] as const;
