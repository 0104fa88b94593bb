// The partnership dashboard (GET /dashboard): counts of every register the user may list.
import { request } from './client.js';

export interface DashboardOverdue {
  kind: 'deadline' | 'action_item' | 'settlement';
  /** The web route of the register entry, e.g. "#/requests/…". */
  link: string;
  reference: string;
  title: string;
  detail: string;
  dueAt: string;
}

export interface Dashboard {
  nation: string;
  generatedAt: string;
  requests: {
    open: { total: number; incoming: number; outgoing: number; byState: Array<{ state: string; label: string; total: number; incoming: number; outgoing: number }> };
    overdue: number;
  };
  actionItems: { open: number; overdue: number; escalated: number; byStatus: Record<string, number> };
  /** null: the user may not read the ledger (and so on for each section). */
  logistics: { openOrders: number; balances: Array<{ owedBy: string; owedTo: string; currency: string; amount: string; openMinor: number }>; overdue: number } | null;
  liaison: { active: number; endingWithinDays: number; ending: number; endingSoon: Array<{ id: string; officer: string; hostCommand: string; endDate: string | null; daysToEnd: number | null }> } | null;
  codeOfConduct: { total: number; byStatus: Record<string, number> } | null;
  programs: { total: number; byStatus: Record<string, number>; nextMilestones: Array<{ programId: string; program: string; title: string; dueOn: string; status: string }> } | null;
  spa: { total: number; byStatus: Record<string, number> } | null;
  notifications: { unread: number };
  overdue: DashboardOverdue[];
}

export const dashboardApi = {
  get: () => request<Dashboard>('GET', '/dashboard'),
};

/** Who has a dashboard: a nation's officials (a company has its own desk). */
export const DASHBOARD_ROLES = ['sosa_officer', 'auditor', 'program_determination', 'rating_authority', 'admin', 'analyst'] as const;
