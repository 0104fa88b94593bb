import type { Role } from '../../domain/workflows/workflow-definition.js';
import type { Actor } from '../../domain/access/actor.js';
import { stateLabel } from '../../domain/workflows/workflow-engine.js';
import { listSubscribers } from '../code-of-conduct/list-subscribers.js';
import { assertKeepsRegistry } from '../code-of-conduct/subscription-view.js';
import type { AppContext } from '../context.js';
import { listPostings } from '../liaison/list-postings.js';
import { unreadCount } from '../notifications/notifications.js';
import { listLogisticsOrders } from '../partnership/logistics/list-logistics-orders.js';
import { logisticsBalances } from '../partnership/logistics/logistics-balances.js';
import { listActionItems } from '../partnership/working-groups/list-action-items.js';
import { listPrograms } from '../programs/list-programs.js';
import { requestReader } from '../requests/list-requests.js';
import { countOpenRequestsByState, countOverdueRequests, listOverdueDeadlineRows } from '../../store/requests.repository.js';
import { listSpaRequests } from '../spa/list-spa-requests.js';

/**
 * The partnership dashboard (issue #5): counts and overdue items of every register, for the
 * officials of a nation. Each figure is computed through the same query or use case as the
 * register's list route, with the same roles, so a user never counts a record it could not list
 * (DESIGN.md, sovereignty rule): a section the user may not list is null, not zero.
 */

/** Who sees the dashboard: the officials of a nation (a company has its own desk). */
export const DASHBOARD_ROLES: readonly Role[] = ['sosa_officer', 'auditor', 'program_determination', 'rating_authority', 'admin', 'analyst'];

/** The roles of each register's list route (kept equal to the routes' access; the access matrix checks it). */
const LEDGER_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const POSTING_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const PROGRAM_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const COC_READERS: readonly Role[] = ['sosa_officer', 'auditor', 'admin'];
const SPA_READERS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority', 'auditor'];

const ENDING_WITHIN_DAYS = 60;
const OVERDUE_LIST_LIMIT = 20;

const holds = (actor: Actor, roles: readonly Role[]) => roles.some((r) => actor.roles.includes(r));

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export interface OverdueEntry {
  kind: 'deadline' | 'action_item' | 'settlement';
  /** The register page to open (a web route). */
  link: string;
  reference: string;
  title: string;
  detail: string;
  dueAt: string;
}

async function requestFigures(ctx: AppContext, actor: Actor) {
  const workflows = await ctx.workflows.all();
  const terminal = [...new Set(workflows.flatMap((w) => w.states.filter((s) => s.terminal).map((s) => s.id)))];
  const label = (state: string) => {
    const def = workflows.find((w) => w.states.some((s) => s.id === state));
    return def ? stateLabel(def, state) : state;
  };
  const db = ctx.store.db;
  const reader = requestReader(actor);
  const rows = await countOpenRequestsByState(db, reader, terminal);
  const byState = rows
    .map((r) => ({ state: r.state, label: label(r.state), total: Number(r.n), incoming: Number(r.incoming), outgoing: Number(r.outgoing) }))
    .sort((a, b) => b.total - a.total || a.state.localeCompare(b.state));
  const overdueCount = await countOverdueRequests(db, reader);
  // The overdue deadlines themselves: running, marked overdue by the scheduler, of visible requests.
  const deadlines = await listOverdueDeadlineRows(db, reader, OVERDUE_LIST_LIMIT);
  return {
    open: { total: byState.reduce((n, s) => n + s.total, 0), incoming: byState.reduce((n, s) => n + s.incoming, 0), outgoing: byState.reduce((n, s) => n + s.outgoing, 0), byState },
    overdue: overdueCount,
    overdueDeadlines: deadlines.map(
      (d): OverdueEntry => ({ kind: 'deadline', link: `#/requests/${d.id}`, reference: d.reference, title: d.title, detail: `${d.label} (${d.nation})`, dueAt: d.due_at.toISOString() }),
    ),
  };
}

async function actionItemFigures(ctx: AppContext, actor: Actor) {
  const items = await listActionItems(ctx, actor, {});
  const overdue = items.filter((i) => i.overdue);
  return {
    open: items.filter((i) => i.status === 'open').length,
    overdue: overdue.length,
    escalated: items.filter((i) => i.status === 'open' && i.escalatedAt !== null).length,
    byStatus: countBy(items, (i) => i.status),
    overdueItems: overdue.slice(0, OVERDUE_LIST_LIMIT).map(
      (i): OverdueEntry => ({ kind: 'action_item', link: `#/working-groups/${i.groupId}`, reference: i.groupName ?? '', title: i.title, detail: `${i.ownerName ?? ''} (${i.ownerNation})${i.escalatedAt ? ', escalated' : ''}`, dueAt: i.dueAt }),
    ),
  };
}

async function logisticsFigures(ctx: AppContext, actor: Actor) {
  const [open, balances] = await Promise.all([listLogisticsOrders(ctx, actor, { status: 'open' }), logisticsBalances(ctx, actor)]);
  return {
    openOrders: open.length,
    /** Open amounts per currency and direction (who owes whom). */
    balances: balances.gross,
    net: balances.net,
    overdue: balances.overdue.length,
    overdueSettlements: balances.overdue.slice(0, OVERDUE_LIST_LIMIT).map(
      (o): OverdueEntry => ({ kind: 'settlement', link: '#/logistics', reference: o.reference, title: o.description, detail: `${o.open} ${o.currency} open, ${o.receivingNation} owes ${o.supplyingNation}`, dueAt: `${o.settleBy}T00:00:00.000Z` }),
    ),
  };
}

async function liaisonFigures(ctx: AppContext, actor: Actor) {
  const [active, ending] = await Promise.all([
    listPostings(ctx, { actor, filter: { status: 'active' } }),
    listPostings(ctx, { actor, filter: { endingWithinDays: ENDING_WITHIN_DAYS } }),
  ]);
  return {
    active: active.items.length,
    endingWithinDays: ENDING_WITHIN_DAYS,
    ending: ending.items.length,
    endingSoon: ending.items
      .sort((a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? ''))
      .slice(0, 5)
      .map((p) => ({ id: p.id, officer: `${p.officer.rank} ${p.officer.name}`.trim(), hostCommand: p.hostCommand, endDate: p.endDate, daysToEnd: p.daysToEnd })),
  };
}

async function keepsRegistry(ctx: AppContext, nation: string): Promise<boolean> {
  try {
    await assertKeepsRegistry(ctx.store.db, nation);
    return true;
  } catch {
    return false;
  }
}

async function codeOfConductFigures(ctx: AppContext, actor: Actor) {
  const subscribers = await listSubscribers(ctx, { actor, filter: {} });
  return { total: subscribers.length, byStatus: countBy(subscribers, (s) => s.status) };
}

async function programFigures(ctx: AppContext, actor: Actor) {
  const programs = await listPrograms(ctx, { actor, filter: {} });
  return {
    total: programs.length,
    byStatus: countBy(programs, (p) => p.status),
    nextMilestones: programs
      .filter((p) => p.nextMilestone && p.status !== 'completed' && p.status !== 'cancelled')
      .map((p) => ({ programId: p.id, program: p.name, title: p.nextMilestone!.title, dueOn: p.nextMilestone!.dueOn, status: p.nextMilestone!.status }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .slice(0, 5),
  };
}

async function spaFigures(ctx: AppContext, actor: Actor) {
  const items = await listSpaRequests(ctx, { actor });
  return { total: items.length, byStatus: countBy(items, (i) => i.status) };
}

export async function partnershipDashboard(ctx: AppContext, actor: Actor) {
  const [requests, actionItems, logistics, liaison, codeOfConduct, programs, spa, unread] = await Promise.all([
    requestFigures(ctx, actor),
    actionItemFigures(ctx, actor),
    holds(actor, LEDGER_READERS) ? logisticsFigures(ctx, actor) : null,
    holds(actor, POSTING_READERS) ? liaisonFigures(ctx, actor) : null,
    // A nation's Code of Conduct registry is its own: counted only for the nation that keeps one.
    holds(actor, COC_READERS) && (await keepsRegistry(ctx, actor.nation)) ? codeOfConductFigures(ctx, actor) : null,
    holds(actor, PROGRAM_READERS) ? programFigures(ctx, actor) : null,
    holds(actor, SPA_READERS) ? spaFigures(ctx, actor) : null,
    unreadCount(ctx, actor),
  ]);
  const overdue = [...requests.overdueDeadlines, ...actionItems.overdueItems, ...(logistics?.overdueSettlements ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return {
    nation: actor.nation,
    generatedAt: ctx.now().toISOString(),
    requests: { open: requests.open, overdue: requests.overdue },
    actionItems: { open: actionItems.open, overdue: actionItems.overdue, escalated: actionItems.escalated, byStatus: actionItems.byStatus },
    logistics: logistics && { openOrders: logistics.openOrders, balances: logistics.balances, net: logistics.net, overdue: logistics.overdue },
    liaison,
    codeOfConduct,
    programs,
    spa,
    notifications: { unread },
    /** Everything past due, oldest first: request deadlines, action items, settlements. */
    overdue,
  };
}

export type PartnershipDashboard = Awaited<ReturnType<typeof partnershipDashboard>>;
